/**
 * The longest message a turn reads. A chat message or an answer is a few words; past this
 * the text is a paste or an attack, and every parser would only spend time on it.
 */
export const MAX_MESSAGE_LENGTH = 1000;

// C0 and C1 controls and DEL: NUL is refused by PostgreSQL text columns, the others by XML
// (TwiML) and they garble logs. Tabs and line breaks become spaces instead.
const CONTROLS = /[\u0000-\u0008\u000E-\u001F\u007F-\u009F]/g;
const BREAKS = /[\t\n\v\f\r\u0085\u2028\u2029]+/g;
// Bidirectional overrides and isolates make stored text display as something else (a title
// on the staff page that reads differently from what is stored); the BOM is noise.
const INVISIBLE = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C\uFEFF]/g;
// Half of a surrogate pair cannot be encoded as UTF-8: databases and XML would refuse it. Over
// HTTP it and NUL already arrive as U+FFFD (src/channels/well-formed-input.ts), which is removed
// with them: a card number keyed with a stray NUL around it is still the card number.
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/g;

/**
 * What a patron typed or said, fit to understand, store and read back: controls,
 * direction overrides and broken surrogates removed, line breaks made spaces, composed
 * (NFC) so that "é" typed two ways is one letter, and trimmed.
 *
 * @example cleanInput('  Egri\u0000 csillagok\r\n') // 'Egri csillagok'
 */
export function cleanInput(text: string): string {
  return text
    .replace(LONE_SURROGATE, '')
    .replace(BREAKS, ' ')
    .replace(CONTROLS, '')
    .replace(INVISIBLE, '')
    .normalize('NFC')
    .trim();
}
