import { Writable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger, requestContext, scrubDigits, scrubError } from '../src/logging';
import type { Db } from '../src/persistence/prisma-client';
import { freshDb } from './support/test-db';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({ write(chunk, _enc, done) { for (const l of chunk.toString().split('\n').filter(Boolean)) lines.push(JSON.parse(l)); done(); } });
  return { lines, log: createLogger('info', stream) };
}

describe('createLogger', () => {
  it('redacts card numbers, PINs, what the patron said or keyed and contact details, at any of the first three levels', () => {
    const { lines, log } = capture();
    log.info({ cardNumber: '1001001', pin: '1234', activity: { text: 'my PIN is 1234' }, params: { Digits: '1234', SpeechResult: 'ένα δύο' }, a: { b: { phone: '+30231' } }, orderId: 7 }, 'x');
    expect(lines[0]).toMatchObject({
      cardNumber: '[redacted]', pin: '[redacted]', activity: { text: '[redacted]' }, params: { Digits: '[redacted]', SpeechResult: '[redacted]' },
      a: { b: { phone: '[redacted]' } }, orderId: 7,
    });
  });

  it('stamps every line written inside a request with its id', () => {
    const { lines, log } = capture();
    requestContext.run({ reqId: 'req-123456' }, () => log.error({ conversation: 'c1' }, 'turn failed'));
    log.info('outside');
    expect(lines[0]).toMatchObject({ reqId: 'req-123456', msg: 'turn failed' });
    expect(lines[1]).not.toHaveProperty('reqId');
  });
});

describe('scrubError', () => {
  let db: Db;
  beforeEach(async () => { ({ db } = await freshDb()); });
  afterEach(async () => { await db.$disconnect(); });

  it('masks the card number Prisma renders into the message of a failed query, keeping name, code and dates', async () => {
    // A bug passing the card as a number: Prisma's message shows the query with its arguments.
    const error = await db.patron.findUnique({ where: { libraryId_cardNumber: { libraryId: 'kalamaria', cardNumber: 1001001 as unknown as string } } }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('1001001');
    const { lines, log } = capture();
    log.error({ err: error }, 'turn failed');
    const logged = JSON.stringify(lines[0]);
    expect(logged).not.toContain('1001001');
    expect(lines[0]).toMatchObject({ err: { name: 'PrismaClientValidationError', message: expect.stringContaining('cardNumber: [digits]') } });
  });

  it.each([
    ['wrong PIN 1234 for card 1001001', 'wrong PIN [digits] for card [digits]'],
    ['at 2026-11-23T10:00:00.000Z, turn 12', 'at 2026-11-23T10:00:00.000Z, turn 12'],
    ['callback +302310555001', 'callback +[digits]'],
  ])('turns %j into %j', (text, expected) => {
    expect(scrubDigits(text)).toBe(expected);
  });

  it('keeps plain strings and odd values safe', () => {
    expect(scrubError('Error: card 1001001')).toBe('Error: card [digits]');
    expect(scrubError(undefined)).toBeUndefined();
    expect(scrubError({ message: 'PIN 4321', code: 'P2021', secret: 'x' })).toEqual({ message: 'PIN [digits]', code: 'P2021' });
  });
});
