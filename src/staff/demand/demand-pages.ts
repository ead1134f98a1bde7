import { Eta } from 'eta';
import type { CopyAlertView } from '../../domain/ports/copy-alert-repository';
import type { DemandReport } from '../../domain/services/demand-list';
import { formatDateTime, formatDay } from '../../i18n/format-date';
import { layout, type PageContext } from '../pages';

// Eta escapes every `<%= %>` (autoEscape): a patron's search «<script>…» reaches staff as text.
const eta = new Eta({ autoEscape: true, autoTrim: false });

const DEMAND = `<section><h1><%= it.t('demand.title') %></h1><p><%= it.t('demand.intro') %></p>
<% if (it.error) { %><p class="error" role="alert"><%= it.error %></p><% } %>
<form class="filters" method="get" action="/staff/demand">
  <p><label for="from"><%= it.t('demand.from') %></label><input id="from" name="from" type="date" value="<%= it.from %>"></p>
  <p><label for="to"><%= it.t('demand.to') %></label><input id="to" name="to" type="date" value="<%= it.to %>"></p>
  <p><button class="action" type="submit"><%= it.t('demand.show') %></button></p>
  <p><a id="csv" href="/staff/demand.csv?from=<%= it.from %>&amp;to=<%= it.to %>"><%= it.t('demand.csv') %></a></p>
</form>
<p id="period"><%= it.t('demand.period', { from: it.fromText, to: it.toText }) %></p></section>
<section id="demand"><% if (it.lines.length === 0) { %><p><%= it.t('demand.none') %></p><% } else { %>
<table><thead><tr>
<th scope="col"><%= it.t('demand.text') %></th><th scope="col"><%= it.t('demand.spellings') %></th><th scope="col"><%= it.t('demand.searches') %></th>
<th scope="col"><%= it.t('demand.ill') %></th><th scope="col"><%= it.t('demand.total') %></th><th scope="col"><%= it.t('demand.last') %></th></tr></thead><tbody>
<% for (const l of it.lines) { %><tr data-key="<%= l.key %>"><th scope="row"><%= l.text %></th><td><%= l.spellings.join(' · ') %></td>
<td><%= l.searches %></td><td><%= l.illRequests %></td><td><strong><%= l.total %></strong></td><td><%= l.lastText %></td></tr><% } %>
</tbody></table><% } %></section>`;

export interface DemandPageData { report: DemandReport; from: string; to: string; error?: string }

/** The acquisitions suggestion list: what was asked for and not found, over a period; no patron data. */
export function demandPage(ctx: PageContext, data: DemandPageData): string {
  const zone = ctx.policy.timezone;
  const body = eta.renderString(DEMAND, {
    t: ctx.t, from: data.from, to: data.to, error: data.error,
    fromText: formatDay(data.from, ctx.language, zone), toText: formatDay(data.to, ctx.language, zone),
    lines: data.report.lines.map((l) => ({ ...l, lastText: formatDateTime(l.last, ctx.language, zone) })),
  });
  return layout(ctx, ctx.t('demand.title'), body);
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

const ALERTS = `<section><h1><%= it.t('copy_alerts.title') %></h1><p><%= it.t('copy_alerts.intro') %></p>
<% if (it.flash) { %><p class="flash" role="status"><%= it.flash %></p><% } %><% if (it.error) { %><p class="error" role="alert"><%= it.error %></p><% } %>
<form method="post" action="/staff/copy-alerts/checkin"><input type="hidden" name="_csrf" value="<%= it.csrf %>">
<h2><%= it.t('copy_alerts.checkin') %></h2>
<p><label for="barcode"><%= it.t('copy_alerts.barcode') %></label><input id="barcode" name="barcode" required autocomplete="off"></p>
<p><button class="action" type="submit"><%= it.t('copy_alerts.checkin_submit') %></button></p></form></section>
<section id="alerts"><% if (it.alerts.length === 0) { %><p><%= it.t('copy_alerts.none') %></p><% } else { %>
<table><thead><tr>
<th scope="col"><%= it.t('copy_alerts.book') %></th><th scope="col"><%= it.t('copy_alerts.asked') %></th><th scope="col"><%= it.t('copy_alerts.channel') %></th>
<th scope="col"><%= it.t('copy_alerts.language') %></th><th scope="col"><%= it.t('copy_alerts.status') %></th><th scope="col"><%= it.t('copy_alerts.sent_at') %></th></tr></thead><tbody>
<% for (const a of it.alerts) { %><tr data-alert="<%= a.id %>" data-status="<%= a.status %>"><th scope="row"><%= a.title %></th><td><%= a.asked %></td><td><%= a.channel %></td>
<td><%= a.language %></td><td><%= a.statusText %><% if (a.note) { %> (<%= a.note %>)<% } %></td><td><%= a.sentAt %></td></tr><% } %>
</tbody></table><% } %></section>`;

export interface CopyAlertsPageData { alerts: CopyAlertView[]; flash?: string; error?: string }

/** "Tell me when a copy is back" alerts, open first, and the check-in form that can set them off. */
export function copyAlertsPage(ctx: PageContext, data: CopyAlertsPageData): string {
  const { t } = ctx;
  const zone = ctx.policy.timezone;
  const when = (d: Date | undefined) => (d ? formatDateTime(d, ctx.language, zone) : '—');
  const body = eta.renderString(ALERTS, {
    t, csrf: ctx.csrfToken ?? '', flash: data.flash, error: data.error,
    alerts: data.alerts.map((a) => ({
      id: a.id, title: a.title, status: a.status, asked: when(a.createdAt), sentAt: when(a.sentAt),
      channel: t(`copy_alerts.channels.${a.channel}`), language: t(`language_names.${a.language}`), statusText: t(`copy_alerts.statuses.${a.status}`),
      note: a.note ? t(`copy_alerts.notes.${a.note}`, { defaultValue: a.note }) : undefined,
    })),
  });
  return layout(ctx, t('copy_alerts.title'), body);
}
