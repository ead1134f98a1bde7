import type { Request, Response, Server } from 'restify';
import type { Refusal } from '../domain/decision';
import type { SignInSource } from '../domain/ports/sign-in-attempts';
import type { Lockouts } from '../domain/services/sign-in-lockouts';
import type { LibraryInfo } from '../domain/types';
import type { Logger } from '../logging';
import { staffPasswordHasher } from '../persistence/scrypt-pin-hasher';
import { lockoutPage, type LockoutPageData } from './lockout-pages';
import type { PickupAssembly } from './pickup-services';
import { apiError, csrfOk, html, redirect, staffFormPost } from './http';
import { staffPages } from './staff-request';
import { StaffAuth, type StaffSession } from './staff-auth';

export interface LockoutRouteDeps {
  pickup: PickupAssembly;
  library(libraryId: string): LibraryInfo;
  log: Logger;
  auth?: StaffAuth;
}

/** Patron sign-in sources staff can lift; staff logins ('username') are not theirs to lift. */
const KINDS: readonly SignInSource['kind'][] = ['phone', 'address', 'user'];

/**
 * Sign-in lockouts (issue 8) for staff of the library concerned: a page at /staff/lockouts and
 * JSON at /api/staff/lockouts. Card numbers and callers' numbers travel in request bodies, never
 * in URLs; every lift is logged with the staff member's id and what kind of lock it was.
 */
export function registerLockoutRoutes(server: Server, deps: LockoutRouteDeps): void {
  const { pickup } = deps;
  const { lockouts } = pickup;
  const auth = deps.auth ?? new StaffAuth(pickup.staff, staffPasswordHasher(), pickup.signInAttempts, pickup.now);
  const { context, session } = staffPages(auth, deps.library, deps.pickup.policyFor);
  const refusalText = (s: StaffSession, r: Refusal<string>) => context(s).t(r.reason, { ns: 'reasons', ...r.params });
  const audit = (s: StaffSession, lock: 'card' | SignInSource['kind']) =>
    deps.log.info({ staffId: s.staff.id, libraryId: s.staff.libraryId, lock }, 'sign-in lockout lifted');
  const page = async (s: StaffSession, res: Response, code: number, messages: Omit<LockoutPageData, 'lockouts'> = {}) =>
    html(res, code, lockoutPage(context(s), { lockouts: await lockouts.list(s.staff.libraryId), ...messages }));

  // ---- pages ----------------------------------------------------------------------------
  server.get('/staff/lockouts', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const done = (req.query as Record<string, unknown> | undefined)?.done;
    await page(s, res, 200, done ? { flash: context(s).t('lockouts.lifted') } : {});
  });

  /** A form post: signed in and the right CSRF token. */
  const form = (handle: (s: StaffSession, body: Record<string, string>, res: Response) => Promise<void>) =>
    staffFormPost(session, (s) => context(s).t('login.expired'), (s, body, _req, res) => handle(s, body, res));

  server.post('/staff/lockouts/cards/clear', form(async (s, body, res) => {
    const result = await lockouts.clearCard(s.staff.libraryId, cardOf(body));
    if (!result.allowed) { await page(s, res, 404, { error: refusalText(s, result) }); return; }
    audit(s, 'card');
    redirect(res, '/staff/lockouts?done=1');
  }));

  server.post('/staff/lockouts/sources/clear', form(async (s, body, res) => {
    const source = sourceOf(body);
    const result = source ? await lockouts.clearSource(s.staff.libraryId, source) : undefined;
    if (!result?.allowed) { await page(s, res, result ? 404 : 400, { error: refusalText(s, result ?? { allowed: false, reason: 'lockout.not_found' }) }); return; }
    audit(s, source!.kind);
    redirect(res, '/staff/lockouts?done=1');
  }));

  // ---- JSON API -------------------------------------------------------------------------
  const api = (handle: (s: StaffSession, req: Request, res: Response) => Promise<void>, changes = false) => async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    if (changes && !csrfOk(s, req.header('x-csrf-token'))) { apiError(res, 403, 'staff.csrf', 'missing or wrong x-csrf-token'); return; }
    await handle(s, req, res);
  };

  server.get('/api/staff/lockouts', api(async (s, _req, res) => {
    res.send(200, lockoutsJson(await lockouts.list(s.staff.libraryId)));
  }));

  server.post('/api/staff/lockouts/cards/clear', api(async (s, req, res) => {
    const cardNumber = cardOf(req.body);
    if (!cardNumber) { apiError(res, 400, 'bad_request', 'cardNumber is required'); return; }
    const result = await lockouts.clearCard(s.staff.libraryId, cardNumber);
    if (!result.allowed) { apiError(res, 404, result.reason, refusalText(s, result)); return; }
    audit(s, 'card');
    res.send(200, lockoutsJson(await lockouts.list(s.staff.libraryId)));
  }, true));

  server.post('/api/staff/lockouts/sources/clear', api(async (s, req, res) => {
    const source = sourceOf(req.body);
    if (!source) { apiError(res, 400, 'bad_request', `kind (${KINDS.join(', ')}) and id are required`); return; }
    const result = await lockouts.clearSource(s.staff.libraryId, source);
    if (!result.allowed) { apiError(res, 404, result.reason, refusalText(s, result)); return; }
    audit(s, source.kind);
    res.send(200, lockoutsJson(await lockouts.list(s.staff.libraryId)));
  }, true));
}

export function lockoutsJson(l: Lockouts) {
  return {
    cards: l.cards.map((c) => ({
      cardNumber: c.cardNumber, patronName: c.patronName, lockedUntil: c.lockedUntil.toISOString(), everywhere: !c.from,
      ...(c.from ? { from: { kind: c.from.kind, id: c.from.id } } : {}), failuresLastDay: c.failuresLastDay,
    })),
    sources: l.sources.map((s) => ({
      kind: s.source.kind, id: s.source.id, failuresLastQuarterHour: s.failures[0] ?? 0, failuresLastDay: s.failures[1] ?? 0,
      lastFailureAt: s.lastFailureAt.toISOString(), limitedUntil: s.limitedUntil?.toISOString() ?? null,
    })),
  };
}

function cardOf(body: unknown): string {
  const value = (body as { cardNumber?: unknown } | undefined)?.cardNumber;
  return typeof value === 'string' || typeof value === 'number' ? String(value).replace(/[\s-]/g, '') : '';
}

function sourceOf(body: unknown): SignInSource | undefined {
  const { kind, id } = (body ?? {}) as { kind?: unknown; id?: unknown };
  return typeof kind === 'string' && (KINDS as readonly string[]).includes(kind) && typeof id === 'string' && id.length > 0 && id.length <= 200
    ? { kind: kind as SignInSource['kind'], id }
    : undefined;
}
