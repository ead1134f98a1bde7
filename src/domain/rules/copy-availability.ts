import { allow, refuse, type Decision } from '../decision';
import type { BranchAvailability } from '../types';

export type CopyRefusal = 'hold.all_on_loan';

/**
 * seeds/000 §4: hold only copies available right now — the catalogue lists loaned copies too.
 */
export function checkAnyAvailable(availability: readonly BranchAvailability[]): Decision<CopyRefusal> {
  return availability.some((b) => b.available > 0) ? allow() : refuse('hold.all_on_loan');
}

/**
 * The branches a patron can pick from. The pickup branch is always the branch owning the
 * copy, not the one that issued the card (seeds/000, "Προσοχή!").
 */
export function pickupBranches(availability: readonly BranchAvailability[]): BranchAvailability[] {
  return availability.filter((b) => b.available > 0);
}
