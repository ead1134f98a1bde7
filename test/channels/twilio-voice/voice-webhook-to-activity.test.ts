import { describe, expect, it } from 'vitest';
import { heardInput, voiceWebhookToActivity } from '../../../src/channels/twilio-voice/voice-webhook-to-activity';
import { FIRST_STEP, stepFromQuery, stepToQuery } from '../../../src/channels/twilio-voice/voice-step';

const CALL = 'CA0123456789abcdef0123456789abcdef';

describe('voiceWebhookToActivity', () => {
  it('turns the call itself into a conversationUpdate of the CallSid conversation, replies buffered', () => {
    const activity = voiceWebhookToActivity({ library: 'ozd', params: { CallSid: CALL, From: '+36301234567' }, step: FIRST_STEP });
    expect(activity).toMatchObject({
      type: 'conversationUpdate', channelId: 'voice', deliveryMode: 'expectReplies', id: `${CALL}:0`,
      conversation: { id: CALL }, channelData: { library: 'ozd' }, membersAdded: [{ id: `${CALL}-caller` }],
    });
    // The caller's number is not copied into the conversation (it would end up in stored state).
    expect(JSON.stringify(activity)).not.toContain('36301234567');
  });

  it('turns a <Gather> result into a message: keys win over speech, speech is trimmed', () => {
    const step = { turn: 4, misses: 0, language: 'hu' as const, slot: 'choice' as const };
    expect(voiceWebhookToActivity({ library: 'ozd', params: { CallSid: CALL, SpeechResult: '  Egri csillagok ' }, step }))
      .toMatchObject({ type: 'message', text: 'Egri csillagok', locale: 'hu', id: `${CALL}:4` });
    expect(voiceWebhookToActivity({ library: 'ozd', params: { CallSid: CALL, SpeechResult: 'egy', Digits: '2' }, step }).text).toBe('2');
    expect(voiceWebhookToActivity({ library: 'ozd', params: { CallSid: CALL }, step }).text).toBe('');
  });
});

describe('heardInput', () => {
  it.each([
    [{ Digits: '1001001' }, '1001001'],
    [{ Digits: '12#' }, '12'],
    [{ SpeechResult: 'ναι.' }, 'ναι.'],
    [{ SpeechResult: '   ' }, ''],
    [{}, ''],
  ])('%o → %j', (params, heard) => {
    expect(heardInput(params)).toBe(heard);
  });
});

describe('VoiceStep in the action URL', () => {
  it('round-trips and drops what it does not know', () => {
    const step = { turn: 7, misses: 2, slot: 'pin' as const, language: 'el' as const, callback: true };
    expect(stepFromQuery(new URLSearchParams(stepToQuery(step)))).toEqual(step);
    expect(stepFromQuery(new URLSearchParams('turn=-3&misses=x&slot=evil&lang=fr'))).toEqual({ turn: 0, misses: 0 });
  });
});
