import type { Db } from './prisma-client';

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
  constructor(private readonly db: Db, private readonly now: () => Date = () => new Date()) {}

  async claim(callSid: string, turn: number): Promise<VoiceTurnClaim> {
    try {
      await this.db.voiceTurn.create({ data: { callSid, turn } });
      return 'claimed';
    } catch (error) {
      if ((error as { code?: string }).code !== 'P2002') throw error;
    }
    const row = await this.db.voiceTurn.findUnique({ where: { callSid_turn: { callSid, turn } } });
    if (!row) return this.claim(callSid, turn);
    if (row.twiml !== null) return { twiml: row.twiml };
    const staleBefore = new Date(this.now().getTime() - STALE_AFTER_MS);
    if (row.updatedAt >= staleBefore) return 'running';
    const { count } = await this.db.voiceTurn.updateMany({
      where: { callSid, turn, twiml: null, updatedAt: row.updatedAt }, data: { updatedAt: this.now() },
    });
    return count === 1 ? 'claimed' : 'running';
  }

  async complete(callSid: string, turn: number, twiml: string): Promise<void> {
    await this.db.voiceTurn.update({ where: { callSid_turn: { callSid, turn } }, data: { twiml } });
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
