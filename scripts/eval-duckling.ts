/**
 * npm run eval:duckling [-- -v] [-- --json out.json]
 * Scores src/nlu against the shared Duckling corpora (time, numeral, ordinal, duration; el and hu)
 * with the shared harness, then prints accuracy per corpus. Exit code 1 if a target is missed:
 * time ≥ 95 % per language, numerals and ordinals ≥ 98 %.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
// The team's shared copy when it is there; otherwise the snapshot kept in the repository
// (BSD-3-Clause data from facebook/duckling, see its README), so a clean clone in CI scores too.
const SHARED = path.resolve(ROOT, '../shared/eval/duckling_harness.mjs');
export const HARNESS = existsSync(SHARED) ? SHARED : path.join(ROOT, 'test/fixtures/duckling/duckling_harness.mjs');
export const TARGETS: Record<string, number> = { time: 0.95, numeral: 0.98, ordinal: 0.98 };

export interface CorpusSummary {
  corpus: string;
  language: string;
  dimension: string;
  scored: number;
  pass: number;
  accuracy: number;
  full_span?: number;
  with_end?: number;
}

/** Runs the harness over all corpora and returns its per-corpus summaries (plus the raw console output). */
export function runHarness(extra: string[] = []): { summaries: CorpusSummary[]; output: string; status: number } {
  const dir = mkdtempSync(path.join(tmpdir(), 'nlu-eval-'));
  const jsonIndex = extra.indexOf('--json');
  const jsonPath = jsonIndex >= 0 && extra[jsonIndex + 1] ? path.resolve(extra[jsonIndex + 1]!) : path.join(dir, 'report.json');
  const passThrough = jsonIndex >= 0 ? extra.filter((_, i) => i !== jsonIndex && i !== jsonIndex + 1) : extra;
  try {
    const r = spawnSync(process.execPath, ['--import', 'tsx', HARNESS,
      '--parser', `el=${path.join(ROOT, 'src/nlu/eval/el-adapter.ts')}`,
      '--parser', `hu=${path.join(ROOT, 'src/nlu/eval/hu-adapter.ts')}`,
      '--dims', 'time,numeral,ordinal,duration', '--json', jsonPath, ...passThrough], { cwd: ROOT, encoding: 'utf8' });
    if (r.status !== 0 && r.status !== 1) throw new Error(`harness failed (${r.status}): ${r.stderr}`);
    const report = JSON.parse(readFileSync(jsonPath, 'utf8')) as { report: Array<{ summary: CorpusSummary }> };
    return { summaries: report.report.map((x) => x.summary), output: r.stdout, status: r.status ?? 0 };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

function main(): void {
  const { summaries, output } = runHarness(process.argv.slice(2));
  if (process.argv.includes('-v') || process.argv.includes('--verbose')) process.stdout.write(output);
  let missed = false;
  console.log('\ncorpus                         start@grain / value        target');
  for (const s of summaries) {
    const target = TARGETS[s.dimension];
    const ok = target === undefined || s.accuracy >= target;
    missed ||= !ok;
    const pct = (100 * s.accuracy).toFixed(1).padStart(5);
    const extra = s.dimension === 'time' ? `  (full-span ${s.full_span}/${s.scored}, with-end ${s.with_end}/${s.scored})` : '';
    console.log(`${s.corpus.padEnd(30)} ${String(s.pass).padStart(3)}/${String(s.scored).padEnd(3)} = ${pct}%   ${target ? `≥ ${target * 100}% ${ok ? 'ok' : 'MISSED'}` : '(extra)'}${extra}`);
  }
  if (missed) process.exit(1);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) main();
