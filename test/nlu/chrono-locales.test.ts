import { describe, expect, it } from 'vitest';
import * as el from '../../src/nlu/chrono/el';
import * as hu from '../../src/nlu/chrono/hu';

// Wednesday 25 November 2026, 10:00 UTC (vitest pins TZ=UTC, so chrono's local time is UTC).
const ref = new Date('2026-11-25T10:00:00Z');

describe('chrono el/hu locales', () => {
  it('maps index and text back to the original, accented input', () => {
    const [r] = el.casual.parse('Έρχομαι ΤΗΝ ΠΑΡΑΣΚΕΥΉ στις 11 για το βιβλίο', ref);
    expect(r?.index).toBe(8);
    expect(r?.text).toBe('ΤΗΝ ΠΑΡΑΣΚΕΥΉ στις 11');
    expect(r?.start.date().toISOString()).toBe('2026-11-27T11:00:00.000Z');
  });

  it('leaves casual words to the casual variant', () => {
    expect(el.strict.parse('αύριο', ref)).toHaveLength(0);
    expect(el.casual.parse('αύριο', ref)).toHaveLength(1);
    expect(hu.strict.parse('holnap', ref)).toHaveLength(0);
    expect(hu.strict.parse('december 3-án', ref)[0]?.start.date().toISOString()).toBe('2026-12-03T12:00:00.000Z');
  });

  it('builds fresh configurations with parsers and refiners', () => {
    const c = el.createConfiguration();
    expect(c.parsers.length).toBeGreaterThan(10);
    expect(c.refiners.length).toBeGreaterThan(3);
    expect(hu.createConfiguration(true).parsers.length).toBeLessThan(hu.createConfiguration(false).parsers.length);
  });
});
