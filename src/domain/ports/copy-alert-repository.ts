import type { Language } from '../types';

export type CopyAlertStatus = 'open' | 'sending' | 'sent' | 'failed';
export type CopyAlertChannel = 'chat' | 'phone';

export interface NewCopyAlert {
  libraryId: string;
  recordId: number;
  title: string;
  patronId: number;
  language: Language;
  channel: CopyAlertChannel;
  /** The kept chat conversation (reply-address rules), or none: the patron is then told by SMS. */
  conversationRef?: string;
}

export interface CopyAlertView extends NewCopyAlert {
  id: number;
  status: CopyAlertStatus;
  note?: string;
  createdAt: Date;
  sentAt?: Date;
}

/** A copy staff checked in: the record it belongs to, the library whose rules apply, and its branch (whose quarantine applies). */
export interface CheckedInCopy { copyId: number; recordId: number; libraryId: string; branchId: string; title: string; status: string }

export interface CopyAlertRepository {
  /** Opens the alert, or refreshes the open one of the same patron and record ('merged'). */
  open(alert: NewCopyAlert, at: Date): Promise<'opened' | 'merged'>;
  /** Of these records, those with a copy on the shelf now. */
  recordsOnShelf(recordIds: readonly number[]): Promise<number[]>;
  /**
   * Takes the open alerts of these records for sending: each one is taken by one caller only
   * (open → sending in one conditional update), so two returns at once send it once.
   */
  claim(recordIds: readonly number[]): Promise<CopyAlertView[]>;
  finish(id: number, status: 'sent' | 'failed', at: Date, note?: string): Promise<void>;
  /** The library's alerts, open ones first, newest first; at most `limit`. */
  list(libraryId: string, limit: number): Promise<CopyAlertView[]>;
  /** A copy of the library by barcode. */
  copyByBarcode(libraryId: string, barcode: string): Promise<CheckedInCopy | undefined>;
  /** An on-loan copy comes back: on the shelf now, or in quarantine until `availableFrom`. 'not_on_loan' if it was not lent. */
  checkIn(copyId: number, returnedAt: Date, availableFrom: Date | undefined): Promise<'ok' | 'not_on_loan'>;
  /** Copies whose quarantine is over go on the shelf; the records they belong to. */
  releaseQuarantine(now: Date): Promise<number[]>;
}
