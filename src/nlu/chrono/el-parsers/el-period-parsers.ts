import { ParsingResult, type Parser, type ParsingContext } from 'chrono-node';
import { defineParser } from '../common/pattern-parser';
import { forwardMonthYear, nthWeekdayOfMonth } from '../common/resolve';
import { words } from '../common/vocabulary';
import {
  RELATIVE_TAG, addDays, addUnits, componentsAt, daysInMonth, refWall, startOfDay, startOfWeek, truncate, wall, type Unit, type Wall,
} from '../common/wall';
import { EL_DAY_WORDS, EL_MONTHS, EL_WEEKDAYS, k } from './el-vocabulary';

const w = (...p: string[]) => words('el', ...p);
const M = EL_MONTHS.pattern;
const W = EL_WEEKDAYS.pattern;
const YEAR_TAIL = `(?:\\s*,?\\s*(?:${w('του', 'το')}\\s+)?(\\d{4}))?`;

type Season = 'spring' | 'summer' | 'autumn' | 'winter';
const SEASON_START: Record<Season, [number, number]> = { spring: [3, 20], summer: [6, 21], autumn: [9, 23], winter: [12, 21] };
const SEASON_END: Record<Season, [number, number]> = { spring: [6, 21], summer: [9, 23], autumn: [12, 21], winter: [3, 20] };

/** The season we are in, or the next one of that kind (Duckling's "this summer" in February is this year's). */
export function seasonRange(ref: Wall, season: Season, offset: number): [Wall, Wall] {
  const [sm, sd] = SEASON_START[season];
  const [em, ed] = SEASON_END[season];
  const today = startOfDay(ref);
  let y = ref.getUTCFullYear();
  if (season === 'winter') {
    const prevStart = wall(y - 1, sm, sd);
    const prevEnd = wall(y, em, ed);
    if (today >= prevStart && today < prevEnd) y -= 1;
  } else if (wall(y, em, ed) <= today) y += 1;
  y += offset;
  return [wall(y, sm, sd), wall(season === 'winter' ? y + 1 : y, em, ed)];
}

function offsetOf(q: string | undefined): number {
  if (!q) return 0;
  if (q.includes(k('μεθεπόμεν'))) return 2;
  if (q.includes(k('επόμεν')) || q.includes(k('ερχόμεν')) || q.includes(k('του χρόνου'))) return 1;
  if (q.includes(k('περασμέν')) || q.includes(k('προηγούμεν')) || q.includes(k('πέρσι')) || q.includes(k('πέρυσι')) || q.includes(k('περσιν'))) return -1;
  return 0;
}

function range(context: ParsingContext, m: RegExpMatchArray, from: Wall, to: Wall | undefined, unit: Unit) {
  return new ParsingResult(context.reference, m.index ?? 0, m[0], componentsAt(context, from, unit),
    to ? componentsAt(context, to, unit) : undefined);
}

type Holiday = (y: number) => Wall | undefined;
const HOLIDAYS: Array<[Holiday, string[]]> = [
  [(y) => wall(y, 12, 25), ['χριστούγεννα', 'χριστουγέννων']],
  [(y) => wall(y, 12, 24), ['παραμονή χριστουγέννων', 'παραμονές χριστουγέννων']],
  [(y) => wall(y, 12, 31), ['παραμονή πρωτοχρονιάς', 'παραμονές πρωτοχρονιάς', 'παραμονή του νέου έτους']],
  [(y) => wall(y, 1, 1), ['ανήμερα πρωτοχρονιάς', 'πρωτοχρονιά', 'πρωτοχρονιάς', 'πρωτοχρονιάτικα']],
  [(y) => wall(y, 1, 6), ['θεοφάνεια', 'φώτα']],
  [(y) => wall(y, 3, 25), ['ευαγγελισμός της θεοτόκου', 'ευαγγελισμού της θεοτόκου', 'ευαγγελισμός', 'ευαγγελισμού',
    'μέρα της επανάστασης', 'ημέρα της επανάστασης', 'επέτειος της επανάστασης', 'εθνική επέτειος']],
  [(y) => wall(y, 2, 14), ['αγίου βαλεντίνου', 'του αγίου βαλεντίνου', 'ημέρα του αγίου βαλεντίνου', 'μέρα του αγίου βαλεντίνου',
    'γιορτή του αγίου βαλεντίνου', 'valentine']],
  [(y) => nthWeekdayOfMonth(y, 5, 0, 2), ['μέρα της μητέρας', 'ημέρα της μητέρας', 'γιορτή της μητέρας']],
  [(y) => nthWeekdayOfMonth(y, 6, 0, 3), ['μέρα του πατέρα', 'ημέρα του πατέρα', 'γιορτή του πατέρα']],
  [(y) => wall(y, 10, 31), ['halloween', 'χάλογουιν', 'χαλογουίν']],
  [(y) => wall(y, 5, 1), ['πρωτομαγιά', 'εργατική πρωτομαγιά']],
  [(y) => wall(y, 8, 15), ['δεκαπενταύγουστος', 'κοίμηση της θεοτόκου']],
  [(y) => wall(y, 10, 28), ['επέτειος του όχι', 'του όχι']],
];
const holidayKeys = new Map<string, Holiday>();
for (const [f, names] of HOLIDAYS) for (const n of names) holidayKeys.set(k(n), f);

/** Parsers for weeks, months, quarters, years, seasons, weekends, holidays and parts of a month. */
export function createElPeriodParsers(): Parser[] {
  return [
    // αυτή τη βδομάδα · επόμενη εβδομάδα · περασμένη εβδομάδα
    defineParser('ElWeekParser',
      `(?:${w('περίπου')}\\s+)?(?:(?:${w('την', 'τη', 'η')})\\s+)?(${w('αυτή τη', 'αυτήν την', 'αυτή την', 'αυτή', 'τρέχουσα', 'επόμενη', 'ερχόμενη', 'μεθεπόμενη', 'περασμένη', 'προηγούμενη')})\\s+(${w('εβδομάδα', 'βδομάδα')})`,
      (context, m) => componentsAt(context, addDays(startOfWeek(refWall(context)), 7 * offsetOf(m[1])), 'week')),
    // τον επόμενο μήνα · αυτό το τρίμηνο · την επόμενη χρονιά
    defineParser('ElRelativePeriodParser',
      `(?:(?:${w('τον', 'το', 'την', 'τη')})\\s+)?(${w('αυτό το', 'αυτόν τον', 'αυτή τη', 'αυτή την', 'τρέχοντα', 'τρέχον', 'τρέχουσα', 'επόμενο', 'επόμενη', 'ερχόμενο', 'ερχόμενη', 'μεθεπόμενο', 'περασμένο', 'περασμένη', 'προηγούμενο', 'προηγούμενη')})\\s+(${w('μήνα', 'τρίμηνο', 'χρονιά', 'χρόνο', 'έτος')})`,
      (context, m) => {
        const unitWord = m[2] ?? '';
        const unit: Unit = unitWord === k('μήνα') ? 'month' : unitWord === k('τρίμηνο') ? 'quarter' : 'year';
        return componentsAt(context, addUnits(truncate(refWall(context), unit), unit, offsetOf(m[1])), unit);
      }),
    // πέρσι · φέτος · του χρόνου
    defineParser('ElYearWordParser', `(${w('πέρσι', 'πέρυσι', 'φέτος', 'εφέτος', 'τουχρόνου', 'του χρόνου', 'του χρονου')})`,
      (context, m) => {
        const word = m[1] ?? '';
        const n = word === k('φέτος') || word === k('εφέτος') ? 0 : word.startsWith(k('του')) ? 1 : -1;
        return componentsAt(context, addUnits(truncate(refWall(context), 'year'), 'year', n), 'year');
      }),
    // τρίτο τρίμηνο · 4ο τρίμηνο του 2018
    defineParser('ElNthQuarterParser',
      `(?:${w('το')}\\s+)?(?:([1-4])\\s*${w('ο', 'ου')}|(${w('πρώτο', 'δεύτερο', 'τρίτο', 'τέταρτο')}))\\s+${w('τρίμηνο')}${YEAR_TAIL}`,
      (context, m) => {
        const q = m[1] ? Number(m[1]) : [k('πρώτο'), k('δεύτερο'), k('τρίτο'), k('τέταρτο')].indexOf(m[2] ?? '') + 1;
        const y = m[3] ? Number(m[3]) : refWall(context).getUTCFullYear();
        return componentsAt(context, wall(y, 3 * q - 2, 1), 'quarter');
      }),
    // αυτό το καλοκαίρι · το τρέχον καλοκαίρι · αυτό το χειμώνα
    defineParser('ElSeasonParser',
      `(?:(${w('αυτό το', 'αυτόν τον', 'αυτή την', 'αυτή τη', 'το τρέχον', 'τον τρέχοντα', 'την τρέχουσα', 'αυτού του', 'αυτής της', 'το επόμενο', 'τον επόμενο', 'την επόμενη', 'το περασμένο', 'τον περασμένο', 'την περασμένη', 'το', 'τον', 'την', 'τη')})\\s+)?(${w('φθινόπωρο', 'φθινοπώρου', 'καλοκαίρι', 'καλοκαιριού', 'χειμώνα', 'χειμώνας', 'χειμώναν', 'άνοιξη', 'άνοιξης')})`,
      (context, m) => {
        const word = m[2] ?? '';
        const season: Season = word.startsWith(k('φθιν')) ? 'autumn' : word.startsWith(k('καλοκ')) ? 'summer'
          : word.startsWith(k('χειμ')) ? 'winter' : 'spring';
        const [from, to] = seasonRange(refWall(context), season, offsetOf(m[1]));
        return range(context, m, from, addDays(to, -1), 'day');
      }),
    // αυτό το σαββατοκύριακο · το περασμένο ΣΚ
    defineParser('ElWeekendParser',
      `(?:(${w('αυτό το', 'το επόμενο', 'το ερχόμενο', 'το περασμένο', 'το προηγούμενο', 'το', 'επόμενο', 'περασμένο', 'προηγούμενο')})\\s+)?(${w('σαββατοκύριακο', 'σαββατοκύριακου', 'σκ', 'σ/κ')})`,
      (context, m) => {
        const ref = refWall(context);
        const friday = addDays(startOfWeek(ref), 4 + 7 * offsetOf(m[1]));
        return range(context, m, addUnits(friday, 'hour', 18), addDays(friday, 2), 'hour');
      }),
    // τελευταίο σαββατοκύριακο του Οκτωβρίου
    defineParser('ElLastWeekendOfMonthParser',
      `(?:${w('το')}\\s+)?${w('τελευταίο')}\\s+(?:${w('σαββατοκύριακο', 'σκ', 'σ/κ')})\\s+(?:${w('του', 'της')}\\s+)?(${M})\\.?${YEAR_TAIL}`,
      (context, m) => {
        const month = EL_MONTHS.lookup(m[1] ?? '');
        if (month === undefined) return null;
        const y = m[2] ? Number(m[2]) : forwardMonthYear(refWall(context), month);
        const saturday = nthWeekdayOfMonth(y, month, 6, -1);
        if (!saturday) return null;
        return range(context, m, addUnits(addDays(saturday, -1), 'hour', 18), addDays(saturday, 1), 'hour');
      }),
    // τελευταία Δευτέρα του Μάρτη · πρώτη Τρίτη του Οκτώβρη · τρίτη Τρίτη του Σεπτ 2014
    defineParser('ElNthWeekdayOfMonthParser',
      `(?:${w('η', 'την', 'τη')}\\s+)?(${w('πρώτη', 'δεύτερη', 'τρίτη', 'τέταρτη', 'πέμπτη', 'τελευταία')})\\s+(${W})\\s+(?:${w('του', 'της')}\\s+)?(${M})\\.?${YEAR_TAIL}`,
      (context, m) => {
        const nth = [k('πρώτη'), k('δεύτερη'), k('τρίτη'), k('τέταρτη'), k('πέμπτη')].indexOf(m[1] ?? '') + 1 || -1;
        const weekday = EL_WEEKDAYS.lookup(m[2] ?? '');
        const month = EL_MONTHS.lookup(m[3] ?? '');
        if (weekday === undefined || month === undefined) return null;
        const y = m[4] ? Number(m[4]) : forwardMonthYear(refWall(context), month);
        const d = nthWeekdayOfMonth(y, month, weekday, nth);
        return d ? componentsAt(context, d, 'day') : null;
      }),
    // πρώτη βδομάδα του Οκτώβρη του 2014 · η τελευταία βδομάδα Σεπτεμβρίου του 2014 (whole weeks inside the month)
    defineParser('ElNthWeekOfMonthParser',
      `(?:${w('η', 'την', 'τη')}\\s+)?(${w('πρώτη', 'δεύτερη', 'τρίτη', 'τέταρτη', 'τελευταία')})\\s+(?:${w('εβδομάδα', 'βδομάδα')})\\s+(?:${w('του', 'της', 'στον')}\\s+)?(${M})\\.?${YEAR_TAIL}`,
      (context, m) => {
        const nth = [k('πρώτη'), k('δεύτερη'), k('τρίτη'), k('τέταρτη')].indexOf(m[1] ?? '') + 1 || -1;
        const month = EL_MONTHS.lookup(m[2] ?? '');
        if (month === undefined) return null;
        const y = m[3] ? Number(m[3]) : forwardMonthYear(refWall(context), month);
        const monday = nth > 0 ? nthWeekdayOfMonth(y, month, 1, nth)
          : addDays(wall(y, month, daysInMonth(y, month)), -6 - ((wall(y, month, daysInMonth(y, month)).getUTCDay() + 0) % 7));
        return monday ? componentsAt(context, monday, 'week') : null;
      }),
    // η εβδομάδα της 7ης Οκτωβρίου
    defineParser('ElWeekOfDateParser',
      `(?:${w('η', 'την', 'τη')}\\s+)?(?:${w('εβδομάδα', 'βδομάδα')})\\s+(?:${w('της', 'του')}\\s+)?(?:(\\d{1,2})\\s*(?:${w('ης', 'η')})?|(${EL_DAY_WORDS.pattern}))\\s+(${M})${YEAR_TAIL}`,
      (context, m) => {
        const d = m[1] ? Number(m[1]) : EL_DAY_WORDS.lookup(m[2] ?? '');
        const month = EL_MONTHS.lookup(m[3] ?? '');
        if (d === undefined || month === undefined) return null;
        const y = m[4] ? Number(m[4]) : forwardMonthYear(refWall(context), month);
        const date = wall(y, month, d);
        // A Sunday belongs to the week that follows it when people say "the week of the 6th".
        const monday = date.getUTCDay() === 0 ? addDays(date, 1) : startOfWeek(date);
        return componentsAt(context, monday, 'week');
      }),
    // η τελευταία μέρα του Οκτωβρίου του 2015
    defineParser('ElLastDayOfMonthParser',
      `(?:${w('η', 'την', 'τη')}\\s+)?(${w('τελευταία', 'πρώτη')})\\s+(?:${w('μέρα', 'ημέρα')})\\s+(?:${w('του', 'της', 'στον', 'στο')}\\s+)?(${M})\\.?${YEAR_TAIL}`,
      (context, m) => {
        const month = EL_MONTHS.lookup(m[2] ?? '');
        if (month === undefined) return null;
        const y = m[3] ? Number(m[3]) : forwardMonthYear(refWall(context), month);
        return componentsAt(context, wall(y, month, m[1] === k('πρώτη') ? 1 : daysInMonth(y, month)), 'day');
      }),
    // αρχές Μάρτη · μέσα Μάρτη · τέλη Μάρτη
    defineParser('ElPartOfMonthParser', `(${w('αρχές', 'αρχή', 'μέσα', 'μέση', 'τέλη', 'τέλος', 'στα μέσα', 'στις αρχές', 'στα τέλη')})\\s+(?:${w('του', 'της')}\\s+)?(${M})\\.?${YEAR_TAIL}`,
      (context, m) => {
        const month = EL_MONTHS.lookup(m[2] ?? '');
        if (month === undefined) return null;
        const y = m[3] ? Number(m[3]) : forwardMonthYear(refWall(context), month);
        const part = m[1] ?? '';
        const [from, to] = part.includes(k('αρχ')) ? [1, 10] : part.includes(k('μέσ')) ? [11, 20] : [21, daysInMonth(y, month)];
        return range(context, m, wall(y, month, from), wall(y, month, to), 'day');
      }),
    // μέχρι το τέλος της ημέρας / του μήνα / του επόμενου μήνα
    defineParser('ElUntilEndOfParser',
      `${w('μέχρι το τέλος', 'ως το τέλος', 'έως το τέλος')}\\s+(${w('της ημέρας', 'της μέρας', 'του μήνα', 'του επόμενου μήνα', 'της εβδομάδας', 'της βδομάδας', 'της χρονιάς', 'του χρόνου', 'του έτους')})`,
      (context, m) => {
        const ref = refWall(context);
        const what = m[1] ?? '';
        const unit: Unit = what.includes(k('μήνα')) ? 'month' : what.includes(k('δομάδας')) ? 'week'
          : what.includes(k('μέρας')) ? 'day' : 'year';
        const end = addUnits(truncate(ref, unit), unit, what.includes(k('επόμενου')) ? 2 : 1);
        return new ParsingResult(context.reference, m.index ?? 0, m[0], componentsAt(context, ref, 'second', [RELATIVE_TAG]),
          componentsAt(context, new Date(end.getTime() - 1000), 'second'));
      }),
    // Χριστούγεννα · η μέρα της μητέρας του 2014 · το επόμενο halloween · η μέρα της επανάστασης πέρσι
    defineParser('ElHolidayParser',
      `(?:(${w('το επόμενο', 'την επόμενη', 'η επόμενη', 'επόμενο', 'επόμενη', 'η περασμένη', 'την περασμένη', 'περασμένη', 'η προηγούμενη', 'την προηγούμενη', 'προηγούμενη', 'το προηγούμενο', 'το περασμένο', 'προηγούμενο', 'περασμένο')})\\s+)?(?:${w('η', 'την', 'τη', 'το', 'τα', 'του', 'της', 'ανήμερα')}\\s+)?(${w(...HOLIDAYS.flatMap(([, names]) => names))})(?:\\s+(?:(?:${w('του', 'το', 'τον')})\\s+(\\d{4})|(${w('πέρσι', 'πέρυσι', 'της περασμένης χρονιάς', 'της περσινής χρονιάς', 'της προηγούμενης χρονιάς', 'του χρόνου', 'φέτος', 'της επόμενης χρονιάς')})))?`,
      (context, m) => {
        const f = holidayKeys.get(m[2] ?? '');
        if (!f) return null;
        const ref = refWall(context);
        const today = startOfDay(ref);
        let y = ref.getUTCFullYear();
        if (m[3]) y = Number(m[3]);
        else if (m[4]) y += offsetOf(m[4]);
        else {
          const upcoming = (f(y) ?? today) < today ? y + 1 : y;
          const o = offsetOf(m[1]);
          y = o > 0 ? upcoming + o : o < 0 ? ((f(y) ?? today) < today ? y : y - 1) : upcoming;
        }
        const d = f(y);
        return d ? componentsAt(context, d, 'day') : null;
      }),
  ];
}
