import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KohaClient, type KohaAuth } from '../../../src/ils/koha/koha-client';
import { KohaLibrarySystem } from '../../../src/ils/koha/koha-library-system';
import { FakeKohaServer } from './fake-koha-server';

const CREDENTIALS = { clientId: 'bot-client', clientSecret: 'oauth-secret-123', user: 'botuser', password: 'basic-secret-456' };

describe.each([
  ['oauth2', { kind: 'oauth2', clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret }],
  ['basic', { kind: 'basic', user: CREDENTIALS.user, password: CREDENTIALS.password }],
] as Array<[string, KohaAuth]>)('KohaLibrarySystem with %s', (_name, auth) => {
  let koha: FakeKohaServer;
  let system: KohaLibrarySystem;
  let clock = 0;

  beforeEach(async () => {
    koha = new FakeKohaServer(CREDENTIALS);
    koha.patrons.push({ patron_id: 51, cardnumber: '10001', password: '1234', firstname: 'Μαρία', surname: 'Παπαδοπούλου', restricted: false, expiry_date: '2027-06-30', patron_card_lost: false, checkouts_count: 3, balance: 2.5 });
    koha.items.push(
      { item_id: 901, biblio_id: 7, external_id: 'KAL-0001', home_library_id: 'CPL', holding_library_id: 'CPL', checked_out_date: null, lost_status: 0, withdrawn: 0, not_for_loan_status: 0, damaged_status: 0, pickup: ['CPL'] },
      { item_id: 902, biblio_id: 7, external_id: 'KAL-0002', home_library_id: 'KRI', holding_library_id: 'KRI', checked_out_date: '2026-12-01', lost_status: 0, withdrawn: 0, not_for_loan_status: 0, damaged_status: 0, pickup: ['KRI'] },
    );
    clock = 1_000_000;
    system = new KohaLibrarySystem(new KohaClient({ baseUrl: await koha.start(), auth, timeoutMs: 300, now: () => clock }));
  });
  afterEach(async () => { await koha.stop(); });

  it('signs in by card and PIN with POST /auth/password/validation, and refuses a wrong PIN', async () => {
    expect(await system.authenticate('10001', '1234')).toEqual({ allowed: true, patron: { ilsPatronId: '51', cardNumber: '10001' } });
    expect(await system.authenticate('10001', '9999')).toEqual({ allowed: false, reason: 'signin.invalid' });
  });

  it('reads the standing from the patron (found by card), its embedded counts and the account balance', async () => {
    koha.holds.push({ hold_id: 1, patron_id: 51, biblio_id: 3, item_id: null, pickup_library_id: 'CPL', notes: null, status: null });
    expect(await system.standing({ cardNumber: '10001' })).toEqual({ allowed: true, standing: {
      blocked: false, cardLost: false, expired: false, expiresAt: new Date('2027-06-30T23:59:59Z'), finesOwed: 2.5, holdsCount: 1, loansCount: 3, name: 'Μαρία Παπαδοπούλου',
    } });
    expect(koha.log.find((l) => l.route === 'GET /patrons/51')?.embed).toBe('checkouts+count,holds+count');
    koha.patrons[0]!.restricted = true;
    koha.patrons[0]!.patron_card_lost = true;
    expect(await system.standing({ ilsPatronId: '51', cardNumber: '10001' })).toMatchObject({ standing: { blocked: true, cardLost: true } });
  });

  it('lists copies with their live status and branch', async () => {
    expect(await system.copies({ recordIlsId: '7', barcodes: [] })).toEqual({ allowed: true, copies: [
      { itemId: '901', barcode: 'KAL-0001', branchCode: 'CPL', status: 'available' },
      { itemId: '902', barcode: 'KAL-0002', branchCode: 'KRI', status: 'on_loan' },
    ] });
  });

  it('places an item-level hold with pickup_library_id, and finds it again instead of placing it twice', async () => {
    const request = { patron: { cardNumber: '10001' }, recordIlsId: '7', itemId: '901', pickupBranchCode: 'CPL', requestKey: 'key-1' };
    expect(await system.placeHold(request)).toEqual({ allowed: true, ilsHoldId: '100' });
    expect(koha.holds).toMatchObject([{ hold_id: 100, patron_id: 51, biblio_id: 7, item_id: 901, pickup_library_id: 'CPL', notes: 'bot-request:key-1' }]);
    expect(await system.placeHold(request)).toEqual({ allowed: true, ilsHoldId: '100', replayed: true });
    expect(koha.holds).toHaveLength(1);
  });

  it('finds a hold Koha accepted though its answer never arrived (the bot crashed or the line dropped)', async () => {
    koha.modes.dropAfterHold = true;
    const request = { patron: { cardNumber: '10001' }, recordIlsId: '7', itemId: '901', pickupBranchCode: 'CPL', requestKey: 'key-2' };
    expect(await system.placeHold(request)).toMatchObject({ allowed: false, reason: 'ils.unavailable' });
    koha.modes.dropAfterHold = false;
    expect(await system.placeHold(request)).toEqual({ allowed: true, ilsHoldId: '100', replayed: true });
    expect(koha.holds).toHaveLength(1);
  });

  it.each([
    ['tooManyReserves', 'hold.limit_reached'], ['itemAlreadyOnHold', 'hold.copy_taken'], ['notReservable', 'hold.copy_taken'],
    ['debarred', 'hold.account_locked'], ['expired', 'hold.card_expired'], ['libraryNotPickupLocation', 'hold.bad_pickup'], ['somethingNew', 'ils.refused'],
  ])('maps a 403 with reason %s to %s', async (reason, expected) => {
    koha.modes.holdForbidden = reason;
    expect(await system.placeHold({ patron: { cardNumber: '10001' }, recordIlsId: '7', itemId: '901', pickupBranchCode: 'CPL', requestKey: 'k' })).toMatchObject({ allowed: false, reason: expected });
  });

  it('refuses a pickup branch the item cannot go to, from pickup_locations and from a 400', async () => {
    expect(await system.placeHold({ patron: { cardNumber: '10001' }, recordIlsId: '7', itemId: '902', pickupBranchCode: 'CPL', requestKey: 'k' })).toEqual({ allowed: false, reason: 'hold.bad_pickup' });
    koha.modes.badPickup = true;
    expect(await system.placeHold({ patron: { cardNumber: '10001' }, recordIlsId: '7', itemId: '901', pickupBranchCode: 'CPL', requestKey: 'k' })).toEqual({ allowed: false, reason: 'hold.bad_pickup' });
  });

  it('cancels with DELETE: 204 done, 202 waiting for staff, 404 not found', async () => {
    koha.holds.push({ hold_id: 7, patron_id: 51, biblio_id: 7, item_id: 901, pickup_library_id: 'CPL', notes: null, status: null },
      { hold_id: 8, patron_id: 51, biblio_id: 7, item_id: 902, pickup_library_id: 'KRI', notes: null, status: 'W' });
    expect(await system.cancelHold({ cardNumber: '10001' }, { ilsHoldId: '7' })).toEqual({ allowed: true, pending: false });
    expect(await system.cancelHold({ cardNumber: '10001' }, { ilsHoldId: '8' })).toEqual({ allowed: true, pending: true });
    expect(await system.cancelHold({ cardNumber: '10001' }, { ilsHoldId: '7' })).toEqual({ allowed: false, reason: 'hold.not_found' });
    expect(await system.listHolds({ cardNumber: '10001' })).toEqual({ allowed: true, holds: [{ ilsHoldId: '8', itemId: '902', pickupBranchCode: 'KRI' }] });
  });

  it('creates an ILL request with the Standard backend once per key, and reads 405 as not supported', async () => {
    const draft = { title: 'Ο Καπετάν Μιχάλης', author: 'Καζαντζάκης', pickupBranchCode: 'CPL', requestKey: 'ill-1' };
    expect(await system.requestIll({ cardNumber: '10001' }, draft)).toEqual({ allowed: true, ilsRequestId: '1' });
    expect(koha.illRequests[0]).toMatchObject({ ill_backend_id: 'Standard', patron_id: 51, library_id: 'CPL', extended_attributes: [{ type: 'title', value: 'Ο Καπετάν Μιχάλης' }, { type: 'author', value: 'Καζαντζάκης' }, { type: 'bot_request_key', value: 'ill-1' }] });
    // Filed again under the same key (a restart after Koha's unheard yes): found, not posted twice.
    expect(await system.requestIll({ cardNumber: '10001' }, draft)).toEqual({ allowed: true, ilsRequestId: '1', replayed: true });
    expect(koha.illRequests).toHaveLength(1);
    expect(koha.log.filter((l) => l.route === 'GET /ill/requests').map((l) => l.embed)).toEqual(['extended_attributes', 'extended_attributes']);
    koha.modes.illUnsupported = true;
    expect(await system.requestIll({ cardNumber: '10001' }, { ...draft, requestKey: 'ill-2' })).toEqual({ allowed: false, reason: 'ils.not_supported' });
  });

  it('calls maintenance (503), slowness and a dropped connection unavailable, never naming a secret', async () => {
    for (const modes of [{ maintenance: true }, { slowMs: 500 }, { disconnectOn: 'GET /patrons' }]) {
      koha.modes = modes;
      const answer = await system.standing({ cardNumber: '10001' });
      expect(answer).toMatchObject({ allowed: false, reason: 'ils.unavailable' });
      expect(JSON.stringify(answer)).not.toMatch(/oauth-secret-123|basic-secret-456|tok-/);
    }
  });
});

describe('KohaClient with OAuth2', () => {
  it('caches the token and asks for a new one a minute before it expires', async () => {
    const koha = new FakeKohaServer(CREDENTIALS);
    koha.patrons.push({ patron_id: 1, cardnumber: '1', password: 'x', firstname: '', surname: '', restricted: false, expiry_date: '2030-01-01', patron_card_lost: false, checkouts_count: 0, balance: 0 });
    koha.tokenLifetime = 600;
    let clock = 0;
    const system = new KohaLibrarySystem(new KohaClient({ baseUrl: await koha.start(), auth: { kind: 'oauth2', clientId: CREDENTIALS.clientId, clientSecret: CREDENTIALS.clientSecret }, now: () => clock }));
    await Promise.all([system.standing({ ilsPatronId: '1', cardNumber: '1' }), system.standing({ ilsPatronId: '1', cardNumber: '1' })]);
    clock = 530_000;
    await system.standing({ ilsPatronId: '1', cardNumber: '1' });
    expect(koha.tokens).toEqual(['tok-1']);
    clock = 541_000;
    await system.standing({ ilsPatronId: '1', cardNumber: '1' });
    expect(koha.tokens).toEqual(['tok-1', 'tok-2']);
    expect(koha.log.filter((l) => l.route.startsWith('GET')).map((l) => l.authorization)).toEqual([...Array(6).fill('Bearer tok-1'), 'Bearer tok-2', 'Bearer tok-2']);
    await koha.stop();
  });
});
