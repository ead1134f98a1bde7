import { refuse, type Refusal } from '../decision';
import type { IlsIllStore, UnfiledIll } from '../ports/ils-ill-store';
import type { LibrarySystem } from '../ports/library-system';
import { SingleFlight } from '../single-flight';

/** What the reader hears about the library system: nothing when it took the request (or cannot take any). */
export type IlsFilingProblem = Refusal<'ils.ill_unavailable' | 'ils.ill_refused'> & { detail?: string };

/**
 * Files the bot's interlibrary loan requests in the library's own system (issue 20), after the
 * request's transaction: the bot's request stays the record staff work from, the ILS gets its
 * copy under the request's ref as key, so filing again (a retry, the start-up run after a crash
 * between the ILS's yes and our write) finds the first request instead of making a second.
 * A system that takes no requests through its API (SIP2; a Koha backend answering 405) is not a
 * problem: the request is the bot's alone, as in the embedded store.
 */
export class FileIllRequests {
  /** One filing per request at a time (SingleFlight), keyed by the request's id. */
  private readonly filing = new SingleFlight<number, IlsFilingProblem | undefined>();

  constructor(
    private readonly store: IlsIllStore,
    private readonly systemFor: (libraryId: string) => LibrarySystem | undefined,
    /** The ILS code of the branch where the library's ILL requests are handled. */
    private readonly illBranchCode: (libraryId: string) => string,
  ) {}

  appliesTo(libraryId: string): boolean {
    return this.systemFor(libraryId)?.takesIllRequests === true;
  }

  async forRequest(id: number): Promise<IlsFilingProblem | undefined> {
    const request = await this.store.unfiledOf(id);
    return request ? this.file(request) : undefined;
  }

  /** On start: every outstanding request still without an ILS id is filed (or found) again. */
  async reconcile(libraryIds: readonly string[]): Promise<{ filed: number; pending: number }> {
    let filed = 0;
    let pending = 0;
    for (const request of await this.store.unfiledIn(libraryIds.filter((id) => this.appliesTo(id)))) {
      (await this.file(request)) ? pending++ : filed++;
    }
    return { filed, pending };
  }

  private file(request: UnfiledIll): Promise<IlsFilingProblem | undefined> {
    return this.filing.run(request.id, () => this.fileOnce(request));
  }

  private async fileOnce(request: UnfiledIll): Promise<IlsFilingProblem | undefined> {
    const system = this.systemFor(request.libraryId);
    if (!system?.takesIllRequests) return undefined;
    const answer = await system.requestIll({ cardNumber: request.cardNumber }, {
      title: request.title,
      ...(request.author ? { author: request.author } : {}),
      ...(request.year !== undefined ? { year: String(request.year) } : {}),
      ...(request.isbn ? { isbn: request.isbn } : {}),
      pickupBranchCode: this.illBranchCode(request.libraryId), requestKey: `ill-${request.ref}`,
    });
    if (answer.allowed) {
      await this.store.record(request.id, answer.ilsRequestId);
      return undefined;
    }
    if (answer.reason === 'ils.not_supported') return undefined;
    const detail = answer.detail ?? answer.reason;
    return answer.reason === 'ils.unavailable' ? { ...refuse('ils.ill_unavailable'), detail } : { ...refuse('ils.ill_refused'), detail };
  }
}
