import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { PinHasher } from '../domain/ports/pin-hasher';
import type { Db } from '../persistence/prisma-client';
import { importCatalogueFile } from './catalogue-import';
import type { BranchCode } from './catalogue-writer';
import type { HoldingsMapping } from './marc-mapping';
import { importPatrons } from './patron-import';
import { progressReporter, type ProgressSink } from './progress';

/**
 * The library's own records into the bot. An operator's tool, in English like the server's logs
 * and `npm run staff`:
 *
 *   npm run --silent import -- catalogue --library ozd export.mrc      (or .xml: MARCXML)
 *   npm run --silent import -- patrons --library ozd readers.csv
 */
export const USAGE = `usage: import catalogue --library ID FILE.mrc|FILE.xml [--format iso2709|marcxml]
       import patrons --library ID FILE.csv   (columns: card_number,name,phone,language,category,expiry,blocked,pin)`;

export interface ImportCommandIo {
  out(line: string): void;
  err(line: string): void;
  /** Where progress goes: a bar on a terminal, a line now and then otherwise. */
  progress: ProgressSink;
}

export interface ImportDeps {
  db: Db;
  pinHasher: () => PinHasher;
  /** The library file's settings once it is read (issue 19): the holdings mapping and the branches' ILS codes. */
  catalogueSettings?: (libraryId: string) => { holdings?: HoldingsMapping; branches?: BranchCode[] } | undefined;
}

/** Exit code: 0 done (bad records or rows are reported, not fatal), 1 refused, 2 usage. */
export async function runImportCommand(deps: ImportDeps, argv: readonly string[], io: ImportCommandIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], allowPositionals: true, options: { library: { type: 'string' }, format: { type: 'string' } } });
  } catch (error) {
    io.err(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    return 2;
  }
  const [command, file, ...extra] = parsed.positionals;
  const libraryId = parsed.values.library;
  const format = parsed.values.format;
  if (!libraryId || !file || extra.length > 0 || (command !== 'catalogue' && command !== 'patrons') || (format && format !== 'iso2709' && format !== 'marcxml')) {
    io.err(USAGE);
    return 2;
  }
  try {
    if (command === 'catalogue') {
      const progress = progressReporter(`importing ${file}`, io.progress);
      const settings = deps.catalogueSettings?.(libraryId);
      const s = await importCatalogueFile(deps.db, file, {
        libraryId, ...(settings?.holdings ? { holdings: settings.holdings } : {}), ...(settings?.branches ? { branches: settings.branches } : {}),
        ...(format ? { format: format as 'iso2709' | 'marcxml' } : {}), onProgress: (p) => progress.update(p),
      });
      progress.done();
      for (const r of s.skipped) io.err(`record ${r.record} (byte ${r.byteOffset}): skipped: ${r.reason}`);
      for (const [code, n] of Object.entries(s.unknownBranches)) io.err(`branch code "${code}" matches no branch of ${libraryId}: ${n} ${n === 1 ? 'copy' : 'copies'} left out`);
      io.out(`${libraryId}: ${s.read} records read: ${s.recordsCreated} new, ${s.recordsUpdated} updated, ${s.recordsUnchanged} unchanged, ${s.skipped.length} skipped; `
        + `copies: ${s.copiesCreated} new, ${s.copiesUpdated} updated, ${s.copiesDeleted} removed, ${s.copiesWithdrawn} withdrawn (still on an order)`);
      return 0;
    }
    const s = await importPatrons(deps.db, libraryId, await readFile(file, 'utf8'), deps.pinHasher());
    for (const b of s.bad) io.err(`line ${b.line}: skipped: ${b.reason}`);
    io.out(`${libraryId}: ${s.rows} rows: ${s.created} new patrons, ${s.updated} updated, ${s.bad.length} skipped`);
    return 0;
  } catch (error) {
    io.err(`import ${command}: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  }
}
