import type { Request, Response, Server } from 'restify';
import type { Refusal } from '../../domain/decision';
import { OUTSTANDING_ILL_STATUSES, ILL_STATUSES, nextIllStatuses, type IllUse } from '../../domain/ill-status';
import type { IllRequestView } from '../../domain/ports/ill-repository';
import type { IllAction } from '../../domain/services/ill-workflow';
import type { LibraryInfo } from '../../domain/types';
import { tFor } from '../../i18n/init';
import { staffPasswordHasher } from '../../persistence/scrypt-pin-hasher';
import type { PickupAssembly } from '../pickup-services';
import { apiError, csrfOk, html, isVersion, MAX_NOTE, redirect, staffFormPost } from '../http';
import { staffPages } from '../staff-request';
import { StaffAuth, type StaffSession } from '../staff-auth';
import { illQueuePage, illRequestPage, type IllRequestPageData } from './ill-pages';
import type { IllAssembly } from './ill-services';

export interface IllStaffRouteDeps {
  ill: IllAssembly;
  pickup: PickupAssembly;
  library(libraryId: string): LibraryInfo;
  auth?: StaffAuth;
  /** Whether the library files its requests in its own system (the page then shows the id there). */
  usesIls?: (libraryId: string) => boolean;
}

const REF = /^\d{7}$/;
/** A library's name, as staff type it. */
const MAX_LENDER = 200;
/** Heavier than any parcel a library posts; past it the number is a typing mistake. */
const MAX_WEIGHT_GRAMS = 100_000;

/** A lending library's loan period is weeks, at most months: a due date past it is a typing mistake. */
const MAX_DUE_DAYS = 366;

/**
 * A due date staff can mean: a real calendar day written YYYY-MM-DD (2026-02-30 is not one),
 * from yesterday (the time zone's slack) to a year ahead, so «0026-01-15» or «2062» is refused.
 */
function isDueDate(text: string, now: Date): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  if (Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== text) return false;
  const days = (date.getTime() - now.getTime()) / 86_400_000;
  return days > -2 && days <= MAX_DUE_DAYS;
}
/** Requests staff still have to act on, plus uncollected ones whose postage may be unpaid. */
/** Steps that end a request or refuse the reader: shown once more before they are taken. */
const CONFIRM_FIRST = new Set(['cancel', 'unfilled', 'decline_by_phone', 'send_back']);
const QUEUE_STATUSES = [...OUTSTANDING_ILL_STATUSES, 'returned', 'not_collected'] as const;

/**
 * The interlibrary loan side of the staff queue (issue 6), plugged into issue 5's staff module:
 * same sign-in, session cookie, CSRF token and page layout. Pages under /staff/ill, JSON under
 * /api/staff/ill. Every step goes through IllWorkflow (state machine + seeds/004 rules).
 */
export function registerIllStaffRoutes(server: Server, deps: IllStaffRouteDeps): void {
  const { ill, pickup } = deps;
  const auth = deps.auth ?? new StaffAuth(pickup.staff, staffPasswordHasher(), pickup.signInAttempts, pickup.now);
  const { context, session } = staffPages(auth, deps.library, deps.pickup.policyFor, ['staff', 'ill', 'reasons']);
  const actor = (s: StaffSession) => `staff:${s.staff.id}`;
  const find = (s: StaffSession, ref: unknown) =>
    (typeof ref === 'string' && REF.test(ref) ? ill.requests.find(s.staff.libraryId, ref) : Promise.resolve(undefined));
  const refusalText = (s: StaffSession, r: Refusal<string>) => {
    const t = context(s).t;
    const params = { ...r.params } as Record<string, string | number>;
    for (const k of ['from', 'to'] as const) if (typeof params[k] === 'string') params[k] = t(`ill:staff.status.${params[k]}`);
    return t(`reasons:${r.reason}`, { ...params, phone: deps.library(s.staff.libraryId).phone });
  };

  const page = async (s: StaffSession, data: Omit<IllRequestPageData, 'staffNames' | 'ilsLibrary'>) => illRequestPage(context(s), {
    staffNames: await pickup.staff.names(s.staff.libraryId), ilsLibrary: deps.usesIls?.(s.staff.libraryId) ?? false, ...data,
  });

  server.get('/staff/ill', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const all = (req.query as Record<string, unknown> | undefined)?.all === '1';
    const rows = await ill.requests.listForLibrary(s.staff.libraryId, all ? ILL_STATUSES : QUEUE_STATUSES);
    html(res, 200, illQueuePage(context(s), rows, all));
  });

  server.get('/staff/ill/:ref', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const request = await find(s, req.params.ref);
    if (!request) { html(res, 404, context(s).t('ill:staff.not_found')); return; }
    const done = (req.query as Record<string, unknown> | undefined)?.done;
    html(res, 200, await page(s, { request, ...(done ? { flash: context(s).t('ill:staff.done') } : {}) }));
  });

  const formAction = (handle: (s: StaffSession, r: IllRequestView, body: Record<string, string>, req: Request) => Promise<Refusal<string> | undefined>) =>
    staffFormPost(session, (s) => context(s).t('login.expired'), async (s, body, req, res) => {
      const request = await find(s, req.params.ref);
      if (!request) { html(res, 404, context(s).t('ill:staff.not_found')); return; }
      const refusal = await handle(s, request, body, req);
      if (!refusal) { redirect(res, `/staff/ill/${request.ref}?done=1`); return; }
      const fresh = (await find(s, request.ref)) ?? request;
      html(res, statusFor(refusal.reason), await page(s, { request: fresh, error: refusalText(s, refusal) }));
    });

  // Steps that end a request or turn the reader down are confirmed first, as cancelling an order is:
  // the same form comes back with what will happen and a second button (a slip is not a decision).
  server.post('/staff/ill/:ref/action', staffFormPost(session, (s) => context(s).t('login.expired'), async (s, body, req, res) => {
    if (!CONFIRM_FIRST.has(body.type ?? '') || body.confirmed === '1') { await act(req, res); return; }
    const request = await find(s, req.params.ref);
    if (!request) { html(res, 404, context(s).t('ill:staff.not_found')); return; }
    const action = actionFromForm(request, body, pickup.now());
    // Nothing to confirm when the step would be refused anyway (no reason written): the refusal says why.
    if (!action || ('note' in action && !action.note.trim())) { await act(req, res); return; }
    const fields = Object.entries(body).filter(([k]) => k !== '_csrf' && k !== 'confirmed').map(([name, value]) => ({ name, value }));
    html(res, 200, await page(s, { request, confirm: { type: body.type!, fields } }));
  }));

  const act = formAction(async (s, r, body) => {
    const action = actionFromForm(r, body, pickup.now());
    if (!action) return { allowed: false, reason: 'ill.amount_invalid' };
    const result = await ill.workflow.apply(s.staff.libraryId, r.ref, action, actor(s), Number(body.version));
    return result.allowed ? undefined : result;
  });

  server.post('/staff/ill/:ref/charges/:charge/paid', formAction(async (s, r, _body, req) => {
    const charge = r.charges.find((c) => c.id === Number(req.params.charge));
    if (!charge) return { allowed: false, reason: 'ill.charge_not_found' };
    const result = await ill.workflow.recordPayment(r.patron.id, charge.id, actor(s));
    return result.allowed ? undefined : result;
  }));

  // ---- JSON API -------------------------------------------------------------------------
  const api = (handle: (s: StaffSession, req: Request, res: Response) => Promise<void>, changes = false) => async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    if (changes && !csrfOk(s, req.header('x-csrf-token'))) { apiError(res, 403, 'staff.csrf', 'missing or wrong x-csrf-token'); return; }
    await handle(s, req, res);
  };

  server.get('/api/staff/ill', api(async (s, req, res) => {
    const all = (req.query as Record<string, unknown> | undefined)?.all === '1';
    const rows = await ill.requests.listForLibrary(s.staff.libraryId, all ? ILL_STATUSES : QUEUE_STATUSES);
    res.send(200, { requests: rows.map(illJson) });
  }));

  server.get('/api/staff/ill/:ref', api(async (s, req, res) => {
    const r = await find(s, req.params.ref);
    if (!r) { apiError(res, 404, 'ill.not_found', context(s).t('ill:staff.not_found')); return; }
    res.send(200, illJson(r));
  }));

  server.post('/api/staff/ill/:ref/actions', api(async (s, req, res) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const r = await find(s, req.params.ref);
    if (!r) { apiError(res, 404, 'ill.not_found', context(s).t('ill:staff.not_found')); return; }
    if (!isVersion(body.version)) { apiError(res, 400, 'bad_request', 'version (a number) is required'); return; }
    const action = actionFromJson(r, body, pickup.now());
    if (!action) { apiError(res, 400, 'bad_request', 'unknown action type or missing fields'); return; }
    const result = await ill.workflow.apply(s.staff.libraryId, r.ref, action, actor(s), body.version);
    if (!result.allowed) { apiError(res, statusFor(result.reason), result.reason, refusalText(s, result)); return; }
    res.send(200, illJson(result.request));
  }, true));

  server.post('/api/staff/ill/:ref/charges/:charge/payment', api(async (s, req, res) => {
    const r = await find(s, req.params.ref);
    const charge = r?.charges.find((c) => c.id === Number(req.params.charge));
    if (!r || !charge) { apiError(res, 404, 'ill.charge_not_found', refusalText(s, { allowed: false, reason: 'ill.charge_not_found' })); return; }
    const result = await ill.workflow.recordPayment(r.patron.id, charge.id, actor(s));
    if (!result.allowed) { apiError(res, 409, result.reason, refusalText(s, result)); return; }
    res.send(200, illJson((await find(s, r.ref))!));
  }, true));
}

function actionFromForm(r: IllRequestView, body: Record<string, string>, now: Date): IllAction | undefined {
  switch (body.type) {
    case 'accept_by_phone': return { type: 'cost_decision', accepted: true, acceptance: costAcceptance(r, now) };
    case 'decline_by_phone': return { type: 'cost_decision', accepted: false };
    case 'unfilled': case 'cancel': {
      const note = (body.type === 'unfilled' ? body.note_unfilled : body.note_cancel) ?? '';
      return note.length <= MAX_NOTE ? { type: body.type, note } : undefined;
    }
    case 'terms': {
      const major = Number(body.lenderCost);
      return Number.isFinite(major) && major >= 0 ? { type: 'terms', lenderCost: Math.round(major * 100) } : undefined;
    }
    default:
      return actionFromJson(r, {
        type: body.type, lender: body.lender, use: body.use, dueDate: body.dueDate || undefined,
        liabilitySigned: body.liabilitySigned === '1', ...(body.weightGrams ? { weightGrams: Number(body.weightGrams) } : {}),
      }, now);
  }
}

/** JSON bodies carry amounts in minor units, as the API returns them. */
function actionFromJson(r: IllRequestView, body: Record<string, unknown>, now: Date): IllAction | undefined {
  // Free text is bounded (it is shown on every page of the request); a malformed one is no action at all.
  const str = (k: string, max = MAX_NOTE) => (typeof body[k] === 'string' && (body[k] as string).length <= max ? (body[k] as string) : undefined);
  switch (body.type) {
    case 'request': return str('lender', MAX_LENDER)?.trim() ? { type: 'request', lender: str('lender')! } : undefined;
    case 'terms': return typeof body.lenderCost === 'number' ? { type: 'terms', lenderCost: body.lenderCost } : undefined;
    case 'cost_decision': return typeof body.accepted === 'boolean'
      ? { type: 'cost_decision', accepted: body.accepted, ...(body.accepted ? { acceptance: costAcceptance(r, now) } : {}) } : undefined;
    case 'ship': case 'return': case 'close': case 'send_back': return { type: body.type };
    case 'arrive': {
      // A parcel's weight in whole grams; the rate table says which weights it prices.
      if (body.weightGrams === undefined) return { type: 'arrive' };
      return Number.isSafeInteger(body.weightGrams) && (body.weightGrams as number) > 0 && (body.weightGrams as number) <= MAX_WEIGHT_GRAMS
        ? { type: 'arrive', weightGrams: body.weightGrams as number } : undefined;
    }
    case 'collect': {
      const use = str('use');
      if (use !== 'home' && use !== 'reading_room') return undefined;
      const dueDate = str('dueDate');
      if (dueDate !== undefined && dueDate !== '' && !isDueDate(dueDate, now)) return undefined;
      return { type: 'collect', use: use as IllUse, ...(dueDate ? { dueDate } : {}), liabilitySigned: body.liabilitySigned === true };
    }
    case 'unfilled': case 'cancel': {
      const note = body.note === undefined ? '' : str('note');
      return note === undefined ? undefined : { type: body.type, note };
    }
    default: return undefined;
  }
}

/** Staff took the reader's yes by phone: the same words the bot would have used, in the reader's language. */
function costAcceptance(r: IllRequestView, now: Date) {
  const language = r.language === 'el' ? 'el' : 'hu';
  const amount = r.lenderCost ?? 0;
  const text = tFor(language, 'ill')('cost.accepted_text', { ref: r.ref, amount: amount / 100, formatParams: { amount: { currency: r.currency } } });
  return { version: `cost/${language}/phone`, text, language, acceptedAt: now, amount };
}

function statusFor(reason: string): number {
  if (reason === 'ill.not_found') return 404;
  if (reason === 'ill.stale') return 409;
  return 422;
}

/** A request as the API returns it: amounts in minor units, with the steps possible next. */
export function illJson(r: IllRequestView) {
  const { id: _id, conversationRef: _c, ...rest } = r;
  return { ...rest, nextStatuses: nextIllStatuses(r.status) };
}
