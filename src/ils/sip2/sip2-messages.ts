import { field, fieldsOf, parseSip2Date, sip2Date, Sip2FormatError, type Sip2Message } from './sip2-message';

/**
 * The six exchanges the bot uses, built and read per 3M SIP2 2.00 (message layouts: Login 93/94,
 * Patron Information 63/64, Item Information 17/18, Hold 15/16, End Patron Session 35/36).
 */

/** 93: UID and PWD algorithm `0` (not encrypted), CN user, CO password, CP location. */
export const login = (user: string, password: string, location?: string): Sip2Message => ({
  code: '93', fixed: '00', fields: [['CN', user], ['CO', password], ...(location ? [['CP', location] as const] : [])],
});

export const readLogin = (m: Sip2Message): { ok: boolean } => expect(m, '94', () => ({ ok: m.fixed === '1' }));

/**
 * 63: language `000` (unknown), the date, summary (10 characters, one `Y` at most; position 0
 * asks for the hold items AS), AO institution, AA patron, AC terminal password, AD patron PIN.
 */
export function patronInformation(o: { institution: string; patron: string; pin?: string; terminalPassword?: string; now: Date; holdItems?: boolean }): Sip2Message {
  const summary = (o.holdItems ? 'Y' : ' ').padEnd(10, ' ');
  return {
    code: '63', fixed: `000${sip2Date(o.now)}${summary}`,
    fields: [['AO', o.institution], ['AA', o.patron], ['AC', o.terminalPassword ?? ''], ...(o.pin !== undefined ? [['AD', o.pin] as const] : [])],
  };
}

/** The 14 patron status flags of message 64, in the spec's order (a `Y` means the flag is set). */
export const PATRON_STATUS_FLAGS = [
  'chargePrivilegesDenied', 'renewalPrivilegesDenied', 'recallPrivilegesDenied', 'holdPrivilegesDenied',
  'cardReportedLost', 'tooManyItemsCharged', 'tooManyItemsOverdue', 'tooManyRenewals',
  'tooManyClaimsOfItemsReturned', 'tooManyItemsLost', 'excessiveOutstandingFines', 'excessiveOutstandingFees',
  'recallOverdue', 'tooManyItemsBilled',
] as const;
export type PatronStatusFlag = (typeof PATRON_STATUS_FLAGS)[number];

export interface PatronInformation {
  status: Record<PatronStatusFlag, boolean>;
  holdItemsCount: number;
  overdueItemsCount: number;
  chargedItemsCount: number;
  fineItemsCount: number;
  /** BL: the ACS knows this patron. */
  validPatron: boolean;
  /** CQ: the PIN sent in AD is right (absent when no PIN was sent). */
  validPassword?: boolean;
  name?: string;
  /** BV fee amount: what the patron owes. */
  feeAmount: number;
  holdItems: string[];
  /** PA, an extension outside SIP2 2.00 that some ACSs send: the card's expiry (YYYYMMDD or a SIP2 date). */
  expiresAt?: Date;
  screenMessages: string[];
}

export function readPatronInformation(m: Sip2Message): PatronInformation {
  return expect(m, '64', () => {
    const f = m.fixed;
    const count = (at: number) => Number(f.slice(at, at + 4).trim() || '0');
    const status = Object.fromEntries(PATRON_STATUS_FLAGS.map((flag, i) => [flag, f[i] === 'Y'])) as Record<PatronStatusFlag, boolean>;
    const cq = field(m, 'CQ');
    const fee = Number((field(m, 'BV') ?? '0').replace(',', '.'));
    const expiry = field(m, 'PA');
    return {
      status,
      holdItemsCount: count(35), overdueItemsCount: count(39), chargedItemsCount: count(43), fineItemsCount: count(47),
      validPatron: field(m, 'BL') === 'Y',
      ...(cq !== undefined ? { validPassword: cq === 'Y' } : {}),
      name: field(m, 'AE'),
      feeAmount: Number.isFinite(fee) ? fee : 0,
      holdItems: fieldsOf(m, 'AS'),
      expiresAt: expiry ? parseSip2Date(expiry.length === 8 ? `${expiry}    000000` : expiry) : undefined,
      screenMessages: fieldsOf(m, 'AF'),
    };
  });
}

/** 17: the date, AO institution, AB item, AC terminal password. */
export const itemInformation = (o: { institution: string; item: string; terminalPassword?: string; now: Date }): Sip2Message => ({
  code: '17', fixed: sip2Date(o.now), fields: [['AO', o.institution], ['AB', o.item], ['AC', o.terminalPassword ?? '']],
});

/** Circulation status of message 18 (3M SIP2 2.00, two digits). */
export const CIRCULATION_STATUS = {
  '01': 'other', '02': 'on order', '03': 'available', '04': 'charged', '05': 'charged; not to be recalled until earliest recall date',
  '06': 'in process', '07': 'recalled', '08': 'waiting on hold shelf', '09': 'waiting to be re-shelved', '10': 'in transit between library locations',
  '11': 'claimed returned', '12': 'lost', '13': 'missing',
} as const;

export interface ItemInformation {
  circulationStatus: string;
  itemId?: string;
  title?: string;
  /** AQ permanent location: the branch that owns the copy. */
  permanentLocation?: string;
  currentLocation?: string;
  holdQueueLength?: number;
  screenMessages: string[];
}

export function readItemInformation(m: Sip2Message): ItemInformation {
  return expect(m, '18', () => {
    const queue = field(m, 'CF');
    return {
      circulationStatus: m.fixed.slice(0, 2),
      itemId: field(m, 'AB'), title: field(m, 'AJ'),
      permanentLocation: field(m, 'AQ'), currentLocation: field(m, 'AP'),
      ...(queue !== undefined && queue.trim() !== '' ? { holdQueueLength: Number(queue) } : {}),
      screenMessages: fieldsOf(m, 'AF'),
    };
  });
}

/** BY hold type: 3 = a specific copy (the bot only places item-level holds). */
export const HOLD_TYPE_SPECIFIC_COPY = '3';

/** 15: mode `+` add or `-` delete, the date, BS pickup location, BY hold type, AO, AA, AD, AB item, AC. */
export function hold(o: { mode: '+' | '-'; institution: string; patron: string; pin?: string; item: string; pickupLocation?: string; terminalPassword?: string; now: Date }): Sip2Message {
  return {
    code: '15', fixed: `${o.mode}${sip2Date(o.now)}`,
    fields: [
      ...(o.pickupLocation ? [['BS', o.pickupLocation] as const] : []),
      ['BY', HOLD_TYPE_SPECIFIC_COPY],
      ['AO', o.institution], ['AA', o.patron],
      ...(o.pin !== undefined ? [['AD', o.pin] as const] : []),
      ['AB', o.item], ['AC', o.terminalPassword ?? ''],
    ],
  };
}

export interface HoldResponse {
  ok: boolean;
  available: boolean;
  queuePosition?: number;
  pickupLocation?: string;
  itemId?: string;
  screenMessages: string[];
}

export function readHold(m: Sip2Message): HoldResponse {
  return expect(m, '16', () => {
    const queue = field(m, 'BR');
    return {
      ok: m.fixed[0] === '1', available: m.fixed[1] === 'Y',
      ...(queue ? { queuePosition: Number(queue) } : {}),
      pickupLocation: field(m, 'BS'), itemId: field(m, 'AB'),
      screenMessages: fieldsOf(m, 'AF'),
    };
  });
}

/** 35: the date, AO, AA, AC, AD. */
export const endPatronSession = (o: { institution: string; patron: string; pin?: string; terminalPassword?: string; now: Date }): Sip2Message => ({
  code: '35', fixed: sip2Date(o.now),
  fields: [['AO', o.institution], ['AA', o.patron], ['AC', o.terminalPassword ?? ''], ...(o.pin !== undefined ? [['AD', o.pin] as const] : [])],
});

export const readEndPatronSession = (m: Sip2Message): { ended: boolean } => expect(m, '36', () => ({ ended: m.fixed[0] === 'Y' }));

/** 97: "request ACS resend", sent without a sequence number or checksum (3M SIP2 2.00). */
export const requestAcsResend: Sip2Message = { code: '97', fixed: '', fields: [] };

function expect<T>(m: Sip2Message, code: string, read: () => T): T {
  if (m.code !== code) throw new Sip2FormatError(`expected SIP2 ${code}, got ${m.code}`);
  return read();
}
