import type { AttemptScope, RecordedAttempt, SignInAttempts, SignInSource, SourceAttempts } from '../domain/ports/sign-in-attempts';
import type { SourceAttempt } from '../domain/rules/sign-in-rate-limit';
import { sqlBool, sqlDate, sqlInt, type DirectSql, type DirectSqlTransaction } from './direct-sql';
import { directSqlOf, providerOf, type Db } from './prisma-client';

/** More than any window's maxFailures (100): the rules never need more of either kind. */
const NEWEST = 128;
const KINDS: readonly SignInSource['kind'][] = ['phone', 'address', 'user', 'username', 'card', 'pair'];
const ATTEMPT = { id: true, at: true, pending: true } as const;
/** First key of the advisory locks taken here, apart from the job runner's (prisma-job-store.ts). */
const ATTEMPT_LOCK_CLASS = 8_008;

type Reader = Pick<Db, 'signInAttempt'>;

export class PrismaSignInAttempts implements SignInAttempts {
  // Every sign-in records, reads and settles its attempt: those statements skip Prisma's query
  // compiler (direct-sql.ts); the staff pages' reads keep Prisma's typed queries.
  private readonly sql: DirectSql;

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async begin(scope: AttemptScope, source: SignInSource, at: Date, since: Date): Promise<{ id: number; seen: RecordedAttempt[] }> {
    const key = sourceKey(source);
    // SQLite has one writer, so ids are committed in order and the read sees every smaller one.
    // The insert is committed before the read, in a transaction of its own: under the driver
    // adapter's lock, so that it never joins another turn's open transaction.
    if (providerOf(this.db) === 'sqlite') {
      const [row] = await this.sql.transaction((tx) => tx.query(
        'INSERT INTO "SignInAttempt" ("scope", "libraryId", "source", "at", "pending") VALUES (?, ?, ?, ?, ?) RETURNING "id"',
        [scope.scope, scope.libraryId, key, at, true]));
      return { id: sqlInt(row!.id), seen: await readDirect(this.sql, scope, key, since) };
    }
    const insertAndRead = async (tx: Reader) => {
      const { id } = await tx.signInAttempt.create({ data: { ...scope, source: key, at }, select: { id: true } });
      return { id, seen: await read(tx, scope, key, since) };
    };
    // PostgreSQL hands out ids before commit: a smaller id could still be invisible. Attempts of
    // one source insert and read one at a time, under a lock the transaction's end releases.
    return this.db.$transaction(async (tx) => {
      await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::int, $2::int)', ATTEMPT_LOCK_CLASS, lockKey(`${scope.scope}|${scope.libraryId}|${key}`));
      return insertAndRead(tx);
    });
  }

  async recent(scope: AttemptScope, source: SignInSource, since: Date): Promise<RecordedAttempt[]> {
    return readDirect(this.sql, scope, sourceKey(source), since);
  }

  async fail(id: number): Promise<void> {
    await this.sql.execute('UPDATE "SignInAttempt" SET "pending" = ? WHERE "id" = ?', [false, id]);
  }

  async forget(id: number): Promise<void> {
    await this.sql.execute('DELETE FROM "SignInAttempt" WHERE "id" = ?', [id]);
  }

  async sources(scope: AttemptScope, since: Date): Promise<SourceAttempts[]> {
    const rows = await this.db.signInAttempt.findMany({ where: { ...scope, at: { gte: since } }, select: { source: true, at: true, pending: true }, orderBy: { at: 'desc' }, take: 5000 });
    const bySource = new Map<string, SourceAttempt[]>();
    for (const { source, ...attempt } of rows) bySource.set(source, [...(bySource.get(source) ?? []), attempt]);
    return [...bySource].flatMap(([key, attempts]) => {
      const source = parseSourceKey(key);
      return source ? [{ source, attempts }] : [];
    });
  }

  async clear(scope: AttemptScope, source: SignInSource): Promise<number> {
    return (await this.db.signInAttempt.deleteMany({ where: { ...scope, source: sourceKey(source) } })).count;
  }

  async clearAccountPairs(scope: AttemptScope, account: SignInSource): Promise<number> {
    return (await this.db.signInAttempt.deleteMany({ where: { ...scope, source: { startsWith: `pair:${sourceKey(account)}|` } } })).count;
  }

  async purge(before: Date): Promise<number> {
    return this.sql.execute('DELETE FROM "SignInAttempt" WHERE "at" < ?', [before]);
  }
}

/**
 * The oldest pending attempts (they are ahead of the rest), then the newest failures (they fill
 * windows). In that order, one after the other: an attempt that fails between the two reads is
 * seen in one of them at least (pending, then failed), never in neither.
 */
async function read(db: Reader, scope: AttemptScope, source: string, since: Date): Promise<RecordedAttempt[]> {
  const where = { ...scope, source, at: { gte: since } };
  const pending = await db.signInAttempt.findMany({ where: { ...where, pending: true }, select: ATTEMPT, orderBy: { id: 'asc' }, take: NEWEST });
  const failed = await db.signInAttempt.findMany({ where: { ...where, pending: false }, select: ATTEMPT, orderBy: { at: 'desc' }, take: NEWEST });
  const byId = new Map(pending.map((a) => [a.id, a]));
  for (const a of failed) byId.set(a.id, a);
  return [...byId.values()];
}

/** `read`, as one statement past Prisma's query compiler: the same rows in the same order. */
async function readDirect(sql: Pick<DirectSqlTransaction, 'query'>, scope: AttemptScope, source: string, since: Date): Promise<RecordedAttempt[]> {
  const where = '"scope" = ? AND "libraryId" = ? AND "source" = ? AND "at" >= ? AND "pending" = ?';
  const args = [scope.scope, scope.libraryId, source, since];
  const [failed, pending] = await Promise.all([
    sql.query(`SELECT "id", "at", "pending" FROM "SignInAttempt" WHERE ${where} ORDER BY "at" DESC LIMIT ${NEWEST}`, [...args, false]),
    sql.query(`SELECT "id", "at", "pending" FROM "SignInAttempt" WHERE ${where} ORDER BY "id" ASC LIMIT ${NEWEST}`, [...args, true]),
  ]);
  return [...failed, ...pending].map((r) => ({ id: sqlInt(r.id), at: sqlDate(r.at), pending: sqlBool(r.pending) }));
}

export const sourceKey = (source: SignInSource): string => `${source.kind}:${source.id}`;

export function parseSourceKey(key: string): SignInSource | undefined {
  const colon = key.indexOf(':');
  const kind = key.slice(0, colon) as SignInSource['kind'];
  return colon > 0 && KINDS.includes(kind) ? { kind, id: key.slice(colon + 1) } : undefined;
}

/** A stable 32-bit key (FNV-1a), the second half of the advisory lock's key. */
function lockKey(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of Buffer.from(text, 'utf8')) hash = Math.imul(hash ^ byte, 0x01000193);
  return hash | 0;
}
