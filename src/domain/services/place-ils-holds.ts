import { refuse, type Refusal } from '../decision';
import type { IlsHoldStore, UnplacedHold, UnreleasedHold } from '../ports/ils-hold-store';
import type { HoldRefusal, IlsFailure, LibrarySystem } from '../ports/library-system';
import { isOnShelf } from '../rules/ils-standing';
import { SingleFlight } from '../single-flight';

/** What the patron hears about the library system: nothing when it took every hold. */
export type IlsPlacementProblem = Refusal<'ils.unavailable' | 'ils.refused'> & { detail?: string };

/**
 * Puts the bot's holds into the library's own system (issue 20), after the order's transaction:
 * the order is the bot's record for staff whatever the ILS answers, and a hold counts as held
 * only once the ILS returns its id. Each hold is placed under a key made of the order ref and
 * the hold id, so placing it again (a retry, the reconciliation after a crash between the ILS's
 * yes and our write) finds the first hold in the ILS instead of a second.
 */
export class PlaceIlsHolds {
  /** One placing, and one cancelling, per hold at a time (SingleFlight), keyed by the hold's id. */
  private readonly placing = new SingleFlight<number, IlsPlacementProblem | undefined>();
  private readonly releasing = new SingleFlight<number, boolean>();

  constructor(
    private readonly store: IlsHoldStore,
    private readonly systemFor: (libraryId: string) => LibrarySystem | undefined,
    private readonly branchCode: (libraryId: string, branchId: string) => string,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** Whether this library's holds go to an ILS at all (the embedded store has none to go to). */
  appliesTo(libraryId: string): boolean {
    const system = this.systemFor(libraryId);
    return system !== undefined && system.kind !== 'embedded';
  }

  async forOrder(orderId: number): Promise<IlsPlacementProblem | undefined> {
    let problem: IlsPlacementProblem | undefined;
    for (const hold of await this.store.unplacedOf(orderId)) {
      const answer = await this.place(hold);
      // An outage outranks a refusal: the patron hears that nothing is held yet.
      if (answer && (!problem || answer.reason === 'ils.unavailable')) problem = answer;
    }
    return problem;
  }

  /**
   * An order that ended unfulfilled (cancelled by the patron or staff, expired) gives its copies
   * back in the ILS too: each of its holds there is cancelled. One the ILS no longer has (staff
   * cancelled it at the desk) counts as done; an outage leaves it for the next reconciliation.
   */
  async releaseForOrder(orderId: number): Promise<{ released: number; pending: number }> {
    return this.releaseAll(await this.store.unreleasedOf(orderId));
  }

  /** On start and every few minutes: holds still without an ILS id are placed (or found), ended ones cancelled. */
  async reconcile(libraryIds: readonly string[]): Promise<{ placed: number; pending: number; released: number; releasePending: number }> {
    const ils = libraryIds.filter((id) => this.appliesTo(id));
    let placed = 0;
    let pending = 0;
    for (const hold of await this.store.unplacedIn(ils)) (await this.place(hold)) ? pending++ : placed++;
    const { released, pending: releasePending } = await this.releaseAll(await this.store.unreleasedIn(ils));
    return { placed, pending, released, releasePending };
  }

  private async releaseAll(holds: readonly UnreleasedHold[]): Promise<{ released: number; pending: number }> {
    let released = 0;
    let pending = 0;
    for (const hold of holds) (await this.release(hold)) ? released++ : pending++;
    return { released, pending };
  }

  private release(hold: UnreleasedHold): Promise<boolean> {
    return this.releasing.run(hold.holdId, () => this.releaseOnce(hold));
  }

  private async releaseOnce(hold: UnreleasedHold): Promise<boolean> {
    const system = this.systemFor(hold.libraryId);
    if (!system || system.kind === 'embedded') return false;
    const answer = await system.cancelHold({ cardNumber: hold.cardNumber }, { ilsHoldId: hold.ilsHoldId });
    if (!answer.allowed && answer.reason !== 'hold.not_found') return false;
    await this.store.markReleased(hold.holdId, this.now());
    return true;
  }

  private place(hold: UnplacedHold): Promise<IlsPlacementProblem | undefined> {
    return this.placing.run(hold.holdId, () => this.placeOnce(hold));
  }

  private async placeOnce(hold: UnplacedHold): Promise<IlsPlacementProblem | undefined> {
    const system = this.systemFor(hold.libraryId);
    if (!system || system.kind === 'embedded') return undefined;
    if (!hold.recordIlsId) return { ...refuse('ils.refused'), detail: `record ${hold.recordId} has no id in the library system` };
    const pickup = this.branchCode(hold.libraryId, hold.branchId);
    const copies = await system.copies({ recordIlsId: hold.recordIlsId, barcodes: hold.barcode ? [hold.barcode] : [] });
    if (!copies.allowed) return problemOf(copies);
    // The copy the bot claimed, if the ILS has it on the shelf (or already held: perhaps by us, before a crash);
    // otherwise another copy on the shelf at the same branch.
    const claimed = copies.copies.find((c) => hold.barcode !== null && c.barcode === hold.barcode && (isOnShelf(c.status) || c.status === 'on_hold'));
    const item = claimed ?? copies.copies.find((c) => c.branchCode === pickup && isOnShelf(c.status));
    if (!item) return { ...refuse('ils.refused'), detail: 'hold.copy_taken' };
    const answer = await system.placeHold({
      patron: { cardNumber: hold.cardNumber }, recordIlsId: hold.recordIlsId, itemId: item.itemId, pickupBranchCode: pickup,
      requestKey: `${hold.orderRef}-${hold.holdId}`,
    });
    if (!answer.allowed) return problemOf(answer);
    await this.store.record(hold.holdId, answer.ilsHoldId);
    return undefined;
  }
}

function problemOf(answer: Refusal<HoldRefusal | IlsFailure | 'ils.not_supported'> & { detail?: string }): IlsPlacementProblem {
  const detail = answer.detail ?? answer.reason;
  return answer.reason === 'ils.unavailable' ? { ...refuse('ils.unavailable'), detail } : { ...refuse('ils.refused'), detail };
}
