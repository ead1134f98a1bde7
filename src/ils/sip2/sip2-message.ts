/**
 * SIP2 messages as pure functions, from the 3M Standard Interchange Protocol 2.00 (3M, 2006;
 * "SIP2 Developers Guide"). A message is a two-digit code, a fixed-length part and variable
 * fields (two-letter tag, value, `|`). With error detection on, it ends in `AY` and a one-digit
 * sequence number, then `AZ` and a four-digit hex checksum, then the terminator (CR; some
 * systems want CR LF).
 */

/** Fixed-length part of each message the bot sends or reads (3M SIP2 2.00, per message). */
export const FIXED_LENGTH: Readonly<Record<string, number>> = {
  '93': 2, // UID algorithm (1), PWD algorithm (1)
  '94': 1, // ok
  '63': 3 + 18 + 10, // language, transaction date, summary
  '64': 14 + 3 + 18 + 6 * 4, // patron status, language, transaction date, six 4-digit counts
  '17': 18, // transaction date
  '18': 2 + 2 + 2 + 18, // circulation status, security marker, fee type, transaction date
  '15': 1 + 18, // hold mode, transaction date
  '16': 1 + 1 + 18, // ok, available, transaction date
  '35': 18, // transaction date
  '36': 1 + 18, // end session, transaction date
  '96': 0, // request SC resend
  '97': 0, // request ACS resend
};

export interface Sip2Message {
  code: string;
  fixed: string;
  fields: ReadonlyArray<readonly [tag: string, value: string]>;
}

export interface Sip2Frame extends Sip2Message {
  sequence?: number;
}

export class Sip2FormatError extends Error {
  readonly code = 'SIP2_FORMAT';
}

/**
 * The checksum of 3M SIP2 2.00 "Error detection": the binary sum of every character up to and
 * including `AZ`, its two's complement, as four upper-case hex digits. Summed over UTF-8 bytes:
 * Greek and Hungarian names do not fit the spec's ASCII, and the ACS account is set to UTF-8
 * (Koha: `encoding="utf8"` on the SIP login, README).
 *
 * @example checksum('9300CNuser|COpass|AY1AZ').length === 4
 */
export function checksum(text: string): string {
  let sum = 0;
  for (const ch of Buffer.from(text, 'utf8')) sum = (sum + ch) & 0xffff;
  return ((-sum) & 0xffff).toString(16).toUpperCase().padStart(4, '0');
}

/** A value never carries the field delimiter or a line end: a PIN or title with `|` cannot open a new field. */
export const cleanValue = (value: string): string => value.replace(/[|\r\n]/g, ' ');

/**
 * One message as sent, without the terminator; `sequence` turns on AY/AZ.
 *
 * @example encode({ code: '93', fixed: '00', fields: [['CN', 'bot'], ['CO', 'secret']] }, 1) // '9300CNbot|COsecret|AY1AZF8B5' (checksum varies)
 */
export function encode(message: Sip2Message, sequence?: number): string {
  const body = message.code + message.fixed + message.fields.map(([tag, value]) => `${tag}${cleanValue(value)}|`).join('');
  if (sequence === undefined) return body;
  const head = `${body}AY${sequence % 10}AZ`;
  return head + checksum(head);
}

/**
 * Reads one message (without its terminator). With `requireChecksum`, a missing or wrong AZ is
 * a Sip2FormatError, so a garbled answer is never read as "no".
 */
export function decode(text: string, requireChecksum = true): Sip2Frame {
  const code = text.slice(0, 2);
  const fixedLength = FIXED_LENGTH[code];
  if (!/^\d\d$/.test(code) || fixedLength === undefined) throw new Sip2FormatError(`unknown SIP2 message '${code}'`);
  let rest = text;
  let sequence: number | undefined;
  const trailer = /AY(\d)AZ([0-9A-Fa-f]{4})$/.exec(rest);
  if (trailer) {
    const head = rest.slice(0, rest.length - 4);
    if (checksum(head) !== trailer[2]!.toUpperCase()) throw new Sip2FormatError('SIP2 checksum mismatch');
    sequence = Number(trailer[1]);
    rest = rest.slice(0, trailer.index);
  } else if (requireChecksum) {
    throw new Sip2FormatError('SIP2 message without checksum');
  }
  if (rest.length < 2 + fixedLength) throw new Sip2FormatError(`SIP2 message '${code}' too short`);
  const fixed = rest.slice(2, 2 + fixedLength);
  const fields: Array<[string, string]> = [];
  for (const part of rest.slice(2 + fixedLength).split('|')) {
    if (part === '') continue;
    if (part.length < 2) throw new Sip2FormatError(`SIP2 field without tag in '${code}'`);
    fields.push([part.slice(0, 2), part.slice(2)]);
  }
  return sequence === undefined ? { code, fixed, fields } : { code, fixed, fields, sequence };
}

/** The first value of a field, if present. */
export const field = (message: Sip2Message, tag: string): string | undefined => message.fields.find(([t]) => t === tag)?.[1];
/** Every value of a repeatable field (AS hold items, AF screen messages). */
export const fieldsOf = (message: Sip2Message, tag: string): string[] => message.fields.filter(([t]) => t === tag).map(([, v]) => v);

/**
 * The 18-character SIP2 date `YYYYMMDDZZZZHHMMSS`. 3M SIP2 2.00: ZZZZ blank means local time;
 * a `Z` in its last place means universal time, which is what the bot sends (it runs in UTC
 * containers and serves libraries in two time zones).
 *
 * @example sip2Date(new Date('2026-12-04T09:05:07Z')) === '20261204   Z090507'
 */
export function sip2Date(date: Date): string {
  const p = (n: number, w = 2) => String(n).padStart(w, '0');
  return `${p(date.getUTCFullYear(), 4)}${p(date.getUTCMonth() + 1)}${p(date.getUTCDate())}   Z${p(date.getUTCHours())}${p(date.getUTCMinutes())}${p(date.getUTCSeconds())}`;
}

/** Reads a SIP2 date; a blank zone is read as UTC too (the ACS's local time is not known here). */
export function parseSip2Date(text: string): Date | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})(.{4})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!m) return undefined;
  const date = new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[5]), Number(m[6]), Number(m[7])));
  return Number.isNaN(date.getTime()) ? undefined : date;
}
