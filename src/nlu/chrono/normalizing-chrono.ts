import { Chrono, ParsingResult, type ParsedResult, type Parser, type ParsingOption, type ParsingReference, type Refiner } from 'chrono-node';
import { normalize, originalSpan } from '../text/normalize';
import type { Lang } from '../types';

/** chrono's Configuration (not exported from the package root). */
export interface Configuration {
  parsers: Parser[];
  refiners: Refiner[];
}

/**
 * A Chrono that runs its parsers on normalised text (see normalize(): case, accents, final
 * sigma, Greeklish and Greek spelling folded) and reports each result's index and text in the
 * patron's original string, so "ΠΑΡΑΣΚΕΥΗ", "Παρασκευή" and "paraskevi" all parse alike.
 */
export class NormalizingChrono extends Chrono {
  constructor(configuration: Configuration, private readonly lang: Lang) {
    super(configuration);
  }

  override parse(text: string, referenceDate?: ParsingReference | Date, option?: ParsingOption): ParsedResult[] {
    const n = normalize(text, this.lang);
    const results = super.parse(n.text, referenceDate, option);
    for (const r of results) {
      if (!(r instanceof ParsingResult)) continue;
      const span = originalSpan(n, r.index, r.text.length);
      r.index = span.index;
      r.text = span.text;
    }
    return results;
  }

  override clone(): NormalizingChrono {
    return new NormalizingChrono({ parsers: [...this.parsers], refiners: [...this.refiners] }, this.lang);
  }
}
