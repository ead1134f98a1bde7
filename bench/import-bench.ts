/**
 * `--only=import` of bench/run.ts, in a process of its own so its peak RSS is the import's:
 * writes RECORDS generated Koha-shaped MARC records (Greek, two 952 items each, every tenth one
 * decomposed) to an ISO 2709 file, imports it into an empty catalogue, then imports it again
 * (every record matched and unchanged). Prints `BENCH name=value unit=…` lines.
 *   node --import tsx bench/import-bench.ts <database-url> <records>
 */
import { createWriteStream } from 'node:fs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { MarcRecord } from '@natlibfi/marc-record';
import { ISO2709 } from '@natlibfi/marc-record-serializers';
import { importCatalogueFile } from '../src/imports/catalogue-import';
import { createPrismaClient } from '../src/persistence/prisma-client';
import { generateRecord, rng, vocabulary } from './catalogue-data';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [url, count] = [process.argv[2]!, Number(process.argv[3] ?? 100_000)];
const file = path.join(root, 'data', 'bench', `import-${count}.mrc`);
const out = (name: string, value: number, unit: string) => process.stdout.write(`BENCH ${name}=${value} unit=${unit}\n`);
const branches = ['KALK', 'KALA', 'KALB'];

async function writeFile(): Promise<number> {
  mkdirSync(path.dirname(file), { recursive: true });
  const stream = createWriteStream(file);
  const r = rng(19);
  const vocab = vocabulary('el');
  let bytes = 0;
  for (let i = 1; i <= count; i++) {
    const g = generateRecord(r, i, 'el', vocab);
    const text = (s: string) => (i % 10 === 0 ? s.normalize('NFD') : s);
    const [first, ...rest] = g.author.split(' ');
    const marc = new MarcRecord({
      leader: '00000nam a2200000 a 4500',
      fields: [
        { tag: '001', value: String(i) }, { tag: '008', value: `201105s${1950 + (i % 75)}    gr            000 1 gre d` },
        { tag: '100', ind1: '1', ind2: ' ', subfields: [{ code: 'a', value: text(`${rest.join(' ')}, ${first},`) }] },
        { tag: '245', ind1: '1', ind2: '0', subfields: [{ code: 'a', value: text(`${g.title} /`) }, { code: 'c', value: text(g.author) }] },
        ...[0, 1].map((k) => ({ tag: '952', ind1: ' ', ind2: ' ', subfields: [
          { code: '7', value: '0' }, { code: 'a', value: branches[(i + k) % 3]! }, { code: 'b', value: branches[(i + k) % 3]! },
          { code: 'o', value: `889.3 ${String(i % 1000).padStart(3, '0')}` }, { code: 'p', value: `9${String(i * 2 + k).padStart(9, '0')}` },
          ...(k === 1 && i % 2 ? [{ code: 'q', value: '2026-12-20' }] : []),
        ] })),
        { tag: '999', ind1: ' ', ind2: ' ', subfields: [{ code: 'c', value: String(i) }] },
      ],
    } as never);
    const chunk = ISO2709.to(marc);
    bytes += Buffer.byteLength(chunk);
    if (!stream.write(chunk)) await new Promise<void>((resolve) => stream.once('drain', () => resolve()));
  }
  await new Promise<void>((resolve) => stream.end(() => resolve()));
  return bytes;
}

const bytes = await writeFile();
out('import.file_mb', Math.round(bytes / 2 ** 20 * 10) / 10, 'MiB');
const db = await createPrismaClient(url);
try {
  const settings = { libraryId: 'kalamaria', branches: [{ id: 'kal-central', ilsCode: 'KALK' }, { id: 'kal-child-a', ilsCode: 'KALA' }, { id: 'kal-child-b', ilsCode: 'KALB' }] };
  const rssBefore = process.resourceUsage().maxRSS / 1024;
  let t = performance.now();
  const first = await importCatalogueFile(db, file, settings);
  const firstSec = (performance.now() - t) / 1000;
  t = performance.now();
  const again = await importCatalogueFile(db, file, settings);
  const againSec = (performance.now() - t) / 1000;
  if (first.recordsCreated !== count || again.recordsUnchanged !== count || first.skipped.length > 0) {
    throw new Error(`import bench: expected ${count} new then ${count} unchanged records, got ${JSON.stringify({ ...first, skipped: first.skipped.length })} / ${JSON.stringify({ ...again, skipped: again.skipped.length })}`);
  }
  out('import.records', count, 'records');
  out('import.first_sec', Math.round(firstSec * 10) / 10, 's');
  out('import.first_records_per_sec', Math.round(count / firstSec), 'records/s');
  out('import.again_sec', Math.round(againSec * 10) / 10, 's');
  out('import.again_records_per_sec', Math.round(count / againSec), 'records/s');
  out('import.rss_before_mb', Math.round(rssBefore), 'MiB');
  out('import.peak_rss_mb', Math.round(process.resourceUsage().maxRSS / 1024), 'MiB');
} finally {
  await db.$disconnect();
}
