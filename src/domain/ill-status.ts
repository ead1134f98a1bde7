import { allow, refuse, type Decision } from './decision';

/**
 * An interlibrary loan request's life, seen from the requesting library and modelled on the
 * ISO 18626 statuses (RequestReceived, ExpectToSupply, WillSupply/Conditional, Loaned,
 * LoanCompleted, Unfilled, Cancelled):
 *
 * submitted (the bot took it) → requested (sent to a lender, recorded) → terms_received (the
 * lender's conditions; a cost above what the reader accepted waits for the reader's yes) →
 * shipped → arrived (kept for the reader a week, seeds/004) → collected (home loan against a
 * signed liability statement, or reading room only) → returned (originals go back) → closed.
 * Side exits: unfilled (no lender supplies it), cancelled (reader or staff, with a reason),
 * not_collected (sent back after the week; the reader owes the return postage).
 */
export const ILL_STATUSES = [
  'submitted', 'requested', 'terms_received', 'shipped', 'arrived', 'collected', 'returned', 'closed',
  'unfilled', 'cancelled', 'not_collected',
] as const;
export type IllStatus = (typeof ILL_STATUSES)[number];

/**
 * Requests that count against the reader's 3 (seeds/004: "a new request only after these are
 * returned"). A copy is the reader's to keep, so it stops counting when it is closed on collection.
 */
export const OUTSTANDING_ILL_STATUSES: readonly IllStatus[] = ['submitted', 'requested', 'terms_received', 'shipped', 'arrived', 'collected'];

export const TERMINAL_ILL_STATUSES: readonly IllStatus[] = ['closed', 'unfilled', 'cancelled', 'not_collected'];

const TRANSITIONS: Record<IllStatus, readonly IllStatus[]> = {
  submitted: ['requested', 'unfilled', 'cancelled'],
  requested: ['terms_received', 'unfilled', 'cancelled'],
  terms_received: ['shipped', 'unfilled', 'cancelled'],
  shipped: ['arrived'],
  arrived: ['collected', 'not_collected'],
  collected: ['returned', 'closed'],
  returned: ['closed'],
  closed: [],
  unfilled: [],
  cancelled: [],
  not_collected: [],
};

export type IllForm = 'original' | 'copy' | 'electronic';
export type IllKind = 'book' | 'article';
export type IllUse = 'home' | 'reading_room';

/** What a transition's guards look at besides the two statuses. */
export interface IllTransitionContext {
  form: IllForm;
  /** The lender, once recorded. */
  lender?: string | null;
  /** A lender's cost above what the reader accepted, not yet accepted again. */
  costAcceptancePending?: boolean;
  note?: string;
  use?: IllUse;
  dueDate?: string;
  liabilitySigned?: boolean;
}

export type IllTransitionRefusal =
  | 'ill.illegal_transition' | 'ill.reason_required' | 'ill.lender_required' | 'ill.cost_not_accepted'
  | 'ill.use_required' | 'ill.due_date_required' | 'ill.liability_required' | 'ill.copy_not_returned' | 'ill.original_must_return';

/**
 * Whether a request may move from one status to another. Deadlines (the collection week) are
 * separate rules in rules/ill-collection.ts, because they need the clock.
 *
 * @example checkIllTransition('terms_received', 'shipped', { form: 'copy', costAcceptancePending: true }) // refuse('ill.cost_not_accepted')
 */
export function checkIllTransition(from: IllStatus, to: IllStatus, ctx: IllTransitionContext): Decision<IllTransitionRefusal> {
  if (!TRANSITIONS[from].includes(to)) return refuse('ill.illegal_transition', { from, to });
  if ((to === 'cancelled' || to === 'unfilled') && !ctx.note?.trim()) return refuse('ill.reason_required');
  if (to === 'requested' && !ctx.lender?.trim()) return refuse('ill.lender_required');
  // seeds/004: the reader pays what the lender sets; above the accepted amount the reader must say yes first.
  if (from === 'terms_received' && to === 'shipped' && ctx.costAcceptancePending) return refuse('ill.cost_not_accepted');
  if (to === 'collected') {
    if (!ctx.use) return refuse('ill.use_required');
    // seeds/004: "A kölcsönözhető könyv csak felelősségvállalási nyilatkozat aláírása mellett adható oda."
    if (ctx.use === 'home' && ctx.form === 'original' && !ctx.dueDate) return refuse('ill.due_date_required');
    if (ctx.use === 'home' && ctx.form === 'original' && !ctx.liabilitySigned) return refuse('ill.liability_required');
  }
  if (from === 'collected' && to === 'returned' && ctx.form !== 'original') return refuse('ill.copy_not_returned');
  if (from === 'collected' && to === 'closed' && ctx.form === 'original') return refuse('ill.original_must_return');
  return allow();
}

export function nextIllStatuses(from: IllStatus): readonly IllStatus[] {
  return TRANSITIONS[from];
}

export function isIllStatus(value: string): value is IllStatus {
  return (ILL_STATUSES as readonly string[]).includes(value);
}

export function isOutstandingIll(status: IllStatus): boolean {
  return OUTSTANDING_ILL_STATUSES.includes(status);
}
