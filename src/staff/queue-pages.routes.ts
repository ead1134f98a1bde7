import { createHash } from 'node:crypto';
import type { Request, Response, Server } from 'restify';
import { isOrderStatus, OPEN_STATUSES } from '../domain/order-status';
import type { OrderView } from '../domain/ports/staff-order-repository';
import { cardAlarms } from '../domain/services/sign-in-lockouts';
import { download, html, MAX_NOTE, redirect, staffFormPost } from './http';
import { CANCEL_REASONS, cancelPage, orderPage, pickListPage, queuePage, queueRowView } from './pages';
import { pickList, pickListCsv, TO_FETCH } from './pick-list';
import { queueFilter, statusesOf, statusFor, type QueueRouteContext } from './queue-common';
import type { StaffSession } from './staff-auth';
import { renderFragment } from './view';

/** How often an open queue page's event stream looks for changes: a new order shows within this. */
export const LIVE_POLL_MS = 1500;
/** A comment line now and then keeps proxies from closing a quiet stream. */
const HEARTBEAT_MS = 15_000;

/** The queue, one order, cancelling with a confirmation step, the pick list and the live updates. */
export function registerQueuePages(server: Server, { pickup, pages, calendarUrl, actor, findOrder, refusalText, usesIls }: QueueRouteContext): void {
  const { session, context } = pages;

  /** The queue rows a page (or its live updates) shows: the filter, scoped to the staff member's library. */
  const queueRows = async (s: StaffSession, query: Record<string, unknown>) => {
    const { day, filter } = queueFilter(query);
    const libraryId = s.staff.libraryId;
    const branches = await pickup.staff.branches(libraryId);
    const branchId = branches.some((b) => b.id === filter.branch) ? filter.branch : undefined;
    const rows = await pickup.listQueue.queue({ libraryId, statuses: statusesOf(filter.status), branchId, pickupDay: filter.day });
    return { day, filter, branches, rows };
  };

  server.get('/staff', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const { day, filter, branches, rows } = await queueRows(s, (req.query ?? {}) as Record<string, unknown>);
    const libraryId = s.staff.libraryId;
    const [waiting, schedule, lockouts] = await Promise.all([
      pickup.listQueue.queue({ libraryId, statuses: ['waiting_outside'] }),
      pickup.listQueue.schedule(libraryId, filter.day),
      pickup.lockouts.list(libraryId),
    ]);
    // A day that is no day: the queue without that filter, and the staff member told why.
    html(res, day.ok ? 200 : 400, queuePage(context(s), { rows, waiting, branches, filter, schedule, error: day.ok ? undefined : context(s).t('filter.bad_day'), alarms: cardAlarms(lockouts), ilsLibrary: usesIls(libraryId) }));
  });

  /**
   * The queue table as the page shows it, for the page's own script: the rows rendered by the
   * same escaping template, the number of new orders (the tab title) and a fingerprint.
   */
  const liveState = async (s: StaffSession, query: Record<string, unknown>) => {
    const ctx = context(s);
    const { rows } = await queueRows(s, query);
    const fresh = rows.filter((r) => r.status === 'new').length;
    // The ILS's hold ids too: one that arrives after the order (a retry, the start-up run) changes no version.
    const signature = createHash('sha256').update(rows.map((r) => `${r.ref}:${r.version}:${r.items.map((i) => i.ilsHoldId ?? '').join('/')}`).join(',')).digest('base64url').slice(0, 16);
    const ils = usesIls(s.staff.libraryId);
    return {
      fresh, signature, refs: rows.map((r) => r.ref),
      html: () => renderFragment(ctx, 'queue-table', { rows: rows.map((r) => queueRowView(ctx.t, ctx.language, ctx.policy.timezone, r, ils)) }),
    };
  };

  server.get('/staff/queue/rows', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const state = await liveState(s, (req.query ?? {}) as Record<string, unknown>);
    res.header('cache-control', 'no-store');
    res.send(200, { fresh: state.fresh, signature: state.signature, refs: state.refs, html: state.html() });
  });

  // Server-Sent Events: the page learns that its queue changed; it then fetches the rows above.
  server.get('/staff/queue/events', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const query = (req.query ?? {}) as Record<string, unknown>;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-store', 'x-accel-buffering': 'no', connection: 'keep-alive' });
    let last = '';
    let closed = false;
    const tick = async () => {
      if (closed) return;
      // The session is checked on every tick: a stream outlives neither a logout nor an expiry.
      if (!(await session(req))) { res.write('event: signed_out\ndata: {}\n\n'); stop(); res.end(); return; }
      const state = await liveState(s, query);
      if (state.signature !== last) {
        last = state.signature;
        res.write(`event: queue\ndata: ${JSON.stringify({ fresh: state.fresh, signature: state.signature })}\n\n`);
      }
    };
    const poll = setInterval(() => { tick().catch((err) => { pickup.log.warn({ err }, 'queue events'); }); }, LIVE_POLL_MS);
    const beat = setInterval(() => { if (!closed) res.write(': still here\n\n'); }, HEARTBEAT_MS);
    const stop = () => { closed = true; clearInterval(poll); clearInterval(beat); };
    req.on('close', stop);
    res.on('close', stop);
    await tick();
  });

  const renderOrder = async (res: Response, s: StaffSession, order: OrderView, code = 200, messages: { flash?: string; error?: string } = {}) => {
    const branches = [...new Map(order.items.map((i) => [i.branchId, i.branchName])).entries()];
    const slots = await Promise.all(branches.map(async ([branchId, branchName]) => ({
      branchId, branchName, free: OPEN_STATUSES.includes(order.status) ? await pickup.bookAppointment.nextFree(order.libraryId, branchId, 24) : [],
    })));
    html(res, code, orderPage(context(s), {
      order, slots, staffNames: await pickup.staff.names(order.libraryId), notifications: await pickup.notifications.list(order.id),
      now: pickup.now(), calendarUrl, ilsLibrary: usesIls(order.libraryId), ...messages,
    }));
  };
  const notFound = (res: Response, s: StaffSession) => html(res, 404, context(s).t('order.not_found', { ns: 'reasons' }));

  server.get('/staff/orders/:ref', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const order = await findOrder(s, req.params.ref);
    if (!order) { notFound(res, s); return; }
    const done = (req.query as Record<string, unknown> | undefined)?.done;
    await renderOrder(res, s, order, 200, { flash: done === 'appointment' ? context(s).t('order.appointment_booked') : done ? context(s).t('order.done') : undefined });
  });

  /** A form post: signed in, the right CSRF token, and an order of this library. */
  const formAction = (handle: (s: StaffSession, order: OrderView, body: Record<string, string>, res: Response) => Promise<void>) =>
    staffFormPost(session, (s) => context(s).t('login.expired'), async (s, body, req, res) => {
      const order = await findOrder(s, req.params.ref);
      if (!order) { notFound(res, s); return; }
      await handle(s, order, body, res);
    });

  server.post('/staff/orders/:ref/transition', formAction(async (s, order, body, res) => {
    const to = body.to ?? '';
    if (!isOrderStatus(to)) { html(res, 400, 'to'); return; }
    // Cancelling has its own step (what goes, a reason chosen on purpose): never from a one-click form.
    if (to === 'cancelled') { redirect(res, `/staff/orders/${order.ref}/cancel`); return; }
    if ((body.note ?? '').length > MAX_NOTE) { html(res, 400, 'note'); return; }
    const result = await pickup.transitionOrder.run({ libraryId: s.staff.libraryId, ref: order.ref, to, actor: actor(s), note: body.note, expectedVersion: Number(body.version) });
    if (result.allowed) { redirect(res, `/staff/orders/${order.ref}?done=1`); return; }
    const fresh = (await findOrder(s, order.ref)) ?? order;
    await renderOrder(res, s, fresh, statusFor(result.reason), { error: refusalText(s, result) });
  }));

  server.get('/staff/orders/:ref/cancel', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const order = await findOrder(s, req.params.ref);
    if (!order) { notFound(res, s); return; }
    if (!OPEN_STATUSES.includes(order.status)) { redirect(res, `/staff/orders/${order.ref}`); return; }
    html(res, 200, cancelPage(context(s), { order }));
  });

  server.post('/staff/orders/:ref/cancel', formAction(async (s, order, body, res) => {
    const reason = body.reason ?? '';
    const note = (body.note ?? '').trim();
    if (note.length > MAX_NOTE) { html(res, 400, 'note'); return; }
    const t = context(s).t;
    // The reason is what the patron is told: staff choose it, nothing is chosen for them.
    const coded = (CANCEL_REASONS as readonly string[]).includes(reason);
    const missing = !coded && reason !== 'other' ? t('cancel.reason_missing') : reason === 'other' && !note ? t('cancel.other_missing') : undefined;
    if (missing) { html(res, 400, cancelPage(context(s), { order, reason, note, error: missing })); return; }
    const result = await pickup.transitionOrder.run({
      libraryId: s.staff.libraryId, ref: order.ref, to: 'cancelled', actor: actor(s), note: coded ? reason : note, expectedVersion: Number(body.version),
    });
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

  // ---- the pick list: what to take from the shelves --------------------------------------
  const pickFor = async (s: StaffSession, query: Record<string, unknown>) => {
    const libraryId = s.staff.libraryId;
    const branches = await pickup.staff.branches(libraryId);
    const branch = typeof query.branch === 'string' && branches.some((b) => b.id === query.branch) ? query.branch : undefined;
    const rows = await pickup.listQueue.queue({ libraryId, statuses: TO_FETCH, branchId: branch });
    const list = pickList(rows, context(s).language).filter((b) => !branch || b.branchId === branch);
    return { branches, branch, list };
  };

  server.get('/staff/pick-list', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const { branches, branch, list } = await pickFor(s, (req.query ?? {}) as Record<string, unknown>);
    html(res, 200, pickListPage(context(s), list, { branch }, branches));
  });

  server.get('/staff/pick-list.csv', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const { list } = await pickFor(s, (req.query ?? {}) as Record<string, unknown>);
    const t = context(s).t;
    const header = ['branch', 'shelf', 'title', 'author', 'barcode', 'order'].map((c) => t(`pick.col.${c}`));
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: context(s).policy.timezone }).format(pickup.now());
    // An ASCII file name: a header cannot carry Greek letters without RFC 5987 encoding, and every browser saves this one.
    download(res, 'text/csv; charset=utf-8', `pick-list-${day}.csv`, pickListCsv(list, header));
  });
}
