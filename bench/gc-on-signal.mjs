// Preloaded into the bench's server (`--expose-gc --import ./bench/gc-on-signal.mjs`): SIGUSR2
// runs a full garbage collection, so the memory figures measure what is retained, not what
// V8 has not collected yet. Bench only; the product never loads it. Plain JavaScript: it is
// preloaded into the built server (`--start=built`) too, which runs without tsx.
const collect = globalThis.gc;
let count = 0;
process.on('SIGUSR2', () => {
  collect?.();
  collect?.();
  if (process.env.BENCH_MEMORY_DETAIL) {
    const m = process.memoryUsage();
    const mb = (n) => (n / 2 ** 20).toFixed(1);
    process.stderr.write(`memory rss ${mb(m.rss)} heapTotal ${mb(m.heapTotal)} heapUsed ${mb(m.heapUsed)} external ${mb(m.external)} arrayBuffers ${mb(m.arrayBuffers)}\n`);
  }
  process.stdout.write(`bench-gc-done ${++count}\n`);
});
