import { describe, expect, it } from 'vitest';
import { LEDGER_SIZE, processedReplies, recordProcessed } from '../../src/bot/activity-ledger';

const reply = (text: string) => ({ type: 'message', text });

describe('activity ledger', () => {
  it('knows nothing of an activity it has not recorded', () => {
    expect(processedReplies(undefined, 'a')).toBeUndefined();
    expect(processedReplies(recordProcessed(undefined, 'a', []), 'b')).toBeUndefined();
  });

  it('gives the newest activity its replies back, an older one an empty answer', () => {
    let ledger = recordProcessed(undefined, 'a', [reply('one')]);
    ledger = recordProcessed(ledger, 'b', [reply('two'), reply('three')]);
    expect(processedReplies(ledger, 'b')).toEqual([reply('two'), reply('three')]);
    expect(processedReplies(ledger, 'a')).toEqual([]);
  });

  it(`keeps the last ${LEDGER_SIZE} ids, so the conversation's state does not grow`, () => {
    let ledger = recordProcessed(undefined, 'id-0', []);
    for (let i = 1; i < LEDGER_SIZE + 5; i++) ledger = recordProcessed(ledger, `id-${i}`, [reply(`r${i}`)]);
    expect(ledger.done).toHaveLength(LEDGER_SIZE);
    expect(processedReplies(ledger, 'id-0')).toBeUndefined();
    expect(processedReplies(ledger, `id-${LEDGER_SIZE + 4}`)).toEqual([reply(`r${LEDGER_SIZE + 4}`)]);
  });

  it('stores the replies as plain JSON (dates as text), as the state row does', () => {
    const ledger = recordProcessed(undefined, 'a', [{ type: 'message', timestamp: new Date('2026-11-23T10:00:00Z') }]);
    expect(ledger.last?.replies).toEqual([{ type: 'message', timestamp: '2026-11-23T10:00:00.000Z' }]);
  });
});
