import { allow, refuse, type Refusal } from '../../domain/decision';
import type { CopyStatus, HoldRefusal, HoldRequest, IlsAnswer, IlsCopy, IlsHold, IlsPatron, LibrarySystem, PatronStanding, RecordRef } from '../../domain/ports/library-system';
import type { Sip2Frame, Sip2Message } from './sip2-message';
import { endPatronSession, hold, itemInformation, patronInformation, readHold, readItemInformation, readPatronInformation } from './sip2-messages';

export interface Sip2Transport {
  request(message: Sip2Message): Promise<Sip2Frame>;
}

export interface Sip2SystemOptions {
  institution: string;
  terminalPassword?: string;
  now: () => Date;
}

/**
 * A library system that speaks SIP2 (issue 20). What SIP2 cannot do is answered
 * `ils.not_supported`: ILL requests (no SIP2 message), and hold ids (a SIP2 hold is named by
 * patron and item, so the bot names it `<card>:<barcode>`). The copies of a record are asked
 * item by item (17/18), so only the barcodes the catalogue knows are checked.
 */
export class Sip2LibrarySystem implements LibrarySystem {
  readonly kind = 'sip2' as const;
  /** SIP2 has no message for an interlibrary loan request. */
  readonly takesIllRequests = false;

  constructor(private readonly sip: Sip2Transport, private readonly options: Sip2SystemOptions) {}

  async authenticate(cardNumber: string, pin: string): Promise<IlsAnswer<{ patron: IlsPatron }, 'signin.invalid'>> {
    return this.guard(async () => {
      const info = readPatronInformation(await this.sip.request(patronInformation({ ...this.base(), patron: cardNumber, pin })));
      // Closes the ACS's patron session the 63 opened; its answer changes nothing.
      await this.sip.request(endPatronSession({ ...this.base(), patron: cardNumber })).catch(() => undefined);
      if (!info.validPatron || info.validPassword !== true) return refuse('signin.invalid');
      return { ...allow(), patron: { ilsPatronId: cardNumber, cardNumber } };
    });
  }

  async standing(patron: IlsPatron): Promise<IlsAnswer<{ standing: PatronStanding }>> {
    return this.guard(async () => {
      const info = readPatronInformation(await this.sip.request(patronInformation({ ...this.base(), patron: patron.cardNumber })));
      if (!info.validPatron) return refuse('ils.refused');
      return {
        ...allow(),
        standing: {
          blocked: info.status.holdPrivilegesDenied || info.status.chargePrivilegesDenied,
          cardLost: info.status.cardReportedLost,
          expired: false,
          ...(info.expiresAt ? { expiresAt: info.expiresAt } : {}),
          finesOwed: info.feeAmount,
          holdsCount: info.holdItemsCount,
          loansCount: info.chargedItemsCount,
          ...(info.name ? { name: info.name } : {}),
        },
      };
    });
  }

  async copies(record: RecordRef): Promise<IlsAnswer<{ copies: IlsCopy[] }>> {
    return this.guard(async () => {
      const copies: IlsCopy[] = [];
      for (const barcode of record.barcodes) {
        const item = readItemInformation(await this.sip.request(itemInformation({ ...this.base(), item: barcode })));
        copies.push({ itemId: barcode, barcode, branchCode: item.permanentLocation ?? item.currentLocation ?? '', status: STATUS[item.circulationStatus] ?? 'unknown' });
      }
      return { ...allow(), copies };
    });
  }

  async placeHold(request: HoldRequest): Promise<IlsAnswer<{ ilsHoldId: string; replayed?: true }, HoldRefusal>> {
    return this.guard(async () => {
      const card = request.patron.cardNumber;
      // SIP2 has no request key: a hold this patron already has on this item is the one a crash left behind.
      const held = readPatronInformation(await this.sip.request(patronInformation({ ...this.base(), patron: card, holdItems: true })));
      if (held.holdItems.includes(request.itemId)) return { ...allow(), ilsHoldId: holdId(card, request.itemId), replayed: true as const };
      const answer = readHold(await this.sip.request(hold({ ...this.base(), mode: '+', patron: card, item: request.itemId, pickupLocation: request.pickupBranchCode })));
      if (!answer.ok) return refuse('ils.refused');
      return { ...allow(), ilsHoldId: holdId(card, request.itemId) };
    });
  }

  async listHolds(patron: IlsPatron): Promise<IlsAnswer<{ holds: IlsHold[] }, 'ils.not_supported'>> {
    return this.guard(async () => {
      const info = readPatronInformation(await this.sip.request(patronInformation({ ...this.base(), patron: patron.cardNumber, holdItems: true })));
      return { ...allow(), holds: info.holdItems.map((item) => ({ ilsHoldId: holdId(patron.cardNumber, item), itemId: item })) };
    });
  }

  async cancelHold(patron: IlsPatron, target: Pick<IlsHold, 'ilsHoldId' | 'itemId'>): Promise<IlsAnswer<{ pending: boolean }, 'ils.not_supported' | 'hold.not_found'>> {
    return this.guard(async () => {
      const item = target.itemId ?? target.ilsHoldId.split(':').slice(1).join(':');
      if (!item) return refuse('hold.not_found');
      const answer = readHold(await this.sip.request(hold({ ...this.base(), mode: '-', patron: patron.cardNumber, item })));
      return answer.ok ? { ...allow(), pending: false } : refuse('hold.not_found');
    });
  }

  async requestIll(): Promise<IlsAnswer<{ ilsRequestId: string }, 'ils.not_supported'>> {
    return refuse('ils.not_supported');
  }

  private base() {
    return { institution: this.options.institution, terminalPassword: this.options.terminalPassword, now: this.options.now() };
  }

  /** A dropped connection, a timeout or a garbled answer is an outage, never a "no". */
  private async guard<T extends { allowed: boolean }>(call: () => Promise<T>): Promise<T | (Refusal<'ils.unavailable'> & { detail: string })> {
    try {
      return await call();
    } catch (error) {
      return { ...refuse('ils.unavailable'), detail: error instanceof Error ? error.message : String(error) };
    }
  }
}

const holdId = (card: string, item: string) => `${card}:${item}`;

/** 3M SIP2 2.00 circulation status (message 18) as the bot's copy status. */
const STATUS: Record<string, CopyStatus> = {
  '03': 'available', '04': 'on_loan', '05': 'on_loan', '07': 'on_loan', '08': 'on_hold', '09': 'in_transit', '10': 'in_transit',
  '12': 'lost', '13': 'lost', '02': 'not_for_loan', '06': 'not_for_loan',
};
