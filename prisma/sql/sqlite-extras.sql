-- Catalogue search (src/persistence/prisma-catalogue-repository.ts): an FTS5 trigram index
-- over Record.searchText, which is already folded (lower case, no accents, final sigma), so a
-- word of three or more letters is found anywhere in a title, author or ISBN through the index
-- instead of a LIKE scan of every record. External content: the text lives once, in Record;
-- the triggers keep the index in step with every insert, update and delete.
CREATE VIRTUAL TABLE "RecordSearch" USING fts5("searchText", content='Record', content_rowid='id', tokenize='trigram');

CREATE TRIGGER "Record_search_insert" AFTER INSERT ON "Record" BEGIN
  INSERT INTO "RecordSearch"(rowid, "searchText") VALUES (new."id", new."searchText");
END;

CREATE TRIGGER "Record_search_delete" AFTER DELETE ON "Record" BEGIN
  INSERT INTO "RecordSearch"("RecordSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
END;

CREATE TRIGGER "Record_search_update" AFTER UPDATE OF "searchText" ON "Record" BEGIN
  INSERT INTO "RecordSearch"("RecordSearch", rowid, "searchText") VALUES ('delete', old."id", old."searchText");
  INSERT INTO "RecordSearch"(rowid, "searchText") VALUES (new."id", new."searchText");
END;
