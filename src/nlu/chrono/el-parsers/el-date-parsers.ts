import { ParsingComponents, type Parser, type ParsingContext } from 'chrono-node';
import { defineParser } from '../common/pattern-parser';
import {
  dayComponents, forwardDayYear, forwardMonthYear, lastWeekday, monthComponents, nextWeekday, twoDigitYear,
  weekdayComponents, weekdayOfWeek,
} from '../common/resolve';
import { words } from '../common/vocabulary';
import { PART_OF_DAY_TAG, PLAIN_WEEKDAY_TAG, GRAIN_TAG, addDays, componentsAt, refWall, startOfDay } from '../common/wall';
import { EL_DAY_WORDS, EL_MONTHS, EL_WEEKDAYS, k } from './el-vocabulary';

const W = EL_WEEKDAYS.pattern;
const M = EL_MONTHS.pattern;
const DW = EL_DAY_WORDS.pattern;
const w = (...p: string[]) => words('el', ...p);

const ARTICLE = w('η', 'την', 'τη', 'στις', 'στην', 'στη', 'της', 'του', 'το', 'τον', 'από τη', 'από την', 'από τις', 'τις');
/** Day of the month: "3", "3η", "15ης", or in words ("τρίτη", "τρεις"). */
const DAY = `(?:(\\d{1,2})(?:\\s*(?:${w('η', 'ης', 'ην', 'ή')})(?![\\p{L}]))?|(${DW}))`;
const YEAR = `(\\d{4}|\\d{2}(?![\\d:]))`;

function day(m: RegExpMatchArray, digitGroup: number, wordGroup: number): number | undefined {
  const d = m[digitGroup];
  if (d) return Number(d);
  const word = m[wordGroup];
  return word ? EL_DAY_WORDS.lookup(word) : undefined;
}

function dated(context: ParsingContext, month: number, d: number, year: string | undefined) {
  const ref = refWall(context);
  const y = year ? twoDigitYear(year) : forwardDayYear(ref, month, d);
  return dayComponents(context, y, month, d, Boolean(year));
}

const CASUAL_DAYS: Array<[number, string[]]> = [
  [0, ['σήμερα', 'σημερα']], [1, ['αύριο']], [2, ['μεθαύριο']], [-1, ['χθες', 'εχθές', 'χτες', 'εχτές']],
  [-2, ['προχθές', 'προχτές']],
];
const casualKeys = new Map<string, number>();
for (const [n, ws] of CASUAL_DAYS) for (const x of ws) casualKeys.set(k(x), n);

/** Parsers for Greek calendar dates and named days. */
export function createElDateParsers(strictMode: boolean): Parser[] {
  const parsers: Parser[] = [
    // 3 Σεπτεμβρίου 2013 · τρίτη απρίλη · η 15η Φεβρουαρίου · 14απριλίου 2015 · τρίτη μέρα του Οκτώβρη
    defineParser('ElDayMonthParser',
      `(?:(?:${ARTICLE})\\s+)?${DAY}\\s*(?:(?:${w('μέρα', 'ημέρα')})\\s+)?(?:(?:${w('του', 'της', 'τον', 'στον')})\\s+)?(${M})\\.?(?:\\s*,?\\s*(?:(?:${w('του', 'το')})\\s+)?${YEAR})?`,
      (context, m) => {
        const d = day(m, 1, 2);
        const month = EL_MONTHS.lookup(m[3] ?? '');
        if (d === undefined || month === undefined) return null;
        return dated(context, month, d, m[4]);
      }),
    // Ιουλίου 18 · Οκτ 3, 2014
    defineParser('ElMonthDayParser', `(${M})\\.?\\s+(\\d{1,2})(?![\\d:])(?:\\s*(?:${w('η', 'ης')}))?(?:\\s*,?\\s*(\\d{4}))?`,
      (context, m) => {
        const month = EL_MONTHS.lookup(m[1] ?? '');
        if (month === undefined) return null;
        return dated(context, month, Number(m[2]), m[3]);
      }),
    // Μάρτιος · στο Μάρτιο · Οκτώβρης 2017
    defineParser('ElMonthParser', `(?:(?:${w('το', 'τον', 'στο', 'στον', 'ο', 'τον μήνα', 'μέσα στον')})\\s+)?(${M})\\.?(?:\\s*,?\\s*(?:(?:${w('του', 'το')})\\s+)?(\\d{4}))?`,
      (context, m) => {
        const month = EL_MONTHS.lookup(m[1] ?? '');
        if (month === undefined) return null;
        const ref = refWall(context);
        return monthComponents(context, m[2] ? Number(m[2]) : forwardMonthYear(ref, month), month, Boolean(m[2]));
      }),
    // επόμενος Μάρτης · μεθεπόμενος Μάρτης · τον περασμένο Μάρτιο
    defineParser('ElRelativeMonthParser',
      `(?:(?:${w('τον', 'το', 'ο')})\\s+)?(${w('επόμενο', 'επόμενος', 'ερχόμενο', 'ερχόμενος', 'μεθεπόμενο', 'μεθεπόμενος', 'περασμένο', 'περασμένος', 'προηγούμενο', 'προηγούμενος')})\\s+(${M})`,
      (context, m) => {
        const month = EL_MONTHS.lookup(m[2] ?? '');
        if (month === undefined) return null;
        const ref = refWall(context);
        const q = m[1] ?? '';
        const y = ref.getUTCFullYear();
        const next = forwardMonthYear(ref, month) + 1; // Duckling: in February, "επόμενος Μάρτης" is next year's
        const year = q.startsWith(k('μεθ')) ? next + 1
          : q.startsWith(k('περασ')) || q.startsWith(k('προηγ')) ? (month < ref.getUTCMonth() + 1 ? y : y - 1)
          : next;
        return monthComponents(context, year, month, true);
      }),
    // 1/2/2013 · 3/3/15 · 25.12 (day first, as Greeks write)
    defineParser('ElSlashDateParser', `(\\d{1,2})[/.](\\d{1,2})(?:[/.](\\d{4}|\\d{2}))?(?![\\d/.:]|\\s*(?:${w('ω', 'ώρα', 'της ώρας', 'ώρες')})(?![\\p{L}]))`,
      (context, m) => {
        const d = Number(m[1]);
        const month = Number(m[2]);
        if (month < 1 || month > 12 || d < 1 || d > 31) return null;
        return dated(context, month, d, m[3]);
      }),
    // 2015-3-3 · 2015-03-03
    defineParser('ElIsoDateParser', `(\\d{4})\\s*-\\s*(\\d{1,2})\\s*-\\s*(\\d{1,2})(?!\\d)`,
      (context, m) => dayComponents(context, Number(m[1]), Number(m[2]), Number(m[3]), true)),
    // δευτέρα · την Παρασκευή · επόμενη Τρίτη · περασμένη πέμπτη · Τετάρτη της επόμενης εβδομάδας
    defineParser('ElWeekdayParser',
      `(?:${w('περίπου')}\\s+)?(?:(?:${w('αυτή τη', 'αυτήν την', 'αυτή την', 'την', 'τη', 'το', 'τον', 'κάθε')})\\s+)?(?:(${w('επόμενη', 'επόμενο', 'ερχόμενη', 'ερχόμενο', 'μεθεπόμενη', 'μεθεπόμενο', 'περασμένη', 'περασμένο', 'προηγούμενη', 'προηγούμενο')})\\s+)?(${W})\\.?(?:\\s+(${w('αυτής της εβδομάδας', 'αυτής της βδομάδας', 'της επόμενης εβδομάδας', 'της επόμενης βδομάδας', 'της ερχόμενης εβδομάδας', 'της περασμένης εβδομάδας', 'της περασμένης βδομάδας', 'της προηγούμενης εβδομάδας', 'της άλλης εβδομάδας', 'της άλλης βδομάδας')}))?`,
      (context, m) => {
        const weekday = EL_WEEKDAYS.lookup(m[2] ?? '');
        if (weekday === undefined) return null;
        const ref = refWall(context);
        const q = m[1] ?? '';
        const week = m[3] ?? '';
        if (week) {
          const n = week.includes(k('επόμενης')) || week.includes(k('ερχόμενης')) || week.includes(k('άλλης')) ? 1
            : week.includes(k('περασμένης')) || week.includes(k('προηγούμενης')) ? -1 : 0;
          return weekdayComponents(context, weekday, weekdayOfWeek(ref, weekday, n));
        }
        if (!q) return weekdayComponents(context, weekday, nextWeekday(ref, weekday), [PLAIN_WEEKDAY_TAG]);
        if (q.startsWith(k('περασ')) || q.startsWith(k('προηγ'))) return weekdayComponents(context, weekday, lastWeekday(ref, weekday));
        const extra = q.startsWith(k('μεθ')) ? 1 : 0;
        return weekdayComponents(context, weekday, weekdayOfWeek(ref, weekday, 1 + extra));
      }),
    // 13-15 Ιουλίου · από τις 13 μέχρι τις 15 Ιουλίου · 8 Αυγ - 12 Αυγ · 27η - 29η Αυγούστου
    defineParser('ElDayRangeParser',
      `(?:(?:${w('από τις', 'από τη', 'από την', 'από', 'μεταξύ', 'τις', 'την', 'τη', 'στις')})\\s+)?${DAY}\\s*(?:(${M})\\.?\\s*)?(?:-|–|${w('με', 'μέχρι', 'μέχρι τις', 'μέχρι την', 'μέχρι τη', 'έως', 'έως τις', 'έως την', 'ως', 'ως τις', 'και')})\\s*${DAY.replace(/\((?!\?)/g, '(?:')}\\s*(?:(?:${w('του', 'της')})\\s+)?(${M})\\.?(?:\\s*,?\\s*${YEAR})?`,
      (context, m) => {
        const d = day(m, 1, 2);
        const month = EL_MONTHS.lookup(m[3] ?? m[4] ?? '');
        if (d === undefined || month === undefined) return null;
        const start = dated(context, month, d, m[5]);
        if (!start) return null;
        return start;
      }),
    // την 1η · την πρώτη (the next such day of the month)
    defineParser('ElDayOfMonthParser', `(?:${w('την', 'τη', 'στις', 'η')})\\s+(?:(\\d{1,2})\\s*${w('η', 'ης')}|(${w('πρώτη', 'δεύτερη', 'τρίτη', 'τέταρτη', 'πέμπτη', 'έκτη', 'έβδομη', 'όγδοη', 'ένατη', 'δέκατη')}))(?!\\s*\\S)`,
      (context, m) => {
        const d = m[1] ? Number(m[1]) : EL_DAY_WORDS.lookup(m[2] ?? '');
        if (d === undefined || d < 1 || d > 31) return null;
        const ref = refWall(context);
        let y = ref.getUTCFullYear();
        let month = ref.getUTCMonth() + 1;
        if (d < ref.getUTCDate()) month += 1;
        if (month > 12) { month = 1; y += 1; }
        return dayComponents(context, y, month, d, true);
      }),
    // 1954 · το έτος 2014 (a bare year only as the whole answer, or after "έτος")
    defineParser('ElYearParser', `(?:(${w('το έτος', 'έτος', 'τη χρονιά', 'χρονιά', 'του έτους')})\\s+)?(1[5-9]\\d{2}|2[01]\\d{2})`,
      (context, m) => {
        if (!m[1] && context.text.trim() !== m[0]) return null;
        const y = Number(m[2]);
        const c = monthComponents(context, y, 1, true);
        c.delete('month');
        c.imply('month', 1);
        c.addTag('nlu/grain:year');
        return c;
      }),
  ];
  if (strictMode) return parsers;
  parsers.push(
    // τώρα · σήμερα · αύριο · μεθαύριο · χθες · προχθές · απόψε
    defineParser('ElCasualDateParser', `(${w('τώρα αμέσως', 'τώρα', 'αμέσως', 'σήμερα', 'αύριο', 'μεθαύριο', 'χθες', 'εχθές', 'χτες', 'εχτές', 'προχθές', 'προχτές', 'απόψε')})`,
      (context, m) => {
        const word = m[1] ?? '';
        const ref = refWall(context);
        if (word.startsWith(k('τώρα')) || word === k('αμέσως')) return componentsAt(context, ref, 'second');
        if (word === k('απόψε')) {
          const c = componentsAt(context, startOfDay(ref), 'day');
          c.imply('hour', 18);
          c.addTag(PART_OF_DAY_TAG + 'evening');
          return c;
        }
        const n = casualKeys.get(word);
        if (n === undefined) return null;
        return componentsAt(context, addDays(startOfDay(ref), n), 'day');
      }),
    // το πρωί · νωρίς το πρωί · το απόγευμα · το βράδυ · το μεσημέρι · τα μεσάνυχτα
    defineParser('ElPartOfDayParser',
      `(?:(?:${w('το', 'τα', 'στο', 'στα', 'νωρίς το', 'αργά το', 'νωρίς', 'αργά', 'κατά το', 'μέσα στο')})\\s+)?(${w('πρωί', 'πρωινό', 'μεσημέρι', 'μεσημεράκι', 'απόγευμα', 'απογευματάκι', 'βράδυ', 'βραδάκι', 'νύχτα', 'μεσάνυχτα')})`,
      (context, m) => {
        const word = m[1] ?? '';
        const pods: Array<[string[], string, number]> = [
          [['πρωί', 'πρωινό'], 'morning', 4], [['μεσημέρι', 'μεσημεράκι'], 'noon', 12],
          [['απόγευμα', 'απογευματάκι'], 'afternoon', 12], [['βράδυ', 'βραδάκι'], 'evening', 18], [['νύχτα'], 'night', 22],
          [['μεσάνυχτα'], 'midnight', 0],
        ];
        for (const [ws, pod, hour] of pods) {
          if (!ws.some((x) => k(x) === word)) continue;
          const c = new ParsingComponents(context.reference, {});
          c.imply('hour', hour);
          c.imply('minute', 0);
          c.addTag(PART_OF_DAY_TAG + pod);
          c.addTag(GRAIN_TAG + 'hour');
          return c;
        }
        return null;
      }),
  );
  return parsers;
}
