import { XMLParser } from 'fast-xml-parser';
import { z } from 'zod';
import type { MarcField, MarcLike } from './marc-mapping';

/**
 * A library's OAI-PMH repository, as its library file sets it (`catalogue.oaiPmh`). Koha serves
 * one at <OPAC>/cgi-bin/koha/oai.pl once the OAI-PMH system preference is on.
 */
export const oaiPmhSettingsSchema = z.object({
  baseUrl: z.string().url(),
  /** How often the background job asks for changes. */
  intervalMinutes: z.number().int().min(5).default(60),
  metadataPrefix: z.string().min(1).default('marcxml'),
  /** A set to harvest (`setSpec`), when the repository serves more than this library's records. */
  set: z.string().min(1).optional(),
  /** The repository's datestamp granularity (Identify): `from` must not be finer. */
  granularity: z.enum(['seconds', 'day']).default('seconds'),
}).strict();
export type OaiPmhSettings = z.infer<typeof oaiPmhSettingsSchema>;

export interface OaiRecord {
  identifier: string;
  datestamp: string;
  deleted: boolean;
  /** Absent for a deleted record. */
  marc?: MarcLike;
}

export type OaiPage =
  | { kind: 'records'; responseDate: string; records: OaiRecord[]; resumptionToken?: string }
  /** noRecordsMatch: nothing changed since `from`. */
  | { kind: 'empty'; responseDate: string };

/** An OAI-PMH error other than noRecordsMatch (badResumptionToken, badArgument, cannotDisseminateFormat…), or a transport failure. */
export class OaiPmhError extends Error {
  constructor(readonly code: string, message: string) {
    super(`OAI-PMH ${code}: ${message}`);
    this.name = 'OaiPmhError';
  }
}

// Both OAI-PMH's envelope and MARCXML name an element `record`; the paths tell them apart.
const ARRAYS = ['ListRecords.record', 'metadata.record.controlfield', 'metadata.record.datafield', 'metadata.record.datafield.subfield', 'OAI-PMH.error'];
const parser = new XMLParser({
  ignoreAttributes: false, attributeNamePrefix: '@', removeNSPrefix: true, parseTagValue: false, parseAttributeValue: false,
  isArray: (_name, jpath) => ARRAYS.some((p) => String(jpath).endsWith(p)),
});

type Node = Record<string, unknown>;
const textOf = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? String((v as Node)['#text'] ?? '') : String(v));

/** ListRecords pages, the first from `from` (or everything), the rest by resumption token alone, as the protocol requires. */
export class OaiPmhClient {
  constructor(private readonly settings: OaiPmhSettings, private readonly fetchFn: typeof fetch = fetch, private readonly timeoutMs = 60_000) {}

  async *listRecords(from?: string): AsyncGenerator<OaiPage> {
    let token: string | undefined;
    do {
      const params: Record<string, string> = token
        ? { verb: 'ListRecords', resumptionToken: token }
        : { verb: 'ListRecords', metadataPrefix: this.settings.metadataPrefix, ...(from ? { from: this.fromArgument(from) } : {}), ...(this.settings.set ? { set: this.settings.set } : {}) };
      const page = await this.page(params);
      yield page;
      token = page.kind === 'records' ? page.resumptionToken : undefined;
    } while (token);
  }

  private fromArgument(from: string): string {
    return this.settings.granularity === 'day' ? from.slice(0, 10) : from.replace(/\.\d+Z$/, 'Z');
  }

  private async page(params: Record<string, string>): Promise<OaiPage> {
    const url = `${this.settings.baseUrl}${this.settings.baseUrl.includes('?') ? '&' : '?'}${new URLSearchParams(params)}`;
    let body: string;
    let status: number;
    try {
      const response = await this.fetchFn(url, { signal: AbortSignal.timeout(this.timeoutMs), headers: { accept: 'text/xml, application/xml' } });
      status = response.status;
      body = await response.text();
    } catch (error) {
      throw new OaiPmhError('unreachable', `${url}: ${error instanceof Error ? error.message : String(error)}`);
    }
    return parseListRecords(body, status, url);
  }
}

/** One ListRecords response. Errors come with HTTP 200 (or, from some servers, 4xx): the body decides. */
export function parseListRecords(body: string, status: number, url = ''): OaiPage {
  let doc: Node;
  try {
    doc = parser.parse(body) as Node;
  } catch (error) {
    throw new OaiPmhError('badResponse', `${url}: not XML (HTTP ${status}): ${error instanceof Error ? error.message : String(error)}`);
  }
  const root = doc['OAI-PMH'] as Node | undefined;
  if (!root) throw new OaiPmhError('badResponse', `${url}: no OAI-PMH response (HTTP ${status})`);
  const responseDate = textOf(root.responseDate);
  const errors = (root.error as Node[] | undefined) ?? [];
  if (errors.length > 0) {
    const codes = errors.map((e) => String(e['@code'] ?? 'unknown'));
    if (codes.every((c) => c === 'noRecordsMatch')) return { kind: 'empty', responseDate };
    throw new OaiPmhError(codes.find((c) => c !== 'noRecordsMatch')!, errors.map((e) => textOf(e).trim()).filter(Boolean).join('; ') || 'error response');
  }
  if (status >= 400) throw new OaiPmhError('http', `${url}: HTTP ${status}`);
  const list = root.ListRecords as Node | undefined;
  if (!list) throw new OaiPmhError('badResponse', `${url}: no ListRecords element`);
  const records = ((list.record as Node[] | undefined) ?? []).map((r): OaiRecord => {
    const header = (r.header ?? {}) as Node;
    const deleted = header['@status'] === 'deleted';
    const marc = (r.metadata as Node | undefined)?.record as Node | undefined;
    return {
      identifier: textOf(header.identifier).trim(), datestamp: textOf(header.datestamp).trim(), deleted,
      ...(!deleted && marc ? { marc: toMarc(marc) } : {}),
    };
  });
  const token = textOf(list.resumptionToken).trim();
  return { kind: 'records', responseDate, records, ...(token ? { resumptionToken: token } : {}) };
}

/** MARCXML as fast-xml-parser reads it, in the shape @natlibfi/marc-record holds a record. */
function toMarc(record: Node): MarcLike {
  const fields: MarcField[] = [];
  for (const c of (record.controlfield as Node[] | undefined) ?? []) fields.push({ tag: String(c['@tag'] ?? ''), value: textOf(c) });
  for (const d of (record.datafield as Node[] | undefined) ?? []) {
    fields.push({
      tag: String(d['@tag'] ?? ''), ind1: String(d['@ind1'] ?? ' '), ind2: String(d['@ind2'] ?? ' '),
      subfields: ((d.subfield as unknown[] | undefined) ?? []).map((s) => ({ code: String((s as Node)['@code'] ?? ''), value: textOf(s) })),
    });
  }
  return { leader: textOf(record.leader), fields };
}
