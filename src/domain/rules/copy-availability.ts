import { allow, refuse, type Decision } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import type { BranchAvailability } from '../types';

export type CopyRefusal = 'hold.all_on_loan';

/** The hold rules these two read; both are `true`, the only value the library file accepts (library-policy.ts). */
type CopyHoldRules = { holds: Pick<LibraryPolicy['holds'], 'onlyAvailableNow' | 'pickupAtOwningBranch'> };

/**
 * seeds/000 §4: hold only copies available right now — the catalogue lists loaned copies too
 * (`holds.onlyAvailableNow`; the bot keeps no queue on copies on loan).
 */
export function checkAnyAvailable(availability: readonly BranchAvailability[], policy: CopyHoldRules): Decision<CopyRefusal> {
  const holdable = policy.holds.onlyAvailableNow ? availability.filter((b) => b.available > 0) : availability;
  return holdable.length > 0 ? allow() : refuse('hold.all_on_loan');
}

/**
 * The branches a patron can pick from. The pickup branch is always the branch owning the
 * copy, not the one that issued the card (seeds/000, "Προσοχή!"; `holds.pickupAtOwningBranch`):
 * so the branches with a copy on the shelf.
 */
export function pickupBranches(availability: readonly BranchAvailability[], policy: CopyHoldRules): BranchAvailability[] {
  return policy.holds.pickupAtOwningBranch && policy.holds.onlyAvailableNow ? availability.filter((b) => b.available > 0) : [...availability];
}
