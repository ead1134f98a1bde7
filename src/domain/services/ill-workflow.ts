import { allow, refuse, type Refusal } from '../decision';
import { checkIllTransition, type IllStatus, type IllTransitionRefusal, type IllUse } from '../ill-status';
import type { LibraryPolicy } from '../policy/library-policy';
import type { IllNotifier } from '../ports/ill-notifier';
import type { IllRepository, IllRequestView, IllTermsAcceptance, IllUpdate } from '../ports/ill-repository';
import { checkIllCollection, checkIllSendBack, collectionDeadline, type IllCollectionRefusal, type IllSendBackRefusal } from '../rules/ill-collection';
import { amountDueOnCollection, costNeedsReacceptance, isIllAmount, lateFee, returnPostage } from '../rules/ill-costs';

/** What staff (or, for the cost, the reader through the bot) do to a request. */
export type IllAction =
  | { type: 'request'; lender: string }
  | { type: 'terms'; lenderCost: number }
  | { type: 'cost_decision'; accepted: boolean; acceptance?: Omit<IllTermsAcceptance, 'actor'> }
  | { type: 'ship' }
  | { type: 'arrive'; weightGrams?: number }
  | { type: 'collect'; use: IllUse; dueDate?: string; liabilitySigned?: boolean }
  | { type: 'return' }
  | { type: 'close' }
  | { type: 'unfilled'; note: string }
  | { type: 'cancel'; note: string }
  | { type: 'send_back' };

export type IllWorkflowRefusal =
  | IllTransitionRefusal | IllCollectionRefusal | IllSendBackRefusal
  | 'ill.not_found' | 'ill.stale' | 'ill.weight_required' | 'ill.weight_out_of_range' | 'ill.amount_invalid' | 'ill.no_cost_pending';

export type IllWorkflowResult = { allowed: true; request: IllRequestView } | Refusal<IllWorkflowRefusal>;

const TARGET: Record<IllAction['type'], IllStatus | undefined> = {
  request: 'requested', terms: 'terms_received', cost_decision: undefined, ship: 'shipped', arrive: 'arrived',
  collect: 'collected', return: 'returned', close: 'closed', unfilled: 'unfilled', cancel: 'cancelled', send_back: 'not_collected',
};

/**
 * The staff side of an ILL request, one action at a time. Each action is checked against the
 * state machine and the seeds/004 rules, then written only if nobody changed the request since
 * it was read (optimistic concurrency on its version).
 */
export class IllWorkflow {
  constructor(
    private readonly ill: IllRepository,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
    private readonly notifier?: IllNotifier,
  ) {}

  /** `expectedVersion`: the version the actor saw; a newer one means someone else acted first. */
  async apply(libraryId: string, ref: string, action: IllAction, actor: string, expectedVersion?: number): Promise<IllWorkflowResult> {
    const request = await this.ill.find(libraryId, ref);
    if (!request) return refuse('ill.not_found', { ref });
    if (expectedVersion !== undefined && expectedVersion !== request.version) return refuse('ill.stale');
    const planned = this.plan(request, action, actor);
    if (!planned.allowed) return planned;
    const written = await this.ill.update(request.id, request.version, planned.update);
    if (!written.allowed) return written;
    let updated = (await this.ill.find(libraryId, ref))!;
    // A copy is the reader's to keep: collecting it ends the request.
    if (action.type === 'collect' && updated.form !== 'original') {
      const closed = await this.ill.update(updated.id, updated.version, { to: 'closed', actor, note: 'copy kept by the reader' });
      if (!closed.allowed) return closed;
      updated = (await this.ill.find(libraryId, ref))!;
    }
    if (action.type === 'arrive') await this.notifier?.arrived(updated);
    return { allowed: true, request: updated };
  }

  private plan(r: IllRequestView, action: IllAction, actor: string): { allowed: true; update: IllUpdate } | Refusal<IllWorkflowRefusal> {
    const policy = this.policyFor(r.libraryId);
    const now = this.now();
    const to = TARGET[action.type];
    if (action.type === 'cost_decision') {
      if (r.status !== 'terms_received' || !r.costAcceptancePending) return refuse('ill.no_cost_pending');
      if (!action.accepted) {
        return { allowed: true, update: { to: 'cancelled', actor, note: 'cost declined by the reader' } };
      }
      const acceptance = action.acceptance ? { ...action.acceptance, actor } : undefined;
      return { allowed: true, update: { actor, note: 'cost accepted by the reader', changes: { costAcceptancePending: false }, ...(acceptance ? { acceptance } : {}) } };
    }
    const ctx = {
      form: r.form,
      lender: action.type === 'request' ? action.lender : r.lender ?? null,
      costAcceptancePending: r.costAcceptancePending,
      note: 'note' in action ? action.note : undefined,
      ...(action.type === 'collect' ? { use: action.use, dueDate: action.dueDate, liabilitySigned: action.liabilitySigned } : {}),
    };
    const transition = checkIllTransition(r.status, to!, ctx);
    if (!transition.allowed) return transition;
    const base: IllUpdate = { to, actor, ...('note' in action ? { note: action.note } : {}) };
    switch (action.type) {
      case 'request':
        return { allowed: true, update: { ...base, note: action.lender, changes: { lender: action.lender.trim() } } };
      case 'terms': {
        if (!isIllAmount(action.lenderCost)) return refuse('ill.amount_invalid');
        const pending = costNeedsReacceptance(r.maxCost, action.lenderCost);
        return { allowed: true, update: { ...base, changes: { lenderCost: action.lenderCost, costAcceptancePending: pending } } };
      }
      case 'arrive': {
        if (r.form === 'original' && action.weightGrams === undefined) return refuse('ill.weight_required');
        const amountDue = amountDueOnCollection(r.form, { weightGrams: action.weightGrams, lenderCost: r.lenderCost }, policy);
        if (amountDue === undefined) return refuse('ill.weight_out_of_range');
        return { allowed: true, update: { ...base, changes: {
          arrivedAt: now, collectBy: collectionDeadline(now, policy), amountDue,
          ...(action.weightGrams !== undefined ? { weightGrams: action.weightGrams } : {}),
        } } };
      }
      case 'collect': {
        const window = checkIllCollection(r.arrivedAt!, now, policy);
        if (!window.allowed) return window;
        return { allowed: true, update: { ...base, note: action.use, changes: {
          use: action.use,
          ...(action.use === 'home' && action.dueDate ? { dueDate: action.dueDate } : {}),
          ...(action.use === 'home' && action.liabilitySigned ? { liabilitySignedAt: now } : {}),
        } } };
      }
      case 'return': {
        const fee = r.use === 'home' && r.dueDate ? lateFee(r.dueDate, now, 1, policy) : 0;
        return { allowed: true, update: { ...base, changes: { returnedAt: now }, ...(fee > 0 ? { charge: { kind: 'late_fee', amount: fee } } : {}) } };
      }
      case 'send_back': {
        const window = checkIllSendBack(r.arrivedAt!, now, policy);
        if (!window.allowed) return window;
        // seeds/004: sent back uncollected, the reader owes that postage before any new request.
        const postage = r.form === 'original' ? returnPostage(r.weightGrams ?? 0, policy) ?? 0 : 0;
        return { allowed: true, update: { ...base, ...(postage > 0 ? { charge: { kind: 'return_postage', amount: postage } } : {}) } };
      }
      default:
        return { allowed: true, update: base };
    }
  }

  async recordPayment(patronId: number, chargeId: number, actor: string): Promise<{ allowed: true } | Refusal<'ill.charge_not_found'>> {
    return (await this.ill.recordPayment(patronId, chargeId, actor, this.now())) ? allow() : refuse('ill.charge_not_found');
  }
}
