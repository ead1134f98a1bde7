import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import { createPrismaClient } from '../persistence/prisma-client';
import { runStaffCommand } from './staff-accounts';

/** The first line of standard input; asked for without echo when it is a terminal. */
function readPassword(): Promise<string | undefined> {
  if (process.env.STAFF_PASSWORD !== undefined) return Promise.resolve(process.env.STAFF_PASSWORD);
  const tty = process.stdin.isTTY === true;
  if (tty) process.stderr.write('password (not shown): ');
  const silent = new Writable({ write: (_chunk, _enc, done) => done() });
  const lines = createInterface({ input: process.stdin, output: tty ? silent : undefined, terminal: tty });
  return new Promise((resolve) => {
    let answered = false;
    lines.once('line', (line) => { answered = true; lines.close(); if (tty) process.stderr.write('\n'); resolve(line); });
    lines.once('close', () => { if (!answered) resolve(undefined); });
  });
}

const db = await createPrismaClient();
try {
  process.exitCode = await runStaffCommand(db, process.argv.slice(2), {
    password: readPassword,
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
  });
} finally {
  await db.$disconnect();
}
