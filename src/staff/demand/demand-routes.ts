import type { Request, Response, Server } from 'restify';
import { addDays, instantAt, isLocalDate, localDate, type LocalDate } from '../../domain/rules/local-time';
import type { CopyAlerts } from '../../domain/services/copy-alerts';
import { DEFAULT_DEMAND_DAYS, MAX_DEMAND_DAYS, type DemandList } from '../../domain/services/demand-list';
import type { LibraryInfo } from '../../domain/types';
import { formatDay } from '../../i18n/format-date';
import type { Logger } from '../../logging';
import { staffPasswordHasher } from '../../persistence/scrypt-pin-hasher';
import type { PickupAssembly } from '../pickup-services';
import { html, redirect, staffFormPost } from '../http';
import { staffPages } from '../staff-request';
import { StaffAuth, type StaffSession } from '../staff-auth';
import { copyAlertsPage, demandCsv, demandPage, type CopyAlertsPageData } from './demand-pages';

export interface DemandRouteDeps {
  pickup: PickupAssembly;
  demand: DemandList;
  copyAlerts: CopyAlerts;
  library(libraryId: string): LibraryInfo;
  log: Logger;
  auth?: StaffAuth;
}

type Period = { ok: true; from: LocalDate; to: LocalDate } | { ok: false; from: LocalDate; to: LocalDate };

/** from/to as library-local days, both included; the last DEFAULT_DEMAND_DAYS days when not given. */
function periodOf(query: Record<string, unknown> | undefined, today: LocalDate): Period {
  const given = (v: unknown) => (typeof v === 'string' && isLocalDate(v) ? v : undefined);
  const to = given(query?.to) ?? today;
  const from = given(query?.from) ?? addDays(to, -(DEFAULT_DEMAND_DAYS - 1));
  const bad = (query?.from !== undefined && query.from !== '' && !given(query.from)) || (query?.to !== undefined && query.to !== '' && !given(query.to));
  const days = Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000) + 1;
  if (bad || days < 1 || days > MAX_DEMAND_DAYS) return { ok: false, from: addDays(today, -(DEFAULT_DEMAND_DAYS - 1)), to: today };
  return { ok: true, from, to };
}

/**
 * What patrons asked for that the library does not have (/staff/demand, and as CSV), and the
 * "tell me when a copy is back" alerts with the check-in that sets them off (/staff/copy-alerts).
 * Staff see their own library's only.
 */
export function registerDemandRoutes(server: Server, deps: DemandRouteDeps): void {
  const { pickup } = deps;
  const auth = deps.auth ?? new StaffAuth(pickup.staff, staffPasswordHasher(), pickup.signInAttempts, pickup.now);
  const { context, session } = staffPages(auth, deps.library, pickup.policyFor);

  const report = async (s: StaffSession, req: Request) => {
    const zone = context(s).policy.timezone;
    const period = periodOf(req.query as Record<string, unknown> | undefined, localDate(pickup.now(), zone));
    const from = instantAt(period.from, 0, zone);
    const to = instantAt(addDays(period.to, 1), 0, zone);
    return { period, report: await deps.demand.report(s.staff.libraryId, { from, to }) };
  };

  server.get('/staff/demand', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const ctx = context(s);
    const { period, report: r } = await report(s, req);
    html(res, period.ok ? 200 : 400, demandPage(ctx, {
      report: r, from: period.from, to: period.to, ...(period.ok ? {} : { error: ctx.t('demand.bad_period', { days: MAX_DEMAND_DAYS }) }),
    }));
  });

  server.get('/staff/demand.csv', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    const { period, report: r } = await report(s, req);
    if (!period.ok) { res.writeHead(400, { 'content-type': 'text/plain; charset=utf-8' }); res.end(context(s).t('demand.bad_period', { days: MAX_DEMAND_DAYS })); return; }
    res.writeHead(200, {
      'content-type': 'text/csv; charset=utf-8', 'cache-control': 'no-store',
      'content-disposition': `attachment; filename="demand-${s.staff.libraryId}-${period.from}-${period.to}.csv"`,
    });
    res.end(demandCsv(context(s), r));
  });

  const alertsPage = async (s: StaffSession, res: Response, code: number, messages: Omit<CopyAlertsPageData, 'alerts'> = {}) =>
    html(res, code, copyAlertsPage(context(s), { alerts: await deps.copyAlerts.list(s.staff.libraryId), ...messages }));

  server.get('/staff/copy-alerts', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login'); return; }
    await alertsPage(s, res, 200);
  });

  server.post('/staff/copy-alerts/checkin', staffFormPost(session, (s) => context(s).t('login.expired'), async (s, body, _req, res) => {
    const ctx = context(s);
    const result = await deps.copyAlerts.checkIn(s.staff.libraryId, (body.barcode ?? '').slice(0, 100));
    if (!result.allowed) { await alertsPage(s, res, 404, { error: ctx.t(result.reason, { ns: 'reasons', ...result.params }) }); return; }
    deps.log.info({ staffId: s.staff.id, libraryId: s.staff.libraryId, notified: result.notified, quarantine: !!result.availableFrom }, 'copy checked in');
    const flash = result.availableFrom
      ? ctx.t('copy_alerts.checked_in_quarantine', { title: result.title, until: formatDay(result.availableFrom, ctx.language, ctx.policy.timezone) })
      : ctx.t('copy_alerts.checked_in', { title: result.title, count: result.notified });
    await alertsPage(s, res, 200, { flash });
  }));
}
