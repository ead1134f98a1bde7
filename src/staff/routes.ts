import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { clientAddress } from '../channels/client-address';
import { registerWebChatConnector, type WebChatKeys } from '../channels/web-chat/connector';
import type { Refusal } from '../domain/decision';
import { isOrderStatus, nextStatuses, OPEN_STATUSES, type OrderStatus } from '../domain/order-status';
import type { OrderView } from '../domain/ports/staff-order-repository';
import { isLocalDate, type LocalDate } from '../domain/rules/local-time';
import { cardAlarms } from '../domain/services/sign-in-lockouts';
import type { LibraryInfo } from '../domain/types';
import type { PolicyLookup } from '../domain/policy/policies';
import { tFor } from '../i18n/init';
import type { Logger } from '../logging';
import { appointmentIcs } from '../notifications/ics';
import { staffPasswordHasher } from '../persistence/scrypt-pin-hasher';
import { loginOriginOk } from './login-origin';
import { staffOpenApi } from './openapi';
import { loginPage, orderPage, queuePage, type PageContext } from './pages';
import type { PickupAssembly } from './pickup-services';
import { StaffAuth, type StaffSession } from './staff-auth';

export interface StaffRouteDeps {
  pickup: PickupAssembly;
  adapter: CloudAdapter;
  webChatKeys: WebChatKeys;
  library(libraryId: string): LibraryInfo;
  log: Logger;
  /** Staff password hashes; the production cost unless a test passes a cheaper one. */
  auth?: StaffAuth;
  /** Whether the library's holds go to its own system (issue 20): the order page shows each hold's ILS id. */
  usesIls?: (libraryId: string) => boolean;
}

export const COOKIE = 'staff_session';
/** Longest staff note or reason kept: a paragraph, not a pasted document (it is shown on every order page). */
export const MAX_NOTE = 2000;
/** A row version as the API returns it; anything else (1e300, 0.5, "1") cannot be one and is a bad request. */
export const isVersion = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;
const REF = /^\d{7}$/;

/**
 * The staff side: server-rendered pages at /staff (no build step, works offline, forms carry
 * the CSRF token, no JavaScript needed) and the same operations as JSON under /api/staff/,
 * plus the patrons' calendar files and the web chat connector that carries notifications.
 */
export function registerStaffRoutes(server: Server, deps: StaffRouteDeps): void {
  const { pickup } = deps;
  const auth = deps.auth ?? new StaffAuth(pickup.staff, staffPasswordHasher(), pickup.signInAttempts, pickup.now);
  server.server.on('listening', () => {
    const address = server.address() as AddressInfo;
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    pickup.publicUrl.value ??= `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  });
  registerWebChatConnector(server, { push: (c, a) => pickup.notifications.pushOutbox(c, a), read: (c, after) => pickup.notifications.readOutbox(c, after) }, deps.webChatKeys);
  const calendarUrl = (token: string) => `${pickup.publicUrl.value ?? ''}/appointments/${token}.ics`;

  const { languageOf, context, session } = staffPages(auth, deps.library, pickup.policyFor);
  const actor = (s: StaffSession) => `staff:${s.staff.id}`;

  // ---- pages ----------------------------------------------------------------------------
  server.get('/staff/login', async (req: Request, res: Response) => {
    const language = loginLanguage(req);
    const t = tFor(language, 'staff');
    const expired = (req.query as Record<string, unknown> | undefined)?.expired;
    html(res, 200, loginPage({ t, language, libraryName: '' }, expired ? t('login.expired') : undefined));
  });

  server.post('/staff/login', async (req: Request, res: Response) => {
    if (!loginOriginOk(req.headers, pickup.publicUrl.value)) {
      const language = loginLanguage(req);
      const t = tFor(language, 'staff');
      html(res, 403, loginPage({ t, language, libraryName: '' }, t('login.cross_site')));
      return;
    }
    const body = formBody(req);
    const result = await auth.login(body.username ?? '', body.password ?? '', { kind: 'address', id: clientAddress(req) });
    if (!result.allowed) {
      const language = loginLanguage(req);
      const t = tFor(language, ['staff', 'reasons']);
      const limited = result.reason === 'staff.login_limited';
      html(res, limited ? 429 : 401, loginPage({ t, language, libraryName: '' }, limited ? t(result.reason, { ns: 'reasons', ...result.params }) : t('login.failed')));
      return;
    }
    setSessionCookie(req, res, result.session.token);
    redirect(res, '/staff');
  });

  server.post('/staff/logout', async (req: Request, res: Response) => {
    const s = await session(req);
    if (s && !csrfOk(s, formBody(req)._csrf)) { html(res, 403, 'CSRF'); return; }
    if (s) await auth.logout(s.token);
    res.header('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    redirect(res, '/staff/login');
  });

  server.get('/staff', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const query = (req.query ?? {}) as Record<string, unknown>;
    const day = dayOf(query);
    const filter = {
      status: typeof query.status === 'string' && (query.status === 'all' || isOrderStatus(query.status)) ? query.status : undefined,
      branch: typeof query.branch === 'string' && query.branch ? query.branch : undefined,
      day: day.ok ? day.day : undefined,
    };
    const libraryId = s.staff.libraryId;
    const branches = await pickup.staff.branches(libraryId);
    const [rows, waiting, schedule, lockouts] = await Promise.all([
      pickup.listQueue.queue({ libraryId, statuses: statusesOf(filter.status), branchId: branches.some((b) => b.id === filter.branch) ? filter.branch : undefined, pickupDay: filter.day }),
      pickup.listQueue.queue({ libraryId, statuses: ['waiting_outside'] }),
      pickup.listQueue.schedule(libraryId, filter.day),
      pickup.lockouts.list(libraryId),
    ]);
    // A day that is no day: the queue without that filter, and the staff member told why.
    html(res, day.ok ? 200 : 400, queuePage(context(s), { rows, waiting, branches, filter, schedule, error: day.ok ? undefined : context(s).t('filter.bad_day'), alarms: cardAlarms(lockouts) }));
  });

  const renderOrder = async (res: Response, s: StaffSession, order: OrderView, code = 200, messages: { flash?: string; error?: string } = {}) => {
    const branches = [...new Map(order.items.map((i) => [i.branchId, i.branchName])).entries()];
    const slots = await Promise.all(branches.map(async ([branchId, branchName]) => ({
      branchId, branchName, free: OPEN_STATUSES.includes(order.status) ? await pickup.bookAppointment.nextFree(order.libraryId, branchId, 24) : [],
    })));
    html(res, code, orderPage(context(s), {
      order, slots, staffNames: await pickup.staff.names(order.libraryId), notifications: await pickup.notifications.list(order.id),
      now: pickup.now(), calendarUrl, ilsLibrary: deps.usesIls?.(order.libraryId) ?? false, ...messages,
    }));
  };

  server.get('/staff/orders/:ref', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const order = await findOrder(s, req.params.ref);
    if (!order) { html(res, 404, context(s).t('order.not_found', { ns: 'reasons' })); return; }
    const done = (req.query as Record<string, unknown> | undefined)?.done;
    await renderOrder(res, s, order, 200, { flash: done === 'appointment' ? context(s).t('order.appointment_booked') : done ? context(s).t('order.done') : undefined });
  });

  /** A form post: signed in, the right CSRF token, and an order of this library. */
  const formAction = (handle: (s: StaffSession, order: OrderView, body: Record<string, string>, res: Response) => Promise<void>) =>
    staffFormPost(session, (s) => context(s).t('login.expired'), async (s, body, req, res) => {
      const order = await findOrder(s, req.params.ref);
      if (!order) { html(res, 404, context(s).t('order.not_found', { ns: 'reasons' })); return; }
      await handle(s, order, body, res);
    });

  const refusalText = (s: StaffSession, r: Refusal<string>) => {
    const t = context(s).t;
    const params = { ...r.params } as Record<string, string | number>;
    if (typeof params.from === 'string') params.from = t(`status.${params.from}`);
    if (typeof params.to === 'string') params.to = t(`status.${params.to}`);
    return t(r.reason, { ns: 'reasons', ...params, phone: deps.library(s.staff.libraryId).phone });
  };

  server.post('/staff/orders/:ref/transition', formAction(async (s, order, body, res) => {
    const to = body.to ?? '';
    if (!isOrderStatus(to)) { html(res, 400, 'to'); return; }
    const note = to === 'cancelled' ? (body.note?.trim() || body.reason || '') : body.note;
    if ((note ?? '').length > MAX_NOTE) { html(res, 400, 'note'); return; }
    const result = await pickup.transitionOrder.run({ libraryId: s.staff.libraryId, ref: order.ref, to, actor: actor(s), note, expectedVersion: Number(body.version) });
    if (result.allowed) { redirect(res, `/staff/orders/${order.ref}?done=1`); return; }
    const fresh = (await findOrder(s, order.ref)) ?? order;
    await renderOrder(res, s, fresh, statusFor(result.reason), { error: refusalText(s, result) });
  }));

  server.post('/staff/orders/:ref/appointment', formAction(async (s, order, body, res) => {
    if (Number(body.version) !== order.version) {
      await renderOrder(res, s, order, 409, { error: refusalText(s, { allowed: false, reason: 'order.changed' }) });
      return;
    }
    const startsAt = new Date(body.startsAt ?? '');
    const result = await pickup.bookAppointment.run({ libraryId: s.staff.libraryId, ref: order.ref, branchId: body.branch ?? '', startsAt, actor: actor(s) });
    if (result.allowed) { redirect(res, `/staff/orders/${order.ref}?done=appointment`); return; }
    await renderOrder(res, s, (await findOrder(s, order.ref)) ?? order, statusFor(result.reason), { error: refusalText(s, result) });
  }));

  server.post('/staff/orders/:ref/note', formAction(async (s, order, body, res) => {
    if ((body.note ?? '').length > MAX_NOTE) { html(res, 400, 'note'); return; }
    const result = await pickup.transitionOrder.addNote(s.staff.libraryId, order.ref, Number(body.version), actor(s), body.note ?? '');
    if (result.allowed) { redirect(res, `/staff/orders/${order.ref}?done=1`); return; }
    await renderOrder(res, s, (await findOrder(s, order.ref)) ?? order, statusFor(result.reason), { error: refusalText(s, result) });
  }));

  // ---- JSON API -------------------------------------------------------------------------
  server.get('/api/staff/openapi.json', async (_req: Request, res: Response) => { res.send(200, staffOpenApi()); });

  server.post('/api/staff/session', async (req: Request, res: Response) => {
    // Refused before anything is checked or counted: the guess never reached a password.
    if (!loginOriginOk(req.headers, pickup.publicUrl.value)) { apiError(res, 403, 'staff.cross_site', tFor(loginLanguage(req), 'staff')('login.cross_site')); return; }
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    const result = await auth.login(String(body.username ?? ''), String(body.password ?? ''), { kind: 'address', id: clientAddress(req) });
    if (!result.allowed && result.reason === 'staff.login_limited') {
      res.header('retry-after', String(Number(result.params?.count ?? 1) * 60));
      apiError(res, 429, result.reason, tFor(loginLanguage(req), 'reasons')(result.reason, result.params));
      return;
    }
    if (!result.allowed) { apiError(res, 401, 'staff.invalid_login', tFor(loginLanguage(req), 'staff')('login.failed')); return; }
    const s = result.session;
    setSessionCookie(req, res, s.token);
    res.send(200, { staff: s.staff, csrfToken: s.csrfToken, language: languageOf(s) });
  });

  /** An API call: a session, and for anything that changes state the CSRF header. */
  const api = (handle: (s: StaffSession, req: Request, res: Response) => Promise<void>, changes = false) => async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    if (changes && !csrfOk(s, req.header('x-csrf-token'))) { apiError(res, 403, 'staff.csrf', 'missing or wrong x-csrf-token'); return; }
    await handle(s, req, res);
  };
  const badDay = (res: Response, s: StaffSession) => apiError(res, 400, 'staff.bad_day', context(s).t('filter.bad_day'));
  const apiRefusal = (res: Response, s: StaffSession, r: Refusal<string> & { alternatives?: Date[] }) =>
    apiError(res, statusFor(r.reason), r.reason, refusalText(s, r), r.alternatives?.map((d) => d.toISOString()));

  server.get('/api/staff/session', api(async (s, _req, res) => { res.send(200, { staff: s.staff, csrfToken: s.csrfToken, language: languageOf(s) }); }));
  server.del('/api/staff/session', api(async (s, _req, res) => {
    await auth.logout(s.token);
    res.header('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
    res.send(204);
  }, true));

  server.get('/api/staff/orders', api(async (s, req, res) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    const status = typeof query.status === 'string' && (query.status === 'all' || isOrderStatus(query.status)) ? query.status : undefined;
    const day = dayOf(query);
    if (!day.ok) { badDay(res, s); return; }
    const rows = await pickup.listQueue.queue({ libraryId: s.staff.libraryId, statuses: statusesOf(status), branchId: typeof query.branch === 'string' && query.branch ? query.branch : undefined, pickupDay: day.day });
    res.send(200, { orders: rows.map(({ id: _id, ...row }) => row) });
  }));

  server.get('/api/staff/orders/:ref', api(async (s, req, res) => {
    const order = await findOrder(s, req.params.ref);
    if (!order) { apiError(res, 404, 'order.not_found', context(s).t('order.not_found', { ns: 'reasons' })); return; }
    res.send(200, orderJson(order, calendarUrl));
  }));

  server.post('/api/staff/orders/:ref/transitions', api(async (s, req, res) => {
    const body = (req.body ?? {}) as { to?: unknown; note?: unknown; version?: unknown };
    if (typeof body.to !== 'string' || !isOrderStatus(body.to) || !isVersion(body.version)) {
      apiError(res, 400, 'bad_request', 'to (a status) and version (a number) are required'); return;
    }
    if (body.note !== undefined && (typeof body.note !== 'string' || body.note.length > MAX_NOTE)) {
      apiError(res, 400, 'bad_request', `note must be a text of at most ${MAX_NOTE} characters`); return;
    }
    const ref = String(req.params.ref);
    if (!REF.test(ref)) { apiError(res, 404, 'order.not_found', context(s).t('order.not_found', { ns: 'reasons' })); return; }
    const result = await pickup.transitionOrder.run({
      libraryId: s.staff.libraryId, ref, to: body.to, actor: actor(s), note: typeof body.note === 'string' ? body.note : undefined, expectedVersion: body.version,
    });
    if (!result.allowed) { apiRefusal(res, s, result); return; }
    res.send(200, orderJson(result.order, calendarUrl));
  }, true));

  server.post('/api/staff/orders/:ref/notes', api(async (s, req, res) => {
    const body = (req.body ?? {}) as { note?: unknown; version?: unknown };
    if (typeof body.note !== 'string' || !isVersion(body.version)) { apiError(res, 400, 'bad_request', 'note and version are required'); return; }
    if (body.note.length > MAX_NOTE) { apiError(res, 400, 'bad_request', `note must be at most ${MAX_NOTE} characters`); return; }
    const order = await findOrder(s, req.params.ref);
    if (!order) { apiError(res, 404, 'order.not_found', context(s).t('order.not_found', { ns: 'reasons' })); return; }
    const result = await pickup.transitionOrder.addNote(s.staff.libraryId, order.ref, body.version, actor(s), body.note);
    if (!result.allowed) { apiRefusal(res, s, result); return; }
    res.send(200, orderJson((await findOrder(s, order.ref))!, calendarUrl));
  }, true));

  server.get('/api/staff/orders/:ref/slots', api(async (s, req, res) => {
    const order = await findOrder(s, req.params.ref);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const branch = String(query.branch ?? '');
    if (!order || !order.items.some((i) => i.branchId === branch)) { apiError(res, 404, 'order.not_found', context(s).t('order.not_found', { ns: 'reasons' })); return; }
    const day = dayOf(query);
    if (!day.ok) { badDay(res, s); return; }
    const slots = day.day
      ? await pickup.bookAppointment.freeOn(order.libraryId, branch, day.day)
      : await pickup.bookAppointment.nextFree(order.libraryId, branch, 24);
    res.send(200, { slots: slots.map((d) => d.toISOString()) });
  }));

  server.put('/api/staff/orders/:ref/appointments/:branch', api(async (s, req, res) => {
    const body = (req.body ?? {}) as { startsAt?: unknown };
    const startsAt = new Date(typeof body.startsAt === 'string' ? body.startsAt : NaN);
    if (Number.isNaN(startsAt.getTime())) { apiError(res, 400, 'bad_request', 'startsAt (ISO date-time) is required'); return; }
    const order = await findOrder(s, req.params.ref);
    if (!order) { apiError(res, 404, 'order.not_found', context(s).t('order.not_found', { ns: 'reasons' })); return; }
    const result = await pickup.bookAppointment.run({ libraryId: s.staff.libraryId, ref: order.ref, branchId: String(req.params.branch), startsAt, actor: actor(s) });
    if (!result.allowed) { apiRefusal(res, s, result); return; }
    res.send(200, { ...result.appointment, calendarUrl: calendarUrl(result.appointment.icsToken) });
  }, true));

  server.get('/api/staff/schedule', api(async (s, req, res) => {
    const day = dayOf((req.query ?? {}) as Record<string, unknown>);
    if (!day.ok) { badDay(res, s); return; }
    const schedule = await pickup.listQueue.schedule(s.staff.libraryId, day.day);
    res.send(200, { day: schedule.day, appointments: schedule.rows });
  }));

  // ---- the patron's calendar file -------------------------------------------------------
  server.get('/appointments/:file', async (req: Request, res: Response) => {
    const token = String(req.params.file ?? '').replace(/\.ics$/, '');
    const found = /^[\w-]{16,64}$/.test(token) ? await pickup.appointments.byIcsToken(token) : undefined;
    if (!found || found.appointment.status !== 'booked') { res.send(404, { error: 'not found' }); return; }
    const t = tFor(found.language === 'hu' ? 'hu' : 'el', 'pickup');
    const body = appointmentIcs({
      uid: `appointment-${found.appointment.id}@library-booking-bot`, start: found.appointment.startsAt, end: found.appointment.endsAt, stamp: pickup.now(),
      summary: t('ics.summary', { branch: found.appointment.branchName }), description: t('ics.description', { ref: found.orderRef }),
      location: `${found.appointment.branchName}, ${found.branchAddress}`,
    });
    res.writeHead(200, { 'content-type': 'text/calendar; charset=utf-8', 'content-disposition': `attachment; filename="${found.orderRef}.ics"`, 'cache-control': 'no-store' });
    res.end(body);
  });

  async function findOrder(s: StaffSession, ref: unknown): Promise<OrderView | undefined> {
    // Scoped by library: another library's reference is simply not found.
    return typeof ref === 'string' && REF.test(ref) ? pickup.listQueue.order(s.staff.libraryId, ref) : undefined;
  }
}

/**
 * The `day` of a query: absent (or left empty in the filter form), a real day, or not a day at
 * all ("9999-99-99" once reached the date arithmetic and came back as a 500).
 */
function dayOf(query: Record<string, unknown>): { ok: true; day?: LocalDate } | { ok: false } {
  const { day } = query;
  if (day === undefined || day === '') return { ok: true };
  return typeof day === 'string' && isLocalDate(day) ? { ok: true, day } : { ok: false };
}

function statusesOf(filter: string | undefined): OrderStatus[] | undefined {
  if (filter === 'all') return undefined;
  if (filter && isOrderStatus(filter)) return [filter];
  return [...OPEN_STATUSES];
}

function statusFor(reason: string): number {
  if (reason === 'order.not_found') return 404;
  if (reason === 'order.changed' || reason === 'pickup.slot_full') return 409;
  return 422;
}

export function orderJson(order: OrderView, calendarUrl: (token: string) => string) {
  const { id: _id, patron, appointments, ...rest } = order;
  return {
    ...rest, nextStatuses: nextStatuses(order.status),
    patron: { name: patron.name, cardNumber: patron.cardNumber, phone: patron.phone, status: patron.status, activeHolds: patron.activeHolds, loansCount: patron.loansCount },
    appointments: appointments.map(({ icsToken, orderId: _o, ...a }) => ({ ...a, calendarUrl: calendarUrl(icsToken) })),
  };
}

export function html(res: Response, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin',
    'content-security-policy': "default-src 'none'; style-src 'unsafe-inline'; img-src 'self'; form-action 'self'; frame-ancestors 'none'",
  });
  res.end(body);
}

export function redirect(res: Response, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

export function apiError(res: Response, status: number, error: string, message: string, alternatives?: string[]): void {
  res.send(status, { error, message, ...(alternatives ? { alternatives } : {}) });
}

export function formBody(req: Request): Record<string, string> {
  const body = req.body as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * A staff form post: no session (or an expired one) goes to the login page, a missing or wrong
 * CSRF token gets 403 with `expired`'s text, and only then does `handle` run. Every page that
 * changes something goes through here, so none can forget a check.
 */
export function staffFormPost(
  session: (req: Request) => Promise<StaffSession | undefined>,
  expired: (s: StaffSession) => string,
  handle: (s: StaffSession, body: Record<string, string>, req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login?expired=1'); return; }
    const body = formBody(req);
    if (!csrfOk(s, body._csrf)) { html(res, 403, expired(s)); return; }
    await handle(s, body, req, res);
  };
}

/**
 * What every staff route module reads a request with: the session behind its cookie, and the
 * context its pages are rendered in (the library's language, the staff member, the CSRF token).
 */
export function staffPages(auth: StaffAuth, library: (id: string) => LibraryInfo, policyFor: PolicyLookup, namespaces: readonly string[] = ['staff', 'reasons']) {
  const languageOf = (s: StaffSession) => library(s.staff.libraryId).defaultLanguage;
  return {
    languageOf,
    session: (req: Request) => auth.authenticate(readCookie(req, COOKIE)),
    context: (s: StaffSession): PageContext => ({
      t: tFor(languageOf(s), namespaces), language: languageOf(s), libraryName: library(s.staff.libraryId).name,
      staffName: s.staff.name, csrfToken: s.csrfToken, policy: policyFor(s.staff.libraryId),
    }),
  };
}

export function csrfOk(s: StaffSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(s.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

function setSessionCookie(req: Request, res: Response, token: string): void {
  const secure = process.env.STAFF_COOKIE_SECURE === '1' || req.headers['x-forwarded-proto'] === 'https';
  res.header('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${8 * 3600}${secure ? '; Secure' : ''}`);
}

function loginLanguage(req: Request): 'el' | 'hu' {
  const query = (req.query as Record<string, unknown> | undefined)?.lang;
  if (query === 'hu' || query === 'el') return query;
  return (req.headers['accept-language'] ?? '').toLowerCase().startsWith('hu') ? 'hu' : 'el';
}
