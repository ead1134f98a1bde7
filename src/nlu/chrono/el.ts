import type { ParsingContext, ParsingResult } from 'chrono-node';
import { keyOf } from '../text/normalize';
import {
  FilterRefiner, ForwardTimeRefiner, MergeAdjacentRefiner, OverlapRefiner, TimezoneRefiner,
} from './common/refiners';
import { UntilRefiner } from './common/until-refiner';
import { words } from './common/vocabulary';
import { createElDateParsers } from './el-parsers/el-date-parsers';
import { createElPeriodParsers } from './el-parsers/el-period-parsers';
import { createElRelativeParsers } from './el-parsers/el-relative-parsers';
import { createElTimeParsers } from './el-parsers/el-time-parsers';
import { NormalizingChrono, type Configuration } from './normalizing-chrono';

const w = (...p: string[]) => words('el', ...p);

/** Words that may sit between a date and a time that belong together ("Παρασκευή, στις 11"). */
const CONNECTOR = new RegExp(`^[\\s,.]*(?:(?:${w('στις', 'στην', 'στη', 'την', 'τη', 'το', 'τον', 'του', 'τις', 'η', 'κατά', 'γύρω', 'περίπου', 'ώρα', 'και ώρα', 'από', 'μεταξύ')}|@)[\\s,.]*)*$`, 'u');

/** Abbreviations too short to be a date on their own inside a sentence ("παρ' όλα αυτά"). */
const ABBREVIATIONS = new Set(['δευ', 'δευτ', 'τρι', 'τετ', 'πεμ', 'παρ', 'σαβ', 'κυρ', 'ιαν', 'φεβ', 'μαρ', 'απρ', 'ιουν', 'ιουλ',
  'αυγ', 'σεπ', 'σεπτ', 'οκτ', 'νοε', 'νοεμ', 'δεκ'].map((x) => keyOf(x, 'el')));

function lonelyAbbreviation(context: ParsingContext, r: ParsingResult): boolean {
  if (!ABBREVIATIONS.has(r.text.trim())) return false;
  if (context.text.trim() === r.text.trim()) return false;
  return context.text[r.index + r.text.length] !== '.';
}

const ZONES: Record<string, number> = {};
for (const [name, offset] of Object.entries({ gmt: 0, utc: 0, wet: 0, bst: 60, cet: 60, cest: 120, eet: 120, eest: 180 }))
  ZONES[keyOf(name, 'el')] = offset;

/**
 * Greek configuration for chrono: parsers over normalised Greek (see NormalizingChrono), then
 * refiners that drop overlaps, merge a date with its time, resolve times forward, apply zones.
 * Strict mode leaves out casual words (σήμερα, αύριο, το απόγευμα) and relative expressions.
 */
export function createConfiguration(strictMode = false): Configuration {
  const parsers = [...createElDateParsers(strictMode), ...createElTimeParsers()];
  if (!strictMode) parsers.push(...createElRelativeParsers(), ...createElPeriodParsers());
  return {
    parsers,
    refiners: [
      new OverlapRefiner(),
      new MergeAdjacentRefiner(CONNECTOR),
      new FilterRefiner(lonelyAbbreviation),
      new TimezoneRefiner(ZONES),
      new OverlapRefiner(),
      new UntilRefiner(new RegExp(`^\\s*(?:${w('μέχρι', 'έως', 'ως')})(?:\\s+(?:${w('τις', 'το', 'την', 'τη')}))?\\s*$`, 'u')),
      new ForwardTimeRefiner(),
    ],
  };
}

export const casual = new NormalizingChrono(createConfiguration(false), 'el');
export const strict = new NormalizingChrono(createConfiguration(true), 'el');
