import { Meridiem, ParsingComponents, ParsingResult, type Parser, type ParsingContext } from 'chrono-node';
import { defineParser } from '../common/pattern-parser';
import { hourInPartOfDay, type PartOfDay } from '../common/refiners';
import {
  dayComponents, forwardDayYear, forwardMonthYear, lastWeekday, monthComponents, nextWeekday, weekdayComponents, weekdayOfWeek,
} from '../common/resolve';
import { words } from '../common/vocabulary';
import {
  GRAIN_TAG, PART_OF_DAY_TAG, PLAIN_WEEKDAY_TAG, RELATIVE_TAG, addDays, addDuration, addUnits, componentsAt, refWall,
  startOfDay, startOfWeek, truncate, type Unit,
} from '../common/wall';
import { seasonRange } from '../el-parsers/el-period-parsers';
import { HU_COUNT_WORDS, HU_HOUR_WORDS, HU_MONTHS, HU_UNITS, HU_WEEKDAYS, k } from './hu-vocabulary';

const w = (...p: string[]) => words('hu', ...p);
const W = HU_WEEKDAYS.pattern;
const M = HU_MONTHS.pattern;
const HW = HU_HOUR_WORDS.pattern;
/** "-kor" / " órakor" / "-ra" after an hour: "11-kor", "11 órakor", "tizenegykor", "11-re". */
const AT = `(?:\\s*-?\\s*(?:${w('órakor', 'óra', 'kor', 'ra', 're', 'ig', 'tól', 'től', 'ó')}))`;
/** Day suffixes: "1-jén", "2-án", "15-ei", "4-e", "15." */
const DAY_SUFFIX = `(?:\\s*\\.|\\s*-?\\s*(?:${w('jén', 'jei', 'je', 'én', 'án', 'ai', 'ei', 'a', 'e', 'i', 'ig', 'től', 'tól', 'ra', 're', 'jéig', 'áig', 'éig')})(?![\\p{L}]))?`;

const POD_WORDS: Array<[PartOfDay, number, string[]]> = [
  ['morning', 4, ['hajnal', 'hajnalban', 'hajnali']],
  ['morning', 6, ['reggel', 'reggeli', 'reggelit', 'reggelre']],
  ['morning', 8, ['délelőtt', 'délelőtti', 'délelőttit', 'de', 'de.', 'délelőttre']],
  ['noon', 12, ['délben', 'déli', 'délit', 'dél', 'délre']],
  ['afternoon', 12, ['délután', 'délutáni', 'délutánit', 'du', 'du.', 'délutánra']],
  ['evening', 16, ['este', 'esti', 'estit', 'estére']],
  ['night', 20, ['éjszaka', 'éjszakai', 'éjszakait', 'éjjel', 'éjjeli']],
  ['midnight', 0, ['éjfél', 'éjfélkor']],
];
const POD_ALL = POD_WORDS.flatMap(([, , ws]) => ws);
const POD_STANDALONE = POD_ALL.filter((x) => x !== 'de' && x !== 'de.' && x !== 'du' && x !== 'du.');

function podOf(word: string | undefined): [PartOfDay, number] | undefined {
  if (!word) return undefined;
  const key = word.replace(/\s+/g, '');
  for (const [pod, hour, ws] of POD_WORDS) if (ws.some((x) => k(x) === key || k(x) === key.replace(/\.$/, ''))) return [pod, hour];
  return undefined;
}

function hourOf(s: string | undefined): number | undefined {
  if (!s) return undefined;
  return /^\d+$/.test(s) ? Number(s) : HU_HOUR_WORDS.lookup(s);
}

function time(context: ParsingContext, hour: number, minute: number | undefined, second: number | undefined, pod: PartOfDay | undefined): ParsingComponents | null {
  if (hour > 24 || (minute ?? 0) > 59 || (second ?? 0) > 59) return null;
  let h = pod ? hourInPartOfDay(hour, pod) : hour;
  if (h === 24) h = 0;
  const c = new ParsingComponents(context.reference, {});
  c.assign('hour', h);
  if (minute !== undefined) c.assign('minute', minute);
  else c.imply('minute', 0);
  if (second !== undefined) c.assign('second', second);
  else c.imply('second', 0);
  if (pod || h > 12 || h === 0) c.assign('meridiem', h >= 12 ? Meridiem.PM : Meridiem.AM);
  return c;
}

function count(raw: string | undefined): number | undefined {
  if (!raw) return undefined;
  if (/^\d/.test(raw)) return Number(raw.replace(',', '.'));
  const frac = /^(\d)\s*\/\s*(\d)$/.exec(raw);
  if (frac) return Number(frac[1]) / Number(frac[2]);
  return HU_COUNT_WORDS.lookup(raw);
}

const COUNT = `(\\d+(?:[.,]\\d+)?|\\d\\s*/\\s*\\d|${HU_COUNT_WORDS.pattern}|${w('egy')})`;
const UNIT = `(${HU_UNITS.pattern})`;

/** Parsers for Hungarian dates and times (over folded text: "pénteken" is matched as "penteken"). */
export function createHuParsers(strictMode: boolean): Parser[] {
  const parsers: Parser[] = [
    // 2013.08.20 · 2013 - 08 - 20 · 2013. 08. 20.
    defineParser('HuYmdParser', `(\\d{4})\\s*[./-]\\s*(\\d{1,2})\\s*[./-]\\s*(\\d{1,2})\\.?`,
      (context, m) => dayComponents(context, Number(m[1]), Number(m[2]), Number(m[3]), true)),
    // 08.20 · 08 - 20 (month first, as Hungarians write)
    defineParser('HuMdParser', `(\\d{1,2})\\s*[./-]\\s*(\\d{1,2})\\.?(?![\\d:]|\\s*(?:${w('óra', 'perc', 'nap', 'év', 'hét')}))`,
      (context, m) => {
        const month = Number(m[1]);
        const d = Number(m[2]);
        if (month < 1 || month > 12 || d < 1 || d > 31) return null;
        return dayComponents(context, forwardDayYear(refWall(context), month, d), month, d, false);
      }),
    // március 15 · március 1-jén · 2013. december 3-án · márc. 15.
    defineParser('HuMonthDayParser', `(?:(\\d{4})\\s*\\.?\\s*)?(${M})\\s*\\.?\\s*(\\d{1,2})${DAY_SUFFIX}`,
      (context, m) => {
        const month = HU_MONTHS.lookup(m[2] ?? '');
        if (month === undefined) return null;
        const d = Number(m[3]);
        const y = m[1] ? Number(m[1]) : forwardDayYear(refWall(context), month, d);
        return dayComponents(context, y, month, d, Boolean(m[1]));
      }),
    // december · decemberben · 2014 októberében
    defineParser('HuMonthParser', `(?:(\\d{4})\\s*\\.?\\s*)?(${M})(?:\\.)?`,
      (context, m) => {
        const month = HU_MONTHS.lookup(m[2] ?? '');
        if (month === undefined) return null;
        // "már" is also "already": only a month when it is the whole answer.
        if (m[2] === k('már') && context.text.trim() !== m[0].trim()) return null;
        const y = m[1] ? Number(m[1]) : forwardMonthYear(refWall(context), month);
        return monthComponents(context, y, month, Boolean(m[1]));
      }),
    // kedd · pénteken · jövő csütörtök · múlt hétfőn
    defineParser('HuWeekdayParser', `(?:(${w('jövő', 'következő', 'múlt', 'előző', 'ezen a', 'e heti', 'jövő heti', 'múlt heti', 'ezen a héten', 'jövő héten', 'múlt héten')})\\s+)?(${W})\\.?`,
      (context, m) => {
        const weekday = HU_WEEKDAYS.lookup(m[2] ?? '');
        if (weekday === undefined) return null;
        const ref = refWall(context);
        const q = m[1] ?? '';
        if (!q) return weekdayComponents(context, weekday, nextWeekday(ref, weekday), [PLAIN_WEEKDAY_TAG]);
        if (q.startsWith(k('múlt')) || q.startsWith(k('előző'))) {
          return weekdayComponents(context, weekday, q.includes(k('hét')) ? weekdayOfWeek(ref, weekday, -1) : lastWeekday(ref, weekday));
        }
        if (q.startsWith(k('ezen')) || q.startsWith(k('e heti'))) return weekdayComponents(context, weekday, weekdayOfWeek(ref, weekday, 0));
        return weekdayComponents(context, weekday, weekdayOfWeek(ref, weekday, 1));
      }),
    // "hét" alone (Monday, as Duckling abbreviates it) — only as the whole answer.
    defineParser('HuMondayAbbreviationParser', `(${w('hét')})(\\.)?`,
      (context, m) => (m[2] || context.text.trim() === m[0] ? weekdayComponents(context, 1, nextWeekday(refWall(context), 1)) : null)),
    // 15:20 · 8:20:44 · délután 3:15-kor
    defineParser('HuDigitalTimeParser', `(?:(${w(...POD_ALL)})\\s*)?(\\d{1,2}):(\\d{2})(?::(\\d{2}))?${AT}?`,
      (context, m) => time(context, Number(m[2]), Number(m[3]), m[4] ? Number(m[4]) : undefined, podOf(m[1])?.[0])),
    // de 11 · du. 11 · délután 3-kor · 11-kor · 11 órakor · tizenegykor · este hétkor
    defineParser('HuHourParser', `(?:(${w(...POD_ALL)})\\s*)?(\\d{1,2}|${HW})(${AT})?`,
      (context, m) => {
        if (!m[1] && !m[3]) return null;
        const hour = hourOf(m[2]);
        if (hour === undefined) return null;
        return time(context, hour, undefined, undefined, podOf(m[1])?.[0]);
      }),
    // fél 11 (10:30) · negyed 11 (10:15) · háromnegyed 11 (10:45) · fél 11-kor
    defineParser('HuQuarterHourParser', `(?:(${w(...POD_ALL)})\\s*)?(${w('fél', 'negyed', 'háromnegyed')})\\s*(\\d{1,2}|${HW})${AT}?`,
      (context, m) => {
        const hour = hourOf(m[3]);
        if (hour === undefined || hour < 1) return null;
        const min = m[2] === k('fél') ? 30 : m[2] === k('negyed') ? 15 : 45;
        return time(context, hour - 1, min, undefined, podOf(m[1])?.[0]);
      }),
    // 10 óra 30 perc(kor)
    defineParser('HuHourMinuteWordsParser', `(?:(${w(...POD_ALL)})\\s*)?(\\d{1,2}|${HW})\\s+${w('óra')}\\s+(\\d{1,2})\\s+${w('perc', 'perckor')}`,
      (context, m) => {
        const hour = hourOf(m[2]);
        return hour === undefined ? null : time(context, hour, Number(m[3]), undefined, podOf(m[1])?.[0]);
      }),
  ];
  if (strictMode) return parsers;
  parsers.push(
    // most · épp most · azonnal · ma · holnap · holnapután · tegnap · tegnapelőtt (+ -i, -it)
    defineParser('HuCasualDateParser', `(${w('épp most', 'most', 'mostani', 'azonnal', 'rögtön', 'ma', 'máma', 'mai nap', 'mai napot', 'mai napon', 'mai napi', 'mai napit', 'mai', 'mait', 'holnap', 'holnapi', 'holnapit', 'holnapra', 'holnapután', 'holnaputáni', 'holnaputánit', 'holnaputánra', 'tegnap', 'tegnapi', 'tegnapit', 'tegnapelőtt', 'tegnapelőtti', 'tegnapelőttit')})`,
      (context, m) => {
        const word = (m[1] ?? '').replace(/\s+/g, ' ');
        const ref = refWall(context);
        if (word.includes('most') || word === k('azonnal') || word === k('rögtön')) return componentsAt(context, ref, 'second');
        const n = word.startsWith('holnaputan') ? 2 : word.startsWith('holnap') ? 1 : word.startsWith('tegnapelott') ? -2
          : word.startsWith('tegnap') ? -1 : 0;
        return componentsAt(context, addDays(startOfDay(ref), n), 'day');
      }),
    // reggel · délután · este · éjszaka (Duckling's spans: reggel 6–10, délelőtt 8–12, dél 12–13, délután 12–18, este 16–20, éjszaka 20–23)
    defineParser('HuPartOfDayParser', `(${w(...POD_STANDALONE)})`,
      (context, m) => {
        const p = podOf(m[1]);
        if (!p) return null;
        const c = new ParsingComponents(context.reference, {});
        c.imply('hour', p[1]);
        c.imply('minute', 0);
        c.addTag(PART_OF_DAY_TAG + p[0]);
        return c;
      }),
    // hónap vége · hó végén · év vége
    defineParser('HuEndOfParser', `(?:${w('a', 'az')}\\s+)?(${w('hónap', 'hó', 'év')})\\s+(?:${w('vége', 'végi', 'végit', 'végén', 'végére', 'végéig')})`,
      (context, m) => {
        const unit: Unit = m[1] === k('év') ? 'year' : 'month';
        return componentsAt(context, addUnits(truncate(refWall(context), unit), unit, 1), unit);
      }),
    // jövő hét · ezen a héten · következő hónap · múlt év · jövőre · tavaly · idén
    defineParser('HuRelativePeriodParser', `(?:(${w('jövő', 'következő', 'múlt', 'előző', 'ez a', 'ezen a', 'ebben a', 'e', 'mostani', 'a jövő', 'a múlt', 'a következő', 'az előző', 'idei')})\\s+(${w('hét', 'héten', 'hétre', 'hetet', 'hónap', 'hónapban', 'hónapra', 'év', 'évben', 'évre', 'negyedév', 'negyedévben')})|(${w('jövőre', 'tavaly', 'tavalyi', 'idén', 'idei')}))`,
      (context, m) => {
        const ref = refWall(context);
        if (m[3]) {
          const n = m[3] === k('jövőre') ? 1 : m[3].startsWith(k('tavaly')) ? -1 : 0;
          return componentsAt(context, addUnits(truncate(ref, 'year'), 'year', n), 'year');
        }
        const q = (m[1] ?? '').replace(/^az? /, '');
        const n = q.startsWith(k('jövő')) || q.startsWith(k('következő')) ? 1 : q.startsWith(k('múlt')) || q.startsWith(k('előző')) ? -1 : 0;
        const what = m[2] ?? '';
        const unit: Unit = what.startsWith(k('negyedév')) ? 'quarter' : what.startsWith(k('hónap')) ? 'month' : what.startsWith(k('év')) ? 'year' : 'week';
        return componentsAt(context, addUnits(truncate(ref, unit), unit, n), unit);
      }),
    // nyár · ősszel · télen · tavasszal
    defineParser('HuSeasonParser', `(?:(${w('jövő', 'múlt', 'ez a', 'ezen a', 'idei', 'jövő évi')})\\s+)?(${w('nyár', 'nyári', 'nyárit', 'nyáron', 'ősz', 'őszi', 'őszit', 'ősszel', 'tél', 'téli', 'télit', 'télen', 'tavasz', 'tavaszi', 'tavaszit', 'tavasszal')})`,
      (context, m) => {
        const word = m[2] ?? '';
        const season = word.startsWith('nyar') ? 'summer' : word.startsWith('os') ? 'autumn' : word.startsWith('tel') ? 'winter' : 'spring';
        const q = m[1] ?? '';
        const [from, to] = seasonRange(refWall(context), season, q.startsWith(k('jövő')) ? 1 : q.startsWith(k('múlt')) ? -1 : 0);
        return new ParsingResult(context.reference, m.index ?? 0, m[0], componentsAt(context, from, 'day'), componentsAt(context, addDays(to, -1), 'day'));
      }),
    // két nap múlva · 3 óra múlva · fél óra múlva · egy hét múlva · 2 nappal ezelőtt · 3 napja
    defineParser('HuRelativeDurationParser', `${COUNT}\\s*-?\\s*${UNIT}\\s+(${w('múlva', 'ezelőtt', 'korábban', 'később', 'múltán', 'elteltével')})`,
      (context, m) => {
        const n = count(m[1]);
        const unit = HU_UNITS.lookup(m[2] ?? '');
        if (n === undefined || unit === undefined) return null;
        const sign = m[3] === k('ezelőtt') || m[3] === k('korábban') ? -1 : 1;
        const t = addDuration(refWall(context), unit, sign * n);
        const grain: Unit = unit === 'second' ? 'second' : unit === 'minute' || unit === 'hour' ? 'minute' : 'day';
        return componentsAt(context, t, 'second', [RELATIVE_TAG, GRAIN_TAG + grain]);
      }),
    // a következő 3 napban · az elmúlt 2 hétben
    defineParser('HuLastNextUnitsParser', `(?:${w('a', 'az')}\\s+)?(${w('következő', 'elkövetkező', 'elmúlt', 'utolsó', 'előző')})\\s+${COUNT}\\s*${UNIT}(?:${w('ban', 'ben')})?`,
      (context, m) => {
        const n = count(m[2]);
        const unit = HU_UNITS.lookup((m[3] ?? '').replace(/(ban|ben)$/, ''));
        if (n === undefined || unit === undefined) return null;
        const base = truncate(refWall(context), unit);
        const past = !(m[1] ?? '').includes(k('következő'));
        const from = past ? addUnits(base, unit, -n) : addUnits(base, unit, 1);
        return componentsAt(context, from, unit === 'quarter' ? 'month' : unit, [GRAIN_TAG + unit]);
      }),
    // hétvégén · a hétvégén · jövő hétvégén
    defineParser('HuWeekendParser', `(?:(${w('jövő', 'múlt', 'ezen a', 'ez a', 'a jövő', 'a múlt')})\\s+)?(?:${w('a')}\\s+)?(${w('hétvége', 'hétvégén', 'hétvégére', 'hétvégi')})`,
      (context, m) => {
        const q = m[1] ?? '';
        const n = q.includes(k('jövő')) ? 1 : q.includes(k('múlt')) ? -1 : 0;
        const friday = addDays(startOfWeek(refWall(context)), 4 + 7 * n);
        return new ParsingResult(context.reference, m.index ?? 0, m[0], componentsAt(context, addUnits(friday, 'hour', 18), 'hour'),
          componentsAt(context, addDays(friday, 2), 'hour'));
      }),
  );
  return parsers;
}
