import type { Request, Response, Server } from 'restify';
import type { Refusal } from '../domain/decision';
import type { PatronDataRepository } from '../domain/ports/patron-data-repository';
import { PatronData } from '../domain/services/patron-data';
import type { LibraryInfo } from '../domain/types';
import { money } from '../dialogs/ill-format';
import type { Logger } from '../logging';
import type { Db } from '../persistence/prisma-client';
import { PrismaPatronDataRepository } from '../persistence/prisma-patron-data-repository';
import { staffPasswordHasher } from '../persistence/scrypt-pin-hasher';
import { patronDataPage, type PatronDataPageData } from './patron-data-pages';
import type { PickupAssembly } from './pickup-services';
import { apiError, csrfOk, html, redirect, staffFormPost } from './http';
import { staffPages } from './staff-request';
import { StaffAuth, type StaffSession } from './staff-auth';

export interface PatronDataRouteDeps {
  db: Db;
  pickup: PickupAssembly;
  library(libraryId: string): LibraryInfo;
  log: Logger;
  auth?: StaffAuth;
  patrons?: PatronDataRepository;
}

/**
 * GDPR access and erasure requests (issue 8), for staff of the patron's own library: pages at
 * /staff/patrons and JSON at /api/staff/patrons/*. Every request is a POST with the card number
 * in the body (never in a URL) and the CSRF token; each export and erasure is logged for the
 * audit with the staff member's and the patron's ids, never the card number or the name.
 */
export function registerPatronDataRoutes(server: Server, deps: PatronDataRouteDeps): void {
  const { pickup } = deps;
  const auth = deps.auth ?? new StaffAuth(pickup.staff, staffPasswordHasher(), pickup.signInAttempts, pickup.now);
  const repository = deps.patrons ?? new PrismaPatronDataRepository(deps.db);
  const patronData = new PatronData(repository, pickup.now);
  const { context, session } = staffPages(auth, deps.library, deps.pickup.policyFor);
  const actor = (s: StaffSession) => `staff:${s.staff.id}`;
  const refusalText = (s: StaffSession, r: Refusal<string>) => {
    const params = r.reason === 'patron.erase_unpaid' ? money(deps.library(s.staff.libraryId).currency, { amount: Number(r.params?.amount ?? 0) }) : r.params;
    return context(s).t(r.reason, { ns: 'reasons', ...params });
  };
  const statusOf = (r: Refusal<string>) => (r.reason === 'patron.not_found' ? 404 : 409);
  const cardOf = (body: unknown) => {
    const value = (body as { cardNumber?: unknown } | undefined)?.cardNumber;
    return typeof value === 'string' || typeof value === 'number' ? String(value).trim() : '';
  };
  const audit = (s: StaffSession, patronId: number, action: 'export' | 'erase') =>
    deps.log.info({ staffId: s.staff.id, libraryId: s.staff.libraryId, patronId, action }, `patron data ${action}`);

  // ---- pages ----------------------------------------------------------------------------
  const page = (s: StaffSession, res: Response, code: number, data: PatronDataPageData) => html(res, code, patronDataPage(context(s), data));

  /** A form post: signed in and the right CSRF token. */
  const form = (handle: (s: StaffSession, body: Record<string, string>, res: Response) => Promise<void>) =>
    staffFormPost(session, (s) => context(s).t('login.expired'), (s, body, _req, res) => handle(s, body, res));

  server.get('/staff/patrons', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    page(s, res, 200, {});
  });

  server.post('/staff/patrons', form(async (s, body, res) => {
    const cardNumber = cardOf(body);
    const found = await patronData.export(s.staff.libraryId, cardNumber);
    if (!found.allowed) { page(s, res, statusOf(found), { cardNumber, error: refusalText(s, found) }); return; }
    const { data } = found;
    page(s, res, 200, { cardNumber, subject: { name: String(data.patron.name ?? ''), orders: data.orders.length, illRequests: data.illRequests.length } });
  }));

  server.post('/staff/patrons/export', form(async (s, body, res) => {
    const cardNumber = cardOf(body);
    const found = await patronData.export(s.staff.libraryId, cardNumber);
    if (!found.allowed) { page(s, res, statusOf(found), { cardNumber, error: refusalText(s, found) }); return; }
    sendExport(res, found.data);
    audit(s, found.patronId, 'export');
  }));

  server.post('/staff/patrons/erase', form(async (s, body, res) => {
    const cardNumber = cardOf(body);
    if (body.confirm !== '1') { page(s, res, 400, { cardNumber, error: context(s).t('patron_data.confirm_missing') }); return; }
    const result = await patronData.erase(s.staff.libraryId, cardNumber, actor(s));
    if (!result.allowed) { page(s, res, statusOf(result), { cardNumber, error: refusalText(s, result) }); return; }
    audit(s, result.summary.patronId, 'erase');
    page(s, res, 200, { erased: result.summary });
  }));

  // ---- JSON API -------------------------------------------------------------------------
  const api = (handle: (s: StaffSession, req: Request, res: Response) => Promise<void>) => async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    if (!csrfOk(s, req.header('x-csrf-token'))) { apiError(res, 403, 'staff.csrf', 'missing or wrong x-csrf-token'); return; }
    await handle(s, req, res);
  };

  server.post('/api/staff/patrons/personal-data', api(async (s, req, res) => {
    const cardNumber = cardOf(req.body);
    if (!cardNumber) { apiError(res, 400, 'bad_request', 'cardNumber is required'); return; }
    const found = await patronData.export(s.staff.libraryId, cardNumber);
    if (!found.allowed) { apiError(res, statusOf(found), found.reason, refusalText(s, found)); return; }
    sendExport(res, found.data);
    audit(s, found.patronId, 'export');
  }));

  server.post('/api/staff/patrons/erasure', api(async (s, req, res) => {
    const body = (req.body ?? {}) as { confirm?: unknown };
    const cardNumber = cardOf(req.body);
    if (!cardNumber || body.confirm !== true) { apiError(res, 400, 'bad_request', 'cardNumber and confirm: true are required'); return; }
    const result = await patronData.erase(s.staff.libraryId, cardNumber, actor(s));
    if (!result.allowed) { apiError(res, statusOf(result), result.reason, refusalText(s, result)); return; }
    audit(s, result.summary.patronId, 'erase');
    const { patronId: _id, ...summary } = result.summary;
    res.send(200, summary);
  }));
}

function sendExport(res: Response, data: unknown): void {
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store',
    'content-disposition': 'attachment; filename="patron-data.json"',
  });
  res.end(JSON.stringify(data, null, 2));
}
