import { createInterface } from 'node:readline';
import { DEFAULT_TIME_ZONE, recognize } from '../nlu/recognize';
import type { Lang } from '../nlu/types';
import { formatWall, instantOfWall } from '../nlu/zone';

/**
 * npm run --silent understand -- --lang el|hu [--ref 2026-11-25T10:00:00] [--tz Europe/Athens]
 * Reads one utterance per line on stdin, writes one JSON object per line (datetimes as wall time in --tz).
 */
function args(argv: string[]): { lang: Lang; ref?: string; tz?: string } {
  const out: { lang?: string; ref?: string; tz?: string } = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const v = argv[i + 1];
    if ((a === '--lang' || a === '--ref' || a === '--tz') && v === undefined) throw new Error(`missing value for ${a}`);
    if (a === '--lang') out.lang = argv[++i];
    else if (a === '--ref') out.ref = argv[++i];
    else if (a === '--tz') out.tz = argv[++i];
    else throw new Error(`unknown argument ${a}`);
  }
  if (out.lang !== 'el' && out.lang !== 'hu') throw new Error('--lang el|hu is required');
  return { lang: out.lang, ref: out.ref, tz: out.tz };
}

function parseWallArg(s: string, tz: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) throw new Error(`--ref must look like 2026-11-25T10:00:00, got ${s}`);
  const n = (i: number) => Number(m[i] ?? 0);
  return instantOfWall(n(1), n(2), n(3), n(4), n(5), n(6), tz);
}

async function main(): Promise<void> {
  const { lang, ref: refArg, tz: tzArg } = args(process.argv.slice(2));
  const timeZone = tzArg ?? DEFAULT_TIME_ZONE[lang];
  const ref = refArg ? parseWallArg(refArg, timeZone) : new Date();
  const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
  for await (const line of rl) {
    const text = line.trim();
    if (text === '') continue;
    const u = recognize(text, lang, { ref, timeZone });
    const { datetime, ...rest } = u.entities;
    const entities: Record<string, unknown> = {};
    if (datetime) {
      entities.datetime = { start: formatWall(datetime.start, timeZone), grain: datetime.grain };
    }
    for (const [k, v] of Object.entries(rest)) if (v !== undefined) entities[k] = v;
    process.stdout.write(`${JSON.stringify({ text: u.text, intent: u.intent, confidence: u.confidence, entities })}\n`);
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exit(2);
});
