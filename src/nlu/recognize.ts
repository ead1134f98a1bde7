import { parseDateTime } from './datetime';
import { findIsbn } from './entities/isbn';
import { findLanguage } from './entities/language';
import { cleanTitle, namesNoBook, splitAuthor } from './entities/title';
import { COMMANDS, INTENT_CUES } from './intents';
import { parseNumber, parseOrdinal } from './numbers';
import { normalize, originalSpan, keyOf, type Normalized } from './text/normalize';
import { compileCue, matchCue, tokenize, type Cue, type Token } from './text/phrase-matcher';
import type { Entities, Intent, Lang, Understanding } from './types';

/** Where the libraries are: a bare "στις 11" means 11 o'clock in the library's zone. */
export const DEFAULT_TIME_ZONE: Record<Lang, string> = { el: 'Europe/Athens', hu: 'Europe/Budapest' };

interface CompiledCue extends Cue {
  intent: Intent;
  weight: number;
  /** "δεν το βρίσκω", "nincs meg": what follows is not the book's title ("…στον κατάλογο"). */
  takesTitle: boolean;
}

const NEGATION = /(?:^|\s)(?:δεν|nincs)(?:\s|$)/u;

// Intents listed first win ties: a title mentioning "ember" after "kölcsönözni" stays a reservation.
const PRIORITY: Intent[] = ['cancel_order', 'my_orders', 'ill_request', 'reserve', 'start_over', 'arrived', 'opening_hours', 'address', 'basket',
  'returns_info', 'fees', 'membership', 'new_acquisitions', 'human', 'switch_language', 'help', 'cancel', 'none'];

function compile(lang: Lang): CompiledCue[] {
  const out: CompiledCue[] = [];
  for (const [intent, phrases] of Object.entries(INTENT_CUES[lang]) as Array<[Intent, string[]]>) {
    for (const p of phrases) {
      // "~" marks a word that also turns up in titles ("κάρτα", "vége"): it only counts when it is most of the utterance.
      const weak = p.startsWith('~');
      const cue = compileCue(weak ? p.slice(1) : p, lang);
      if (cue.words.length === 0) continue;
      const weight = weak ? 0.5 : Math.min(0.72 + 0.07 * (cue.words.length - 1), 0.92);
      out.push({ ...cue, intent, weight, takesTitle: !NEGATION.test(p) });
    }
  }
  return out;
}

const CUES: Record<Lang, CompiledCue[]> = { el: compile('el'), hu: compile('hu') };

function commandTable(lang: Lang): Map<string, Intent> {
  const m = new Map<string, Intent>();
  for (const [intent, phrases] of Object.entries(COMMANDS[lang]) as Array<[Intent, string[]]>)
    for (const p of phrases) m.set(words(keyOf(p, lang)).join(' '), intent);
  return m;
}
const COMMAND_TABLES: Record<Lang, Map<string, Intent>> = { el: commandTable('el'), hu: commandTable('hu') };

/** Sounds a patron puts before a command ("α, άσ' το", "jaj, mégse"): they change nothing in it. */
const INTERJECTIONS: Record<Lang, Set<string>> = {
  el: new Set(['α', 'αα', 'ε', 'εε', 'ωχ', 'οκ', 'ok', 'λοιπον'].map((w) => keyOf(w, 'el'))),
  hu: new Set(['ah', 'jaj', 'hat', 'ja', 'na', 'oke', 'ok', 'izé', 'ize'].map((w) => keyOf(w, 'hu'))),
};

/**
 * The whole utterance as a command: one command phrase ("mégse"), or several said together that
 * mean the same ("megse, hagyjuk", "α ασ το, δεν πειραζει"), each part perhaps after an
 * interjection. Anything else in it, and it is not a command but a sentence for the cues.
 */
function commandOf(text: string, lang: Lang): Intent | undefined {
  const table = COMMAND_TABLES[lang];
  const found = new Set<Intent>();
  for (const part of text.split(/[,.;:!?…]+/u)) {
    const partWords = words(keyOf(part, lang));
    const first = partWords.findIndex((w) => !INTERJECTIONS[lang].has(w));
    if (first < 0) continue;
    const intent = table.get(partWords.slice(first).join(' '));
    if (!intent) return undefined;
    found.add(intent);
  }
  return found.size === 1 ? [...found][0] : undefined;
}

function words(s: string): string[] {
  return s.split(/[^\p{L}\p{N}']+/u).filter((w) => w !== '');
}

// Politeness and filler carry no intent; they should not dilute how much of the utterance a cue explains.
const FILLER: Record<Lang, Set<string>> = {
  el: new Set(['θελο', 'θα', 'ιθελα', 'να', 'παρακαλο', 'γεια', 'σασ', 'σου', 'καλιμερα', 'καλισπερα', 'μου', 'το', 'τι', 'την',
    'τον', 'ο', 'ι', 'τα', 'με', 'σε', 'για', 'και', 'εφχαριστο', 'μπορο', 'μπορειτε', 'μπορισ'].map((w) => keyOf(w, 'el'))),
  hu: new Set(['szeretnem', 'szeretnek', 'kerem', 'a', 'az', 'egy', 'es', 'hogy', 'en', 'jo', 'napot', 'kosz', 'koszonom',
    'tudna', 'tudnek', 'lehet', 'is', 'meg', 'mar', 'legyen', 'szives']),
};

interface Scored {
  intent: Intent;
  confidence: number;
  first: number;
  last: number;
  fuzzy: boolean;
  takesTitle: boolean;
}

function classify(tokens: Token[], lang: Lang): Scored | undefined {
  return classifyWith(tokens, lang, false) ?? classifyWith(tokens, lang, true);
}

function classifyWith(tokens: Token[], lang: Lang, fuzzy: boolean): Scored | undefined {
  const content = tokens.filter((t) => !FILLER[lang].has(t.key)).length || 1;
  let best: Scored | undefined;
  for (const cue of CUES[lang]) {
    const m = matchCue(tokens, cue, 2, fuzzy);
    if (!m) continue;
    const coverage = Math.min(1, cue.words.length / content);
    let confidence = cue.weight * (0.6 + 0.4 * coverage);
    if (m.fuzzy) confidence *= 0.85;
    if (cue.weight < 0.6 && coverage < 0.5) continue;
    const better = !best || confidence > best.confidence + 1e-9 ||
      (Math.abs(confidence - best.confidence) < 1e-9 && PRIORITY.indexOf(cue.intent) < PRIORITY.indexOf(best.intent));
    if (better) best = { intent: cue.intent, confidence, first: m.first, last: m.last, fuzzy: m.fuzzy, takesTitle: cue.takesTitle };
  }
  return best && best.confidence >= 0.4 ? best : undefined;
}

function spanOf(n: Normalized, tokens: Token[], from: number, to: number): string {
  const a = tokens[from];
  const b = tokens[to];
  if (!a || !b || from > to) return '';
  const start = originalSpan(n, a.index, 1).index;
  const endSpan = originalSpan(n, b.index, b.length);
  return n.source.slice(start, endSpan.index + endSpan.text.length);
}

/** Where in the original text each token starts and ends, so datetime spans can mask them. */
function tokenRange(n: Normalized, t: Token): [number, number] {
  const s = originalSpan(n, t.index, t.length);
  return [s.index, s.index + s.text.length];
}

function findTitle(n: Normalized, tokens: Token[], hit: Scored, lang: Lang): { title?: string; author?: string } {
  const after = hit.last + 1 < tokens.length ? n.source.slice(tokenRange(n, tokens[hit.last + 1]!)[0]) : '';
  let raw = after.trim();
  // Hungarian often puts the object first: "az Egri csillagokat szeretném kikölcsönözni". Not for
  // interlibrary loan: what precedes its cues is the reason ("δεν το έχετε, μπορείτε να το φέρετε…").
  // Not when the words after it say «a book» and no more («θέλω να κλείσω ένα βιβλίο»): no title at all.
  if (cleanTitle(raw, lang) === undefined && !namesNoBook(raw, lang) && hit.first > 0 && hit.intent === 'reserve') {
    raw = spanOf(n, tokens, 0, hit.first - 1)
      .replace(/^(?:szeretném|szeretnem|szeretnék|szeretnek|kérem|kerem|én|θέλω|θελω|θα ήθελα|θα ηθελα)\s+/iu, '')
      .replace(/\s+(?:szeretném|szeretnem|szeretnék|szeretnek|szeretnénk|szeretnenk|akarom|kéne|kene|θέλω|θελω|θα ήθελα|θα ηθελα|να)$/iu, '');
  }
  if (raw === '') return {};
  const { title, author } = splitAuthor(raw.replace(/[.!?;]+$/u, ''), lang);
  const clean = cleanTitle(title, lang);
  const out: { title?: string; author?: string } = {};
  if (clean) out.title = clean;
  if (author) out.author = author;
  return out;
}

function findNumbers(text: string, n: Normalized, tokens: Token[], lang: Lang, masked: (t: Token) => boolean): Pick<Entities, 'number' | 'ordinal'> {
  const out: Pick<Entities, 'number' | 'ordinal'> = {};
  const whole = parseNumber(text, lang);
  const wholeOrdinal = parseOrdinal(text, lang);
  if (whole !== undefined) out.number = whole;
  if (wholeOrdinal !== undefined) out.ordinal = wholeOrdinal;
  if (whole !== undefined || wholeOrdinal !== undefined) return out;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    if (masked(t)) continue;
    const [s, e] = tokenRange(n, t);
    const word = n.source.slice(s, e);
    if (out.ordinal === undefined && !/^\d+$/.test(word)) {
      const o = parseOrdinal(word, lang);
      if (o !== undefined) out.ordinal = o;
    }
    if (out.number === undefined && parseNumber(word, lang) !== undefined) {
      // Longest run of number words from here: "είκοσι τρία", "két".
      for (let j = Math.min(tokens.length - 1, i + 4); j >= i; j--) {
        if (tokens.slice(i, j + 1).some(masked)) continue;
        const v = parseNumber(spanOf(n, tokens, i, j), lang);
        if (v !== undefined) {
          out.number = v;
          break;
        }
      }
    }
  }
  return out;
}

/**
 * Understands one utterance of a patron: intent with a confidence in [0, 1], and entities.
 * In-process and deterministic; the dialog decides what a low confidence means (usually: treat
 * the text as a catalogue search).
 *
 * @example recognize('θέλω να κλείσω το Ο Καπετάν Μιχάλης', 'el').entities.title === 'Ο Καπετάν Μιχάλης'
 */
export function recognize(text: string, lang: Lang, opts: { ref?: Date; timeZone?: string } = {}): Understanding {
  return understand(text, lang, opts, true);
}

/**
 * `recognize` without the date, time and number entities, which cost a chrono parse and do not
 * change the intent, its confidence or the other entities: for the bot's routing and
 * interruption checks, which run on every message and read only those.
 */
export function recognizeIntent(text: string, lang: Lang): Understanding {
  return understand(text, lang, {}, false);
}

function understand(text: string, lang: Lang, opts: { ref?: Date; timeZone?: string }, all: boolean): Understanding {
  const n = normalize(text, lang);
  const tokens = tokenize(n);
  const keys = tokens.map((t) => t.key);
  const entities: Entities = {};

  const isbn = findIsbn(text);
  if (isbn) entities.isbn = isbn;
  const language = findLanguage(keys, lang);
  if (language) entities.language = language;
  const datetime = all ? parseDateTime(text, lang, opts.ref ?? new Date(), opts.timeZone ?? DEFAULT_TIME_ZONE[lang]) : undefined;
  if (datetime) entities.datetime = datetime;

  let intent: Intent = 'none';
  let confidence = tokens.length === 0 ? 0 : 0.2;
  let hit: Scored | undefined;
  const command = COMMAND_TABLES[lang].get(keys.join(' ')) ?? commandOf(text, lang);
  if (command) {
    intent = command;
    confidence = 0.97;
  } else {
    hit = classify(tokens, lang);
    if (hit) {
      intent = hit.intent;
      confidence = Math.round(hit.confidence * 100) / 100;
    }
  }
  if (language && (intent === 'none' || intent === 'switch_language' || (tokens.length <= 3 && intent !== 'cancel'))) {
    intent = 'switch_language';
    confidence = Math.max(confidence, tokens.length <= 3 ? 0.9 : 0.8);
  }

  if (hit && hit.takesTitle && (intent === 'reserve' || intent === 'ill_request')) {
    Object.assign(entities, findTitle(n, tokens, hit, lang));
    // The title's words diluted the cue's coverage; a verb plus a title is a clear request.
    if (entities.title && !hit.fuzzy) confidence = Math.max(confidence, 0.85);
  }

  const dtStart = datetime ? text.indexOf(datetime.text) : -1;
  const masked = (t: Token) => {
    if (entities.isbn && /^\d/.test(t.key) && entities.isbn.startsWith(t.key.replace(/\D/g, '').slice(0, 3))) return true;
    if (dtStart < 0 || !datetime) return false;
    const [s, e] = tokenRange(n, t);
    return s < dtStart + datetime.text.length && e > dtStart;
  };
  if (all && !entities.isbn) Object.assign(entities, findNumbers(text, n, tokens, lang, masked));

  return { text, intent, confidence, entities };
}
