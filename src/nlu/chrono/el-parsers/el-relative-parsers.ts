import { ParsingResult, type Parser, type ParsingContext } from 'chrono-node';
import { defineParser } from '../common/pattern-parser';
import { words } from '../common/vocabulary';
import { GRAIN_TAG, RELATIVE_TAG, addDuration, addUnits, componentsAt, refWall, truncate, type Unit } from '../common/wall';
import { EL_COUNT_WORDS, EL_UNITS, k } from './el-vocabulary';

const w = (...p: string[]) => words('el', ...p);
const COUNT = `(\\d+(?:[.,]\\d+)?|\\d\\s*/\\s*\\d|${EL_COUNT_WORDS.pattern})(?:\\s+(${w('και μισή', 'και μισό')}))?`;
const UNIT = `(?:${w('της')}\\s+)?(${EL_UNITS.pattern})`;
const QUARTERS = `(${w('ένα τέταρτο', 'τρία τέταρτα', 'ενός τετάρτου')})(?:\\s+${w('της ώρας')})?`;

/** The amount in "σε 2,5 ώρες", "σε 1/4 ω", "σε δύο και μισή ώρες", "σε μερικά λεπτά". */
export function elCount(raw: string | undefined, half: string | undefined): number | undefined {
  if (!raw) return undefined;
  let n: number | undefined;
  const frac = /^(\d)\s*\/\s*(\d)$/.exec(raw);
  if (frac) n = Number(frac[1]) / Number(frac[2]);
  else if (/^\d/.test(raw)) n = Number(raw.replace(',', '.'));
  else n = EL_COUNT_WORDS.lookup(raw);
  if (n === undefined || Number.isNaN(n)) return undefined;
  return half ? n + 0.5 : n;
}

function relative(context: ParsingContext, sign: 1 | -1, n: number, unit: Unit) {
  const ref = refWall(context);
  const t = addDuration(ref, unit, sign * n);
  const grain: Unit = unit === 'second' ? 'second' : unit === 'minute' || unit === 'hour' ? 'minute' : 'day';
  return componentsAt(context, t, 'second', [RELATIVE_TAG, GRAIN_TAG + grain]);
}

function unitOf(s: string | undefined): Unit | undefined {
  return s ? EL_UNITS.lookup(s) : undefined;
}

/** Parsers for "σε 2 ώρες", "πριν από 3 μέρες", "τα επόμενα 3 λεπτά", "μέσα σε 2 βδομάδες". */
export function createElRelativeParsers(): Parser[] {
  return [
    // σε 2 λεπτά · σε μισή ώρα · σε 1/4ω · σε 2 λεπτά ακόμα · σε μία μέρα από τώρα · εδώ και 7 μέρες
    defineParser('ElInDurationParser',
      `(${w('μέσα σε', 'σε περίπου', 'σε', 'εδώ και', 'μετά από', 'ύστερα από', 'σε καμιά', 'σε κάνα')})\\s+(?:${COUNT}\\s*${UNIT}|${QUARTERS})(?:\\s+(?:${w('ακόμα', 'ακόμη', 'από τώρα αμέσως', 'από τώρα', 'από σήμερα')}))?`,
      (context, m) => {
        const quarters = m[5];
        const n = quarters ? (quarters.startsWith(k('τρία')) ? 45 : 15) : elCount(m[2], m[3]);
        const unit: Unit | undefined = quarters ? 'minute' : unitOf(m[4]);
        if (n === undefined || unit === undefined) return null;
        if (m[1] === k('μέσα σε')) {
          const ref = refWall(context);
          const start = componentsAt(context, ref, 'second', [RELATIVE_TAG]);
          const end = componentsAt(context, addDuration(ref, unit, n), 'second', [RELATIVE_TAG]);
          return new ParsingResult(context.reference, m.index ?? 0, m[0], start, end);
        }
        return relative(context, 1, n, unit);
      }),
    // 2 λεπτά από τώρα · 3 χρόνια από σήμερα
    defineParser('ElDurationFromNowParser', `${COUNT}\\s*${UNIT}\\s+(${w('από τώρα', 'από σήμερα', 'αργότερα')})`,
      (context, m) => {
        const n = elCount(m[1], m[2]);
        const unit = unitOf(m[3]);
        return n === undefined || unit === undefined ? null : relative(context, 1, n, unit);
      }),
    // πριν από 7 μέρες · πριν 3 μήνες · 14 μέρες πριν
    defineParser('ElDurationAgoParser', `(?:(${w('πριν από', 'πριν', 'προ')})\\s+${COUNT}\\s*${UNIT}|${COUNT}\\s*${UNIT}\\s+(${w('πριν', 'νωρίτερα')}))`,
      (context, m) => {
        const n = m[1] ? elCount(m[2], m[3]) : elCount(m[5], m[6]);
        const unit = unitOf(m[1] ? m[4] : m[7]);
        return n === undefined || unit === undefined ? null : relative(context, -1, n, unit);
      }),
    // τα τελευταία 2 λεπτά · οι επόμενες 3 ώρες · επόμενες μερικές μέρες
    defineParser('ElLastNextUnitsParser',
      `(?:(?:${w('τα', 'τις', 'τους', 'οι', 'η', 'ο', 'το', 'την')})\\s+)?(${w('τελευταία', 'τελευταίες', 'τελευταίοι', 'τελευταίο', 'τελευταίους', 'περασμένα', 'περασμένες', 'περασμένοι', 'περασμένους', 'προηγούμενα', 'προηγούμενες', 'προηγούμενους', 'επόμενα', 'επόμενες', 'επόμενοι', 'επόμενους', 'επόμενο', 'επόμενη', 'ερχόμενες', 'ερχόμενα', 'ερχόμενους')})\\s+${COUNT}\\s*${UNIT}`,
      (context, m) => {
        const n = elCount(m[2], m[3]);
        const unit = unitOf(m[4]);
        if (n === undefined || unit === undefined) return null;
        const ref = refWall(context);
        const past = m[1]!.startsWith(k('τελευτ')) || m[1]!.startsWith(k('περασ')) || m[1]!.startsWith(k('προηγ'));
        const base = truncate(ref, unit);
        const from = past ? addUnits(base, unit, -n) : addUnits(base, unit, 1);
        const to = past ? base : addUnits(base, unit, 1 + n);
        const grainUnit: Unit = unit === 'quarter' ? 'month' : unit;
        return new ParsingResult(context.reference, m.index ?? 0, m[0],
          componentsAt(context, from, grainUnit, [GRAIN_TAG + unit]), componentsAt(context, to, grainUnit));
      }),
  ];
}
