import { describe, expect, it } from 'vitest';
import { checkBotFrameworkActivity, checkWebChatPost, clientActivityId } from '../../src/channels/incoming-activity';

const valid = {
  type: 'message', id: 'a1', text: 'γεια', channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/', deliveryMode: 'expectReplies',
  conversation: { id: 'c1', tenantId: 't' }, from: { id: 'u1', aadObjectId: 'x' }, recipient: { id: 'bot' }, channelData: { library: 'ozd', teams: {} },
};

describe('checkBotFrameworkActivity', () => {
  it('accepts an activity and keeps the fields it does not check', () => {
    const checked = checkBotFrameworkActivity(valid);
    expect(checked).toEqual({ ok: true, value: valid });
  });

  it.each([
    ['a body that is not an object', 'hello'],
    ['no type', { ...valid, type: undefined }],
    ['text that is a number', { ...valid, text: 5 }],
    ['a locale that is a number', { ...valid, locale: 5 }],
    ['no conversation id', { ...valid, conversation: {} }],
    ['a conversation id of 10 000 characters', { ...valid, conversation: { id: 'c'.repeat(10_000) } }],
    ['no sender', { ...valid, from: undefined }],
    ['members that are not accounts', { ...valid, type: 'conversationUpdate', membersAdded: [null] }],
    ['members that are not a list', { ...valid, type: 'conversationUpdate', membersAdded: 5 }],
    ['channel data that is text', { ...valid, channelData: 'zz' }],
  ])('refuses %s', (_, body) => {
    const checked = checkBotFrameworkActivity(body);
    expect(checked.ok).toBe(false);
    expect(checked.ok ? '' : checked.error).toMatch(/^invalid activity \(/);
  });
});

describe('checkWebChatPost', () => {
  const post = { conversationId: 'webchat-0123456789', library: 'ozd', activity: { type: 'message', text: 'szia', channelData: { clientActivityID: '1700000000000abc' } } };

  it('accepts what the chat page posts', () => {
    expect(checkWebChatPost(post).ok).toBe(true);
  });

  it.each([
    ['a conversation id of another shape', { ...post, conversationId: 'x' }],
    ['an activity that is text', { ...post, activity: 'x' }],
    ['text that is an object', { ...post, activity: { type: 'message', text: { a: 1 } } }],
    ['no activity type', { ...post, activity: { text: 'szia' } }],
  ])('refuses %s', (_, body) => {
    expect(checkWebChatPost(body).ok).toBe(false);
  });
});

describe('clientActivityId', () => {
  it('takes Web Chat\'s clientActivityID, else the id, and only plain tokens', () => {
    expect(clientActivityId({ type: 'message', channelData: { clientActivityID: '1700000000000abc' }, id: 'other' })).toBe('1700000000000abc');
    expect(clientActivityId({ type: 'message', id: 'b9c1-77' })).toBe('b9c1-77');
    expect(clientActivityId({ type: 'message', id: 'a|b' })).toBeUndefined();
    expect(clientActivityId({ type: 'message', id: 'x'.repeat(129) })).toBeUndefined();
    expect(clientActivityId({ type: 'message' })).toBeUndefined();
  });
});
