import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { findAll, type Answer, type TwilioCall } from '../../../src/tools/twilio-call';
import { startVoiceApp, type VoiceApp } from './voice-call-support';

/**
 * A caller hears every word at speaking pace (about 13 characters a second). These calls are
 * played whole, greeting to goodbye, as a new caller would, and the bot's speech is counted.
 */
const TARGET = { hold: 800, ill_article: 1500 } as const;
type Flow = keyof typeof TARGET;

interface Played { flow: Flow; language: 'el' | 'hu'; library: string; characters: number; turns: number; transcript: string[]; says: Array<{ language: string; text: string }> }
const measured: Played[] = [];

const running: VoiceApp[] = [];
afterEach(async () => { for (const v of running.splice(0)) await v.app.close(); });

/** Everything said in one response, as the caller hears it. */
const spoken = (c: TwilioCall) => (c.response ? findAll(c.response, 'Say').map((s) => s.text.trim()).join(' ') : '');

async function play(flow: Flow, language: 'el' | 'hu', library: string, from: string, answers: Answer[]): Promise<Played> {
  const v = await startVoiceApp();
  running.push(v);
  const c = v.call(library, from);
  const says: Played['says'] = [];
  const record = () => {
    says.push(...(c.response ? findAll(c.response, 'Say').map((s) => ({ language: s.attrs.language ?? '', text: s.text })) : []));
    return spoken(c);
  };
  await c.start();
  const transcript = [record()];
  for (const answer of answers) {
    await c.answer(answer);
    transcript.push(record());
  }
  expect(c.hungUp, transcript.join('\n')).toBe(true);
  const played = { flow, language, library, characters: transcript.join('').length, turns: transcript.length, transcript, says };
  expect(wrongSpeech(says), transcript.join('\n')).toEqual([]);
  measured.push(played);
  return played;
}

/**
 * What must never be heard, prompt by prompt: a number of more than four digits said as one number
 * (an amount excepted), a word in the other language's script in a <Say> of the wrong language,
 * an abbreviation, or "write" / "type" / "basket".
 */
function wrongSpeech(says: Played['says']): string[] {
  const problems: string[] = [];
  for (const { language, text } of says) {
    for (const m of text.matchAll(/\d[\d.\u00a0\u202f]*\d/gu)) {
      const digits = m[0].replace(/\D/g, '');
      const amount = /^\s*(?:forint|euró|ευρώ|φιορίνια)/u.test(text.slice(m.index + m[0].length));
      if (digits.length > 4 && !amount) problems.push(`${language}: a ${digits.length}-digit number said as one: ${text}`);
    }
    if (language === 'hu-HU' && /[\u0370-\u03ff\u1f00-\u1fff]/u.test(text)) problems.push(`hu-HU says Greek: ${text}`);
    if (language === 'el-GR' && /(?<!\p{L})(?![A-Z]{2,5}(?!\p{L}))[A-Za-z\u00c0-\u024f]{2,}/u.test(text)) problems.push(`el-GR says a Latin-script word: ${text}`);
    if (/(?:^|\s)(?:π\.χ\.|Αρ\.|Τηλ\.|pl\.|Tel\.|stb\.)|[€%]|\bFt\b|\bHUF\b|\bEUR\b/u.test(text)) problems.push(`${language}: an abbreviation: ${text}`);
    if (/γράψτε|πληκτρολογήστε τον τίτλο|καλάθι|írja be|kosár|kosará/iu.test(text)) problems.push(`${language}: a word for the screen: ${text}`);
  }
  return problems;
}

describe('wrongSpeech', () => {
  it('catches what it is meant to catch', () => {
    expect(wrongSpeech([
      { language: 'el-GR', text: 'στο 2310000100' }, { language: 'hu-HU', text: 'mondja: Ελληνικά' },
      { language: 'el-GR', text: 'πείτε Magyarul' }, { language: 'el-GR', text: 'π.χ. αύριο' }, { language: 'hu-HU', text: 'a kosárba tettem' },
    ])).toHaveLength(5);
    expect(wrongSpeech([{ language: 'el-GR', text: 'στο 2 3 1 0, 0 0 0, 1 0 0, το PIN' }, { language: 'hu-HU', text: '12000 forint' }])).toEqual([]);
  });
});

const HOLD: Record<'el' | 'hu', [string, string, Answer[]]> = {
  el: ['kalamaria', '+306900000001', [
    { digits: '1' }, { digits: '1001001' }, { digits: '1234' }, { speech: 'Καπετάν Μιχάλης' }, { digits: '1' },
    { digits: '2' }, { speech: 'ναι' }, { digits: '1' }, { speech: 'όχι' },
  ]],
  hu: ['ozd', '+36300000001', [
    { digits: '1' }, { digits: '2002001' }, { digits: '4321' }, { speech: 'egri csillagok' }, { digits: '1' },
    { digits: '2' }, { speech: 'igen' }, { digits: '1' }, { speech: 'nem' },
  ]],
};

const ILL_ARTICLE: Record<'el' | 'hu', [string, string, Answer[]]> = {
  el: ['ozd', '+306900000002', [
    { speech: 'Ελληνικά' }, { digits: '4' }, { digits: '2002001' }, { digits: '4321' }, { digits: '2' },
    { speech: 'Η ιστορία της ανάγνωσης' }, { speech: 'δεν ξέρω' }, { speech: 'Νέα Εστία' }, { speech: '2019' },
    { speech: 'δεν ξέρω' }, { speech: 'δεν ξέρω' }, { speech: 'όχι' }, { speech: '3000' }, { speech: 'ναι' }, { speech: 'ναι' }, { speech: 'όχι' },
  ]],
  hu: ['ozd', '+36300000001', [
    { digits: '4' }, { digits: '2002001' }, { digits: '4321' }, { digits: '2' },
    { speech: 'Az olvasás története' }, { speech: 'nem tudom' }, { speech: 'Holmi' }, { speech: '2019' },
    { speech: 'nem tudom' }, { speech: 'nem tudom' }, { speech: 'nincs' }, { speech: '3000' }, { speech: 'igen' }, { speech: 'igen' }, { speech: 'nem' },
  ]],
};

describe('what a caller hears in a whole call', () => {
  it.each(['el', 'hu'] as const)('a phone hold in %s, greeting to goodbye, stays within its target', async (language) => {
    const [library, from, answers] = HOLD[language];
    const played = await play('hold', language, library, from, answers);
    expect(played.transcript.join('\n')).toMatch(language === 'el' ? /καταχωρίστηκε με αριθμό( \d){7}/ : /száma:( \d){7}/);
    expect(played.characters, played.transcript.join('\n')).toBeLessThanOrEqual(TARGET.hold);
  });

  it.each(['el', 'hu'] as const)('an interlibrary-loan article request in %s stays within its target', async (language) => {
    const [library, from, answers] = ILL_ARTICLE[language];
    const played = await play('ill_article', language, library, from, answers);
    expect(played.transcript.join('\n')).toMatch(language === 'el' ? /καταχωρίστηκε με αριθμό( \d)+/ : /száma:( \d)+/);
    expect(played.characters, played.transcript.join('\n')).toBeLessThanOrEqual(TARGET.ill_article);
  });
});

afterAll(() => {
  if (measured.length < 4) return; // a filtered run measures only part of the table
  // The figures are printed on every run; the report is rewritten on request, as docs/conversations.md is
  // (order numbers differ from run to run, and a test run should leave the working tree as it found it).
  for (const p of measured) process.stdout.write(`SPEECH ${p.flow} ${p.language} characters=${p.characters} target=${TARGET[p.flow]}\n`);
  if (!process.env.UPDATE_SPEECH_REPORT) return;
  const row = (p: Played) => `| ${p.flow === 'hold' ? 'phone hold' : 'ILL article request'} | ${p.language} | ${p.library} | ${p.turns} | ${p.characters} | ${TARGET[p.flow]} | ${Math.round(p.characters / 13)} s |`;
  const order = (p: Played) => `${p.flow}${p.language}`;
  const table = [...measured].sort((a, b) => order(a).localeCompare(order(b))).map(row).join('\n');
  const transcripts = [...measured].sort((a, b) => order(a).localeCompare(order(b))).map((p) =>
    `### ${p.flow === 'hold' ? 'Phone hold' : 'ILL article request'}, ${p.language}\n\n${p.transcript.map((t, i) => `${i}. ${t}`).join('\n')}`).join('\n\n');
  writeFileSync(path.resolve(import.meta.dirname, '..', '..', '..', 'docs', 'speech.md'), `# What a caller hears

Written by \`UPDATE_SPEECH_REPORT=1 npx vitest run test/channels/twilio-voice/spoken-length.test.ts\`, which plays each call whole over the
voice webhooks (greeting to goodbye, as a new caller would) and counts the characters of every
\`<Say>\`. At about 13 characters a second, the last column is the time the bot talks.

| call | language | library | responses | characters spoken | target (issue 17) | at 13 chars/s |
|---|---|---|---|---|---|---|
${table}

How speech is formed (\`src/channels/twilio-voice/speech.ts\`): phone numbers in digit groups, references
and other long numbers digit by digit, abbreviations and symbols said as words, and a word of the other
language in a \`<Say>\` of its own with that language's voice.

## Transcripts

${transcripts}
`);
});
