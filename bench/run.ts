/**
 * npm run bench [-- --quick] [--patrons=50] [--db=postgres] [--instances=1,2] [--only=http,voice,memory,catalogue,import,nlu,scale] [--semi-space=8|default] [--start=tsx] [--rounds=4] [--voice-rounds=2]
 *
 * Conversations: N concurrent simulated patrons complete full reservations against the real
 * server (src/main.ts in its own process) over HTTP (/api/messages, expectReplies) and over
 * signed Twilio voice webhooks; a bare botbuilder echo bot on the same stack is the baseline.
 * Catalogue: search latency on generated catalogues of 10k, 100k and 1M copies. Memory: server
 * RSS per open conversation. Import: a generated MARC file of 100k records into an empty
 * catalogue, then again (bench/import-bench.ts). Several instances (--instances=N or a list,
 * PostgreSQL): N server processes on one database, the simulated patrons' turns sent round robin
 * to them, each turn to the next instance (the conversation lives in the database, so any
 * instance answers any turn); throughput, and what the database gives each instance
 * (connections, statements per turn, its own CPU). Every figure is printed as `BENCH name=value unit=…` and the
 * report is written to docs/benchmarks.md (docs/benchmarks-postgres.md with --db=postgres).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, totalmem, platform, release } from 'node:os';
import { createServer } from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { setupDatabase } from '../scripts/db-setup';
import { startNodeFlags } from '../scripts/start-flags';
import { SearchCatalogue } from '../src/domain/services/search-catalogue';
import { PrismaCatalogueRepository } from '../src/persistence/prisma-catalogue-repository';
import { createPrismaClient, type Db } from '../src/persistence/prisma-client';
import { KeyedPinHasher } from '../src/persistence/keyed-pin-hasher';
import { ScryptPinHasher } from '../src/persistence/scrypt-pin-hasher';
import { pinKeysFromEnv } from '../src/persistence/pin-keys-from-env';
import { TwilioCall } from '../src/tools/twilio-call';
import { addGeneratedCatalogue, rng, type GeneratedRecord } from './catalogue-data';
import { ms, pool, summarize, type Summary } from './stats';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const args = new Map(process.argv.slice(2).map((a) => { const [k, v] = a.replace(/^--/, '').split('='); return [k!, v ?? 'true']; }));
const quick = args.has('quick');
const PATRONS = Number(args.get('patrons') ?? 50);
// --rounds=N: more reservations per patron, for steadier figures and profiles of the steady state.
const ROUNDS = Number(args.get('rounds') ?? (quick ? 2 : 4));
const VOICE_ROUNDS = Number(args.get('voice-rounds') ?? (quick ? 1 : 2));
const OPEN_CONVERSATIONS = quick ? 2_000 : 10_000;
const CATALOGUE_SIZES = quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
const POSTGRES = args.get('db') === 'postgres';
const only = args.get('only')?.split(',');
/** `--instances=1,2`: the scale-out run for each number of server processes (PostgreSQL only). */
const INSTANCES = args.get('instances')?.split(',').map(Number).filter((n) => Number.isInteger(n) && n > 0);
const wants = (part: string) => (part === 'scale' ? !!INSTANCES?.length && (!only || only.includes(part)) : !only || only.includes(part));
const AUTH_TOKEN = 'bench-auth-token-0123456789abcdef';
const PUBLIC_BASE = 'https://library-bot.example.org';
const BENCH_DIR = path.join(root, 'data', 'bench');
const PIN = '2468';
const LAST_RUN = path.join(root, 'data', 'bench-last-run.json');
/** The phone target is stated at this many calls at once: TwiML answer p99 < 100 ms. */
const CALLS = 20;
/** The shortest a caller takes between an answer and the next webhook, and the longest (ms): voiceReservations. */
const CALLER_PAUSE: [number, number] = [500, 1500];
/**
 * The server is started as `npm start` starts it: the bundle (dist/main.mjs, built first) under
 * plain node with the flags of package.json's start script (the young generation capped, the
 * recognizers botbuilder-dialogs loads made lazy: docs/benchmarks.md, Memory). `--start=tsx`:
 * as `npm run dev` runs it (tsx, src/main.ts). `--semi-space=N` (MB) sets another cap,
 * `--semi-space=default` V8's own. The echo bot runs
 * under the same flags, so the ratios compare the bots, not the settings.
 */
const START_FLAGS = startNodeFlags(root);
const SEMI_SPACE = args.get('semi-space');
const SEMI_SPACE_FLAG = /^--max-semi-space-size=/;
const SERVER_FLAGS = SEMI_SPACE === undefined ? START_FLAGS
  : [...START_FLAGS.filter((flag) => !SEMI_SPACE_FLAG.test(flag)), ...(SEMI_SPACE === 'default' ? [] : [`--max-semi-space-size=${SEMI_SPACE}`])];
const BUILT = args.get('start') !== 'tsx';

interface Figure { name: string; value: number; unit: string }
const figures: Figure[] = [];
const notes: string[] = [];
function figure(name: string, value: number, unit: string): void {
  figures.push({ name, value, unit });
  process.stdout.write(`BENCH ${name}=${value} unit=${unit}\n`);
}
const log = (line: string) => process.stderr.write(`${line}\n`);

// ——— processes ———————————————————————————————————————————————————————————————

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer().once('error', reject).listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as { port: number };
      probe.close(() => resolve(port));
    });
  });
}

interface Proc { base: string; child: ChildProcess; rssMb(): number; collectedRssMb(): Promise<number>; stop(): Promise<void> }

/** `node --import tsx <script>` (one process, so its RSS is the server's own); the product server built, unless `--start=tsx`. */
async function startProcess(script: string, env: Record<string, string>, ready: string, nodeFlags: string[] = []): Promise<Proc> {
  const built = BUILT && script === 'src/main.ts';
  nodeFlags = [...SERVER_FLAGS, ...nodeFlags];
  const port = await freePort();
  // BENCH_PROFILE=1: a V8 CPU profile of each process under data/bench-profiles (open in Chrome DevTools).
  const profile = process.env.BENCH_PROFILE ? ['--cpu-prof', `--cpu-prof-dir=${path.join(root, 'data', 'bench-profiles')}`] : [];
  const child = spawn(process.execPath, [...profile, ...(built ? [] : ['--import', 'tsx']), ...nodeFlags, built ? 'dist/main.mjs' : script], {
    cwd: root, env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'warn', JOBS: 'off', ...env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (c: Buffer) => { output += c.toString(); });
  child.stderr?.on('data', (c: Buffer) => {
    // BENCH_MEMORY_DETAIL=1: the heap's part of each measured RSS (bench/gc-on-signal.mjs writes it).
    if (process.env.BENCH_MEMORY_DETAIL) for (const line of c.toString().split('\n')) if (line.startsWith('memory ')) log(line);
    output = (output + c.toString()).slice(-20_000);
  });
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${script} did not start:\n${output}`)), 90_000);
    child.once('exit', (code) => { clearTimeout(timer); reject(new Error(`${script} exited with ${code}:\n${output}`)); });
    const check = () => (output.includes(ready) ? (clearTimeout(timer), resolve()) : setTimeout(check, 50));
    check();
  });
  const rssMb = () => Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'))?.[1] ?? 0) / 1024;
  let collections = 0;
  return {
    base: `http://127.0.0.1:${port}`,
    child,
    rssMb,
    // Needs the gc-on-signal preload: a full collection first, then the resident size.
    collectedRssMb: async () => {
      const marker = `bench-gc-done ${++collections}`;
      child.kill('SIGUSR2');
      while (!output.includes(marker)) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 200));
      return rssMb();
    },
    stop: () => new Promise<void>((resolve) => {
      if (child.exitCode !== null) { resolve(); return; }
      child.removeAllListeners('exit');
      child.once('exit', () => resolve());
      child.kill('SIGTERM');
    }),
  };
}

/** CPU time (user + system) the process has used, in seconds. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

// ——— data ————————————————————————————————————————————————————————————————————

/** Four consonants no other title word uses: each bench title is found by its own code alone. */
function code(i: number): string {
  const letters = 'δζθξπφχψ';
  return Array.from({ length: 4 }, (_, k) => letters[Math.floor(i / 8 ** k) % 8]).join('');
}

async function conversationDatabase(): Promise<string> {
  let url: string;
  if (POSTGRES) {
    const admin = await createPrismaClient('postgresql://postgres@127.0.0.1:5432/postgres');
    await admin.$executeRawUnsafe('DROP DATABASE IF EXISTS "lbb_bench" WITH (FORCE)');
    await admin.$executeRawUnsafe('CREATE DATABASE "lbb_bench"');
    await admin.$disconnect();
    url = process.env.BENCH_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/lbb_bench';
  } else {
    rmSync(BENCH_DIR, { recursive: true, force: true });
    mkdirSync(BENCH_DIR, { recursive: true });
    url = `file:${path.join(BENCH_DIR, 'conversations.db')}`;
  }
  // The product's own set-up, PINs keyed as the server keys them (the key file beside the database).
  await setupDatabase(url);
  const db = await createPrismaClient(url);
  const hasher = new KeyedPinHasher(pinKeysFromEnv(url));
  const pinHashes = await Promise.all(Array.from({ length: PATRONS }, (_, i) => hasher.hash(PIN, { libraryId: 'kalamaria', cardNumber: cardOf(i) })));
  await db.patron.createMany({
    data: Array.from({ length: PATRONS }, (_, i) => ({
      libraryId: 'kalamaria', cardNumber: cardOf(i), pinHash: pinHashes[i]!, name: `Αναγνώστης ${i + 1}`, phone: '', preferredLanguage: 'el',
      homeBranchId: 'kal-central', status: 'active', cardExpiresAt: new Date('2030-12-31T00:00:00Z'),
    })),
  });
  const titles = PATRONS * (ROUNDS + VOICE_ROUNDS) + 64 + 2 * CALLS * VOICE_ROUNDS;
  for (let i = 0; i < titles; i++) {
    await db.record.create({
      data: {
        libraryId: 'kalamaria', title: `Βιβλίο ${code(i)}`, author: 'Ανώνυμος', year: 2020, language: 'el', kind: 'book', audience: 'adult',
        acquiredAt: new Date('2020-01-01T00:00:00Z'), searchText: `βιβλιο ${code(i)} ανωνυμοσ`,
        copies: { create: [{ branchId: 'kal-central', shelfMark: 'BENCH', status: 'available' }] },
      },
    });
  }
  await db.$disconnect();
  return url;
}

const cardOf = (i: number) => `8${String(i).padStart(6, '0')}`;

// ——— conversations ———————————————————————————————————————————————————————————

interface Reply { text?: string; channelData?: { orderRef?: string } }

/**
 * Each simulated patron has an address of its own, as the server sees it behind one reverse
 * proxy (TRUST_PROXY=1): the per-address sign-in limit (src/domain/services/attempt-gate.ts)
 * makes sign-ins from one address that are checked at the same time wait for each other, which
 * fifty patrons behind one address would do, and fifty different patrons do not.
 */
const addressOf = (p: number) => `198.51.${100 + Math.floor(p / 250)}.${(p % 250) + 1}`;
const phoneOf = (p: number) => `+3069${String(p).padStart(8, '0')}`;

/**
 * node:http with keep-alive rather than fetch: on this machine fetch spent about four times the
 * CPU per request (0.6–1.2 ms against 0.15–0.3 ms), on the same two cores as the servers, so the
 * echo baseline measured mostly the load generator.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 256 });

async function post(base: string, conversation: string, text: string, patron = 0): Promise<{ replies: Reply[]; ms: number }> {
  const started = performance.now();
  const payload = JSON.stringify({
    type: 'message', id: randomUUID(), text, channelId: 'emulator', serviceUrl: 'http://127.0.0.1:1/none', locale: 'el',
    deliveryMode: 'expectReplies', conversation: { id: conversation }, from: { id: `${conversation}-u`, role: 'user' },
    recipient: { id: 'bot', role: 'bot' }, channelData: { library: 'kalamaria' },
  });
  const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
    const req = request(`${base}/api/messages`, {
      method: 'POST', agent,
      headers: { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload), 'x-forwarded-for': addressOf(patron) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(payload);
  });
  const elapsed = performance.now() - started;
  if (status !== 200) throw new Error(`HTTP ${status}: ${body}`);
  return { replies: (JSON.parse(body) as { activities?: Reply[] }).activities ?? [], ms: elapsed };
}

/** The six turns of a web chat reservation; turn 3 is the sign-in (scrypt). */
const reservationTurns = (title: string, card: string) => [`θέλω να κλείσω το ${title}`, card, PIN, '1', '2', 'ναι'];

/** `cpu`: the server's CPU seconds during the run; `clientCpu`: this process's (the simulated patrons'). */
interface RunResult { turns: number; seconds: number; latency: Summary; byTurn: number[][]; failures: number; firstFailure?: string; cpu: number; clientCpu: number }

const clientCpuSeconds = (since: NodeJS.CpuUsage) => { const u = process.cpuUsage(since); return (u.user + u.system) / 1e6; };

async function httpReservations(target: Proc | Proc[], titleOffset: number, rounds: number, echo = false): Promise<RunResult> {
  const servers = Array.isArray(target) ? target : [target];
  const serverCpu = () => servers.reduce((sum, s) => sum + cpuSeconds(s.child.pid!), 0);
  // Round robin per turn, as a load balancer without session affinity would send them.
  let nextServer = 0;
  const base = () => servers[nextServer++ % servers.length]!.base;
  const latencies: number[] = [];
  const byTurn: number[][] = Array.from({ length: 6 }, () => []);
  let failures = 0;
  let firstFailure: string | undefined;
  const cpu0 = serverCpu();
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(PATRONS, PATRONS, async (p) => {
    for (let round = 0; round < rounds; round++) {
      const conversation = `bench-${randomUUID()}`;
      const title = `Βιβλίο ${code(titleOffset + p * rounds + round)}`;
      let last: Reply[] = [];
      for (const [t, text] of reservationTurns(title, cardOf(p)).entries()) {
        const { replies, ms: took } = await post(base(), conversation, text, p);
        latencies.push(took);
        byTurn[t]!.push(took);
        // BENCH_SLOW=400: each turn slower than that, with when it was sent (where a tail comes from).
        if (process.env.BENCH_SLOW && took > Number(process.env.BENCH_SLOW)) log(`slow turn ${t + 1} of patron ${p} round ${round}: ${Math.round(took)} ms at ${Math.round(performance.now() - t0 - took)} ms`);
        last = replies;
      }
      const ok = echo ? last.some((r) => r.text === 'echo: ναι') : last.some((r) => /^\d{7}$/.test(r.channelData?.orderRef ?? ''));
      if (!ok) { failures += 1; firstFailure ??= last.map((r) => r.text).join(' | '); }
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  return { turns: latencies.length, seconds, latency: summarize(latencies), byTurn, failures, firstFailure, cpu: serverCpu() - cpu0, clientCpu: clientCpuSeconds(client0) };
}

/**
 * `pause`: the caller's time between hearing an answer and the next webhook, drawn evenly from
 * [min, max] ms. Twilio sends the next webhook only after the answer's <Say> has been played and
 * the caller has keyed or spoken (speech ends with about a second of silence), so a real call
 * sends one every few seconds; with no pause, each call sends its next webhook the moment the
 * last answer arrives, so 20 calls keep the server as busy as a few hundred real ones would.
 */
async function voiceReservations(server: Proc, titleOffset: number, rounds: number, calls = PATRONS, pause?: [number, number], firstPatron = 0): Promise<RunResult> {
  const latencies: number[] = [];
  let failures = 0;
  let firstFailure: string | undefined;
  const cpu0 = cpuSeconds(server.child.pid!);
  const client0 = process.cpuUsage();
  const t0 = performance.now();
  await pool(calls, calls, async (i) => {
    // Callers of their own (patrons' hold limit: 10), where the run before used the first ones.
    const p = firstPatron + i;
    for (let round = 0; round < rounds; round++) {
      const call = new TwilioCall({ serverUrl: server.base, publicBaseUrl: PUBLIC_BASE, library: 'kalamaria', authToken: AUTH_TOKEN, from: phoneOf(p) });
      const title = `Βιβλίο ${code(titleOffset + i * rounds + round)}`;
      const step = async (act: () => Promise<unknown>) => {
        if (pause) await new Promise((r) => setTimeout(r, pause[0] + Math.random() * (pause[1] - pause[0])));
        const s = performance.now(); await act(); latencies.push(performance.now() - s);
      };
      try {
        await step(() => call.start());
        await step(() => call.answer({ digits: '1' }));
        await step(() => call.answer({ digits: cardOf(p) }));
        await step(() => call.answer({ digits: PIN }));
        await step(() => call.answer({ speech: title }));
        await step(() => call.answer({ digits: '1' }));
        await step(() => call.answer({ digits: '2' }));
        await step(() => call.answer({ speech: 'ναι' }));
        if (!/καταχωρίστηκε με αριθμό/.test(call.heard)) { failures += 1; firstFailure ??= call.heard; }
      } catch (error) {
        failures += 1;
        firstFailure ??= `${String(error)} after: ${call.heard}`;
      }
    }
  });
  const seconds = (performance.now() - t0) / 1000;
  return { turns: latencies.length, seconds, latency: summarize(latencies), byTurn: [], failures, firstFailure, cpu: cpuSeconds(server.child.pid!) - cpu0, clientCpu: clientCpuSeconds(client0) };
}

function report(prefix: string, r: RunResult): void {
  figure(`${prefix}.turns_per_sec`, Math.round(r.turns / r.seconds), 'turns/s');
  figure(`${prefix}.turn_p50`, ms(r.latency.p50), 'ms');
  figure(`${prefix}.turn_p95`, ms(r.latency.p95), 'ms');
  figure(`${prefix}.turn_p99`, ms(r.latency.p99), 'ms');
  figure(`${prefix}.server_cpu_per_turn`, ms((r.cpu * 1000) / r.turns), 'ms');
  figure(`${prefix}.client_cpu_per_turn`, ms((r.clientCpu * 1000) / r.turns), 'ms');
  figure(`${prefix}.failed_reservations`, r.failures, 'count');
  if (r.firstFailure) notes.push(`${prefix}: first failed reservation heard: ${r.firstFailure.slice(0, 300)}`);
}

// ——— several instances ————————————————————————————————————————————————————————

/** Statements the server has sent to the database so far (`db_statements_total` on its /metrics). */
async function statementsSent(server: Proc): Promise<number> {
  const text = await new Promise<string>((resolve, reject) => {
    request(`${server.base}/metrics`, { agent }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => { body += c; });
      res.on('end', () => resolve(body));
      res.on('error', reject);
    }).on('error', reject).end();
  });
  return [...text.matchAll(/^db_statements_total\{[^}]*\} (\d+)/gm)].reduce((sum, m) => sum + Number(m[1]), 0);
}

/** CPU seconds of every PostgreSQL process on this machine (the database runs here: its share of the two cores). */
function postgresCpuSeconds(): number {
  let total = 0;
  for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      if (!stat.includes('(postgres)')) continue;
      const fields = stat.split(') ')[1]!.split(' ');
      total += (Number(fields[11]) + Number(fields[12])) / 100;
    } catch { /* the process ended meanwhile */ }
  }
  return total;
}

/**
 * N server processes on one PostgreSQL database, the same reservations as the web chat run,
 * each turn to the next instance. The database's side: the connections it holds for the bench
 * database (peak, sampled every 100 ms), the statements per turn the instances sent, and the
 * CPU of the PostgreSQL processes per turn.
 */
async function scaleOut(instances: number): Promise<void> {
  const url = await conversationDatabase();
  const env = { DATABASE_URL: url, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, TRUST_PROXY: '1' };
  const servers: Proc[] = [];
  const admin = await createPrismaClient('postgresql://postgres@127.0.0.1:5432/postgres');
  try {
    for (let i = 0; i < instances; i++) servers.push(await startProcess('src/main.ts', env, 'Web chat:'));
    const connections = async () => Number((await admin.$queryRawUnsafe<Array<{ n: unknown }>>(
      `SELECT count(*) AS n FROM pg_stat_activity WHERE datname = 'lbb_bench'`))[0]?.n ?? 0);
    const idle = await connections();
    for (const server of servers) await httpWarmup(server, PATRONS * (ROUNDS + VOICE_ROUNDS));
    let peak = 0;
    let sampling = true;
    const sampler = (async () => { while (sampling) { peak = Math.max(peak, await connections()); await new Promise((r) => setTimeout(r, 100)); } })();
    const statements0 = (await Promise.all(servers.map(statementsSent))).reduce((a, b) => a + b, 0);
    const pg0 = postgresCpuSeconds();
    const run = await httpReservations(servers, 0, ROUNDS);
    const pgCpu = postgresCpuSeconds() - pg0;
    const statements = (await Promise.all(servers.map(statementsSent))).reduce((a, b) => a + b, 0) - statements0;
    sampling = false;
    await sampler;
    const prefix = `scale.n${instances}`;
    report(prefix, run);
    figure(`${prefix}.db_connections_idle`, idle, 'connections');
    figure(`${prefix}.db_connections_peak`, peak, 'connections');
    figure(`${prefix}.db_statements_per_turn`, ms(statements / run.turns), 'statements');
    figure(`${prefix}.db_cpu_per_turn`, ms((pgCpu * 1000) / run.turns), 'ms');
  } finally {
    for (const server of servers) await server.stop();
    // Keep-alive sockets to the stopped servers: the next run's servers may get the same ports.
    agent.destroy();
    await admin.$disconnect();
  }
}

// ——— catalogue ———————————————————————————————————————————————————————————————

async function catalogueBench(copies: number): Promise<void> {
  const label = copies >= 1_000_000 ? `${copies / 1_000_000}m` : `${copies / 1000}k`;
  mkdirSync(BENCH_DIR, { recursive: true });
  const file = path.join(BENCH_DIR, `catalogue-${label}.db`);
  let url = `file:${file}`;
  if (POSTGRES) {
    const admin = await createPrismaClient('postgresql://postgres@127.0.0.1:5432/postgres');
    await admin.$executeRawUnsafe('DROP DATABASE IF EXISTS "lbb_bench_catalogue" WITH (FORCE)');
    await admin.$executeRawUnsafe('CREATE DATABASE "lbb_bench_catalogue"');
    await admin.$disconnect();
    url = 'postgresql://postgres@127.0.0.1:5432/lbb_bench_catalogue';
  } else {
    rmSync(file, { force: true });
  }
  await setupDatabase(url);
  const db = await createPrismaClient(url);
  try {
    const t0 = performance.now();
    const records = await addGeneratedCatalogue(db, copies);
    figure(`catalogue.${label}.build_sec`, ms((performance.now() - t0) / 1000), 's');
    const queries = searchQueries(records, 500);
    const search = new SearchCatalogue(new PrismaCatalogueRepository(db));
    // The first search of a library reads its vocabulary (then kept for minutes): its own figure.
    const v0 = performance.now();
    for (const libraryId of ['kalamaria', 'ozd']) await search.search(libraryId, 'zzzz', 0, 3);
    figure(`catalogue.${label}.vocabulary_load`, ms(performance.now() - v0), 'ms');
    for (const q of queries.slice(0, 40)) await search.search(q.libraryId, q.text, 0, 3); // warm-up
    const took: number[] = [];
    const fuzzyTook: number[] = [];
    let hits = 0;
    let missing = 0;
    for (const q of queries) {
      const s = performance.now();
      const page = await search.search(q.libraryId, q.text, 0, 3);
      const elapsed = performance.now() - s;
      took.push(elapsed);
      if (q.typo) fuzzyTook.push(elapsed);
      hits += page.total;
      if (page.total === 0) missing += 1;
    }
    const summary = summarize(took);
    figure(`catalogue.${label}.search_p50`, ms(summary.p50), 'ms');
    figure(`catalogue.${label}.search_p95`, ms(summary.p95), 'ms');
    figure(`catalogue.${label}.typo_search_p95`, ms(summarize(fuzzyTook).p95), 'ms');
    figure(`catalogue.${label}.records`, records.length, 'count');
    figure(`catalogue.${label}.mean_hits`, Math.round(hits / queries.length), 'records');
    if (missing > 0) notes.push(`catalogue ${label}: ${missing} of ${queries.length} queries found nothing (each should find its source record)`);
  } finally {
    await db.$disconnect();
    if (!POSTGRES) {
      rmSync(file, { force: true });
      rmSync(`${file}-wal`, { force: true });
      rmSync(`${file}-shm`, { force: true });
    }
  }
}

/**
 * What patrons say: a title word in capitals without accents, an author's surname without
 * accents, two title words, surname plus a title word, and a surname with one letter left out
 * (the near-miss path) — each taken from a real generated record, so every query has at least
 * that hit.
 */
function searchQueries(records: GeneratedRecord[], count: number): Array<{ libraryId: string; text: string; typo: boolean }> {
  const r = rng(99);
  const strip = (s: string) => s.normalize('NFD').replace(/\p{M}+/gu, '');
  return Array.from({ length: count }, (_, i) => {
    const rec = records[Math.floor(r() * records.length)]!;
    const words = rec.title.split(' ');
    const surname = rec.author.split(' ')[1]!;
    const w = (k: number) => words[k % words.length]!;
    const plain = strip(surname).toLowerCase();
    const cut = Math.min(plain.length - 2, 2 + Math.floor(r() * Math.max(1, plain.length - 3)));
    const text = [
      strip(w(1)).toUpperCase(),
      plain,
      `${w(0)} ${w(1)}`,
      `${strip(surname)} ${w(words.length - 1)}`,
      plain.length >= 7 ? plain.slice(0, cut) + plain.slice(cut + 1) : plain,
    ][i % 5]!;
    return { libraryId: rec.libraryId, text, typo: i % 5 === 4 && plain.length >= 7 };
  });
}

// ——— catalogue import ————————————————————————————————————————————————————————

/** bench/import-bench.ts in its own process: its peak RSS is the import's, not the bench's. */
async function importBench(records: number): Promise<void> {
  mkdirSync(BENCH_DIR, { recursive: true });
  let url = `file:${path.join(BENCH_DIR, 'import.db')}`;
  if (POSTGRES) {
    const admin = await createPrismaClient('postgresql://postgres@127.0.0.1:5432/postgres');
    await admin.$executeRawUnsafe('DROP DATABASE IF EXISTS "lbb_bench_import" WITH (FORCE)');
    await admin.$executeRawUnsafe('CREATE DATABASE "lbb_bench_import"');
    await admin.$disconnect();
    url = 'postgresql://postgres@127.0.0.1:5432/lbb_bench_import';
  } else {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${path.join(BENCH_DIR, 'import.db')}${suffix}`, { force: true });
  }
  await setupDatabase(url);
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/import-bench.ts', url, String(records)], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`import bench exited with ${code}:\n${out}`))));
    child.once('error', reject);
  });
  for (const line of output.split('\n')) {
    const [, name, value, unit] = /^BENCH (\S+)=([\d.]+) unit=(.+)$/.exec(line) ?? [];
    if (name && value && unit) figure(name, Number(value), unit);
  }
}

// ——— main ————————————————————————————————————————————————————————————————————

async function main(): Promise<void> {
  // --render: the report written again from the last full run's figures (data/bench-last-run.json),
  // after an edit of the report's text, without measuring again.
  if (args.has('render')) {
    const last = JSON.parse(readFileSync(LAST_RUN, 'utf8')) as { started: string; machine: Parameters<typeof writeReport>[0]['machine']; nluOutput: string; figures: Figure[]; notes: string[] };
    figures.push(...last.figures);
    notes.push(...last.notes);
    writeReport({ started: new Date(last.started), machine: last.machine, nluOutput: last.nluOutput });
    return;
  }
  const started = new Date();
  log(`bench: ${quick ? 'quick' : 'full'} run, ${PATRONS} patrons, ${POSTGRES ? 'PostgreSQL' : 'SQLite'}`);
  const machine = {
    cpu: cpus()[0]?.model ?? 'unknown', cores: cpus().length, memGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`, node: process.version,
    // The machine is shared: the load before the run says how much of it the bench had.
    load: loadavg()[0]!.toFixed(2),
  };

  // One sign-in's PIN check: the keyed hash PINs use now, and the scrypt check it replaced.
  const keyed = new KeyedPinHasher({ current: Buffer.alloc(32, 7), previous: [] });
  const subject = { libraryId: 'kalamaria', cardNumber: '1001001' };
  const keyedStored = await keyed.hash(PIN, subject);
  const keyedTimes: number[] = [];
  for (let i = 0; i < 200; i++) { const s = performance.now(); await keyed.verify(PIN, keyedStored, subject); keyedTimes.push(performance.now() - s); }
  figure('pin.keyed_verify_p50', ms(summarize(keyedTimes).p50), 'ms');
  const scryptHasher = new ScryptPinHasher();
  const stored = await scryptHasher.hash(PIN);
  const scrypt: number[] = [];
  for (let i = 0; i < 20; i++) { const s = performance.now(); await scryptHasher.verify(PIN, stored); scrypt.push(performance.now() - s); }
  figure('pin.scrypt_verify_p50', ms(summarize(scrypt).p50), 'ms');

  if (BUILT && (wants('http') || wants('voice') || wants('memory') || wants('scale'))) {
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
    if (build.status !== 0) throw new Error('npm run build failed');
  }
  if (wants('http') || wants('voice') || wants('memory')) {
    const url = await conversationDatabase();
    const env = { DATABASE_URL: url, TWILIO_AUTH_TOKEN: AUTH_TOKEN, PUBLIC_BASE_URL: PUBLIC_BASE, TRUST_PROXY: '1' };
    const server = await startProcess('src/main.ts', env, 'Web chat:');
    const echo = await startProcess('bench/echo-server.ts', {}, 'echo bot listening');
    try {
      const warmTitles = PATRONS * (ROUNDS + VOICE_ROUNDS);
      if (wants('http')) {
        // Warm-up (JIT, caches, SQLite pages): a few reservations that are not measured.
        await httpWarmup(server, warmTitles);
        await httpReservations(echo, 0, 1, true);
        const echoRun = await httpReservations(echo, 0, ROUNDS, true);
        report('echo.http', echoRun);
        const ours = await httpReservations(server, 0, ROUNDS);
        report('reservation.http', ours);
        figure('reservation.http.p95_vs_echo', ms(ours.latency.p95 / echoRun.latency.p95), 'ratio');
        // The sign-in turn carries one scrypt verification; the other five do not.
        figure('reservation.http.signin_turn_p95', ms(summarize(ours.byTurn[2]!).p95), 'ms');
        figure('reservation.http.other_turns_p95', ms(summarize(ours.byTurn.filter((_, i) => i !== 2).flat()).p95), 'ms');
        const names = ['title', 'card', 'pin', 'choose', 'checkout', 'confirm'];
        for (const [i, samples] of ours.byTurn.entries()) {
          const s = summarize(samples);
          figure(`reservation.http.turn${i + 1}_${names[i]}_p50`, ms(s.p50), 'ms');
          figure(`reservation.http.turn${i + 1}_${names[i]}_p99`, ms(s.p99), 'ms');
        }
      }
      if (wants('voice')) {
        const voice = await voiceReservations(server, PATRONS * ROUNDS, VOICE_ROUNDS);
        report('reservation.voice', voice);
        const fewer = await voiceReservations(server, PATRONS * (ROUNDS + VOICE_ROUNDS) + 64, VOICE_ROUNDS, CALLS);
        report(`reservation.voice${CALLS}`, fewer);
        const paced = await voiceReservations(server, PATRONS * (ROUNDS + VOICE_ROUNDS) + 64 + CALLS * VOICE_ROUNDS, VOICE_ROUNDS, CALLS, CALLER_PAUSE, CALLS);
        report(`reservation.voice${CALLS}_paced`, paced);
      }
      if (wants('memory')) {
        // A fresh server of its own, so the reservation runs' garbage does not blur the figure.
        const fresh = await startProcess('src/main.ts', env, 'Web chat:', ['--expose-gc', '--import', './bench/gc-on-signal.mjs']);
        try {
          const open = (n: number) => pool(n, PATRONS, async () => { await post(fresh.base, `bench-open-${randomUUID()}`, 'γεια σας'); });
          await open(500); // warm-up: JIT, caches, SQLite pages
          const before = await fresh.collectedRssMb();
          await open(OPEN_CONVERSATIONS);
          const after = await fresh.collectedRssMb();
          figure('memory.server_rss_warm', ms(before), 'MB');
          figure(`memory.server_rss_after_${OPEN_CONVERSATIONS}_conversations`, ms(after), 'MB');
          figure('memory.rss_per_open_conversation', ms(((after - before) * 1024) / OPEN_CONVERSATIONS), 'KB');
          figure('memory.state_rows', await stateRows(url), 'rows');
        } finally {
          await fresh.stop();
        }
      }
    } finally {
      agent.destroy();
      await server.stop();
      await echo.stop();
    }
  }

  if (wants('scale')) {
    if (!POSTGRES) throw new Error('--instances needs --db=postgres: SQLite is one file for one process');
    for (const n of INSTANCES!) await scaleOut(n);
    agent.destroy();
  }

  if (wants('catalogue')) for (const size of CATALOGUE_SIZES) await catalogueBench(size);
  if (wants('import')) await importBench(quick ? 20_000 : 100_000);

  let nluOutput = '';
  if (wants('nlu')) {
    nluOutput = await runNluBench();
    // Its lines read `BENCH nlu.recognize ops_per_sec=N`: the figure's name, then unit=value.
    for (const line of nluOutput.split('\n').filter((l) => l.startsWith('BENCH '))) {
      const [, name, unit, value] = /^BENCH (\S+) (\w+)=([\d.]+)/.exec(line) ?? [];
      if (name && unit && value) figures.push({ name, value: Number(value), unit: unit.replace(/_/g, ' ').replace(' per ', '/') });
    }
    process.stdout.write(nluOutput);
  }

  if (!only) writeFileSync(LAST_RUN, JSON.stringify({ started, machine, nluOutput, figures, notes, args: [...args] }));
  writeReport({ started, machine, nluOutput });
}

async function stateRows(url: string): Promise<number> {
  const db = await createPrismaClient(url);
  try { return await db.botState.count(); } finally { await db.$disconnect(); }
}

async function httpWarmup(server: Proc, offset: number): Promise<void> {
  await pool(Math.min(PATRONS, 32), 16, async (p) => {
    const conversation = `bench-warm-${randomUUID()}`;
    for (const text of reservationTurns(`Βιβλίο ${code(offset + p)}`, cardOf(p))) await post(server.base, conversation, text, p);
  });
}

async function runNluBench(): Promise<string> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/nlu-bench.ts'], { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (c: Buffer) => { out += c.toString(); });
    child.once('exit', () => resolve(out));
    child.once('error', () => resolve('nlu bench could not run\n'));
  });
}

function writeReport(r: { started: Date; machine: { cpu: string; cores: number; memGb: number; os: string; node: string; load: string }; nluOutput: string }): void {
  const get = (name: string) => figures.find((f) => f.name === name)?.value;
  // A run of some parts only (--only=catalogue) must not replace the full report with n/a.
  const file = only ? path.join(BENCH_DIR, `report-${only.join('-')}${POSTGRES ? '-postgres' : ''}.md`)
    : path.join(root, 'docs', POSTGRES ? 'benchmarks-postgres.md' : 'benchmarks.md');
  const template = readFileSync(path.join(root, 'bench', 'report-template.md'), 'utf8');
  const table = figures.map((f) => `| \`${f.name}\` | ${f.value} | ${f.unit} |`).join('\n');
  const text = template
    .replaceAll('{{date}}', r.started.toISOString().replace('T', ' ').slice(0, 16) + ' UTC')
    .replaceAll('{{mode}}', `${quick ? '`--quick`' : 'full'} run, ${PATRONS} concurrent patrons, ${POSTGRES ? 'PostgreSQL 15' : 'SQLite (WAL)'}`)
    .replaceAll('{{machine}}', `${r.machine.cpu}, ${r.machine.cores} cores, ${r.machine.memGb} GiB RAM, ${r.machine.os}, Node ${r.machine.node}, 1-min load average ${r.machine.load} before the run`)
    // The profile's top entries before and after a change: written by hand from bench/profile-top.ts.
    .replaceAll('{{profile}}', readFileSync(path.join(root, 'bench', 'profile.md'), 'utf8').trim())
    .replaceAll('{{table}}', table)
    .replaceAll('{{bench_lines}}', figures.map((f) => `BENCH ${f.name}=${f.value} unit=${f.unit}`).join('\n'))
    .replaceAll('{{notes}}', notes.length ? notes.map((n) => `- ${n}`).join('\n') : '- none')
    .replace(/\{\{(\w[\w.]*)\}\}/g, (_, name: string) => String(get(name) ?? 'n/a'));
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  log(`wrote ${path.relative(root, file)}`);
}

await main();
