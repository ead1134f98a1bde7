import { ParsingResult, type ParsingContext, type Refiner } from 'chrono-node';
import { RELATIVE_TAG, componentsAt, refWall } from './wall';

/**
 * "μέχρι τις 2μμ" on its own means from now until 2 p.m.: Duckling's interval starts now.
 * Only applies when "until" opens the text, otherwise it is the second half of a range.
 */
export class UntilRefiner implements Refiner {
  constructor(private readonly prefix: RegExp) {}

  refine(context: ParsingContext, results: ParsingResult[]): ParsingResult[] {
    return results.map((r) => {
      const before = context.text.slice(0, r.index);
      const m = this.prefix.exec(before);
      if (!m || r.start.tags().has(RELATIVE_TAG)) return r;
      const start = componentsAt(context, refWall(context), 'second', [RELATIVE_TAG]);
      return new ParsingResult(context.reference, m.index ?? 0, context.text.slice(m.index ?? 0, r.index + r.text.length), start, r.start);
    });
  }
}
