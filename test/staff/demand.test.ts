import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app';
import { DemandList, demandChannel, demandKey } from '../../src/domain/services/demand-list';
import type { AskedText, DemandLog, NotFoundSearch } from '../../src/domain/ports/demand-log';
import { Conversation, testBot } from '../support/conversation';
import { WebChatClient } from '../support/http';
import { freshDb } from '../support/test-db';
import { staffLogin } from './staff-support';

// What patrons asked for that the library does not have (issue 21): not-found searches and ILL
// titles, grouped however they were spelt, counted, and shown to staff without patron data.
let app: App | undefined;
afterEach(async () => { await app?.close(); app = undefined; });

async function start() {
  const { db, url } = await freshDb();
  await db.$disconnect();
  app = await createApp({ databaseUrl: url });
  await new Promise<void>((resolve) => app!.server.listen(0, '127.0.0.1', resolve));
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}

describe('demandKey', () => {
  it.each([
    ['Ζορμπάς', 'zorbas'], ['ζορμπας', 'ΖΟΡΜΠΑΣ'], ['Ο Ζορμπάς', 'Ζορμπάς'], ['A Pál utcai fiúk', 'pal utcai fiuk'], ['Ο Καπετάν Μιχάλης', 'kapetan mixalis'],
  ])('puts «%s» and «%s» on one line', (a, b) => {
    expect(demandKey(a)).toBe(demandKey(b));
  });

  it('keeps different titles apart', () => {
    expect(demandKey('Ζορμπάς')).not.toBe(demandKey('Ζορμπάς ο Έλληνας'));
    expect(demandKey('Abigél')).not.toBe(demandKey('Egri csillagok'));
  });
});

describe('demandChannel', () => {
  it.each([['webchat', 'chat'], ['voice', 'phone'], ['test', 'other'], [undefined, 'other']] as const)('reads %s as %s', (id, channel) => {
    expect(demandChannel(id)).toBe(channel);
  });
});

describe('DemandList', () => {
  class MemoryLog implements DemandLog {
    searches: NotFoundSearch[] = [];
    ill: AskedText[] = [];
    async recordNotFound(s: NotFoundSearch) { this.searches.push(s); }
    async notFoundSearches(libraryId: string, from: Date, to: Date) {
      const rows = this.searches.filter((s) => s.libraryId === libraryId && s.at >= from && s.at < to);
      const by = new Map<string, AskedText>();
      for (const r of rows) {
        const row = by.get(r.query) ?? { text: r.query, count: 0, last: r.at };
        row.count += 1;
        if (r.at > row.last) row.last = r.at;
        by.set(r.query, row);
      }
      return [...by.values()];
    }
    async illTitles() { return this.ill; }
  }

  it('merges spellings across searches and ILL titles, most asked first, within the period', async () => {
    const log = new MemoryLog();
    let now = new Date('2026-11-20T10:00:00Z');
    const list = new DemandList(log, () => now);
    for (const query of ['Ζορμπάς', 'zorbas', 'ζορμπας', 'Abigél', 'Ζορμπάς']) await list.notFound({ libraryId: 'ozd', query, language: 'el', channel: 'webchat' });
    await list.notFound({ libraryId: 'kalamaria', query: 'Ζορμπάς', language: 'el', channel: 'webchat' });
    now = new Date('2026-09-01T10:00:00Z');
    await list.notFound({ libraryId: 'ozd', query: 'abigel', language: 'hu', channel: 'voice' });
    log.ill = [{ text: 'Ο Ζορμπάς', count: 2, last: new Date('2026-11-19T10:00:00Z') }];
    now = new Date('2026-11-23T10:00:00Z');
    const report = await list.report('ozd');
    expect(report.lines.map((l) => [l.text, l.spellings, l.searches, l.illRequests, l.total])).toEqual([
      ['Ζορμπάς', ['Ζορμπάς', 'Ο Ζορμπάς', 'zorbas', 'ζορμπας'], 4, 2, 6],
      ['Abigél', ['Abigél'], 1, 0, 1],
    ]);
    expect(report.from.toISOString()).toBe('2026-10-24T10:00:00.000Z');
  });

  it('records nothing for a query of no letters or digits, and never throws when the log fails', async () => {
    const errors: unknown[] = [];
    class DownLog extends MemoryLog { override async recordNotFound(): Promise<void> { throw new Error('database down'); } }
    const failing = new DemandList(new DownLog(), () => new Date());
    await failing.notFound({ libraryId: 'ozd', query: 'Abigél', language: 'hu', channel: 'webchat' }, (e) => errors.push(e));
    expect(errors).toHaveLength(1);
    const log = new MemoryLog();
    await new DemandList(log, () => new Date()).notFound({ libraryId: 'ozd', query: ' ?! ', language: 'hu', channel: 'webchat' });
    expect(log.searches).toEqual([]);
  });
});

describe('the demand list page', () => {
  it('lists not-found chat and phone searches with ILL titles, grouped and counted, with no patron data on the page or in the CSV', async () => {
    const { app, base } = await start();
    // Two patrons of Ózd ask for Zorba, spelt three ways, by web chat and by phone.
    const chat = await WebChatClient.open(base, 'ozd', 'hu');
    for (const said of ['foglalni szeretnék', '2002001', '4321']) await chat.say(said);
    await chat.say('Ζορμπάς');
    expect(chat.heard).toContain('Ζορμπάς');
    await chat.say('zorbas');
    await chat.say('<b>Zorbász</b> & <script>alert(1)</script>');
    const phone = new Conversation(await testBot(app.db), { library: 'ozd', channelId: 'voice', locale: 'hu' });
    await phone.join();
    for (const said of ['foglalni szeretnék', '2002004', '4321', 'ζορμπας']) await phone.say(said);
    const patron = await app.db.patron.findFirstOrThrow({ where: { cardNumber: '2002003', libraryId: 'ozd' } });
    await app.db.illRequest.create({ data: {
      ref: '3999994', libraryId: 'ozd', patronId: patron.id, status: 'requested', kind: 'book', form: 'original', title: 'Ο Ζορμπάς',
      currency: 'HUF', maxCost: 0, channel: 'webchat', language: 'hu',
    } });

    const rows = await app.db.demandSearch.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.libraryId, r.query, r.language, r.channel])).toEqual([
      ['ozd', 'Ζορμπάς', 'hu', 'chat'], ['ozd', 'zorbas', 'hu', 'chat'], ['ozd', '<b>Zorbász</b> & <script>alert(1)</script>', 'hu', 'chat'], ['ozd', 'ζορμπας', 'hu', 'phone'],
    ]);
    // What a row can hold: nothing that says who asked.
    expect(Object.keys(rows[0]!).sort()).toEqual(['at', 'channel', 'id', 'language', 'libraryId', 'query']);

    const staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const page = await (await fetch(`${base}/staff/demand`, { headers: { cookie: staff.cookie } })).text();
    const zorba = /<tr data-key="[^"]+"><th scope="row">([^<]+)<\/th><td>([^<]*)<\/td>\s*<td>(\d+)<\/td><td>(\d+)<\/td><td><strong>(\d+)<\/strong>/u.exec(page);
    // Each spelling asked once: they are listed in alphabetical order, the first names the line.
    expect(zorba?.slice(1)).toEqual(['zorbas', 'zorbas · ζορμπας · Ζορμπάς · Ο Ζορμπάς', '3', '1', '4']);
    // The patron's markup is text on the staff page.
    expect(page).not.toContain('<script>alert(1)</script>');
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    // Seeded ILL titles of the period are on the list too.
    expect(page).toContain('A Tisza-part');

    const csv = await fetch(`${base}/staff/demand.csv`, { headers: { cookie: staff.cookie } });
    expect(csv.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
    expect(text.split('\r\n')[1]).toMatch(/^zorbas,zorbas · ζορμπας · Ζορμπάς · Ο Ζορμπάς,3,1,4,/u);

    const patrons = await app.db.patron.findMany();
    for (const body of [page, text]) {
      for (const p of patrons) {
        expect(body).not.toContain(p.name);
        expect(body).not.toContain(p.cardNumber);
        expect(body).not.toContain(p.phone);
      }
      expect(body).not.toContain(chat.conversationId);
      expect(body).not.toContain(phone.id);
    }
  }, 60_000);

  it('takes a period, refuses a backwards one, and shows a library only its own demand', async () => {
    const { app, base } = await start();
    await app.db.demandSearch.createMany({ data: [
      { libraryId: 'ozd', query: 'Egri csillagok 2', language: 'hu', channel: 'chat', at: new Date('2026-10-05T10:00:00Z') },
      { libraryId: 'kalamaria', query: 'Τρίτο βιβλίο', language: 'el', channel: 'chat', at: new Date('2026-10-05T10:00:00Z') },
    ] });
    const staff = await staffLogin(base, 'staff.ozd', 'Ozd-2026');
    const get = (q: string) => fetch(`${base}/staff/demand${q}`, { headers: { cookie: staff.cookie } });
    const october = await (await get('?from=2026-10-01&to=2026-10-31')).text();
    expect(october).toContain('Egri csillagok 2');
    expect(october).not.toContain('Τρίτο βιβλίο');
    expect(await (await get('?from=2026-10-06&to=2026-10-31')).text()).not.toContain('Egri csillagok 2');
    const backwards = await get('?from=2026-10-31&to=2026-10-01');
    expect(backwards.status).toBe(400);
    expect(await backwards.text()).toContain('Hibás időszak');
    expect((await fetch(`${base}/staff/demand`, { redirect: 'manual' })).status).toBe(303);
  }, 60_000);
});
