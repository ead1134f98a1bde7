import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { MarcRecord } from '@natlibfi/marc-record';
import { MARCXML } from '@natlibfi/marc-record-serializers';
import type { MarcLike } from '../../src/imports/marc-mapping';

/**
 * A Koha-like OAI-PMH 2.0 repository on a local port: ListRecords responses in the protocol's
 * envelope (responseDate, request, ListRecords with header/metadata records, resumptionToken with
 * cursor and completeListSize, an empty token on the last page) and error responses with HTTP 200,
 * as Koha's oai.pl sends them. The test says what each request gets.
 */
export type OaiEntry = { id: string; datestamp: string; marc: MarcLike } | { id: string; datestamp: string; deleted: true };
export type OaiReply =
  | { records: OaiEntry[]; resumptionToken?: string; cursor?: number; completeListSize?: number }
  | { error: string; message: string };

const REPOSITORY = 'oai:koha.test';

export interface OaiTestServer {
  baseUrl: string;
  /** Query of every request, in order. */
  requests: URLSearchParams[];
  close(): Promise<void>;
}

export async function startOaiServer(reply: (query: URLSearchParams) => OaiReply, responseDate: () => string): Promise<OaiTestServer> {
  const requests: URLSearchParams[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    requests.push(url.searchParams);
    const body = envelope(url, reply(url.searchParams), responseDate());
    res.writeHead(200, { 'content-type': 'text/xml; charset=UTF-8' });
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/cgi-bin/koha/oai.pl`, requests,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

function envelope(url: URL, reply: OaiReply, responseDate: string): string {
  const attributes = [...url.searchParams].map(([k, v]) => ` ${k}="${escape(v)}"`).join('');
  const head = `<?xml version="1.0" encoding="UTF-8"?>
<OAI-PMH xmlns="http://www.openarchives.org/OAI/2.0/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.openarchives.org/OAI/2.0/ http://www.openarchives.org/OAI/2.0/OAI-PMH.xsd">
  <responseDate>${responseDate}</responseDate>
  <request${attributes}>${escape(`${url.origin}${url.pathname}`)}</request>`;
  if ('error' in reply) return `${head}\n  <error code="${reply.error}">${escape(reply.message)}</error>\n</OAI-PMH>\n`;
  const records = reply.records.map((r) => {
    const header = `<header${'deleted' in r ? ' status="deleted"' : ''}><identifier>${REPOSITORY}:${r.id}</identifier><datestamp>${r.datestamp}</datestamp></header>`;
    if ('deleted' in r) return `    <record>${header}</record>`;
    const marc = MARCXML.to(new MarcRecord(r.marc, { subfieldValues: false }), { omitDeclaration: true })
      .replace('<record xmlns="http://www.loc.gov/MARC21/slim">', '<record xmlns="http://www.loc.gov/MARC21/slim" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://www.loc.gov/MARC21/slim http://www.loc.gov/standards/marcxml/schema/MARC21slim.xsd" type="Bibliographic">');
    return `    <record>${header}<metadata>${marc}</metadata></record>`;
  }).join('\n');
  // The last page of a list carries an empty token (OAI-PMH 2.0, 3.5).
  const token = reply.resumptionToken !== undefined || reply.cursor !== undefined
    ? `\n    <resumptionToken completeListSize="${reply.completeListSize ?? reply.records.length}" cursor="${reply.cursor ?? 0}">${escape(reply.resumptionToken ?? '')}</resumptionToken>` : '';
  return `${head}\n  <ListRecords>\n${records}${token}\n  </ListRecords>\n</OAI-PMH>\n`;
}
