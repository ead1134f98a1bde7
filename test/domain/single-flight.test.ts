import { describe, expect, it } from 'vitest';
import { SingleFlight } from '../../src/domain/single-flight';

describe('SingleFlight', () => {
  it('runs a key\'s work once for callers that come while it runs, again after it ended, and other keys on their own', async () => {
    const flight = new SingleFlight<number, string>();
    let runs = 0;
    let finish: (v: string) => void = () => undefined;
    const work = () => { runs++; return new Promise<string>((resolve) => { finish = resolve; }); };
    const first = flight.run(1, work);
    const second = flight.run(1, work);
    expect(runs).toBe(1);
    finish('done');
    expect(await Promise.all([first, second])).toEqual(['done', 'done']);
    await flight.run(1, async () => { runs++; return 'again'; });
    await flight.run(2, async () => { runs++; return 'other'; });
    expect(runs).toBe(3);
  });

  it('forgets a run that failed, so the next caller tries again', async () => {
    const flight = new SingleFlight<string, number>();
    await expect(flight.run('k', async () => { throw new Error('down'); })).rejects.toThrow('down');
    expect(await flight.run('k', async () => 7)).toBe(7);
  });
});
