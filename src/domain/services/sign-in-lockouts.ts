import { allow, refuse, type Decision } from '../decision';
import type { PatronRepository } from '../ports/patron-repository';
import { cardSource, type SignInAttempts, type SignInSource } from '../ports/sign-in-attempts';
import { CARD_SOURCE_WINDOWS, CARD_WINDOWS, failuresOf, LONGEST_WINDOW_MINUTES, limitedUntil, PATRON_SOURCE_WINDOWS } from '../rules/sign-in-rate-limit';
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

/** A card locked by wrong PINs: everywhere (the alarm), or for one source. */
export interface CardLockout {
  cardNumber: string;
  patronName: string;
  lockedUntil: Date;
  /** Absent: locked for every source but the patron's own number (CARD_WINDOWS reached). */
  from?: SignInSource;
  /** Wrong PINs at the card in the last 24 hours, from everywhere. */
  failuresLastDay: number;
}

export interface Lockouts {
  /** Cards locked everywhere first (each one an alarm), then cards locked for one source. */
  cards: CardLockout[];
  sources: SourceLimit[];
}

export type LockoutRefusal = 'lockout.not_found';

/** The kinds of source a patron signs in from (the others are keys for cards and pairs). */
const PATRON_KINDS: readonly SignInSource['kind'][] = ['phone', 'address', 'user'];

/**
 * The staff's view of sign-in lockouts at their library: cards locked by wrong PINs (from
 * everywhere, which is an alarm, or from one source) and sources (caller numbers, client
 * addresses) limited by failed sign-ins, and lifting either once staff have checked who is
 * calling. Everything is scoped to the staff member's library.
 */
export class SignInLockouts {
  constructor(
    private readonly patrons: Pick<PatronRepository, 'findByCard'>,
    private readonly attempts: SignInAttempts,
    private readonly now: () => Date,
  ) {}

  async list(libraryId: string): Promise<Lockouts> {
    const now = this.now();
    const since = new Date(now.getTime() - LONGEST_WINDOW_MINUTES * 60_000);
    const all = await this.attempts.sources(patronScope(libraryId), since);
    const limits = all.filter(({ source }) => PATRON_KINDS.includes(source.kind)).flatMap(({ source, attempts }): SourceLimit[] => {
      const failures = failuresOf(attempts);
      return failures.length === 0 ? [] : [{
        source,
        failures: PATRON_SOURCE_WINDOWS.map((w) => failures.filter((d) => d.getTime() > now.getTime() - w.minutes * 60_000).length),
        lastFailureAt: new Date(Math.max(...failures.map((d) => d.getTime()))),
        limitedUntil: limitedUntil(failures, now, PATRON_SOURCE_WINDOWS) ?? null,
      }];
    });
    // Limited sources first, then the most recent.
    limits.sort((a, b) => Number(Boolean(b.limitedUntil)) - Number(Boolean(a.limitedUntil)) || b.lastFailureAt.getTime() - a.lastFailureAt.getTime());

    const dayFailures = new Map<string, number>();
    const locked: Array<Omit<CardLockout, 'patronName' | 'failuresLastDay'>> = [];
    for (const { source, attempts } of all) {
      const failures = failuresOf(attempts);
      if (source.kind === 'card') {
        dayFailures.set(source.id, failures.length);
        const until = limitedUntil(failures, now, CARD_WINDOWS);
        if (until) locked.push({ cardNumber: source.id, lockedUntil: until });
      } else if (source.kind === 'pair') {
        const pair = parsePair(source.id);
        const until = pair && limitedUntil(failures, now, CARD_SOURCE_WINDOWS);
        if (pair && until) locked.push({ cardNumber: pair.cardNumber, lockedUntil: until, from: pair.from });
      }
    }
    const cards = (await Promise.all(locked.map(async (lock): Promise<CardLockout[]> => {
      // A made-up card number locks nothing anyone has: nothing for staff to act on.
      const found = await this.patrons.findByCard(libraryId, lock.cardNumber);
      return found ? [{ ...lock, patronName: found.patron.name, failuresLastDay: dayFailures.get(lock.cardNumber) ?? 0 }] : [];
    }))).flat();
    cards.sort((a, b) => Number(Boolean(a.from)) - Number(Boolean(b.from)) || b.lockedUntil.getTime() - a.lockedUntil.getTime());
    return { cards, sources: limits };
  }

  /**
   * Lifts a card's locks, everywhere and from every source, and forgets its wrong PINs; the
   * sources keep theirs (a guesser gets no new budget). Another library's card is not found.
   */
  async clearCard(libraryId: string, cardNumber: string): Promise<Decision<LockoutRefusal>> {
    const found = await this.patrons.findByCard(libraryId, cardNumber);
    if (!found) return refuse('lockout.not_found');
    const card = cardSource(cardNumber);
    await Promise.all([this.attempts.clear(patronScope(libraryId), card), this.attempts.clearAccountPairs(patronScope(libraryId), card)]);
    return allow();
  }

  /** Forgets a source's failed sign-ins at this library (not at others). */
  async clearSource(libraryId: string, source: SignInSource): Promise<Decision<LockoutRefusal>> {
    return (await this.attempts.clear(patronScope(libraryId), source)) > 0 ? allow() : refuse('lockout.not_found');
  }
}

/** Cards locked for every source: each one is an attack on a patron that staff must hear of. */
export const cardAlarms = (lockouts: Lockouts): number => lockouts.cards.filter((c) => !c.from).length;

/** `card:7000001|phone:+3069…` (accountFromSource's key) → the card and the source. */
function parsePair(id: string): { cardNumber: string; from: SignInSource } | undefined {
  const match = /^card:(\d+)\|(phone|address|user):(.+)$/s.exec(id);
  return match ? { cardNumber: match[1]!, from: { kind: match[2] as SignInSource['kind'], id: match[3]! } } : undefined;
}
