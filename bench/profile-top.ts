/**
 * tsx bench/profile-top.ts <file.cpuprofile> [top=25]
 *
 * The top entries of a V8 CPU profile (BENCH_PROFILE=1 writes them to data/bench-profiles/), as
 * shares of the busy time (idle and program excluded): by function (self time) and by where the
 * code lives (a package under node_modules, or our own src/ folder), and optionally inclusive times
 * of named functions, so a profile taken before a
 * change and one after can be compared in docs/benchmarks.md.
 */
import { readFileSync } from 'node:fs';

interface Node { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number; children?: number[] }
interface Profile { nodes: Node[]; samples: number[]; timeDeltas: number[] }

const positional = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const [file, topArg] = positional;
if (!file) throw new Error('usage: tsx bench/profile-top.ts <file.cpuprofile> [top] [--inclusive=name,name]');
const top = Number(topArg ?? 25);
// --inclusive=ConnectorClient,calculateChangeHash: time spent in these functions and all they call.
const inclusive = (process.argv.find((a) => a.startsWith('--inclusive='))?.slice('--inclusive='.length) ?? '').split(',').filter(Boolean);
const profile = JSON.parse(readFileSync(file, 'utf8')) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));

// Self time per node from the samples and their time deltas (more exact than hitCount).
const self = new Map<number, number>();
for (let i = 0; i < profile.samples.length; i++) self.set(profile.samples[i]!, (self.get(profile.samples[i]!) ?? 0) + (profile.timeDeltas[i] ?? 0));

const idle = new Set(['(idle)', '(program)']);
let busy = 0;
for (const [id, t] of self) if (!idle.has(byId.get(id)!.callFrame.functionName)) busy += t;

function place(url: string): string {
  if (!url) return '(native/V8)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm >= 0) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0]!.startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]!;
  }
  const src = /\/(src|bench)\/(.*)$/.exec(url);
  if (src) {
    const parts = src[2]!.split('/');
    return `${src[1]}/${parts.length > 1 ? parts[0] : parts[0]}`;
  }
  if (url.startsWith('node:')) return 'node core';
  return url.replace(/^file:\/\//, '');
}

const fn = new Map<string, number>();
const where = new Map<string, number>();
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (idle.has(functionName)) continue;
  const short = url ? `${place(url)} ${url.split('/').pop()}:${lineNumber + 1}` : '';
  const key = `${functionName || '(anonymous)'} ${short}`.trim();
  fn.set(key, (fn.get(key) ?? 0) + t);
  const p = functionName === '(garbage collector)' ? '(garbage collector)' : place(url);
  where.set(p, (where.get(p) ?? 0) + t);
}

const pct = (t: number) => `${((100 * t) / busy).toFixed(1)}%`;
const rows = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
console.log(`busy ${(busy / 1e6).toFixed(1)} s of ${(total / 1e6).toFixed(1)} s profiled\n`);
console.log('| where | share of busy time |\n| --- | --- |');
for (const [k, t] of rows(where)) console.log(`| ${k} | ${pct(t)} |`);
console.log('\n| function (self time) | share of busy time |\n| --- | --- |');
for (const [k, t] of rows(fn)) console.log(`| \`${k}\` | ${pct(t)} |`);

if (inclusive.length) {
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const inc = new Map<string, number>(inclusive.map((name) => [name, 0]));
  for (const [id, t] of self) {
    if (idle.has(byId.get(id)!.callFrame.functionName)) continue;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const name = byId.get(at)!.callFrame.functionName;
      for (const wanted of inclusive) if (!seen.has(wanted) && name.includes(wanted)) { seen.add(wanted); inc.set(wanted, inc.get(wanted)! + t); }
    }
  }
  console.log('\n| function (inclusive) | share of busy time |\n| --- | --- |');
  for (const [k, t] of inc) console.log(`| \`${k}\` | ${pct(t)} |`);
}
