import { parseArgs } from 'node:util';
import type { Db } from '../persistence/prisma-client';
import { staffPasswordHasher } from '../persistence/scrypt-pin-hasher';

/**
 * Staff accounts for the people who run a library's queue. Without this the demo seed was the only
 * way in. An operator's tool, in English like the server's logs; the password never goes on the
 * command line (where `ps` and shell history would keep it): it comes from STAFF_PASSWORD or the
 * first line of standard input.
 *
 *   npm run --silent staff -- list [--library ozd]
 *   STAFF_PASSWORD=… npm run --silent staff -- add --library ozd --username kiss.eva --name "Kiss Éva"
 *   npm run --silent staff -- password --username kiss.eva   < file-with-the-new-password
 *   npm run --silent staff -- deactivate --username kiss.eva
 */
export const USAGE = `usage: staff list [--library ID]
       staff add --library ID --username NAME --name "Full Name"   (password: STAFF_PASSWORD or stdin)
       staff password --username NAME                              (new password: STAFF_PASSWORD or stdin)
       staff deactivate --username NAME
       staff activate --username NAME`;

/** Logins lower-case what is typed, so usernames are stored lower case. */
const USERNAME = /^[a-z0-9][a-z0-9._-]{2,63}$/;
/** NIST SP 800-63B: length, not composition rules; 12 because a staff password opens every patron's data. */
export const MIN_PASSWORD_LENGTH = 12;
const MAX_PASSWORD_LENGTH = 256;

export interface StaffCommandIo {
  /** Reads the password when a command needs one; undefined when none was given. */
  password(): Promise<string | undefined>;
  out(line: string): void;
  err(line: string): void;
}

export interface StaffCommandOptions {
  /** scrypt N; tests pass a small one. */
  hashCost?: number;
}

/** Runs one command; the process exit code (0 done, 1 refused, 2 usage). */
export async function runStaffCommand(db: Db, argv: string[], io: StaffCommandIo, options: StaffCommandOptions = {}): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, allowPositionals: true, strict: true, options: { library: { type: 'string' }, username: { type: 'string' }, name: { type: 'string' } } });
  } catch (error) {
    io.err(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  const [command, ...extra] = parsed.positionals;
  const { library, name } = parsed.values;
  const username = parsed.values.username?.trim().toLowerCase();
  if (extra.length > 0) { io.err(USAGE); return 2; }
  const hasher = staffPasswordHasher(options.hashCost);

  const readPassword = async (): Promise<string | undefined> => {
    const password = (await io.password())?.replace(/\r?\n$/, '');
    if (!password) { io.err('no password: set STAFF_PASSWORD or give it on the first line of standard input'); return undefined; }
    if ([...password].length < MIN_PASSWORD_LENGTH) { io.err(`the password must have at least ${MIN_PASSWORD_LENGTH} characters`); return undefined; }
    if (password.length > MAX_PASSWORD_LENGTH) { io.err(`the password must have at most ${MAX_PASSWORD_LENGTH} characters`); return undefined; }
    if (username && password.toLowerCase().includes(username)) { io.err('the password must not contain the username'); return undefined; }
    return password;
  };
  const account = async () => {
    if (!username) { io.err(`--username is required\n${USAGE}`); return undefined; }
    const found = await db.staffUser.findUnique({ where: { username } });
    if (!found) io.err(`no staff account "${username}"`);
    return found ?? undefined;
  };

  switch (command) {
    case 'list': {
      const rows = await db.staffUser.findMany({ where: library ? { libraryId: library } : {}, orderBy: [{ libraryId: 'asc' }, { username: 'asc' }] });
      for (const r of rows) io.out(`${r.libraryId}\t${r.username}\t${r.active ? 'active' : 'inactive'}\t${r.name}`);
      return 0;
    }
    case 'add': {
      if (!library || !username || !name?.trim()) { io.err(`--library, --username and --name are required\n${USAGE}`); return 2; }
      if (!USERNAME.test(username)) { io.err('the username must be 3 to 64 of a-z, 0-9, ".", "_" or "-", starting with a letter or digit'); return 1; }
      if (!(await db.library.findUnique({ where: { id: library } }))) {
        const known = (await db.library.findMany({ select: { id: true }, orderBy: { id: 'asc' } })).map((l) => l.id);
        io.err(`no library "${library}" (known: ${known.join(', ')})`);
        return 1;
      }
      if (await db.staffUser.findUnique({ where: { username } })) { io.err(`the username "${username}" is taken`); return 1; }
      const password = await readPassword();
      if (!password) return 1;
      await db.staffUser.create({ data: { libraryId: library, username, name: name.trim(), passwordHash: await hasher.hash(password) } });
      io.out(`added ${username} (${library})`);
      return 0;
    }
    case 'password': {
      const found = await account();
      if (!found) return 1;
      const password = await readPassword();
      if (!password) return 1;
      // A reset is often because the old one leaked: its sessions end with it.
      await db.$transaction([
        db.staffUser.update({ where: { id: found.id }, data: { passwordHash: await hasher.hash(password) } }),
        db.staffSession.deleteMany({ where: { staffId: found.id } }),
      ]);
      io.out(`password changed for ${found.username}; its sessions are ended`);
      return 0;
    }
    case 'deactivate':
    case 'activate': {
      const found = await account();
      if (!found) return 1;
      const active = command === 'activate';
      await db.$transaction([
        db.staffUser.update({ where: { id: found.id }, data: { active } }),
        ...(active ? [] : [db.staffSession.deleteMany({ where: { staffId: found.id } })]),
      ]);
      io.out(`${found.username} is ${active ? 'active' : 'inactive; its sessions are ended'}`);
      return 0;
    }
    default:
      io.err(USAGE);
      return 2;
  }
}
