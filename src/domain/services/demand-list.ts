import type { AskedText, DemandChannel, DemandLog, NotFoundSearch } from '../ports/demand-log';
import { searchKey } from '../text/normalize';
import { queryWords } from './search-catalogue';

/** One line of the acquisitions suggestion list: the spellings patrons used and how often, by source. */
export interface DemandLine {
  key: string;
  /** The spelling asked most often (the first of `spellings`). */
  text: string;
  spellings: string[];
  searches: number;
  illRequests: number;
  total: number;
  last: Date;
}

export interface DemandReport { libraryId: string; from: Date; to: Date; lines: DemandLine[] }

/** The period staff get when they choose none. */
export const DEFAULT_DEMAND_DAYS = 30;
/** Longest period one page or export covers: the log keeps a year (retention.ts) anyway. */
export const MAX_DEMAND_DAYS = 366;

/**
 * The grouping key of an asked-for text: its meaningful words (no «ο», «a», «the») through the
 * search pipeline with Greek transliteration, so «Ζορμπάς», «zorbas», «ζορμπας» and «Ο Ζορμπάς»
 * are one line. Hungarian words keep their letters, only folded («A Pál utcai fiúk» = «pal utcai fiuk»).
 *
 * @example demandKey('Ο Ζορμπάς') === demandKey('zorbas')
 */
export function demandKey(text: string): string {
  return queryWords(text).map((w) => searchKey(w, 'el')).filter(Boolean).join(' ');
}

/** Channel ids of the Bot Framework and our own routes, as staff read them. */
export function demandChannel(channelId: string | undefined): DemandChannel {
  if (channelId === 'webchat' || channelId === 'directline' || channelId === 'msteams' || channelId === 'emulator') return 'chat';
  if (channelId === 'voice' || channelId === 'twilio-voice') return 'phone';
  return 'other';
}

/**
 * What patrons asked for that the library does not have: searches that found nothing and the
 * titles of interlibrary loan requests, merged by `demandKey` and counted, most asked first.
 */
export class DemandList {
  constructor(private readonly log: DemandLog, private readonly now: () => Date) {}

  /** `channel`: the channel's own id, recorded as chat, phone or other. Never throws: a lost line of statistics must not cost the patron their search. */
  async notFound(search: Omit<NotFoundSearch, 'at' | 'channel'> & { channel: string | undefined }, onError: (error: unknown) => void = () => undefined): Promise<void> {
    const { channel, ...rest } = search;
    const query = rest.query.trim().slice(0, 300);
    if (!demandKey(query)) return;
    try {
      await this.log.recordNotFound({ ...rest, query, channel: demandChannel(channel), at: this.now() });
    } catch (error) {
      onError(error);
    }
  }

  /** The list over [from, to); the last DEFAULT_DEMAND_DAYS days when no period is given. */
  async report(libraryId: string, period: { from?: Date; to?: Date } = {}): Promise<DemandReport> {
    const to = period.to ?? this.now();
    const from = period.from ?? new Date(to.getTime() - DEFAULT_DEMAND_DAYS * 86_400_000);
    const [searches, ill] = await Promise.all([this.log.notFoundSearches(libraryId, from, to), this.log.illTitles(libraryId, from, to)]);
    const lines = new Map<string, DemandLine & { bySpelling: Map<string, number> }>();
    const add = (rows: AskedText[], source: 'searches' | 'illRequests') => {
      for (const row of rows) {
        const key = demandKey(row.text);
        if (!key) continue;
        let line = lines.get(key);
        if (!line) lines.set(key, (line = { key, text: row.text, spellings: [], searches: 0, illRequests: 0, total: 0, last: row.last, bySpelling: new Map() }));
        line[source] += row.count;
        line.total += row.count;
        if (row.last > line.last) line.last = row.last;
        const spelling = row.text.trim();
        line.bySpelling.set(spelling, (line.bySpelling.get(spelling) ?? 0) + row.count);
      }
    };
    add(searches, 'searches');
    add(ill, 'illRequests');
    const out = [...lines.values()].map(({ bySpelling, ...line }) => {
      const spellings = [...bySpelling.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([s]) => s);
      return { ...line, spellings, text: spellings[0] ?? line.text };
    });
    out.sort((a, b) => b.total - a.total || b.last.getTime() - a.last.getTime() || a.key.localeCompare(b.key));
    return { libraryId, from, to, lines: out };
  }
}
