import { ActivityTypes, type Activity } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  activitiesToTwiml, cleanForSpeech, isRetry, transferToTwiml, wantsTransfer, type RenderOptions, type VoiceSettings,
} from '../../../src/channels/twilio-voice/activities-to-twiml';
import { ask, tell, type Slot } from '../../../src/dialogs/messages';
import { findAll, parseTwiml, type TwimlNode } from '../../../src/tools/twilio-call';

const voice: VoiceSettings = { language: 'el-GR', voice: 'Google.el-GR-Wavenet-A' };
const options = (over: Partial<RenderOptions> = {}): RenderOptions => ({
  voice,
  phrases: { option: (label, key) => `[${key}: ${label}]`, useKeys: '[πλήκτρα]', staff: '[0: υπάλληλος]', noInput: '[σιωπή]' },
  action: (slot) => `https://bot.example.org/api/voice/kalamaria?turn=2&slot=${slot ?? ''}`,
  misses: 0,
  silent: false,
  ...over,
});
const render = (replies: Partial<Activity>[], over: Partial<RenderOptions> = {}) => parseTwiml(activitiesToTwiml(replies, options(over)));
const names = (node: TwimlNode) => node.children.map((c) => c.name);
const texts = (node: TwimlNode) => findAll(node, 'Say').map((s) => s.text);
const gather = (node: TwimlNode) => findAll(node, 'Gather')[0]!;

describe('activitiesToTwiml', () => {
  it('says statements, then asks the question inside a <Gather> in the conversation language', () => {
    const twiml = render([tell('Συνδεθήκατε.'), ask('Ποιο βιβλίο ψάχνετε;', 'query')]);
    expect(names(twiml)).toEqual(['Say', 'Gather']);
    expect(twiml.children[0]).toMatchObject({ text: 'Συνδεθήκατε.', attrs: { language: 'el-GR', voice: 'Google.el-GR-Wavenet-A' } });
    expect(gather(twiml).attrs).toEqual({
      action: 'https://bot.example.org/api/voice/kalamaria?turn=2&slot=query', method: 'POST', actionOnEmptyResult: 'true',
      language: 'el-GR', speechTimeout: 'auto', timeout: '6', input: 'speech dtmf', numDigits: '1',
    });
    expect(texts(gather(twiml))).toEqual(['Ποιο βιβλίο ψάχνετε;']);
  });

  it.each<[Slot, Record<string, string>]>([
    ['cardNumber', { input: 'dtmf', finishOnKey: '#' }],
    ['pin', { input: 'dtmf', finishOnKey: '#' }],
    ['choice', { input: 'speech dtmf', numDigits: '1' }],
    ['confirm', { input: 'speech dtmf', numDigits: '1' }],
    ['query', { input: 'speech dtmf', speechTimeout: 'auto' }],
    ['datetime', { input: 'speech dtmf', speechTimeout: 'auto' }],
    ['text', { input: 'speech dtmf', speechTimeout: 'auto' }],
  ])('takes the %s slot with %o', (slot, attrs) => {
    expect(gather(render([ask('…', slot)])).attrs).toMatchObject(attrs);
  });

  it('never lets keypad slots listen for speech nor wait for a spoken pause', () => {
    for (const slot of ['cardNumber', 'pin'] as const) {
      const attrs = gather(render([ask('PIN', slot)])).attrs;
      expect(attrs).not.toHaveProperty('speechTimeout');
      expect(attrs).not.toHaveProperty('hints');
    }
  });

  it('offers choices as hints and as keys, but not in the short reprompt', () => {
    const question = ask('Από ποια βιβλιοθήκη;', 'choice', { choices: ['Κεντρική, Βιβλιοθήκη', 'Β΄ Παιδική'] });
    const first = gather(render([question]));
    expect(first.attrs.hints).toBe('Κεντρική Βιβλιοθήκη, Β΄ Παιδική');
    // «Β΄» is a numeral: the voice says «Δεύτερη», not the letter's name.
    expect(texts(first)).toEqual(['Από ποια βιβλιοθήκη;', '[1: Κεντρική, Βιβλιοθήκη] [2: Δεύτερη Παιδική]']);
    expect(texts(gather(render([question], { misses: 1 })))).toEqual(['Από ποια βιβλιοθήκη;']);
    expect(texts(gather(render([question], { misses: 2 })))).toEqual(['Από ποια βιβλιοθήκη;', '[πλήκτρα]', '[1: Κεντρική, Βιβλιοθήκη] [2: Δεύτερη Παιδική]', '[0: υπάλληλος]']);
  });

  it('reads no keys with a question marked readKeys: false, until the keypad step', () => {
    const question = ask('Κάτι άλλο;', 'choice', { choices: ['Κράτηση βιβλίου', 'Νέες αφίξεις'], readKeys: false });
    expect(texts(gather(render([question])))).toEqual(['Κάτι άλλο;']);
    expect(texts(gather(render([question], { misses: 2 })))).toEqual(['Κάτι άλλο;', '[πλήκτρα]', '[1: Κράτηση βιβλίου] [2: Νέες αφίξεις]', '[0: υπάλληλος]']);
  });

  it('says nothing for a line meant for the screen only (an empty speak)', () => {
    expect(texts(render([tell('Μπορείτε να κρατήσετε ακόμη 10 βιβλία.', { speak: '' }), ask('Ποιο βιβλίο;', 'query')]))).toEqual(['Ποιο βιβλίο;']);
  });

  it('says it heard nothing before the reprompt that follows silence', () => {
    expect(texts(render([ask('Ποιο βιβλίο;', 'query')], { misses: 1, silent: true }))).toEqual(['[σιωπή]', 'Ποιο βιβλίο;']);
  });

  it('uses a speech model with a numeric speechTimeout when one is configured', () => {
    const attrs = gather(render([ask('…', 'query')], { voice: { ...voice, speechModel: 'googlev2_long' } })).attrs;
    expect(attrs).toMatchObject({ speechModel: 'googlev2_long', speechTimeout: '2' });
  });

  it('hangs up after the goodbye of an endOfConversation', () => {
    const twiml = render([tell('Καλή σας μέρα!'), { type: ActivityTypes.EndOfConversation }]);
    expect(names(twiml)).toEqual(['Say', 'Hangup']);
  });

  it('speaks `speak` rather than the screen text, the Hungarian word in the Hungarian voice', () => {
    const says = findAll(render([tell('Γράψτε «Magyarul».', { speak: 'Πείτε «Magyarul».' })], { voices: { 'hu-HU': 'Google.hu-HU-Wavenet-A' } }), 'Say');
    expect(says.map((s) => [s.attrs.language, s.attrs.voice, s.text])).toEqual([
      ['el-GR', 'Google.el-GR-Wavenet-A', 'Πείτε'],
      ['hu-HU', 'Google.hu-HU-Wavenet-A', 'Magyarul.'],
    ]);
  });

  it('says phone numbers and references as digits, and no abbreviation', () => {
    const said = texts(render([tell('Αρ. 4818373, π.χ. στο 2310 000 100.')])).join(' ');
    expect(said).toBe('αριθμός 4 8 1 8 3 7 3, για παράδειγμα στο 2 3 1 0, 0 0 0, 1 0 0.');
  });

  it('says a phone number in digit groups when a word follows it, not as an amount', () => {
    const said = texts(render([tell('Τηλεφωνήστε στο 2310 000 100 ή καλέστε από το δικό σας.')])).join(' ');
    expect(said).toBe('Τηλεφωνήστε στο 2 3 1 0, 0 0 0, 1 0 0 ή καλέστε από το δικό σας.');
  });

  it('escapes <, & and quotes in what it says and in its attributes', () => {
    const words = `Tom & Jerry <b>"x"</b> 'y'`;
    // In the Hungarian voice, so that the Latin words stay in one <Say>.
    const xml = activitiesToTwiml([ask(`«${words}»`, 'choice', { choices: [words] })], options({ voice: { language: 'hu-HU', voice: 'Google.hu-HU-Wavenet-A' } }));
    expect(xml).toContain('Tom &amp; Jerry &lt;b&gt;');
    expect(xml).not.toContain('<b>');
    const twiml = parseTwiml(xml);
    expect(texts(twiml)[0]).toBe(`«${words}»`);
    expect(gather(twiml).attrs.hints).toBe(`Tom & Jerry <b> x </b> 'y'`);
  });
});

describe('cleanForSpeech', () => {
  it.each([
    ['**Καλώς** ήρθατε 📚', 'Καλώς ήρθατε.'],
    ['Βρήκα 2 τίτλους:\n1. «Α» — Β (2018)\nΔιαθέσιμο: Κεντρική.', 'Βρήκα 2 τίτλους: 1. «Α», Β (2018). Διαθέσιμο: Κεντρική.'],
    ['Δείτε [τον κατάλογο](https://example.org) 👍🏽 🇬🇷', 'Δείτε τον κατάλογο.'],
    ['<speak>Γεια <break time="1s"/>σας</speak>', 'Γεια σας.'],
    ['a < b & c', 'a < b & c.'],
  ])('%j → %j', (input, spoken) => {
    expect(cleanForSpeech(input)).toBe(spoken);
  });
});

describe('wantsTransfer and isRetry', () => {
  it('see the transfer flag and the retry mark in channelData', () => {
    expect(wantsTransfer([tell('…', { channelData: { transfer: true } })])).toBe(true);
    expect(wantsTransfer([tell('…')])).toBe(false);
    expect(isRetry([{ ...ask('…', 'confirm'), channelData: { slot: 'confirm', retry: true } }])).toBe(true);
    expect(isRetry([ask('…', 'confirm')])).toBe(false);
  });
});

describe('transferToTwiml', () => {
  it('dials the library when it is open, and says goodbye if nobody answers', () => {
    const twiml = parseTwiml(transferToTwiml({ open: true, number: '+302310000100', connecting: 'Σας συνδέω.', noAnswer: 'Κανείς.' }, voice));
    expect(names(twiml)).toEqual(['Say', 'Dial', 'Say', 'Hangup']);
    expect(twiml.children[1]).toMatchObject({ text: '+302310000100', attrs: { timeout: '30' } });
  });

  it('says the hours and asks about a call back when closed', () => {
    const twiml = parseTwiml(transferToTwiml({ open: false, closed: 'Κλειστά.', callback: { offer: 'Να σας πάρουμε;', action: 'https://x/cb?turn=3&callback=1' }, goodbye: 'Γεια.' }, voice));
    expect(names(twiml)).toEqual(['Say', 'Gather']);
    expect(gather(twiml).attrs).toMatchObject({ action: 'https://x/cb?turn=3&callback=1', input: 'dtmf speech', numDigits: '1', actionOnEmptyResult: 'true' });
    expect(texts(gather(twiml))).toEqual(['Να σας πάρουμε;']);
  });

  it('says the hours and hangs up when there is no number to call back', () => {
    const twiml = parseTwiml(transferToTwiml({ open: false, closed: 'Κλειστά.', goodbye: 'Γεια.' }, voice));
    expect(names(twiml)).toEqual(['Say', 'Say', 'Hangup']);
  });
});
