import { allow, refuse, type Decision } from '../decision';
import type { CardLockout, PatronRepository } from '../ports/patron-repository';
import type { SignInAttempts, SignInSource } from '../ports/sign-in-attempts';
import { failuresOf, LONGEST_WINDOW_MINUTES, limitedUntil, PATRON_SOURCE_WINDOWS } from '../rules/sign-in-rate-limit';
import { patronScope } from './sign-in';

/** One source's failed sign-ins at a library, as staff see them. */
export interface SourceLimit {
  source: SignInSource;
  /** Failures in each of PATRON_SOURCE_WINDOWS, same order (a quarter of an hour, a day). */
  failures: number[];
  lastFailureAt: Date;
  /** Set while the source is refused. */
  limitedUntil: Date | null;
}

export interface Lockouts {
  cards: CardLockout[];
  sources: SourceLimit[];
}

export type LockoutRefusal = 'lockout.not_found';

/**
 * The staff's view of sign-in lockouts at their library: cards locked by wrong PINs and sources
 * (caller numbers, client addresses) limited by failed sign-ins, and lifting either once staff
 * have checked who is calling. Everything is scoped to the staff member's library.
 */
export class SignInLockouts {
  constructor(
    private readonly patrons: Pick<PatronRepository, 'findByCard' | 'pinLockouts' | 'resetFailedPins'>,
    private readonly attempts: SignInAttempts,
    private readonly now: () => Date,
  ) {}

  async list(libraryId: string): Promise<Lockouts> {
    const now = this.now();
    const since = new Date(now.getTime() - LONGEST_WINDOW_MINUTES * 60_000);
    const [cards, sources] = await Promise.all([this.patrons.pinLockouts(libraryId, now), this.attempts.sources(patronScope(libraryId), since)]);
    const limits = sources.flatMap(({ source, attempts }): SourceLimit[] => {
      const failures = failuresOf(attempts, now);
      return failures.length === 0 ? [] : [{
        source,
        failures: PATRON_SOURCE_WINDOWS.map((w) => failures.filter((d) => d.getTime() > now.getTime() - w.minutes * 60_000).length),
        lastFailureAt: new Date(Math.max(...failures.map((d) => d.getTime()))),
        limitedUntil: limitedUntil(failures, now, PATRON_SOURCE_WINDOWS) ?? null,
      }];
    });
    // Limited sources first, then the most recent.
    limits.sort((a, b) => Number(Boolean(b.limitedUntil)) - Number(Boolean(a.limitedUntil)) || b.lastFailureAt.getTime() - a.lastFailureAt.getTime());
    return { cards, sources: limits };
  }

  /** Lifts a card's lock and its count of wrong PINs; another library's card is not found. */
  async clearCard(libraryId: string, cardNumber: string): Promise<Decision<LockoutRefusal>> {
    const found = await this.patrons.findByCard(libraryId, cardNumber);
    if (!found) return refuse('lockout.not_found');
    await this.patrons.resetFailedPins(found.patron.id);
    return allow();
  }

  /** Forgets a source's failed sign-ins at this library (not at others). */
  async clearSource(libraryId: string, source: SignInSource): Promise<Decision<LockoutRefusal>> {
    return (await this.attempts.clear(patronScope(libraryId), source)) > 0 ? allow() : refuse('lockout.not_found');
  }
}
