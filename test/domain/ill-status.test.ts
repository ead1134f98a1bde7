import { describe, expect, it } from 'vitest';
import { checkIllTransition, ILL_STATUSES, nextIllStatuses, OUTSTANDING_ILL_STATUSES, type IllStatus } from '../../src/domain/ill-status';

describe('checkIllTransition (ISO 18626-like ILL life)', () => {
  it('walks an original from submitted to closed', () => {
    const path: Array<[IllStatus, IllStatus, object]> = [
      ['submitted', 'requested', { lender: 'OSZK' }],
      ['requested', 'terms_received', {}],
      ['terms_received', 'shipped', { costAcceptancePending: false }],
      ['shipped', 'arrived', {}],
      ['arrived', 'collected', { use: 'home', dueDate: '2026-12-20', liabilitySigned: true }],
      ['collected', 'returned', {}],
      ['returned', 'closed', {}],
    ];
    for (const [from, to, ctx] of path) expect(checkIllTransition(from, to, { form: 'original', ...ctx }), `${from} → ${to}`).toEqual({ allowed: true });
  });

  it.each([
    ['submitted', 'shipped', {}, 'ill.illegal_transition'],
    ['shipped', 'cancelled', { note: 'x' }, 'ill.illegal_transition'],
    ['closed', 'requested', { lender: 'x' }, 'ill.illegal_transition'],
    ['submitted', 'requested', {}, 'ill.lender_required'],
    ['submitted', 'requested', { lender: '  ' }, 'ill.lender_required'],
    ['requested', 'cancelled', {}, 'ill.reason_required'],
    ['requested', 'unfilled', { note: ' ' }, 'ill.reason_required'],
    ['terms_received', 'shipped', { costAcceptancePending: true }, 'ill.cost_not_accepted'],
    ['arrived', 'collected', {}, 'ill.use_required'],
    ['arrived', 'collected', { use: 'home', liabilitySigned: true }, 'ill.due_date_required'],
    ['arrived', 'collected', { use: 'home', dueDate: '2026-12-20' }, 'ill.liability_required'],
    ['collected', 'closed', {}, 'ill.original_must_return'],
  ] as const)('%s → %s %j: %s', (from, to, ctx, reason) => {
    const decision = checkIllTransition(from, to, { form: 'original', ...ctx });
    expect(decision.allowed).toBe(false);
    if (!decision.allowed) expect(decision.reason).toBe(reason);
  });

  it('hands over to the reading room without a statement, and closes a copy at collection', () => {
    expect(checkIllTransition('arrived', 'collected', { form: 'original', use: 'reading_room' }).allowed).toBe(true);
    expect(checkIllTransition('arrived', 'collected', { form: 'copy', use: 'home' }).allowed).toBe(true);
    expect(checkIllTransition('collected', 'closed', { form: 'copy' }).allowed).toBe(true);
    expect(checkIllTransition('collected', 'returned', { form: 'copy' })).toMatchObject({ reason: 'ill.copy_not_returned' });
  });

  it('has no way out of a final status, and counts only live requests as outstanding', () => {
    for (const s of ['closed', 'unfilled', 'cancelled', 'not_collected'] as const) expect(nextIllStatuses(s)).toEqual([]);
    expect(ILL_STATUSES.filter((s) => !OUTSTANDING_ILL_STATUSES.includes(s))).toEqual(['returned', 'closed', 'unfilled', 'cancelled', 'not_collected']);
  });
});
