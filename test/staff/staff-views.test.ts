import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Eta } from 'eta';
import { describe, expect, it } from 'vitest';
import type { OrderStatus } from '../../src/domain/order-status';
import { kalamariaPolicy } from '../support/libraries';
import type { OrderView, QueueRow } from '../../src/domain/ports/staff-order-repository';
import { tFor } from '../../src/i18n/init';
import { orderChecks } from '../../src/staff/order-checks';
import { notificationView, titleWithCount } from '../../src/staff/pages';
import { pickList, pickListCsv } from '../../src/staff/pick-list';
import { compileStaffTemplate, renderFragment, STAFF_NAV } from '../../src/staff/view';

const VIEWS = fileURLToPath(new URL('../../src/staff/views', import.meta.url));

const NOW = new Date('2026-11-23T10:00:00Z'); // Monday noon in Athens

function order(overrides: Partial<OrderView> = {}, patron: Partial<OrderView['patron']> = {}): OrderView {
  return {
    id: 1, ref: '1000001', libraryId: 'kalamaria', status: 'ready', channel: 'webchat', language: 'el', version: 1,
    createdAt: NOW, updatedAt: NOW, pickupDeadline: new Date('2026-11-28T22:00:00Z'), hasConversation: true,
    patron: { id: 1, name: 'Μαρία', cardNumber: '1001001', phone: '+306900000001', status: 'active', cardExpiresAt: new Date('2027-12-31T00:00:00Z'), loansCount: 1, activeHolds: 1, preferredLanguage: 'el', ...patron },
    items: [{ holdId: 1, recordId: 1, title: 'Ο Καπετάν Μιχάλης', author: 'Καζαντζάκης', branchId: 'kal-central', branchName: 'Κεντρική', shelfMark: '889.3 ΚΑΖ', copyStatus: 'held', holdStatus: 'active', ilsHoldId: null }],
    appointments: [{ id: 1, orderId: 1, branchId: 'kal-central', branchName: 'Κεντρική', startsAt: new Date('2026-11-25T09:00:00Z'), endsAt: new Date('2026-11-25T09:15:00Z'), status: 'booked', icsToken: 't' }],
    events: [], ...overrides,
  };
}

describe('orderChecks', () => {
  it('words every refusal for staff, about the patron: never the patron-facing «your…» sentence', () => {
    const checks = orderChecks(order({}, { status: 'expired' }), kalamariaPolicy, NOW);
    expect(checks).toEqual([
      { ok: false, reason: 'check.card_expired' },
      { ok: true, reason: 'check.holds', params: { holds: 1, loans: 1, limit: 10 } },
      { ok: true, reason: 'check.copies_held' },
      { ok: true, reason: 'check.deadline_ok', dates: { deadline: '2026-11-28' } },
      { ok: false, reason: 'check.not_today', dates: { date: '2026-11-25' } },
    ]);
    const t = tFor('el', 'staff');
    expect(t('check.not_today', { date: 'Τετάρτη 25 Νοεμβρίου' })).toBe('Το ραντεβού παραλαβής του αναγνώστη είναι άλλη μέρα: Τετάρτη 25 Νοεμβρίου.');
    for (const c of checks) expect(t(c.reason, { ...c.params, ...c.dates })).not.toMatch(/σας\b/);
    expect(tFor('hu', 'staff')('check.card_expired')).toBe('Az olvasó olvasójegye lejárt.');
  });

  it('shows a passed deadline and a copy no longer held as failed checks', () => {
    const late = order({ status: 'ready', items: [{ ...order().items[0]!, copyStatus: 'available', holdStatus: 'released' }] });
    const checks = orderChecks(late, kalamariaPolicy, new Date('2026-11-30T10:00:00Z'));
    expect(checks.filter((c) => !c.ok).map((c) => c.reason)).toEqual(['check.copies_not_held', 'check.deadline_passed', 'check.not_today']);
  });
});

const row = (ref: string, status: OrderStatus, items: Array<[string, string, string | null, string?]>): QueueRow => ({
  id: Number(ref), ref, status, version: 1, createdAt: NOW, patronName: 'x', branches: [], itemCount: items.length, nextAppointment: null,
  items: items.map(([title, shelfMark, barcode, branch = 'kal-central']) => ({
    title, author: 'A', shelfMark, barcode, branchId: branch, branchName: branch === 'kal-central' ? 'Κεντρική' : 'Παιδική Α', holdStatus: 'active', ilsHoldId: null,
  })),
});

describe('pickList', () => {
  it('lists per branch, in shelf order, the copies of new and preparing orders only', () => {
    const list = pickList([
      row('1000001', 'new', [['Γ', 'Π 889.3 ΤΡΙ', 'KAL-0003'], ['Α', '889.3 ΣΩΤ', 'KAL-0001']]),
      row('1000002', 'preparing', [['Β', '889.3 ΚΑΖ', null], ['Δ', '823 ΝΤΑ', 'KAL-0009', 'kal-child-a']]),
      row('1000003', 'ready', [['Ε', '100 ΑΑΑ', 'KAL-0100']]),
    ], 'el');
    expect(list.map((b) => [b.branchName, b.lines.map((l) => [l.shelfMark, l.barcode, l.orderRef])])).toEqual([
      ['Κεντρική', [['889.3 ΚΑΖ', null, '1000002'], ['889.3 ΣΩΤ', 'KAL-0001', '1000001'], ['Π 889.3 ΤΡΙ', 'KAL-0003', '1000001']]],
      ['Παιδική Α', [['823 ΝΤΑ', 'KAL-0009', '1000002']]],
    ]);
  });

  it('writes a CSV with a byte-order mark, the localized header, quoted fields and formulas defused', () => {
    const list = pickList([row('1000001', 'new', [['=HYPERLINK("x")', '889.3 ΚΑΖ', 'KAL-0001'], ['Ζορμπάς, ο', '889.3 ΚΑΖ', null]])], 'el');
    const header = ['branch', 'shelf', 'title', 'author', 'barcode', 'order'].map((c) => tFor('el', 'staff')(`pick.col.${c}`));
    expect(pickListCsv(list, header)).toBe('\uFEFFΒιβλιοθήκη,Ταξιθετικός αριθμός,Τίτλος,Συγγραφέας,Γραμμωτός κώδικας,Παραγγελία\r\n'
      + 'Κεντρική,889.3 ΚΑΖ,"\'=HYPERLINK(""x"")",A,KAL-0001,1000001\r\n'
      + 'Κεντρική,889.3 ΚΑΖ,"Ζορμπάς, ο",A,,1000001\r\n');
  });
});

describe('staff views', () => {
  it('labels notification outcomes as they happened, with the reason of a failure', () => {
    const t = tFor('el', 'staff');
    const at = NOW;
    expect(notificationView(t, 'el', 'Europe/Athens', { kind: 'ready', channel: 'sms', status: 'not_configured', detail: null, createdAt: at }))
      .toMatchObject({ channel: 'SMS', statusLabel: 'δεν στάλθηκε: η υπηρεσία SMS δεν έχει ρυθμιστεί', detail: '' });
    expect(notificationView(tFor('hu', 'staff'), 'hu', 'Europe/Budapest', { kind: 'ready', channel: 'chat', status: 'failed', detail: 'conversation gone', createdAt: at }))
      .toMatchObject({ kind: 'Átvehető', channel: 'Csevegés', statusLabel: 'sikertelen', detail: 'conversation gone' });
  });

  it('puts the number of new orders in the tab title', () => {
    expect(titleWithCount('Ουρά παραγγελιών', 3)).toBe('(3) Ουρά παραγγελιών');
    expect(titleWithCount('Ουρά παραγγελιών', 0)).toBe('Ουρά παραγγελιών');
  });

  it('refuses a raw tag in a staff template, except the layout body and includes', () => {
    // The same rule the staff engine compiles with, applied to a template that slipped one in.
    const ctx = { t: tFor('el', 'staff'), language: 'el', libraryName: '', policy: kalamariaPolicy };
    expect(renderFragment(ctx, 'messages', { error: '<b>x</b>' })).toContain('&lt;b&gt;x&lt;/b&gt;');
    expect(new Eta().renderString('<%~ it.x %>', { x: '<b>' })).toBe('<b>'); // what Eta does without the guard
    expect(() => compileStaffTemplate('<p><%~ it.patron.name %></p>')).toThrow(/only it.body and include\(\) may be raw/);
    expect(() => compileStaffTemplate("<%~ include('messages', { error: it.x }) %><%~ it.body %>")).not.toThrow();
    for (const file of readdirSync(VIEWS).filter((f) => f.endsWith('.eta'))) {
      expect(() => compileStaffTemplate(readFileSync(path.join(VIEWS, file), 'utf8')), file).not.toThrow();
    }
  });

  it('lists every staff page in one navigation, for pages yet to come as well', () => {
    expect(STAFF_NAV.map((n) => n.href)).toEqual(['/staff', '/staff/pick-list', '/staff/ill', '/staff/patrons', '/staff/lockouts', '/staff/demand', '/staff/copy-alerts']);
  });
});

describe('what a reader accepted, as staff read it', () => {
  it('says the stored version ids in words: no «ozd-ill-2026-11/original/hu» on the page', async () => {
    const { tFor } = await import('../../src/i18n/init');
    const { acceptanceName } = await import('../../src/staff/ill/ill-pages');
    const hu = tFor('hu', ['staff', 'ill']);
    expect(acceptanceName(hu, 'ozd-ill-2026-11/original/hu')).toBe('ozd-ill-2026-11 feltételek (eredeti, magyar)');
    expect(acceptanceName(hu, 'cost/hu/phone')).toBe('költségvállalás (magyar, telefon)');
    const el = tFor('el', ['staff', 'ill']);
    expect(acceptanceName(el, 'ozd-ill-2026-11/copy/el')).toBe('όροι ozd-ill-2026-11 (αντίγραφο, ελληνικά)');
  });
});
