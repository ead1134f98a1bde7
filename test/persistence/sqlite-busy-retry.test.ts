import { describe, expect, it } from 'vitest';
import { isBusy, retryBusyTransactions } from '../../src/persistence/sqlite-busy-retry';

const busy = () => Object.assign(new Error('Operation has timed out'), { code: 'P1008', meta: { driverAdapterError: { cause: { kind: 'SocketTimeout' } } } });

describe('retryBusyTransactions', () => {
  it('runs an interactive transaction again when SQLite answered SQLITE_BUSY, and returns its result', async () => {
    let runs = 0;
    const db = { $transaction: async (fn: () => Promise<string>) => { runs++; if (runs < 3) throw busy(); return fn(); } };
    retryBusyTransactions(db);
    expect(await db.$transaction(async () => 'order 1000017')).toBe('order 1000017');
    expect(runs).toBe(3);
  });

  it('passes any other error through at once', async () => {
    let runs = 0;
    const db = { $transaction: async () => { runs++; throw Object.assign(new Error('Unique constraint failed'), { code: 'P2002' }); } };
    retryBusyTransactions(db);
    await expect(db.$transaction()).rejects.toThrow('Unique constraint failed');
    expect(runs).toBe(1);
  });

  it.each([
    [busy(), true],
    [new Error('SqliteError: database is locked'), true],
    [Object.assign(new Error('x'), { meta: { driverAdapterError: { cause: { kind: 'UniqueConstraintViolation' } } } }), false],
    [undefined, false],
  ])('recognises %s as busy: %s', (error, expected) => {
    expect(isBusy(error)).toBe(expected);
  });
});
