import type { Language } from '../types';

/** How the patron reached the bot, as staff read it on the demand list: never a channel's own id. */
export type DemandChannel = 'chat' | 'phone' | 'other';

/** One search that found nothing: what was asked, where and when, and nothing about who asked. */
export interface NotFoundSearch {
  libraryId: string;
  query: string;
  language: Language;
  channel: DemandChannel;
  at: Date;
}

/** A text asked for, with how often it was asked in exactly these characters. */
export interface AskedText { text: string; count: number; last: Date }

export interface DemandLog {
  recordNotFound(search: NotFoundSearch): Promise<void>;
  /** Not-found searches of the library in [from, to), grouped by their exact text. */
  notFoundSearches(libraryId: string, from: Date, to: Date): Promise<AskedText[]>;
  /** Titles of the library's interlibrary loan requests filed in [from, to), grouped by their exact text. */
  illTitles(libraryId: string, from: Date, to: Date): Promise<AskedText[]>;
}
