import { refuse, type Refusal } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import type { IlsFailure, LibrarySystem } from '../ports/library-system';
import type { PatronRepository } from '../ports/patron-repository';
import { checkHoldAccount, remainingHolds, type HoldAccountRefusal } from '../rules/hold-eligibility';
import { checkIlsStanding } from '../rules/ils-standing';
import type { PatronSnapshot } from '../types';

export type HoldAllowanceRefusal = HoldAccountRefusal | 'hold.limit_reached' | IlsFailure;
export type HoldAllowanceResult = { allowed: true; remaining: number } | Refusal<HoldAllowanceRefusal>;

/**
 * How many more books the patron may put in the basket now (architecture review change 5: the
 * reserve dialog asks this once instead of reading the patron and running two rules itself).
 * Where the library has its own system, its standing (restricted, expired, card lost) and its
 * holds and loans counts are the truth; the bot's rules still decide (issue 20).
 */
export class HoldAllowance {
  constructor(
    private readonly patrons: Pick<PatronRepository, 'snapshot' | 'cardNumber'>,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
    private readonly systemFor: (libraryId: string) => LibrarySystem | undefined = () => undefined,
  ) {}

  /** `inBasket`: books chosen but not yet ordered, which count as holds already. */
  async check(patronId: number, libraryId: string, inBasket: number): Promise<HoldAllowanceResult | undefined> {
    const local = await this.patrons.snapshot(patronId);
    if (!local) return undefined;
    const snapshot = await this.ilsSnapshot(local, libraryId);
    if ('allowed' in snapshot) return snapshot;
    const account = checkHoldAccount(snapshot, this.now());
    if (!account.allowed) return account;
    const policy = this.policyFor(libraryId);
    const remaining = remainingHolds(snapshot, policy) - inBasket;
    return remaining <= 0 ? refuse('hold.limit_reached', { count: policy.holds.maxHolds }) : { allowed: true, remaining };
  }

  /** The bot's snapshot with the ILS's counts and status in it; the bot's own where there is no ILS. */
  private async ilsSnapshot(local: PatronSnapshot, libraryId: string): Promise<PatronSnapshot | Refusal<HoldAllowanceRefusal>> {
    const system = this.systemFor(libraryId);
    if (!system || system.kind === 'embedded') return local;
    const cardNumber = await this.patrons.cardNumber(local.id);
    if (!cardNumber) return refuse('ils.refused');
    const answer = await system.standing({ cardNumber });
    if (!answer.allowed) return refuse(answer.reason);
    const { standing } = answer;
    const decision = checkIlsStanding(standing, this.now());
    return {
      ...local,
      status: decision.allowed ? 'active' : decision.reason === 'hold.account_locked' ? 'locked' : 'expired',
      cardExpiresAt: standing.expiresAt ?? local.cardExpiresAt,
      loansCount: standing.loansCount,
      activeHolds: standing.holdsCount,
    };
  }
}
