-- Catalogue search (src/persistence/prisma-catalogue-repository.ts): a trigram index makes
-- `"searchText" LIKE '%word%'` an index lookup instead of a scan of every record.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE INDEX "Record_searchText_trgm_idx" ON "Record" USING GIN ("searchText" gin_trgm_ops);
