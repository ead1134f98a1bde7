import { describe, expect, it } from 'vitest';
import { runHarness } from '../../scripts/eval-duckling';

// The shared Duckling corpora (../shared/eval) scored through the harness's --json output.
describe('duckling conformance', () => {
  const { summaries } = runHarness();
  const accuracy = (dimension: string, language: string) =>
    summaries.find((s) => s.dimension === dimension && s.language === language)?.accuracy ?? 0;

  it.each(['el', 'hu'])('reads ≥ 95 %% of the %s time corpus (start@grain)', (lang) => {
    expect(accuracy('time', lang)).toBeGreaterThanOrEqual(0.95);
  });

  it.each(['el', 'hu'])('reads ≥ 98 %% of the %s numeral and ordinal corpora', (lang) => {
    expect(accuracy('numeral', lang)).toBeGreaterThanOrEqual(0.98);
    expect(accuracy('ordinal', lang)).toBeGreaterThanOrEqual(0.98);
  });
});
