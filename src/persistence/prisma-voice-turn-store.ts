import { isUniqueViolation, sqlDate, type DirectSql } from './direct-sql';
import { directSqlOf, type Db } from './prisma-client';

/** A claim older than this whose TwiML never came belongs to a crashed process: the retry runs the turn. */
const STALE_AFTER_MS = 30_000;
/** Twilio retries a webhook within seconds; a day later the row only takes space. */
export const VOICE_TURN_RETENTION_MS = 24 * 3600_000;

export type VoiceTurnClaim = 'claimed' | 'running' | { twiml: string };

/**
 * The answered-webhooks table of the phone channel (prisma/schema/voice.prisma). The primary
 * key (CallSid, turn) makes the claim atomic: of two identical webhooks exactly one inserts
 * the row and runs the turn; the other gets its TwiML once it is stored.
 */
export class PrismaVoiceTurnStore {
  // Every webhook claims its row and stores its TwiML: those statements skip Prisma's query compiler (direct-sql.ts).
  private readonly sql: DirectSql;

  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {
    this.sql = directSqlOf(db);
  }

  async claim(callSid: string, turn: number): Promise<VoiceTurnClaim> {
    const at = this.now();
    try {
      await this.sql.execute('INSERT INTO "VoiceTurn" ("callSid", "turn", "twiml", "createdAt", "updatedAt") VALUES (?, ?, NULL, ?, ?)', [callSid, turn, at, at]);
      return 'claimed';
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
    }
    const [row] = await this.sql.query('SELECT "twiml", "updatedAt" FROM "VoiceTurn" WHERE "callSid" = ? AND "turn" = ?', [callSid, turn]);
    if (!row) return this.claim(callSid, turn);
    if (row.twiml !== null && row.twiml !== undefined) return { twiml: String(row.twiml) };
    const updatedAt = sqlDate(row.updatedAt);
    const staleBefore = new Date(this.now().getTime() - STALE_AFTER_MS);
    if (updatedAt >= staleBefore) return 'running';
    // The stale claim is taken over by whoever moves its updatedAt first.
    const count = await this.sql.execute('UPDATE "VoiceTurn" SET "updatedAt" = ? WHERE "callSid" = ? AND "turn" = ? AND "twiml" IS NULL AND "updatedAt" = ?',
      [this.now(), callSid, turn, updatedAt]);
    return count === 1 ? 'claimed' : 'running';
  }

  async complete(callSid: string, turn: number, twiml: string): Promise<void> {
    await this.sql.execute('UPDATE "VoiceTurn" SET "twiml" = ?, "updatedAt" = ? WHERE "callSid" = ? AND "turn" = ?', [twiml, this.now(), callSid, turn]);
  }

  /** Forgets webhooks answered before the retention period; returns how many. */
  async purge(): Promise<number> {
    const { count } = await this.db.voiceTurn.deleteMany({ where: { createdAt: { lt: new Date(this.now().getTime() - VOICE_TURN_RETENTION_MS) } } });
    return count;
  }

  /** The turn failed before it had an answer: let Twilio's retry run it. */
  async release(callSid: string, turn: number): Promise<void> {
    await this.db.voiceTurn.deleteMany({ where: { callSid, turn, twiml: null } });
  }
}
