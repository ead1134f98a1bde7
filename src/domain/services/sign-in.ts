import { allow, refuse, type Decision, type Refusal } from '../decision';
import type { PatronRepository } from '../ports/patron-repository';
import type { PinHasher } from '../ports/pin-hasher';
import type { AttemptScope, SignInAttempts, SignInSource } from '../ports/sign-in-attempts';
import { checkSignInSource, minutesUntil, type SignInSourceRefusal } from '../rules/sign-in-rate-limit';
import type { PatronSnapshot } from '../types';
import { AttemptGate, windowStart } from './attempt-gate';

export type SignInRefusal = 'signin.invalid' | 'signin.temporarily_locked' | SignInSourceRefusal;
export type SignInResult = { allowed: true; patron: PatronSnapshot } | Refusal<SignInRefusal>;

/** After this many wrong PINs in a row the card is refused for PIN_LOCK_MINUTES, whatever the PIN. */
export const MAX_FAILED_PINS = 5;
export const PIN_LOCK_MINUTES = 15;

/**
 * Checks a card number and PIN. An unknown card and a wrong PIN get the same answer, so a
 * caller cannot learn which card numbers exist. Two limits, both in the database (hanging up,
 * a restart or another instance resets neither): five wrong PINs in a row lock the card, and
 * too many failures from one source (caller's number, client address) refuse that source
 * whatever card it tries (rules/sign-in-rate-limit.ts). Both are counted before the PIN is
 * checked, so a burst of parallel guesses gets no more tries than the same guesses in a row.
 */
export class SignIn {
  private readonly gate: AttemptGate;

  constructor(
    private readonly patrons: PatronRepository,
    private readonly hasher: PinHasher,
    private readonly attempts: SignInAttempts,
    private readonly now: () => Date,
  ) {
    this.gate = new AttemptGate(attempts, now);
  }

  async run(libraryId: string, cardNumber: string, pin: string, source: SignInSource): Promise<SignInResult> {
    const entry = await this.gate.enter(patronScope(libraryId), [source], ([earlier], now) => checkSignInSource(earlier ?? [], now));
    if (!entry.allowed) return entry;
    try {
      const result = await this.checkCard(libraryId, cardNumber, pin, this.now());
      await (result.allowed ? this.gate.forget(entry.ids) : this.gate.failed(entry.ids));
      return result;
    } catch (error) {
      await this.gate.failed(entry.ids).catch(() => undefined);
      throw error;
    }
  }

  /** Whether this source may try at all now, recording nothing: asked before the card number. */
  async sourceLimit(libraryId: string, source: SignInSource): Promise<Decision<SignInSourceRefusal>> {
    const now = this.now();
    const decision = checkSignInSource(await this.attempts.recent(patronScope(libraryId), source, windowStart(now)), now);
    // Busy means attempts are being checked right now; this question comes before any of ours.
    return !decision.allowed && decision.reason === 'attempt.busy' ? allow() : (decision as Decision<SignInSourceRefusal>);
  }

  private async checkCard(libraryId: string, cardNumber: string, pin: string, now: Date): Promise<SignInResult> {
    const found = await this.patrons.findByCard(libraryId, cardNumber);
    if (!found) {
      await this.hasher.verify(pin, DUMMY_HASH, { libraryId, cardNumber }); // same time as a real check
      return refuse('signin.invalid');
    }
    const check = await this.patrons.beginPinCheck(found.patron.id, now);
    if ('lockedUntil' in check) return refuse('signin.temporarily_locked', { count: minutesUntil(check.lockedUntil, now) });
    const lockUntil = new Date(now.getTime() + PIN_LOCK_MINUTES * 60_000);
    if (check.inARow > MAX_FAILED_PINS) {
      // Guesses sent together with the fifth: they are beyond the limit before any was checked.
      await this.patrons.lockPin(found.patron.id, lockUntil);
      return refuse('signin.temporarily_locked', { count: PIN_LOCK_MINUTES });
    }
    const subject = { libraryId, cardNumber };
    const pinCheck = await this.hasher.verify(pin, found.pinHash, subject);
    if (pinCheck.valid) {
      await this.patrons.resetFailedPins(found.patron.id);
      // An earlier scheme (scrypt) or key: the PIN is known right now, so it is stored again under today's.
      if (pinCheck.outdated) await this.patrons.replacePinHash(found.patron.id, await this.hasher.hash(pin, subject));
      return { ...allow(), patron: found.patron };
    }
    if (check.inARow < MAX_FAILED_PINS) return refuse('signin.invalid');
    await this.patrons.lockPin(found.patron.id, lockUntil);
    return refuse('signin.temporarily_locked', { count: PIN_LOCK_MINUTES });
  }
}

export const patronScope = (libraryId: string): AttemptScope => ({ scope: 'patron', libraryId });

// A keyed hash of no PIN (its key id is no key's): verifying against it costs what a real check costs.
const DUMMY_HASH = 'hmac-sha256$00000000$0000000000000000000000000000000000000000000000000000000000000000';
