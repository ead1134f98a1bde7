import { keyOf } from '../text/normalize';
import { ForwardTimeRefiner, MergeAdjacentRefiner, OverlapRefiner, TimezoneRefiner } from './common/refiners';
import { words } from './common/vocabulary';
import { createHuParsers } from './hu-parsers/hu-parsers';
import { NormalizingChrono, type Configuration } from './normalizing-chrono';

const w = (...p: string[]) => words('hu', ...p);

/** What may stand between a date and its time: "holnap, 10-kor", "pénteken délután 3-kor", "2013.08.20 11:45". */
const CONNECTOR = new RegExp(`^[\\s,.]*(?:${w('a', 'az', 'kb', 'kb.', 'körülbelül', 'kb.', 'úgy', 'olyan', 'nagyjából')}[\\s,.]*)*$`, 'u');

const ZONES: Record<string, number> = {};
for (const [name, offset] of Object.entries({ gmt: 0, utc: 0, wet: 0, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180 }))
  ZONES[keyOf(name, 'hu')] = offset;

/**
 * Hungarian configuration for chrono: parsers over folded text (see NormalizingChrono), then
 * refiners that drop overlaps, merge a date with its time, resolve times forward, apply zones.
 * Strict mode leaves out casual words (ma, holnap, délután) and relative expressions.
 */
export function createConfiguration(strictMode = false): Configuration {
  return {
    parsers: createHuParsers(strictMode),
    refiners: [
      new OverlapRefiner(),
      new MergeAdjacentRefiner(CONNECTOR),
      new TimezoneRefiner(ZONES),
      new OverlapRefiner(),
      new ForwardTimeRefiner(),
    ],
  };
}

export const casual = new NormalizingChrono(createConfiguration(false), 'hu');
export const strict = new NormalizingChrono(createConfiguration(true), 'hu');
