import type { Lang } from '../types';

// Words between the verb and the title that are not part of it: "θέλω να κλείσω [το βιβλίο] ...".
const EL_LEAD = /^(?:για\s+)?(?:(?:το|τον|την|τη|τα|του|της|ένα|μια|μία|αυτό|αυτό το|to|ton|tin|ti|ta)\s+)?(?:(?:βιβλίο|βιβλίου|τίτλο|τόμο|μυθιστόρημα|δίσκο|dvd|vivlio|biblio)\s+)?(?:(?:με\s+τίτλο|που\s+λέγεται|με\s+το\s+όνομα)\s+)?(?:(?:το|τον|την|τη|τα)\s+)?/iu;
// Case-sensitive on purpose: a capital "Az" usually starts the title itself ("Az ember tragédiája").
const HU_LEAD = /^(?:(?:a|az|egy|ezt|azt)\s+)?(?:(?:könyvet|könyv|könyvét|regényt|című|kötetet)\s+)?(?:(?:a|az)\s+)?/u;
const HU_TAIL = /\s*(?:(?:című|c\.)\s*(?:könyvet|regényt|művet|kötetet)?|(?:könyvet|regényt|kötetet))\s*$/iu;
const EL_TAIL = /\s*(?:παρακαλώ|παρακαλω|ευχαριστώ|αν γίνεται|αν είναι δυνατόν)\s*$/iu;
// Unaccented too: patrons on a phone keyboard type "szeretnem".
const HU_POLITE = /\s*(?:kérem|kerem|legyen szíves|legyen szives|szeretném|szeretnem|szeretnék|szeretnek|lenne szíves|lenne szives|köszönöm|koszonom)\s*$/iu;

/**
 * Hungarian titles arrive in the accusative ("az Egri csillagokat"). Undo the -t / -at / -et /
 * -ot / -öt ending on the last word; á/é before it were lengthened by the suffix
 * ("tragédiáját" → "tragédiája"). Heuristic: good enough for a fuzzy catalogue search.
 */
export function stripHungarianAccusative(title: string): string {
  const m = /^(.*?)(\p{L}+)([^\p{L}]*)$/u.exec(title);
  if (!m) return title;
  const [, head = '', word = '', tail = ''] = m;
  let w = word;
  if (/[^aáeéiíoóöőuúüű](?:at|et|ot|öt)$/iu.test(w) && w.length > 4) w = w.slice(0, -2);
  else if (/át$/iu.test(w)) w = `${w.slice(0, -2)}${w[w.length - 2] === 'Á' ? 'A' : 'a'}`;
  else if (/ét$/iu.test(w)) w = `${w.slice(0, -2)}${w[w.length - 2] === 'É' ? 'E' : 'e'}`;
  else if (/[aeioöuüíóőúű]t$/iu.test(w)) w = w.slice(0, -1);
  else if (/[lnrsjyz]t$/iu.test(w) && w.length > 3) w = w.slice(0, -1);
  return head + w + tail;
}

function trimPunctuation(s: string): string {
  return s.replace(/^[\s"'«»“”„:,.;!?-]+|[\s"'«»“”„:,.;!?-]+$/gu, '');
}

// What is left when the patron named no book at all: «θέλω να κλείσω ένα βιβλίο», «egy könyvet».
// Matched on the folded words (no accents, lower case): patrons type «ενα βιβλιο».
const NO_TITLE: Record<Lang, RegExp> = {
  el: /^(?:(?:ενα|το|τα|καποιο|καποια|αυτο|μερικα)\s+)?(?:βιβλιο|βιβλια|κατι|vivlio|biblio)$/u,
  hu: /^(?:(?:egy|a|az|valami)\s+)?(?:konyv|konyvet|konyveket|valamit)$/u,
};
const folded = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '').toLowerCase();

/** The words after (or before) the verb without articles, "το βιβλίο", quotes, "kérem". */
function cleaned(raw: string, lang: Lang): string {
  let t = trimPunctuation(raw);
  if (lang === 'el') {
    t = t.replace(EL_TAIL, '');
    t = t.replace(EL_LEAD, '');
  } else {
    t = t.replace(HU_POLITE, '');
    t = t.replace(HU_LEAD, '');
    t = t.replace(HU_TAIL, '');
    t = trimPunctuation(t);
    if (t !== '') t = stripHungarianAccusative(t);
  }
  return trimPunctuation(t);
}

/** Whether the words name a book only in general («ένα βιβλίο», «egy könyvet»): no title to search for. */
export function namesNoBook(raw: string, lang: Lang): boolean {
  return NO_TITLE[lang].test(folded(cleaned(raw, lang)));
}

/** Cleans the words after (or before) the verb into a title: articles, "το βιβλίο", quotes, "kérem". */
export function cleanTitle(raw: string, lang: Lang): string | undefined {
  const t = cleaned(raw, lang);
  return t.length >= 2 && !NO_TITLE[lang].test(folded(t)) ? t : undefined;
}

const EL_AUTHOR = /^(.*\S)\s+(?:του|της|από\s+τον|από\s+την|απο\s+τον|απο\s+την|του\s+συγγραφέα)\s+(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2})\s*$/u;
const HU_AUTHOR = /^(?:(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2})(?:tól|től)\s+(?:az?\s+)?)(.+)$/u;
const HU_AUTHOR_POSSESSIVE = /^(?:(\p{Lu}[\p{L}.-]*(?:\s+\p{Lu}[\p{L}.-]*){0,2})\s+(?:című|könyvét|regényét|művét)\s+)(.+)$/u;

/** Splits "Ο Καπετάν Μιχάλης του Καζαντζάκη" / "Jókai Mórtól az Egri csillagokat" into title and author. */
export function splitAuthor(text: string, lang: Lang): { title: string; author?: string } {
  if (lang === 'el') {
    const m = EL_AUTHOR.exec(text);
    if (m && m[1] && m[2]) return { title: m[1], author: m[2] };
    return { title: text };
  }
  const m = HU_AUTHOR.exec(text) ?? HU_AUTHOR_POSSESSIVE.exec(text);
  if (m && m[1] && m[2]) return { title: m[2], author: m[1] };
  return { title: text };
}
