import type { CopyAlertView } from '../../domain/ports/copy-alert-repository';
import type { DemandReport } from '../../domain/services/demand-list';
import { formatDateTime, formatDay } from '../../i18n/format-date';
import { renderPage, type PageContext } from '../view';

export interface DemandPageData { report: DemandReport; from: string; to: string; error?: string }

/** The acquisitions suggestion list: what was asked for and not found, over a period; no patron data. */
export function demandPage(ctx: PageContext, data: DemandPageData): string {
  const zone = ctx.policy.timezone;
  return renderPage(ctx, 'demand', ctx.t('demand.title'), {
    from: data.from, to: data.to, error: data.error,
    fromText: formatDay(data.from, ctx.language, zone), toText: formatDay(data.to, ctx.language, zone),
    lines: data.report.lines.map((l) => ({ ...l, lastText: formatDateTime(l.last, ctx.language, zone) })),
  }, { current: '/staff/demand' });
}

const BOM = '\uFEFF';
const cell = (v: string | number) => {
  const s = String(v);
  // A cell starting with = + - @ is a formula to a spreadsheet: a patron's search must stay text.
  const safe = /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
  return /[",\n\r;]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The same list as CSV: UTF-8 with a BOM so that spreadsheets read Greek and Hungarian letters right. */
export function demandCsv(ctx: PageContext, report: DemandReport): string {
  const { t } = ctx;
  const zone = ctx.policy.timezone;
  const head = [t('demand.text'), t('demand.spellings'), t('demand.searches'), t('demand.ill'), t('demand.total'), t('demand.last')];
  const rows = report.lines.map((l) => [l.text, l.spellings.join(' · '), l.searches, l.illRequests, l.total, formatDateTime(l.last, ctx.language, zone)]);
  return BOM + [head, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export interface CopyAlertsPageData { alerts: CopyAlertView[]; flash?: string; error?: string }

/** "Tell me when a copy is back" alerts, open first, and the check-in form that can set them off. */
export function copyAlertsPage(ctx: PageContext, data: CopyAlertsPageData): string {
  const { t } = ctx;
  const zone = ctx.policy.timezone;
  const when = (d: Date | undefined) => (d ? formatDateTime(d, ctx.language, zone) : '—');
  return renderPage(ctx, 'copy-alerts', t('copy_alerts.title'), {
    csrf: ctx.csrfToken ?? '', flash: data.flash, error: data.error,
    alerts: data.alerts.map((a) => ({
      id: a.id, title: a.title, status: a.status, asked: when(a.createdAt), sentAt: when(a.sentAt),
      channel: t(`copy_alerts.channels.${a.channel}`), language: t(`language_names.${a.language}`), statusText: t(`copy_alerts.statuses.${a.status}`),
      note: a.note ? t(`copy_alerts.notes.${a.note}`, { defaultValue: a.note }) : undefined,
    })),
  }, { current: '/staff/copy-alerts' });
}
