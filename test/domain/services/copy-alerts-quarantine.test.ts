import { describe, expect, it } from 'vitest';
import type { LibraryPolicy } from '../../../src/domain/policy/library-policy';
import type { CheckedInCopy, CopyAlertRepository } from '../../../src/domain/ports/copy-alert-repository';
import { CopyAlerts } from '../../../src/domain/services/copy-alerts';
import { kalamariaPolicy } from '../../support/libraries';

// Staff check-in uses the quarantine of the copy's own branch (issue 19): Kalamaria keeps returns
// three days; here its Children's Library A keeps none, so its copy goes on the shelf at once.
const MONDAY_NOON = new Date('2026-11-23T10:00:00Z');
const policy: LibraryPolicy = {
  ...kalamariaPolicy,
  branches: { ...kalamariaPolicy.branches, 'kal-child-a': { ...kalamariaPolicy.branches['kal-child-a']!, quarantineDays: 0 } },
};

function repoWith(copies: CheckedInCopy[]) {
  const checkedIn: Array<{ copyId: number; availableFrom?: Date }> = [];
  const repo = {
    copyByBarcode: async (_libraryId: string, barcode: string) => copies.find((c) => `B${c.copyId}` === barcode),
    checkIn: async (copyId: number, _at: Date, availableFrom: Date | undefined) => { checkedIn.push({ copyId, ...(availableFrom ? { availableFrom } : {}) }); return 'ok' as const; },
    recordsOnShelf: async (ids: readonly number[]) => [...ids],
    claim: async () => [],
  } as unknown as CopyAlertRepository;
  return { repo, checkedIn };
}

describe('CopyAlerts.checkIn: the branch\'s quarantine', () => {
  it('a branch that overrides the library\'s days puts its copy on the shelf at once; another branch keeps the library\'s three days', async () => {
    const copy = (copyId: number, branchId: string): CheckedInCopy => ({ copyId, recordId: copyId, libraryId: 'kalamaria', branchId, title: 't', status: 'on_loan' });
    const { repo, checkedIn } = repoWith([copy(1, 'kal-child-a'), copy(2, 'kal-central')]);
    const alerts = new CopyAlerts(repo, { send: async () => ({ status: 'sent' as const }) }, () => policy, () => MONDAY_NOON);

    const atOnce = await alerts.checkIn('kalamaria', 'B1');
    expect(atOnce).toEqual({ allowed: true, title: 't', notified: 0 });
    const later = await alerts.checkIn('kalamaria', 'B2');
    // Monday's return, three days (Tue, Wed, Thu): on the shelf Friday 00:00 Athens.
    expect(later).toEqual({ allowed: true, title: 't', availableFrom: new Date('2026-11-26T22:00:00Z'), notified: 0 });
    expect(checkedIn).toEqual([{ copyId: 1 }, { copyId: 2, availableFrom: new Date('2026-11-26T22:00:00Z') }]);
  });
});
