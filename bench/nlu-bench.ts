/**
 * tsx bench/nlu-bench.ts — utterances understood per second on one core: recognize() on a mix
 * of Greek and Hungarian patron utterances, datetime parsing included.
 * Prints a human line and a machine-readable line: BENCH nlu.recognize ops_per_sec=N
 */
import { recognize } from '../src/nlu/recognize';
import type { Lang } from '../src/nlu/types';

const UTTERANCES: Array<[string, Lang]> = [
  ['την Παρασκευή στις 11', 'el'], ['αύριο στις 10 και μισή', 'el'], ['θέλω να κλείσω το Ο Καπετάν Μιχάλης', 'el'],
  ['το δεύτερο', 'el'], ['ναι', 'el'], ['τι ώρα ανοίγετε;', 'el'], ['paraskevi stis 11', 'el'], ['βοήθεια', 'el'],
  ['είμαι στην είσοδο', 'el'], ['σε δύο μέρες', 'el'], ['Ο Καπετάν Μιχάλης', 'el'], ['ακύρωση κράτησης', 'el'],
  ['pénteken 11-kor', 'hu'], ['holnap fél 11-kor', 'hu'], ['ki szeretném kölcsönözni az Egri csillagokat', 'hu'],
  ['a másodikat', 'hu'], ['igen', 'hu'], ['mikor vannak nyitva?', 'hu'], ['jövő kedden délután 3-kor', 'hu'],
  ['megérkeztem', 'hu'], ['két nap múlva', 'hu'], ['Egri csillagok', 'hu'], ['mégse', 'hu'], ['decemberben', 'hu'],
];

const ref = new Date('2026-11-25T08:00:00Z');
const run = (n: number) => {
  for (let i = 0; i < n; i++) {
    const [text, lang] = UTTERANCES[i % UTTERANCES.length]!;
    recognize(text, lang, { ref });
  }
};

run(2_000); // warm-up: JIT and the per-language caches
const budgetMs = 3_000;
let ops = 0;
const t0 = process.hrtime.bigint();
let elapsed = 0;
while (elapsed < budgetMs) {
  run(500);
  ops += 500;
  elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
}
const perSec = Math.round((ops / elapsed) * 1000);
console.log(`nlu.recognize: ${perSec.toLocaleString('en-US')} utterances/s (${ops} in ${elapsed.toFixed(0)} ms, ${(elapsed * 1000 / ops).toFixed(1)} µs each, mixed el/hu, datetime included)`);
console.log(`BENCH nlu.recognize ops_per_sec=${perSec}`);
