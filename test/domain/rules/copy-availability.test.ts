import { describe, expect, it } from 'vitest';
import { checkAnyAvailable, pickupBranches } from '../../../src/domain/rules/copy-availability';
import { kalamariaPolicy as policy } from '../../support/libraries';

const branch = (branchId: string, available: number, total = 2) => ({ branchId, branchName: branchId, available, total });

describe('checkAnyAvailable', () => {
  it('refuses with hold.all_on_loan when every copy is on loan', () => {
    expect(checkAnyAvailable([branch('a', 0), branch('b', 0)], policy)).toEqual({ allowed: false, reason: 'hold.all_on_loan' });
  });
  it('allows when one branch has a copy on the shelf', () => {
    expect(checkAnyAvailable([branch('a', 0), branch('b', 1)], policy).allowed).toBe(true);
  });
  it('refuses a record with no copies at all', () => {
    expect(checkAnyAvailable([], policy).allowed).toBe(false);
  });
});

describe('pickupBranches', () => {
  it('offers only the branches that own an available copy', () => {
    expect(pickupBranches([branch('central', 1), branch('child-a', 0), branch('child-b', 2)], policy).map((b) => b.branchId)).toEqual(['central', 'child-b']);
  });
});
