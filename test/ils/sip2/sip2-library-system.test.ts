import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Sip2Client } from '../../../src/ils/sip2/sip2-client';
import { Sip2LibrarySystem } from '../../../src/ils/sip2/sip2-library-system';
import { FakeSip2Server } from './fake-sip2-server';

const now = () => new Date('2026-12-04T09:00:00Z');

describe.each(['CR', 'CRLF'] as const)('Sip2LibrarySystem over %s', (terminator) => {
  let acs: FakeSip2Server;
  let client: Sip2Client;
  let sip2: Sip2LibrarySystem;

  beforeEach(async () => {
    acs = new FakeSip2Server(terminator);
    acs.patrons.set('20001', { pin: '4321', name: 'Kovács Anna', holds: [], charged: 2, fee: '0.00' });
    acs.patrons.set('20002', { pin: '1111', name: 'Lost Card', flags: '    Y', holds: [] });
    acs.items.set('OZ-0001', { status: '03', location: 'kozponti', title: 'Egri csillagok' });
    acs.items.set('OZ-0002', { status: '04', location: 'kozponti', title: 'Egri csillagok' });
    const port = await acs.start();
    client = new Sip2Client({ host: '127.0.0.1', port, tls: false, terminator, user: 'bot', password: 'sip-secret', location: 'kozponti', timeoutMs: 300 });
    sip2 = new Sip2LibrarySystem(client, { institution: 'OZD', now });
  });
  afterEach(async () => { await client.close(); await acs.stop(); });

  it('signs a patron in with card and PIN (CQ), refuses a wrong PIN and an unknown card (BL) alike', async () => {
    expect(await sip2.authenticate('20001', '4321')).toEqual({ allowed: true, patron: { ilsPatronId: '20001', cardNumber: '20001' } });
    expect(await sip2.authenticate('20001', '0000')).toEqual({ allowed: false, reason: 'signin.invalid' });
    expect(await sip2.authenticate('99999', '4321')).toEqual({ allowed: false, reason: 'signin.invalid' });
    expect(acs.logins).toBe(1);
    expect(acs.received.filter((m) => m.startsWith('35'))).toHaveLength(3);
  });

  it('reads the standing: counts, fee and the card-lost flag of the 14-character status', async () => {
    expect(await sip2.standing({ cardNumber: '20001' })).toMatchObject({ allowed: true, standing: { blocked: false, cardLost: false, loansCount: 2, holdsCount: 0, finesOwed: 0 } });
    expect(await sip2.standing({ cardNumber: '20002' })).toMatchObject({ allowed: true, standing: { cardLost: true } });
  });

  it('reads copies item by item and places an item-level hold at the pickup location, once', async () => {
    expect(await sip2.copies({ recordIlsId: '7', barcodes: ['OZ-0001', 'OZ-0002'] })).toEqual({ allowed: true, copies: [
      { itemId: 'OZ-0001', barcode: 'OZ-0001', branchCode: 'kozponti', status: 'available' },
      { itemId: 'OZ-0002', barcode: 'OZ-0002', branchCode: 'kozponti', status: 'on_loan' },
    ] });
    const request = { patron: { cardNumber: '20001' }, recordIlsId: '7', itemId: 'OZ-0001', pickupBranchCode: 'kozponti', requestKey: 'k1' };
    expect(await sip2.placeHold(request)).toEqual({ allowed: true, ilsHoldId: '20001:OZ-0001' });
    expect(acs.received.find((m) => m.startsWith('15'))).toMatch(/^15\+\d{8} {3}Z\d{6}BSkozponti\|BY3\|AOOZD\|AA20001\|ABOZ-0001\|/);
    // The same request again (a restart after the ACS said yes): found, not placed twice.
    expect(await sip2.placeHold(request)).toEqual({ allowed: true, ilsHoldId: '20001:OZ-0001', replayed: true });
    expect(acs.patrons.get('20001')!.holds).toEqual(['OZ-0001']);
    expect(await sip2.listHolds({ cardNumber: '20001' })).toEqual({ allowed: true, holds: [{ ilsHoldId: '20001:OZ-0001', itemId: 'OZ-0001' }] });
    expect(await sip2.cancelHold({ cardNumber: '20001' }, { ilsHoldId: '20001:OZ-0001' })).toEqual({ allowed: true, pending: false });
    expect(acs.patrons.get('20001')!.holds).toEqual([]);
  });

  it('answers a refused hold with ils.refused and an ILL request with ils.not_supported', async () => {
    acs.modes.refuseHolds = true;
    expect(await sip2.placeHold({ patron: { cardNumber: '20001' }, recordIlsId: '7', itemId: 'OZ-0001', pickupBranchCode: 'kozponti', requestKey: 'k' })).toEqual({ allowed: false, reason: 'ils.refused' });
    expect(await sip2.requestIll()).toEqual({ allowed: false, reason: 'ils.not_supported' });
  });

  it('asks again (97) after one bad checksum, and calls the system unavailable when every answer is garbled', async () => {
    acs.modes.badChecksum = 'once';
    expect((await sip2.standing({ cardNumber: '20001' })).allowed).toBe(true);
    acs.modes.badChecksum = 'always';
    expect(await sip2.standing({ cardNumber: '20001' })).toMatchObject({ allowed: false, reason: 'ils.unavailable' });
  });

  it('calls a drop mid-request unavailable, then reconnects and logs in again', async () => {
    expect((await sip2.standing({ cardNumber: '20001' })).allowed).toBe(true);
    acs.modes.dropOn = '15';
    expect(await sip2.placeHold({ patron: { cardNumber: '20001' }, recordIlsId: '7', itemId: 'OZ-0001', pickupBranchCode: 'kozponti', requestKey: 'k' })).toMatchObject({ allowed: false, reason: 'ils.unavailable' });
    acs.modes.dropOn = undefined;
    expect((await sip2.standing({ cardNumber: '20001' })).allowed).toBe(true);
    expect(acs.logins).toBe(2);
  });

  it('times out a slow answer without blocking the requests queued behind it', async () => {
    expect((await sip2.standing({ cardNumber: '20001' })).allowed).toBe(true);
    acs.modes.slowOnce = 600;
    const slow = sip2.standing({ cardNumber: '20001' });
    const next = sip2.standing({ cardNumber: '20001' });
    expect(await slow).toMatchObject({ allowed: false, reason: 'ils.unavailable' });
    expect((await next).allowed).toBe(true);
    expect(acs.logins).toBe(2);
  });

  it('calls a refused login unavailable, without the password in what it reports', async () => {
    acs.modes.refuseLogin = true;
    const answer = await sip2.standing({ cardNumber: '20001' });
    expect(answer).toMatchObject({ allowed: false, reason: 'ils.unavailable' });
    expect(JSON.stringify(answer)).not.toContain('sip-secret');
  });
});
