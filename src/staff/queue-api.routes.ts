import type { Request, Response, Server } from 'restify';
import type { Refusal } from '../domain/decision';
import { isOrderStatus } from '../domain/order-status';
import { apiError, csrfOk, isVersion, MAX_NOTE } from './http';
import { staffOpenApi } from './openapi';
import { dayOf, orderJson, queueFilter, REF, statusesOf, statusFor, type QueueRouteContext } from './queue-common';
import type { StaffSession } from './staff-auth';

/** The queue as JSON under /api/staff/ (described by /api/staff/openapi.json). */
export function registerQueueApi(server: Server, { pickup, pages, calendarUrl, actor, findOrder, refusalText }: QueueRouteContext): void {
  const { session, context } = pages;
  server.get('/api/staff/openapi.json', async (_req: Request, res: Response) => { res.send(200, staffOpenApi()); });

  /** An API call: a session, and for anything that changes state the CSRF header. */
  const api = (handle: (s: StaffSession, req: Request, res: Response) => Promise<void>, changes = false) => async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    if (changes && !csrfOk(s, req.header('x-csrf-token'))) { apiError(res, 403, 'staff.csrf', 'missing or wrong x-csrf-token'); return; }
    await handle(s, req, res);
  };
  const badDay = (res: Response, s: StaffSession) => apiError(res, 400, 'staff.bad_day', context(s).t('filter.bad_day'));
  const notFound = (res: Response, s: StaffSession) => apiError(res, 404, 'order.not_found', context(s).t('order.not_found', { ns: 'reasons' }));
  const apiRefusal = (res: Response, s: StaffSession, r: Refusal<string> & { alternatives?: Date[] }) =>
    apiError(res, statusFor(r.reason), r.reason, refusalText(s, r), r.alternatives?.map((d) => d.toISOString()));

  server.get('/api/staff/orders', api(async (s, req, res) => {
    const { day, filter } = queueFilter((req.query ?? {}) as Record<string, unknown>);
    if (!day.ok) { badDay(res, s); return; }
    const rows = await pickup.listQueue.queue({ libraryId: s.staff.libraryId, statuses: statusesOf(filter.status), branchId: filter.branch, pickupDay: filter.day });
    res.send(200, { orders: rows.map(({ id: _id, ...row }) => row) });
  }));

  server.get('/api/staff/orders/:ref', api(async (s, req, res) => {
    const order = await findOrder(s, req.params.ref);
    if (!order) { notFound(res, s); return; }
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
    if (!REF.test(ref)) { notFound(res, s); return; }
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
    if (!order) { notFound(res, s); return; }
    const result = await pickup.transitionOrder.addNote(s.staff.libraryId, order.ref, body.version, actor(s), body.note);
    if (!result.allowed) { apiRefusal(res, s, result); return; }
    res.send(200, orderJson((await findOrder(s, order.ref))!, calendarUrl));
  }, true));

  server.get('/api/staff/orders/:ref/slots', api(async (s, req, res) => {
    const order = await findOrder(s, req.params.ref);
    const query = (req.query ?? {}) as Record<string, unknown>;
    const branch = String(query.branch ?? '');
    if (!order || !order.items.some((i) => i.branchId === branch)) { notFound(res, s); return; }
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
    if (!order) { notFound(res, s); return; }
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
}
