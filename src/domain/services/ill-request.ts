import { allow, refuse, type Decision, type Refusal } from '../decision';
import { makeOrderRef } from '../order-ref';
import type { LibraryPolicy } from '../policy/library-policy';
import type { IllDraft, IllRepository, PlacedIll } from '../ports/ill-repository';
import { checkIllEligibility, remainingIllRequests, type IllRefusal } from '../rules/ill-eligibility';
import { checkIllForm, type IllFormRefusal } from '../rules/ill-forms';
import type { FileIllRequests } from './file-ils-ill-requests';

export type RequestIllRefusal = IllRefusal | IllFormRefusal | 'ill.title_required';
export type IllEligibility = ({ allowed: true } | Refusal<IllRefusal>) & { remaining: number };

/** Takes a reader's interlibrary loan request: eligibility first, then one transaction that re-checks it. */
export class RequestIll {
  constructor(
    private readonly ill: IllRepository,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
    private readonly newRef: () => string = makeOrderRef,
    /** Where the library has its own system, the request is filed there after it is written (issue 20). */
    private readonly fileIll?: FileIllRequests,
  ) {}

  /** What the dialog asks first, so a reader who cannot ask is told before describing a book. */
  async eligibility(libraryId: string, patronId: number): Promise<IllEligibility> {
    const policy = this.policyFor(libraryId);
    const snapshot = await this.ill.snapshot(patronId);
    if (!snapshot) throw new Error(`patron ${patronId} not found`);
    return { ...checkIllEligibility(snapshot, policy, this.now()), remaining: remainingIllRequests(snapshot, policy) };
  }

  async run(draft: IllDraft): Promise<PlacedIll | Refusal<RequestIllRefusal>> {
    const policy = this.policyFor(draft.libraryId);
    if (!draft.title.trim()) return refuse('ill.title_required');
    const form = checkIllForm(draft.kind, draft.form, policy);
    if (!form.allowed) return form;
    const placed = await this.ill.submit<RequestIllRefusal>(draft, (p): Decision<RequestIllRefusal> => {
      const decision = checkIllEligibility(p, policy, this.now());
      return decision.allowed ? allow() : decision;
    }, this.newRef);
    if (!placed.allowed || !this.fileIll?.appliesTo(draft.libraryId)) return placed;
    // A replayed yes files what is still unfiled: the ILS finds a request it already has by its key.
    const problem = await this.fileIll.forRequest(placed.id);
    return problem ? { ...placed, ils: problem.reason } : placed;
  }
}
