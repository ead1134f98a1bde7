import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { speechOf, speechPartsFor } from '../../../src/channels/twilio-voice/activities-to-twiml';
import { Conversation, testBot } from '../../support/conversation';
import { freshDb } from '../../support/test-db';
import { MONDAY_NOON, startVoiceApp, type VoiceApp } from './voice-call-support';

const running: VoiceApp[] = [];
afterEach(async () => { for (const v of running.splice(0)) await v.app.close(); });

describe('one set of dialogs for chat and phone', () => {
  it('says on the phone exactly what the dialogs give web chat as `speak`, turn by turn', async () => {
    const { db } = await freshDb();
    const chat = new Conversation(await testBot(db, { now: () => MONDAY_NOON }), { library: 'kalamaria', locale: 'el' });
    const v = await startVoiceApp();
    running.push(v);
    const phone = v.call('kalamaria');

    const turns: Array<[string, () => Promise<unknown>, () => Promise<unknown>]> = [
      ['call', () => chat.join(), () => phone.start()],
      ['1', () => chat.say('1'), () => phone.answer({ digits: '1' })],
      ['card', () => chat.say('1001001'), () => phone.answer({ digits: '1001001' })],
      ['pin', () => chat.say('1234'), () => phone.answer({ digits: '1234' })],
      ['query', () => chat.say('ζορμπά'), () => phone.answer({ speech: 'ζορμπά' })],
      ['pick', () => chat.say('1'), () => phone.answer({ digits: '1' })],
    ];
    for (const [label, inChat, onPhone] of turns) {
      await inChat();
      await onPhone();
      // Each reply in spoken form, one <Say> per language stretch.
      const spoken = chat.last.map(speechOf).filter(Boolean).flatMap((text) => speechPartsFor(text, 'el-GR').map((p) => p.text));
      // The phone adds only its keypad lines after the dialogs' own words.
      expect(phone.heard.split('\n').slice(0, spoken.length), label).toEqual(spoken);
      expect(phone.gather?.attrs.action, label).toContain(`slot=${chat.question?.channelData?.slot}`);
    }
    await db.$disconnect();
  });

  it('has no dialog or bot code that looks at the channel, except to record it on the order', () => {
    const root = path.resolve(import.meta.dirname, '..', '..', '..', 'src');
    const offenders: string[] = [];
    for (const dir of ['dialogs', 'bot']) {
      for (const file of readdirSync(path.join(root, dir), { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.ts'))) {
        readFileSync(path.join(root, dir, file), 'utf8').split('\n').forEach((line, i) => {
          if (/channelId|['"](voice|webchat|emulator|msteams)['"]/.test(line) && !/^\s*channel: step\.context\.activity\.channelId,$/.test(line)) {
            offenders.push(`${dir}/${file}:${i + 1}: ${line.trim()}`);
          }
        });
      }
    }
    expect(offenders).toEqual([]);
  });
});
