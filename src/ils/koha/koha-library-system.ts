import { allow, refuse, type Refusal } from '../../domain/decision';
import type {
  CopyStatus, HoldRefusal, HoldRequest, IllRequestDraft, IlsAnswer, IlsCopy, IlsHold, IlsPatron, LibrarySystem, PatronStanding, RecordRef,
} from '../../domain/ports/library-system';
import type { KohaClient, KohaResponse } from './koha-client';

/**
 * Koha through its REST API (issue 20), request and answer as api/v1/swagger/paths/{auth,
 * patrons,holds,items,biblios,ill_requests}.yaml and definitions/{patron,hold,item,ill_request}
 * .yaml describe them. The bot's request key rides in the hold's `notes`, so a hold placed just
 * before a crash is found again instead of placed twice.
 */
export class KohaLibrarySystem implements LibrarySystem {
  readonly kind = 'koha' as const;
  /** POST /ill/requests; a backend that cannot take them answers 405. */
  readonly takesIllRequests = true;

  constructor(private readonly koha: KohaClient, private readonly options: { illBackend?: string } = {}) {}

  /** POST /auth/password/validation: 201 with patron_id, 400 "Validation failed" otherwise. */
  async authenticate(cardNumber: string, pin: string): Promise<IlsAnswer<{ patron: IlsPatron }, 'signin.invalid'>> {
    return this.guard(async () => {
      const r = await this.koha.request('POST', '/auth/password/validation', { body: { identifier: cardNumber, password: pin } });
      if (r.status === 201) {
        const body = r.body as { patron_id?: number; cardnumber?: string };
        return { ...allow(), patron: { ilsPatronId: String(body.patron_id), cardNumber: body.cardnumber ?? cardNumber } };
      }
      if (r.status === 400 || r.status === 404) return refuse('signin.invalid');
      return refused(r);
    });
  }

  /**
   * GET /patrons/{patron_id} (restricted, expiry_date, patron_card_lost, and the counts
   * x-koha-embed asks for) and GET /patrons/{patron_id}/account (balance).
   */
  async standing(patron: IlsPatron): Promise<IlsAnswer<{ standing: PatronStanding }>> {
    return this.guard(async () => {
      const id = await this.patronId(patron);
      if (id === undefined) return refuse('ils.refused');
      const p = await this.koha.request('GET', `/patrons/${id}`, { headers: { 'x-koha-embed': 'checkouts+count,holds+count' } });
      if (p.status !== 200) return refused(p);
      const a = await this.koha.request('GET', `/patrons/${id}/account`);
      if (a.status !== 200) return refused(a);
      const body = p.body as { restricted?: boolean; expiry_date?: string | null; patron_card_lost?: boolean; checkouts_count?: number; holds_count?: number; firstname?: string; surname?: string };
      const balance = Number((a.body as { balance?: number }).balance ?? 0);
      const expiresAt = body.expiry_date ? new Date(`${body.expiry_date}T23:59:59Z`) : undefined;
      return {
        ...allow(),
        standing: {
          blocked: body.restricted === true, cardLost: body.patron_card_lost === true, expired: false,
          ...(expiresAt ? { expiresAt } : {}),
          finesOwed: Number.isFinite(balance) ? balance : 0,
          holdsCount: body.holds_count ?? 0, loansCount: body.checkouts_count ?? 0,
          name: [body.firstname, body.surname].filter(Boolean).join(' ') || undefined,
        },
      };
    });
  }

  /** GET /biblios/{biblio_id}/items: the copy's status from its checkout, lost, withdrawn and not-for-loan fields. */
  async copies(record: RecordRef): Promise<IlsAnswer<{ copies: IlsCopy[] }>> {
    return this.guard(async () => {
      const r = await this.koha.request('GET', `/biblios/${encodeURIComponent(record.recordIlsId)}/items`);
      if (r.status === 404) return { ...allow(), copies: [] };
      if (r.status !== 200) return refused(r);
      return { ...allow(), copies: (r.body as KohaItem[]).map((item) => ({
        itemId: String(item.item_id), ...(item.external_id ? { barcode: item.external_id } : {}),
        branchCode: item.holding_library_id ?? item.home_library_id ?? '', status: itemStatus(item),
      })) };
    });
  }

  /**
   * GET /items/{item_id}/pickup_locations first (a branch that may not be offered is the
   * patron's `hold.bad_pickup`, not Koha's 400), then POST /holds item-level.
   */
  async placeHold(request: HoldRequest): Promise<IlsAnswer<{ ilsHoldId: string; replayed?: true }, HoldRefusal>> {
    return this.guard(async () => {
      const patronId = await this.patronId(request.patron);
      if (patronId === undefined) return refuse('ils.refused');
      const earlier = await this.holdsOf(patronId, request.itemId);
      if (!earlier.allowed) return earlier;
      const mine = earlier.holds.find((h) => h.requestKey === request.requestKey);
      if (mine) return { ...allow(), ilsHoldId: mine.ilsHoldId, replayed: true as const };
      const pickup = await this.koha.request('GET', `/items/${encodeURIComponent(request.itemId)}/pickup_locations?patron_id=${patronId}`);
      if (pickup.status === 200 && !(pickup.body as Array<{ library_id?: string }>).some((l) => l.library_id === request.pickupBranchCode)) return refuse('hold.bad_pickup');
      if (pickup.status !== 200 && pickup.status !== 404) return refused(pickup);
      const r = await this.koha.request('POST', '/holds', { body: {
        patron_id: patronId, biblio_id: Number(request.recordIlsId), item_id: Number(request.itemId),
        pickup_library_id: request.pickupBranchCode, notes: noteOf(request.requestKey),
      } });
      if (r.status === 201) return { ...allow(), ilsHoldId: String((r.body as { hold_id: number }).hold_id) };
      return holdRefusal(r);
    });
  }

  /** GET /holds?patron_id= */
  async listHolds(patron: IlsPatron): Promise<IlsAnswer<{ holds: IlsHold[] }, 'ils.not_supported'>> {
    return this.guard(async () => {
      const id = await this.patronId(patron);
      if (id === undefined) return refuse('ils.refused');
      return this.holdsOf(id);
    });
  }

  /** DELETE /holds/{hold_id}: 204 cancelled, 202 a cancellation request staff grant (a waiting hold). */
  async cancelHold(_patron: IlsPatron, hold: Pick<IlsHold, 'ilsHoldId'>): Promise<IlsAnswer<{ pending: boolean }, 'ils.not_supported' | 'hold.not_found'>> {
    return this.guard(async () => {
      const r = await this.koha.request('DELETE', `/holds/${encodeURIComponent(hold.ilsHoldId)}`);
      if (r.status === 204) return { ...allow(), pending: false };
      if (r.status === 202) return { ...allow(), pending: true };
      if (r.status === 404) return refuse('hold.not_found');
      return refused(r);
    });
  }

  /**
   * POST /ill/requests with the Standard backend's fields as extended attributes; a backend that
   * cannot take requests through the API answers 405, which the bot reads as not supported.
   * First GET /ill/requests (q = the patron, extended_attributes embedded): a request carrying
   * the same bot_request_key was filed before a crash, and is answered instead of a second one.
   */
  async requestIll(patron: IlsPatron, draft: IllRequestDraft): Promise<IlsAnswer<{ ilsRequestId: string; replayed?: true }, 'ils.not_supported'>> {
    return this.guard(async () => {
      const id = await this.patronId(patron);
      if (id === undefined) return refuse('ils.refused');
      const earlier = await this.koha.request('GET', `/ill/requests?q=${encodeURIComponent(JSON.stringify({ patron_id: id }))}`, { headers: { 'x-koha-embed': 'extended_attributes' } });
      if (earlier.status !== 200 && earlier.status !== 404) return refused(earlier);
      const mine = earlier.status === 200 && (earlier.body as KohaIllRequest[])
        .find((r) => r.extended_attributes?.some((a) => a.type === REQUEST_KEY_ATTRIBUTE && a.value === draft.requestKey));
      if (mine) return { ...allow(), ilsRequestId: String(mine.ill_request_id), replayed: true as const };
      const attributes = Object.entries({ title: draft.title, author: draft.author, year: draft.year, isbn: draft.isbn, [REQUEST_KEY_ATTRIBUTE]: draft.requestKey })
        .filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== '')
        .map(([type, value]) => ({ type, value }));
      const r = await this.koha.request('POST', '/ill/requests', { body: {
        ill_backend_id: this.options.illBackend ?? 'Standard', patron_id: id, library_id: draft.pickupBranchCode, extended_attributes: attributes,
      } });
      if (r.status === 201) return { ...allow(), ilsRequestId: String((r.body as { ill_request_id: number }).ill_request_id) };
      if (r.status === 405) return refuse('ils.not_supported');
      return refused(r);
    });
  }

  private async holdsOf(patronId: number, itemId?: string): Promise<IlsAnswer<{ holds: IlsHold[] }>> {
    const r = await this.koha.request('GET', `/holds?patron_id=${patronId}${itemId ? `&item_id=${encodeURIComponent(itemId)}` : ''}`);
    if (r.status !== 200) return refused(r);
    return { ...allow(), holds: (r.body as KohaHold[]).map((h) => ({
      ilsHoldId: String(h.hold_id),
      ...(h.item_id != null ? { itemId: String(h.item_id) } : {}),
      ...(h.pickup_library_id ? { pickupBranchCode: h.pickup_library_id } : {}),
      ...(keyOf(h.notes) ? { requestKey: keyOf(h.notes) } : {}),
    })) };
  }

  /** Koha's patron_id: given, or found from the card (GET /patrons?cardnumber=, exact match). */
  private async patronId(patron: IlsPatron): Promise<number | undefined> {
    if (patron.ilsPatronId !== undefined) return Number(patron.ilsPatronId);
    const r = await this.koha.request('GET', `/patrons?cardnumber=${encodeURIComponent(patron.cardNumber)}&_match=exact`);
    if (r.status !== 200) return undefined;
    const found = (r.body as Array<{ patron_id: number; cardnumber?: string }>).find((p) => p.cardnumber === patron.cardNumber);
    return found?.patron_id;
  }

  /** An outage (503, timeout, refused connection) is `ils.unavailable`, never a "no". */
  private async guard<T extends { allowed: boolean }>(call: () => Promise<T>): Promise<T | (Refusal<'ils.unavailable'> & { detail: string })> {
    try {
      return await call();
    } catch (error) {
      return { ...refuse('ils.unavailable'), detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

interface KohaItem {
  item_id: number; external_id?: string | null; home_library_id?: string | null; holding_library_id?: string | null;
  checked_out_date?: string | null; lost_status?: number; withdrawn?: number; not_for_loan_status?: number; damaged_status?: number;
}
interface KohaIllRequest { ill_request_id: number; extended_attributes?: Array<{ type: string; value: string }> | null }
interface KohaHold { hold_id: number; item_id?: number | null; pickup_library_id?: string | null; notes?: string | null }

function itemStatus(item: KohaItem): CopyStatus {
  if (item.lost_status) return 'lost';
  if (item.withdrawn || item.not_for_loan_status || item.damaged_status) return 'not_for_loan';
  if (item.checked_out_date) return 'on_loan';
  return 'available';
}

const NOTE_PREFIX = 'bot-request:';
/** The ILL request's extended attribute that carries the bot's key (ill_extended_attributes type). */
const REQUEST_KEY_ATTRIBUTE = 'bot_request_key';
const noteOf = (key: string) => `${NOTE_PREFIX}${key}`;
const keyOf = (notes: string | null | undefined) => (notes?.startsWith(NOTE_PREFIX) ? notes.slice(NOTE_PREFIX.length) : undefined);

/**
 * Koha's 403 on POST /holds says "Hold cannot be placed. Reason: <status>" with the status of
 * C4::Reserves::CanItemBeReserved; those the bot has a sentence for are mapped to it.
 */
const HOLD_REASONS: Record<string, HoldRefusal> = {
  tooManyReserves: 'hold.limit_reached', tooManyHoldsForThisRecord: 'hold.limit_reached', tooManyReservesToday: 'hold.limit_reached',
  itemAlreadyOnHold: 'hold.copy_taken', alreadyReserved: 'hold.copy_taken', alreadypossession: 'hold.copy_taken',
  notReservable: 'hold.copy_taken', noReservesAllowed: 'hold.copy_taken', damaged: 'hold.copy_taken', recordHoldsOnly: 'hold.copy_taken',
  cannotReserveFromOtherBranches: 'hold.bad_pickup', libraryNotPickupLocation: 'hold.bad_pickup', pickupNotInHoldGroup: 'hold.bad_pickup',
  cannotBeTransferred: 'hold.bad_pickup', libraryNotFound: 'hold.bad_pickup',
  restricted: 'hold.account_locked', debarred: 'hold.account_locked', ageRestricted: 'hold.account_locked',
  expired: 'hold.card_expired',
};

function holdRefusal(r: KohaResponse): Refusal<HoldRefusal | 'ils.refused'> & { detail?: string } {
  const message = errorOf(r);
  if (r.status === 403) {
    const reason = /Reason:\s*(\w+)/.exec(message)?.[1];
    const mapped = reason ? HOLD_REASONS[reason] : undefined;
    if (mapped) return refuse(mapped);
  }
  // holds.yaml: 400 "Bad request", for a pickup library the item may not go to among others.
  if (r.status === 400 && /pickup/i.test(message)) return refuse('hold.bad_pickup');
  return { ...refuse('ils.refused'), detail: `${r.status} ${message}`.trim() };
}

function refused(r: KohaResponse): Refusal<'ils.refused' | 'ils.unavailable'> & { detail: string } {
  // 401/403 on a route that is not a patron's refusal: the bot's own login or permissions are wrong.
  return { ...refuse(r.status === 401 || r.status === 403 ? 'ils.unavailable' : 'ils.refused'), detail: `${r.status} ${errorOf(r)}`.trim() };
}

/** definitions/error.yaml: `{ error, error_code }`. */
const errorOf = (r: KohaResponse): string => {
  const body = r.body as { error?: unknown } | string | undefined;
  return typeof body === 'object' && body && typeof body.error === 'string' ? body.error : typeof body === 'string' ? body.slice(0, 200) : '';
};
