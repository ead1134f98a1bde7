import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { ISO2709, MARCXML } from '@natlibfi/marc-record-serializers';
import type { MarcLike } from './marc-mapping';

/** Where a record sits in its file, for the report of one that could not be read. */
export interface RecordPosition {
  /** 1-based. */
  record: number;
  /** Of the record's first byte. */
  byteOffset: number;
}

export type ReadRecord = { position: RecordPosition; marc: MarcLike } | { position: RecordPosition; error: string };

// A record's structure is what a file import must check; a missing indicator or an empty
// subfield in one field is the library's data and must not cost the whole record.
const LENIENT = { fields: true, subfields: false, subfieldValues: false, controlFieldValues: false };
const RECORD_END = 0x1d;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export type MarcFormat = 'iso2709' | 'marcxml';

/** By the name, else by the first byte: MARCXML starts with «<», ISO 2709 with the leader's digits. */
export async function marcFormatOf(file: string): Promise<MarcFormat> {
  if (/\.xml$/i.test(file)) return 'marcxml';
  if (/\.(mrc|marc|iso|iso2709)$/i.test(file)) return 'iso2709';
  const handle = await open(file, 'r');
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(64), 0, 64, 0);
    return buffer.subarray(0, bytesRead).toString('latin1').trimStart().startsWith('<') ? 'marcxml' : 'iso2709';
  } finally {
    await handle.close();
  }
}

export async function* readMarcFile(file: string, format?: MarcFormat): AsyncGenerator<ReadRecord> {
  const kind = format ?? await marcFormatOf(file);
  yield* kind === 'marcxml' ? readMarcXml(createReadStream(file, { encoding: 'utf8' })) : readIso2709(createReadStream(file));
}

/**
 * ISO 2709 records end with 0x1D; each is checked against the length its leader declares
 * (a truncated or spliced record fails there) and must be UTF-8, then parsed by
 * @natlibfi/marc-record-serializers.
 */
export async function* readIso2709(chunks: AsyncIterable<Buffer | string>): AsyncGenerator<ReadRecord> {
  let pending = Buffer.alloc(0);
  let offset = 0; // of pending[0] in the file
  let record = 0;
  for await (const chunk of chunks) {
    pending = pending.length === 0 ? Buffer.from(chunk) : Buffer.concat([pending, Buffer.from(chunk)]);
    let end: number;
    while ((end = pending.indexOf(RECORD_END)) !== -1) {
      const bytes = pending.subarray(0, end + 1);
      pending = pending.subarray(end + 1);
      const start = offset;
      offset += bytes.length;
      const body = skipLineBreaks(bytes);
      if (body.length <= 1) continue;
      record += 1;
      yield parseIso2709(body, { record, byteOffset: start + (bytes.length - body.length) });
    }
  }
  const rest = skipLineBreaks(pending);
  if (rest.length > 0) yield { position: { record: record + 1, byteOffset: offset + (pending.length - rest.length) }, error: 'the file ends inside a record (no record terminator)' };
}

/** Exporters often put a line break between records. */
function skipLineBreaks(bytes: Buffer): Buffer {
  let i = 0;
  while (i < bytes.length && (bytes[i] === 0x0a || bytes[i] === 0x0d)) i += 1;
  return bytes.subarray(i);
}

function parseIso2709(bytes: Buffer, position: RecordPosition): ReadRecord {
  const declared = Number(bytes.subarray(0, 5).toString('latin1'));
  if (!/^\d{5}$/.test(bytes.subarray(0, 5).toString('latin1')) || declared !== bytes.length) {
    return { position, error: `the leader gives a length of ${bytes.subarray(0, 5).toString('latin1')} bytes, the record has ${bytes.length}` };
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    return { position, error: 'not UTF-8 (a MARC-8 record? convert it first, e.g. yaz-marcdump -f MARC-8 -t UTF-8 -o marc -l 9=97)' };
  }
  try {
    return { position, marc: ISO2709.from(text.slice(0, -1), LENIENT).toObject() };
  } catch (error) {
    return { position, error: error instanceof Error ? error.message : String(error) };
  }
}

const RECORD_START = /<(?:[\w.-]+:)?record[\s>]/g;

/**
 * Each `<record>` element (with or without a namespace prefix, inside a `<collection>` or alone)
 * is cut out and parsed on its own by @natlibfi/marc-record-serializers, so one malformed record
 * is reported and the next is still read.
 */
export async function* readMarcXml(chunks: AsyncIterable<string | Buffer>): AsyncGenerator<ReadRecord> {
  let pending = '';
  let consumedBytes = 0; // bytes of the file before pending[0]
  let record = 0;
  const cut = (n: number) => { consumedBytes += Buffer.byteLength(pending.slice(0, n)); pending = pending.slice(n); };
  for await (const chunk of chunks) {
    pending += chunk.toString();
    for (;;) {
      RECORD_START.lastIndex = 0;
      const start = RECORD_START.exec(pending);
      if (!start) { cut(Math.max(0, pending.length - 64)); break; }
      cut(start.index);
      const prefix = /^<([\w.-]+:)?/.exec(pending)?.[1] ?? '';
      const close = `</${prefix}record>`;
      const endAt = pending.indexOf(close);
      // A second record starting before this one closes: this one is broken, the next may be fine.
      RECORD_START.lastIndex = 1;
      const next = RECORD_START.exec(pending);
      if (endAt === -1 && !next) break;
      record += 1;
      const position = { record, byteOffset: consumedBytes };
      if (next && (endAt === -1 || next.index < endAt)) {
        yield { position, error: `<${prefix}record> is not closed before the next record` };
        cut(next.index);
        continue;
      }
      const raw = pending.slice(0, endAt + close.length);
      cut(raw.length);
      try {
        yield { position, marc: (await MARCXML.from(raw, LENIENT)).toObject() };
      } catch (error) {
        yield { position, error: error instanceof Error ? error.message.split('\n')[0]! : String(error) };
      }
    }
  }
  if (RECORD_START.test(pending)) yield { position: { record: record + 1, byteOffset: consumedBytes }, error: 'the file ends inside a record' };
}
