import { allow, refuse } from '../domain/decision';
import type { CopyStatus, IlsAnswer, IlsCopy, IlsHold, IlsPatron, LibrarySystem, PatronStanding, RecordRef } from '../domain/ports/library-system';
import type { PatronRepository } from '../domain/ports/patron-repository';
import type { PinHasher } from '../domain/ports/pin-hasher';
import type { Db } from './prisma-client';

/**
 * The bot's own database as the library system (the default, `ils: { type: embedded }`). Its
 * holds are the Hold rows the order transaction writes (prisma-order-repository.ts), so placing,
 * listing and cancelling a hold here are answered as not supported: the order path does them.
 */
export class EmbeddedLibrarySystem implements LibrarySystem {
  readonly kind = 'embedded' as const;
  /** The bot's own request is the only one. */
  readonly takesIllRequests = false;

  constructor(
    private readonly db: Db,
    private readonly libraryId: string,
    private readonly patrons: PatronRepository,
    private readonly hasher: PinHasher,
  ) {}

  async authenticate(cardNumber: string, pin: string): Promise<IlsAnswer<{ patron: IlsPatron }, 'signin.invalid'>> {
    const found = await this.patrons.findByCard(this.libraryId, cardNumber);
    if (!found) return refuse('signin.invalid');
    const subject = { libraryId: this.libraryId, cardNumber };
    const check = await this.hasher.verify(pin, found.pinHash, subject);
    if (!check.valid) return refuse('signin.invalid');
    if (check.outdated) await this.patrons.replacePinHash(found.patron.id, await this.hasher.hash(pin, subject));
    return { ...allow(), patron: { ilsPatronId: String(found.patron.id), cardNumber } };
  }

  async standing(patron: IlsPatron): Promise<IlsAnswer<{ standing: PatronStanding }>> {
    const id = patron.ilsPatronId !== undefined ? Number(patron.ilsPatronId) : (await this.patrons.findByCard(this.libraryId, patron.cardNumber))?.patron.id;
    const snapshot = id === undefined ? undefined : await this.patrons.snapshot(id);
    if (!snapshot) return refuse('ils.refused');
    return {
      ...allow(),
      standing: {
        blocked: snapshot.status === 'locked', expired: snapshot.status === 'expired', cardLost: false,
        expiresAt: snapshot.cardExpiresAt, finesOwed: 0, holdsCount: snapshot.activeHolds, loansCount: snapshot.loansCount, name: snapshot.name,
      },
    };
  }

  async copies({ recordIlsId }: RecordRef): Promise<IlsAnswer<{ copies: IlsCopy[] }>> {
    const rows = await this.db.copy.findMany({ where: { recordId: Number(recordIlsId), record: { libraryId: this.libraryId } }, orderBy: { id: 'asc' } });
    return { ...allow(), copies: rows.map((c) => ({ itemId: String(c.id), barcode: c.barcode ?? undefined, branchCode: c.branchId, status: STATUS[c.status] ?? 'unknown' })) };
  }

  async placeHold(): Promise<IlsAnswer<{ ilsHoldId: string }, 'ils.not_supported'>> {
    return refuse('ils.not_supported');
  }

  async listHolds(): Promise<IlsAnswer<{ holds: IlsHold[] }, 'ils.not_supported'>> {
    return refuse('ils.not_supported');
  }

  async cancelHold(): Promise<IlsAnswer<{ pending: boolean }, 'ils.not_supported'>> {
    return refuse('ils.not_supported');
  }

  async requestIll(): Promise<IlsAnswer<{ ilsRequestId: string }, 'ils.not_supported'>> {
    // The bot's own ILL workflow (domain/services/ill-request.ts) is the embedded library's ILL.
    return refuse('ils.not_supported');
  }
}

const STATUS: Record<string, CopyStatus> = { available: 'available', on_loan: 'on_loan', held: 'on_hold', quarantine: 'not_for_loan' };
