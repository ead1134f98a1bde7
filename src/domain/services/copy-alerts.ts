import { refuse, type Refusal } from '../decision';
import type { LibraryPolicy } from '../policy/library-policy';
import type { CopyAlertNotifier } from '../ports/copy-alert-notifier';
import type { CopyAlertRepository, CopyAlertView, NewCopyAlert } from '../ports/copy-alert-repository';
import { quarantineEndsAt } from '../rules/quarantine';

/** Channels whose conversation can be written to later (Bot Framework chat, our web chat, the tests' in-process one). */
const CHAT_CHANNELS = new Set(['webchat', 'directline', 'emulator', 'msteams', 'test']);
const isChatChannel = (channelId: string) => CHAT_CHANNELS.has(channelId);

export type CheckInRefusal = 'copy.unknown_barcode' | 'copy.not_on_loan';
export type CheckInResult = { allowed: true; title: string; availableFrom?: Date; notified: number } | Refusal<CheckInRefusal>;

/**
 * "Tell me when a copy is back" (issue 21). The hold rules stand: only copies on the shelf are
 * held, so this reserves nothing; it tells each waiting patron once that a copy is there, and
 * the first to ask for it gets it. Every path that puts a copy back on the shelf calls
 * `copiesBack`: an order cancelled or expired (its held copies), a staff check-in, and the end
 * of a quarantine (release-quarantine job).
 */
export class CopyAlerts {
  constructor(
    private readonly repo: CopyAlertRepository,
    private readonly notifier: CopyAlertNotifier,
    private readonly policyFor: (libraryId: string) => LibraryPolicy,
    private readonly now: () => Date,
    private readonly onError: (error: unknown, alertId: number) => void = () => undefined,
  ) {}

  /**
   * A signed-in patron said yes; a second yes for the same book is the same alert. `channel`
   * is the channel's own id as the dialogs record it: a chat conversation kept by the reply-address rules is told there,
   * everyone else (a caller, a chat nobody vouched for) by SMS.
   */
  async subscribe(request: Omit<NewCopyAlert, 'channel'> & { channel: string }): Promise<{ outcome: 'opened' | 'merged'; by: 'chat' | 'sms' }> {
    const { channel, conversationRef, ...alert } = request;
    const chat = isChatChannel(channel);
    const outcome = await this.repo.open({ ...alert, channel: chat ? 'chat' : 'phone', ...(chat && conversationRef ? { conversationRef } : {}) }, this.now());
    return { outcome, by: chat && conversationRef ? 'chat' : 'sms' };
  }

  /** Copies of these records may be on the shelf again: tells the patrons waiting for them. Never throws per alert. */
  async copiesBack(recordIds: readonly number[]): Promise<number> {
    const distinct = [...new Set(recordIds)];
    if (distinct.length === 0) return 0;
    const onShelf = await this.repo.recordsOnShelf(distinct);
    if (onShelf.length === 0) return 0;
    let sent = 0;
    for (const alert of await this.repo.claim(onShelf)) {
      try {
        const outcome = await this.notifier.send(alert);
        const note = { sent: undefined, skipped: 'no_address', not_configured: 'sms_not_configured', failed: outcome.status === 'failed' ? outcome.detail.slice(0, 200) : undefined }[outcome.status];
        await this.repo.finish(alert.id, outcome.status === 'sent' ? 'sent' : 'failed', this.now(), note);
        if (outcome.status === 'sent') sent += 1;
      } catch (error) {
        this.onError(error, alert.id);
        await this.repo.finish(alert.id, 'failed', this.now(), error instanceof Error ? error.message.slice(0, 200) : String(error).slice(0, 200));
      }
    }
    return sent;
  }

  /**
   * Staff check in a returned copy by barcode: on the shelf at once where the copy's branch keeps
   * no quarantine (rules/quarantine.ts: the branch's days, else the library's), otherwise when it
   * ends; the alerts follow the shelf.
   */
  async checkIn(libraryId: string, barcode: string): Promise<CheckInResult> {
    const copy = await this.repo.copyByBarcode(libraryId, barcode.trim());
    if (!copy) return refuse('copy.unknown_barcode', { barcode: barcode.trim() });
    const now = this.now();
    const ends = quarantineEndsAt(now, this.policyFor(libraryId), copy.branchId);
    const availableFrom = ends.getTime() > now.getTime() ? ends : undefined;
    if ((await this.repo.checkIn(copy.copyId, now, availableFrom)) === 'not_on_loan') return refuse('copy.not_on_loan', { title: copy.title });
    const notified = availableFrom ? 0 : await this.copiesBack([copy.recordId]);
    return { allowed: true, title: copy.title, ...(availableFrom ? { availableFrom } : {}), notified };
  }

  /** The release-quarantine job: copies whose quarantine is over go on the shelf, and their alerts out. */
  async releaseQuarantine(): Promise<{ released: number; notified: number }> {
    const records = await this.repo.releaseQuarantine(this.now());
    return { released: records.length, notified: await this.copiesBack(records) };
  }

  list(libraryId: string, limit = 200): Promise<CopyAlertView[]> {
    return this.repo.list(libraryId, limit);
  }
}
