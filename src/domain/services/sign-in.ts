import { allow, refuse, type Decision, type Refusal } from '../decision';
import type { LibrarySystem } from '../ports/library-system';
import type { PatronRepository } from '../ports/patron-repository';
import type { PinHasher } from '../ports/pin-hasher';
import { accountFromSource, cardSource, type AttemptScope, type SignInAttempts, type SignInSource } from '../ports/sign-in-attempts';
import { checkPatronSignIn, checkSignInSource, type CardRefusal, type SignInSourceRefusal } from '../rules/sign-in-rate-limit';
import type { PatronSnapshot } from '../types';
import { AttemptGate, windowStart } from './attempt-gate';

export type SignInRefusal = 'signin.invalid' | 'signin.ils_unavailable' | CardRefusal | SignInSourceRefusal;
export type SignInResult = { allowed: true; patron: PatronSnapshot } | Refusal<SignInRefusal>;

/**
 * Checks a card number and PIN. An unknown card and a wrong PIN get the same answer, so a
 * caller cannot learn which card numbers exist. Three limits, all in the database (hanging up,
 * a restart or another instance resets none), all counted before the PIN is checked, so a
 * burst of parallel guesses gets no more tries than the same guesses in a row
 * (rules/sign-in-rate-limit.ts): the source (caller's number, client address) whatever card it
 * tries; the card from that source, which locks a stranger out without locking the patron; and
 * the card from everywhere, a much higher count that staff see as an alarm. Only a PIN that was
 * checked and wrong counts: an attempt a crash cut off counts for nothing.
 */
export class SignIn {
  private readonly gate: AttemptGate;

  constructor(
    private readonly patrons: PatronRepository,
    private readonly hasher: PinHasher,
    private readonly attempts: SignInAttempts,
    private readonly now: () => Date,
    /** The library's own system where it has one (issue 20): it checks the PIN; the limits stay ours. */
    private readonly systemFor: (libraryId: string) => LibrarySystem | undefined = () => undefined,
  ) {
    this.gate = new AttemptGate(attempts, now);
  }

  async run(libraryId: string, cardNumber: string, pin: string, source: SignInSource): Promise<SignInResult> {
    const found = await this.patrons.findByCard(libraryId, cardNumber);
    // The card-wide lock does not hold the patron's own number: the way back in for someone a
    // stranger locked out (the per-source limits still hold it, should the number be spoofed).
    const ownPhone = source.kind === 'phone' && found !== undefined && samePhone(await this.patrons.phone(found.patron.id), source.id);
    const card = cardSource(cardNumber);
    const entry = await this.gate.enter(patronScope(libraryId), [source, accountFromSource(card, source), card],
      ([bySource, byCardFromSource, byCard], now, waitedOut) =>
        checkPatronSignIn({ bySource: bySource ?? [], byCardFromSource: byCardFromSource ?? [], byCard: byCard ?? [] }, now, { ownPhone, waitedOut }));
    if (!entry.allowed) return entry;
    const system = this.systemFor(libraryId);
    if (system && system.kind !== 'embedded') return this.checkInIls(system, found?.patron, cardNumber, pin, entry.ids);
    try {
      const subject = { libraryId, cardNumber };
      const check = await this.hasher.verify(pin, found?.pinHash ?? DUMMY_HASH, subject); // an unknown card costs what a known one does
      const ok = !!found && check.valid;
      await (ok ? this.gate.forget(entry.ids) : this.gate.failed(entry.ids));
      // An earlier scheme (scrypt) or key: the PIN is known right now, so it is stored again under today's.
      if (ok && check.outdated) await this.patrons.replacePinHash(found.patron.id, await this.hasher.hash(pin, subject));
      return ok && found ? { ...allow(), patron: found.patron } : refuse('signin.invalid');
    } catch (error) {
      // Not answered, so not a failure: only a PIN checked and wrong counts.
      await this.gate.forget(entry.ids).catch(() => undefined);
      throw error;
    }
  }

  /**
   * The PIN is the ILS's: the patron has one secret, not two. The patron row (imported from the
   * ILS) gives the bot's id; an outage is not a failed attempt, and the patron hears it is ours.
   */
  private async checkInIls(system: LibrarySystem, patron: PatronSnapshot | undefined, cardNumber: string, pin: string, ids: Parameters<AttemptGate['forget']>[0]): Promise<SignInResult> {
    let answer: Awaited<ReturnType<LibrarySystem['authenticate']>>;
    try {
      answer = await system.authenticate(cardNumber, pin);
    } catch (error) {
      await this.gate.forget(ids).catch(() => undefined);
      throw error;
    }
    if (!answer.allowed && answer.reason !== 'signin.invalid') {
      await this.gate.forget(ids);
      return refuse('signin.ils_unavailable');
    }
    const ok = answer.allowed && patron !== undefined;
    await (ok ? this.gate.forget(ids) : this.gate.failed(ids));
    return ok && patron ? { ...allow(), patron } : refuse('signin.invalid');
  }

  /** Whether this source may try at all now, recording nothing: asked before the card number. */
  async sourceLimit(libraryId: string, source: SignInSource): Promise<Decision<SignInSourceRefusal>> {
    const now = this.now();
    const decision = checkSignInSource(await this.attempts.recent(patronScope(libraryId), source, windowStart(now)), now);
    // Busy means attempts are being checked right now; this question comes before any of ours.
    return !decision.allowed && decision.reason === 'attempt.busy' ? allow() : (decision as Decision<SignInSourceRefusal>);
  }
}

export const patronScope = (libraryId: string): AttemptScope => ({ scope: 'patron', libraryId });

/** Numbers as Twilio gives them (+306900000777) and as the library typed them (+30 690 000 0777). */
const samePhone = (onFile: string | undefined, caller: string) =>
  onFile !== undefined && onFile.replace(/[^\d+]/g, '') !== '' && onFile.replace(/[^\d+]/g, '') === caller.replace(/[^\d+]/g, '');

// A keyed hash of no PIN (its key id is no key's): verifying against it costs what a real check costs.
const DUMMY_HASH = 'hmac-sha256$00000000$0000000000000000000000000000000000000000000000000000000000000000';
