import { describe, expect, it } from 'vitest';
import { loadResources } from '../../src/i18n/init';

/** Every string of a namespace, with its key. */
function strings(value: unknown, prefix = ''): Array<[string, string]> {
  if (typeof value === 'string') return [[prefix, value]];
  if (typeof value !== 'object' || value === null) return [];
  return Object.entries(value).flatMap(([k, v]) => strings(v, prefix ? `${prefix}.${k}` : k));
}

const resources = loadResources();
const all = (language: 'el' | 'hu') => Object.entries(resources[language] ?? {}).flatMap(([ns, tree]) => strings(tree).map(([key, text]) => [`${ns}:${key}`, text] as const));
/** What the phone says in its own words, and the words the speech formatter puts in. */
const spoken = (language: 'el' | 'hu') => all(language).filter(([key]) => key.startsWith('ivr:speak.'));

/** The mistakes the December 2026 review found (shared/reviews/language-2026-12.md), as patterns. */
/**
 * «κρατήσεων σας»: a word stressed on the third syllable from the end takes a second accent on its
 * last syllable before an enclitic pronoun («κρατήσεών σας»). Syllables are counted as vowel groups,
 * with the digraphs ου, αι, ει, οι, υι, αυ, ευ as one.
 */
function accentMissingBeforeEnclitic(text: string): boolean {
  for (const [, word] of text.matchAll(/(\p{L}+) (?:σας|μας|μου|σου)(?=[\s.,;!:»)]|$)/gu)) {
    const groups = word!.toLowerCase().match(/(?:ου|αι|ει|οι|υι|αυ|ευ|[αεηιουωάέήίόύώϊϋΐΰ])/gu) ?? [];
    const stressed = groups.findIndex((g) => /[άέήίόύώΐΰ]/u.test(g));
    // Stressed on the antepenult and carrying no second accent.
    if (stressed >= 0 && groups.length - stressed >= 3 && groups.filter((g) => /[άέήίόύώΐΰ]/u.test(g)).length === 1) return true;
  }
  return false;
}

type Rule = [string, { test(text: string): boolean }];
const GREEK_RULES: Rule[] = [
  ['accent before an enclitic', { test: accentMissingBeforeEnclitic }],
  ['an article before «{{title}}»', /(?<!\p{L})(?:το|του|τον|η|της|ο|την|στο|στην|στον)\s+«\{\{title\}\}»/u],
  ['«σε έως»', /σε έως/u],
  ['«καλέστε στο» (the others say «τηλεφωνήστε στο»)', /καλέστε στο/u],
  ['a vocative guessed from {{name}}', /Καλώς ήρθατε, \{\{name\}\}/u],
  ['«λάθος προσπάθειες» (the review chose «αποτυχημένες»)', /λάθος προσπάθει/u],
];
const HUNGARIAN_RULES: Rule[] = [
  ['«ha» + subjunctive', /\bha\s+(?:\p{L}+\s+)?(?:véglegesítsük|leadjam|elküldjem|lemondjam|rögzítsem|ne)\b/iu],
  ['«Próbálja később» without «meg»', /Próbálja később/u],
  ['a title with no article at the start of a sentence', /(?:^|[.!?]\s)„\{\{title\}\}” \p{Ll}/u],
  ['an ordinal in the millions («{{ref}}. számú»)', /\{\{ref\}\}\.\s*számú/u],
  ['«{{ref}} számú» (the glossary: «rendelésszám: …» or «a száma: …»)', /\{\{ref\}\}\s*számú/u],
];
/** Abbreviations a voice would read letter by letter or as a word. */
const SPOKEN_ABBREVIATIONS = /(?:^|\s)(?:π\.χ\.|Αρ\.|Τηλ\.|κ\.λπ\.|pl\.|Tel\.|stb\.|kb\.|sz\.)|[€%&]|\bFt\b/u;
const WRITTEN_ONLY = { el: /γράψτε|πληκτρολογήστε τον τίτλο|καλάθι/iu, hu: /írja be|kosár|kosarába|kosarában/iu };

describe('locale lint', () => {
  it.each([['el', GREEK_RULES], ['hu', HUNGARIAN_RULES]] as const)('finds none of the review\'s patterns in %s', (language, rules) => {
    const offenders = all(language).flatMap(([key, text]) => rules.filter(([, pattern]) => pattern.test(text)).map(([why]) => `${key}: ${why}: ${text}`));
    expect(offenders).toEqual([]);
  });

  it.each(['el', 'hu'] as const)('has no abbreviation or symbol, and no «write»/«basket», in what the phone says (%s)', (language) => {
    const offenders = spoken(language).filter(([, text]) => SPOKEN_ABBREVIATIONS.test(text) || WRITTEN_ONLY[language].test(text)).map(([key, text]) => `${key}: ${text}`);
    expect(offenders).toEqual([]);
  });

  it('has no Latin-script word in Greek phone speech and no Greek one in Hungarian, outside the quoted language names', () => {
    // A quoted «Magyarul» / „Ελληνικά” is said by its own voice (speech.ts); any other stray word is a mistake.
    const bare = (text: string) => text.replace(/«[^»]*»|„[^”]*”|\{\{[^}]*\}\}/gu, '');
    const greek = spoken('el').filter(([, text]) => /\b(?![A-Z]{2,5}\b)[A-Za-z\u00c0-\u024f]{2,}/u.test(bare(text)));
    const hungarian = spoken('hu').filter(([, text]) => /[\u0370-\u03ff\u1f00-\u1fff]/u.test(bare(text)));
    expect([...greek, ...hungarian].map(([key, text]) => `${key}: ${text}`)).toEqual([]);
  });

  it('uses one word per concept: no «καλάθι», «δέσμευση» or «τεκμήριο» for patrons, no «kosár» or «Foglalásaim»', () => {
    const patronFacing = ([key]: readonly [string, string]) => !key.startsWith('ill:staff.') && !key.startsWith('staff:') && !/^reasons:ill\.(lender|use|due_date|liability|copy_not|original_must|collection_window|weight|cost_not|stale|amount|no_cost|charge|illegal|reason_required)/.test(key);
    const offenders = [
      ...all('el').filter(patronFacing).filter(([, t]) => /καλάθι|δεσμευμ|τεκμήρι/iu.test(t)),
      ...all('el').filter(([, t]) => /δεσμευμ/iu.test(t)),
      ...all('hu').filter(([, t]) => /kosar|kosár|Foglalásaim/iu.test(t)),
    ].map(([key, text]) => `${key}: ${text}`);
    expect(offenders).toEqual([]);
  });

  it('catches each pattern it is meant to catch (the rules are not vacuous)', () => {
    const hits = (rules: Rule[], text: string) => rules.filter(([, p]) => p.test(text)).map(([why]) => why);
    expect(hits(GREEK_RULES, 'Φτάσατε το όριο κρατήσεων σας.')).toEqual(['accent before an enclitic']);
    expect(hits(GREEK_RULES, 'Φτάσατε στο όριο των κρατήσεών σας.')).toEqual([]);
    expect(hits(GREEK_RULES, 'Πρόσθεσα στο καλάθι το «{{title}}».')).toEqual(['an article before «{{title}}»']);
    expect(hits(GREEK_RULES, 'Πρόσθεσα το βιβλίο «{{title}}».')).toEqual([]);
    expect(hits(GREEK_RULES, 'Καλώς ήρθατε, {{name}}!')).toEqual(['a vocative guessed from {{name}}']);
    expect(hits(HUNGARIAN_RULES, 'vagy „2”, ha véglegesítsük a rendelést.')).toEqual(['«ha» + subjunctive']);
    expect(hits(HUNGARIAN_RULES, '„nem”, ha ne.')).toEqual(['«ha» + subjunctive']);
    expect(hits(HUNGARIAN_RULES, 'ha véglegesíteni szeretné')).toEqual([]);
    expect(hits(HUNGARIAN_RULES, 'Próbálja később, vagy hívja')).toEqual(['«Próbálja később» without «meg»']);
    expect(hits(HUNGARIAN_RULES, '„{{title}}” minden példánya')).toEqual(['a title with no article at the start of a sentence']);
    expect(hits(HUNGARIAN_RULES, '{{ref}}. számú rendelés')).toEqual(['an ordinal in the millions («{{ref}}. számú»)']);
    expect(hits(HUNGARIAN_RULES, 'A(z) {{ref}} számú rendelés lemondása')).toEqual(['«{{ref}} számú» (the glossary: «rendelésszám: …» or «a száma: …»)']);
    expect(hits(HUNGARIAN_RULES, 'Nincs ilyen számú kérés: {{ref}}.')).toEqual([]);
    expect(hits(GREEK_RULES, 'μετά από πολλές λάθος προσπάθειες')).toEqual(['«λάθος προσπάθειες» (the review chose «αποτυχημένες»)']);
    expect(SPOKEN_ABBREVIATIONS.test('π.χ. «την Παρασκευή»')).toBe(true);
    expect(SPOKEN_ABBREVIATIONS.test('για παράδειγμα')).toBe(false);
  });
});
