import { runImportCommand } from '../imports/import-command';
import { LibraryConfigError, loadLibraries } from '../libraries/load-libraries';
import { databaseUrl } from '../persistence/database-url';
import { KeyedPinHasher } from '../persistence/keyed-pin-hasher';
import { pinKeysFromEnv } from '../persistence/pin-keys-from-env';
import { createPrismaClient } from '../persistence/prisma-client';

let libraries: ReturnType<typeof loadLibraries>;
try {
  libraries = loadLibraries();
} catch (error) {
  // A wrong library file: its problems, one per line, as the server prints them.
  if (!(error instanceof LibraryConfigError)) throw error;
  process.stderr.write(`${error.problems.join('\n')}\n`);
  process.exit(1);
}

const db = await createPrismaClient();
try {
  process.exitCode = await runImportCommand({
    db,
    // The library file's holdings mapping and branch codes (Koha's 952 and the branch ids unless set).
    catalogueSettings: (libraryId) => {
      const library = libraries.get(libraryId);
      if (!library) return undefined;
      return {
        ...(library.catalogue?.holdings ? { holdings: library.catalogue.holdings } : {}),
        branches: Object.entries(library.ilsCodes).map(([id, ilsCode]) => ({ id, ilsCode })),
      };
    },
    // The server's key (PIN_PEPPER, or the key file beside the database): a PIN imported here verifies at sign-in.
    pinHasher: () => new KeyedPinHasher(pinKeysFromEnv(databaseUrl())),
  }, process.argv.slice(2), {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    progress: process.stderr,
  });
} finally {
  await db.$disconnect();
}
