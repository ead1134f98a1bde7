import type { AttemptScope, RecordedAttempt, SignInAttempts, SignInSource, SourceAttempts } from '../domain/ports/sign-in-attempts';
import type { SourceAttempt } from '../domain/rules/sign-in-rate-limit';
import { sqlBool, sqlDate, sqlInt, type DirectSql, type DirectSqlTransaction } from './direct-sql';
import { directSqlOf, providerOf, type Db } from './prisma-client';

/** More than any window's maxFailures (100): the rules never need more of either kind. */
const NEWEST = 128;
const KINDS: readonly SignInSource['kind'][] = ['phone', 'address', 'user', 'username', 'card', 'pair'];
/** First key of the advisory locks taken here, apart from the job runner's (prisma-job-store.ts). */
const ATTEMPT_LOCK_CLASS = 8_008;

export class PrismaSignInAttempts implements SignInAttempts {
  // Every sign-in records, reads and settles its attempt: those statements skip Prisma's query
  // compiler (direct-sql.ts); the staff pages' reads keep Prisma's typed queries.
  private readonly sql: DirectSql;

  constructor(private readonly db: Db) {
    this.sql = directSqlOf(db);
  }

  async begin(scope: AttemptScope, sources: readonly SignInSource[], at: Date, since: Date): Promise<Array<{ id: number; seen: RecordedAttempt[] }>> {
    const keys = sources.map(sourceKey);
    // SQLite has one writer, so ids are committed in order and the read sees every smaller one.
    // The inserts are committed before the reads, in a transaction of their own: under the
    // driver adapter's lock, so that it never joins another turn's open transaction.
    if (providerOf(this.db) === 'sqlite') {
      const ids = await this.sql.transaction(async (tx) => {
        const out: number[] = [];
        for (const key of keys) {
          const [row] = await tx.query(
            'INSERT INTO "SignInAttempt" ("scope", "libraryId", "source", "at", "pending") VALUES (?, ?, ?, ?, ?) RETURNING "id"',
            [scope.scope, scope.libraryId, key, at, true]);
          out.push(sqlInt(row!.id));
        }
        return out;
      });
      const seen: RecordedAttempt[][] = [];
      for (const key of keys) seen.push(await readDirect(this.sql, scope, key, since));
      return ids.map((id, i) => ({ id, seen: seen[i]! }));
    }
    // PostgreSQL hands out ids before commit: a smaller id could still be invisible. Attempts of
    // one source insert one at a time, under a lock the transaction's end releases (the locks
    // of several sources in one order, so two attempts cannot deadlock): whoever got a smaller
    // id of the source had committed before this one got the lock, so a read after the commit
    // sees it. The reads stay outside, so the locked part is short: a thousand guesses at once
    // queue on it.
    const locks = [...new Set(keys.map((key) => lockKey(`${scope.scope}|${scope.libraryId}|${key}`)))].sort((a, b) => a - b);
    const ids = await this.db.$transaction(async (tx) => {
      for (const lock of locks) await tx.$executeRawUnsafe('SELECT pg_advisory_xact_lock($1::int, $2::int)', ATTEMPT_LOCK_CLASS, lock);
      const out: number[] = [];
      for (const key of keys) out.push((await tx.signInAttempt.create({ data: { ...scope, source: key, at }, select: { id: true } })).id);
      return out;
    });
    const seen = await Promise.all(keys.map((key) => readDirect(this.sql, scope, key, since)));
    return ids.map((id, i) => ({ id, seen: seen[i]! }));
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
 * windows), past Prisma's query compiler.
 */
async function readDirect(sql: Pick<DirectSqlTransaction, 'query'>, scope: AttemptScope, source: string, since: Date): Promise<RecordedAttempt[]> {
  const where = '"scope" = ? AND "libraryId" = ? AND "source" = ? AND "at" >= ? AND "pending" = ?';
  const args = [scope.scope, scope.libraryId, source, since];
  // Pending first, then failed, one after the other: an attempt that fails between the two reads
  // is seen in one of them at least (pending, then failed), never in neither. Sent together, the failed
  // query could run first and miss an attempt that fails before the pending one runs.
  const pending = await sql.query(`SELECT "id", "at", "pending" FROM "SignInAttempt" WHERE ${where} ORDER BY "id" ASC LIMIT ${NEWEST}`, [...args, true]);
  const failed = await sql.query(`SELECT "id", "at", "pending" FROM "SignInAttempt" WHERE ${where} ORDER BY "at" DESC LIMIT ${NEWEST}`, [...args, false]);
  const byId = new Map<number, RecordedAttempt>();
  for (const r of [...pending, ...failed]) byId.set(sqlInt(r.id), { id: sqlInt(r.id), at: sqlDate(r.at), pending: sqlBool(r.pending) });
  return [...byId.values()];
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
