import { runImportCommand } from '../imports/import-command';
import { databaseUrl } from '../persistence/database-url';
import { KeyedPinHasher } from '../persistence/keyed-pin-hasher';
import { pinKeysFromEnv } from '../persistence/pin-keys-from-env';
import { createPrismaClient } from '../persistence/prisma-client';

const db = await createPrismaClient();
try {
  process.exitCode = await runImportCommand({
    db,
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
