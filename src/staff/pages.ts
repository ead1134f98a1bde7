import type { TFunction } from 'i18next';
import { nextStatuses, ORDER_STATUSES, type OrderStatus } from '../domain/order-status';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import type { ScheduleRow } from '../domain/ports/appointment-repository';
import type { OrderView, QueueRow } from '../domain/ports/staff-order-repository';
import { checkArrival } from '../domain/rules/arrival';
import { checkHoldAccount } from '../domain/rules/hold-eligibility';
import { checkPickupDeadline } from '../domain/rules/hold-shelf';
import { formatDateTime, formatDay, formatSlot, formatTime } from '../i18n/format-date';

export const esc = (s: unknown) => String(s ?? '').replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

export interface PageContext {
  t: TFunction;
  language: string;
  libraryName: string;
  staffName?: string;
  csrfToken?: string;
  policy: LibraryPolicy;
}

const STYLE = `
  body { margin: 0; font: 15px/1.45 system-ui, sans-serif; background: #f4f1ea; color: #1d2a30; }
  header { background: #1f4e5f; color: #fff; padding: 10px 20px; display: flex; flex-wrap: wrap; gap: 8px 18px; align-items: center; }
  header a, header button { color: #fff; }
  header .who { margin-left: auto; }
  header form { display: inline; }
  header button { background: none; border: 1px solid #fff8; border-radius: 4px; padding: 3px 10px; cursor: pointer; }
  main { max-width: 1100px; margin: 18px auto; padding: 0 16px; }
  section { background: #fff; border-radius: 8px; padding: 14px 18px; margin-bottom: 16px; box-shadow: 0 1px 2px #0002; }
  h1 { font-size: 1.35rem; margin: 0 0 10px; } h2 { font-size: 1.1rem; margin: 0 0 10px; }
  table { border-collapse: collapse; width: 100%; } th, td { text-align: left; padding: 5px 8px; border-bottom: 1px solid #e4e0d8; vertical-align: top; }
  th { font-weight: 600; color: #455; font-size: .9rem; }
  .badge { display: inline-block; border-radius: 10px; padding: 1px 9px; font-size: .85rem; background: #e6eef0; }
  .s-new { background: #fff1c2; } .s-preparing { background: #dfe9ff; } .s-ready { background: #d9f2dd; }
  .s-waiting_outside { background: #ffb347; font-weight: 600; } .s-collected { background: #e8e8e8; } .s-cancelled, .s-expired { background: #f6d5d5; }
  .waiting { border-left: 6px solid #ff8c00; }
  .flash { background: #d9f2dd; padding: 8px 12px; border-radius: 6px; } .error { background: #f6d5d5; padding: 8px 12px; border-radius: 6px; }
  form.inline { display: inline-block; margin: 0 8px 8px 0; }
  button.action { padding: 6px 12px; border-radius: 5px; border: 1px solid #1f4e5f; background: #1f4e5f; color: #fff; cursor: pointer; }
  button.danger { background: #9b2c2c; border-color: #9b2c2c; }
  .filters { display: flex; gap: 12px; flex-wrap: wrap; align-items: end; } label { display: block; font-size: .85rem; color: #455; }
  .ok::before { content: "✔ "; color: #2f7d32; } .bad::before { content: "✖ "; color: #9b2c2c; }
  .grid { display: grid; grid-template-columns: 1fr 1fr; gap: 16px; } @media (max-width: 800px) { .grid { grid-template-columns: 1fr; } }
  input, select, textarea, button { font: inherit; min-height: 28px; }
  dl { display: grid; grid-template-columns: max-content 1fr; gap: 4px 12px; margin: 0; } dt { color: #455; }
`;

// No <meta http-equiv="refresh">: a page that reloads itself every 20 s fails WCAG 2.2.1 (axe
// meta-refresh, critical) and throws away what staff were typing; the queue's live updates replace it.
export function layout(ctx: PageContext, title: string, body: string): string {
  const { t } = ctx;
  const who = ctx.staffName
    ? `<span class="who">${esc(t('signed_in_as', { name: ctx.staffName, library: ctx.libraryName }))}</span>
       <form method="post" action="/staff/logout"><input type="hidden" name="_csrf" value="${esc(ctx.csrfToken)}"><button type="submit">${esc(t('logout'))}</button></form>`
    : '';
  const nav = ctx.staffName ? `<a href="/staff">${esc(t('nav.queue'))}</a>${ctx.policy.ill.enabled ? `<a href="/staff/ill">${esc(t('ill:staff.nav'))}</a>` : ''}<a href="/staff/patrons">${esc(t('staff:nav.patrons'))}</a><a href="/staff/lockouts">${esc(t('staff:nav.lockouts'))}</a><a href="/staff/demand">${esc(t('staff:nav.demand'))}</a><a href="/staff/copy-alerts">${esc(t('staff:nav.copy_alerts'))}</a>` : '';
  return `<!doctype html>
<html lang="${esc(ctx.language)}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title><style>${STYLE}</style></head>
<body><header><strong>${esc(t('library_staff'))}</strong>${nav}${who}</header><main>${body}</main></body></html>`;
}

export function loginPage(ctx: PageContext, message?: string): string {
  const { t } = ctx;
  return layout(ctx, t('login.title'), `<section style="max-width:380px;margin:40px auto">
  <h1>${esc(t('login.title'))}</h1>
  ${message ? `<p class="error" role="alert">${esc(message)}</p>` : ''}
  <form method="post" action="/staff/login">
    <p><label for="username">${esc(t('login.username'))}</label><input id="username" name="username" autocomplete="username" required></p>
    <p><label for="password">${esc(t('login.password'))}</label><input id="password" name="password" type="password" autocomplete="current-password" required></p>
    <p><button class="action" type="submit">${esc(t('login.submit'))}</button></p>
  </form></section>`);
}

const status = (t: TFunction, s: string) => `<span class="badge s-${esc(s)}">${esc(t(`status.${s}`))}</span>`;

export interface QueuePageData {
  rows: QueueRow[];
  waiting: QueueRow[];
  branches: Array<{ id: string; name: string }>;
  filter: { status?: string; branch?: string; day?: string };
  schedule: { day: string; rows: ScheduleRow[] };
  error?: string;
  /** Cards of the library locked for everyone: shown on top of the queue until lifted. */
  alarms?: number;
}

export function queuePage(ctx: PageContext, data: QueuePageData): string {
  const { t, language, policy } = ctx;
  const zone = policy.timezone;
  const option = (value: string, label: string, selected: boolean) => `<option value="${esc(value)}"${selected ? ' selected' : ''}>${esc(label)}</option>`;
  const filters = `<form class="filters" method="get" action="/staff">
    <div><label for="status">${esc(t('filter.status'))}</label><select id="status" name="status">
      ${option('', t('filter.all_open'), !data.filter.status)}${option('all', t('filter.all'), data.filter.status === 'all')}
      ${ORDER_STATUSES.map((s) => option(s, t(`status.${s}`), data.filter.status === s)).join('')}</select></div>
    <div><label for="branch">${esc(t('filter.branch'))}</label><select id="branch" name="branch">
      ${option('', t('filter.all_branches'), !data.filter.branch)}${data.branches.map((b) => option(b.id, b.name, data.filter.branch === b.id)).join('')}</select></div>
    <div><label for="day">${esc(t('filter.day'))}</label><input id="day" type="date" name="day" value="${esc(data.filter.day ?? '')}"></div>
    <div><button class="action" type="submit">${esc(t('filter.apply'))}</button></div></form>`;
  const table = (rows: QueueRow[]) => rows.length === 0 ? `<p>${esc(t('queue.empty'))}</p>` : `<table><thead><tr>
    <th>${esc(t('queue.ref'))}</th><th>${esc(t('queue.created'))}</th><th>${esc(t('queue.patron'))}</th><th>${esc(t('queue.branches'))}</th>
    <th>${esc(t('queue.items'))}</th><th>${esc(t('queue.appointment'))}</th><th>${esc(t('queue.status'))}</th></tr></thead><tbody>
    ${rows.map((r) => `<tr data-ref="${esc(r.ref)}"${r.status === 'waiting_outside' ? ' class="waiting"' : ''}>
      <td><a href="/staff/orders/${esc(r.ref)}">${esc(r.ref)}</a></td><td>${esc(formatDateTime(r.createdAt, language, zone))}</td>
      <td>${esc(r.patronName)}</td><td>${esc(r.branches.map((b) => b.name).join(', '))}</td><td>${r.itemCount}</td>
      <td>${r.nextAppointment ? esc(formatSlot(r.nextAppointment, language, zone)) : esc(t('queue.none'))}</td><td>${status(t, r.status)}</td></tr>`).join('')}
    </tbody></table>`;
  const byBranch = new Map<string, ScheduleRow[]>();
  for (const row of data.schedule.rows) byBranch.set(row.branchName, [...(byBranch.get(row.branchName) ?? []), row]);
  const schedule = byBranch.size === 0 ? `<p>${esc(t('schedule.empty'))}</p>` : [...byBranch].map(([branch, rows]) => `<h3>${esc(branch)}</h3>
    <table><thead><tr><th>${esc(t('schedule.time'))}</th><th>${esc(t('queue.ref'))}</th><th>${esc(t('queue.patron'))}</th><th>${esc(t('queue.items'))}</th><th>${esc(t('queue.status'))}</th></tr></thead><tbody>
    ${rows.map((r) => `<tr${r.orderStatus === 'waiting_outside' ? ' class="waiting"' : ''}><td>${esc(formatTime(r.startsAt, language, zone))}</td>
      <td><a href="/staff/orders/${esc(r.orderRef)}">${esc(r.orderRef)}</a></td><td>${esc(r.patronName)}</td><td>${r.itemCount}</td><td>${status(t, r.orderStatus)}</td></tr>`).join('')}
    </tbody></table>`).join('');
  return layout(ctx, t('title'), `
  ${data.alarms ? `<section id="alarm"><p class="error" role="alert"><a href="/staff/lockouts">${esc(t('lockouts.alarm', { count: data.alarms }))}</a></p></section>` : ''}
  ${data.waiting.length > 0 ? `<section class="waiting" id="waiting"><h2>${esc(t('queue.waiting_heading'))}</h2>${table(data.waiting)}</section>` : ''}
  <section><h1>${esc(t('queue.heading'))}</h1>${data.error ? `<p class="error" role="alert">${esc(data.error)}</p>` : ''}${filters}</section>
  <section id="queue">${table(data.rows)}</section>
  <section id="schedule"><h2>${esc(t('schedule.heading', { day: formatDay(data.schedule.day, language, zone) }))}</h2>${schedule}</section>`);
}

export interface OrderPageData {
  order: OrderView;
  slots: Array<{ branchId: string; branchName: string; free: Date[] }>;
  staffNames: Map<number, string>;
  notifications: Array<{ kind: string; channel: string; status: string; createdAt: Date }>;
  now: Date;
  flash?: string;
  error?: string;
  calendarUrl: (token: string) => string;
}

export function orderPage(ctx: PageContext, data: OrderPageData): string {
  const { t, language, policy } = ctx;
  const { order } = data;
  const zone = policy.timezone;
  const csrf = `<input type="hidden" name="_csrf" value="${esc(ctx.csrfToken)}"><input type="hidden" name="version" value="${order.version}">`;
  const base = `/staff/orders/${esc(order.ref)}`;

  const account = checkHoldAccount({ ...order.patron, libraryId: order.libraryId, preferredLanguage: order.patron.preferredLanguage === 'hu' ? 'hu' : 'el' }, data.now);
  const checks: Array<[boolean, string]> = [
    [account.allowed, account.allowed ? t('check.account_ok') : t(account.reason, { ns: 'reasons', phone: '' })],
    [order.patron.activeHolds + order.patron.loansCount <= policy.holds.borrowingLimit,
      t('check.holds', { holds: order.patron.activeHolds, loans: order.patron.loansCount, limit: policy.holds.borrowingLimit })],
  ];
  const openStatus = ['new', 'preparing', 'ready', 'waiting_outside'].includes(order.status);
  if (openStatus) {
    const allHeld = order.items.every((i) => i.holdStatus === 'active' && i.copyStatus === 'held');
    checks.push([allHeld, t(allHeld ? 'check.copies_held' : 'check.copies_not_held')]);
  }
  if (order.pickupDeadline && openStatus) {
    const d = checkPickupDeadline(order.pickupDeadline, data.now, zone);
    const deadline = formatDay(new Date(order.pickupDeadline.getTime() - 1), language, zone);
    checks.push([d.allowed, d.allowed ? t('check.deadline_ok', { deadline }) : t(d.reason, { ns: 'reasons', deadline })]);
  }
  if (order.status === 'ready' || order.status === 'waiting_outside') {
    const a = checkArrival({ status: order.status, appointments: order.appointments.map((x) => x.startsAt) }, data.now, zone);
    // The patron-facing reason says «your appointment»; staff read about the patron's.
    const refusal = a.allowed ? '' : a.reason === 'arrival.not_today' ? 'check.not_today' : `reasons:${a.reason}`;
    checks.push([a.allowed, a.allowed ? t('check.arrival_ok') : t(refusal, { date: formatDay(String(a.params?.date ?? ''), language, zone) })]);
  }

  const actions = nextStatuses(order.status);
  const actionForms = actions.length === 0 ? `<p>${esc(t('order.no_actions'))}</p>` : actions.map((to) => to === 'cancelled'
    ? `<form class="inline" method="post" action="${base}/transition" id="cancel-form">${csrf}<input type="hidden" name="to" value="cancelled">
        <label for="reason">${esc(t('order.reason'))}</label>
        <select id="reason" name="reason">${['not_found_on_shelf', 'damaged', 'patron_request_by_phone'].map((c) => `<option value="${c}">${esc(t(`cancel_reasons.${c}`))}</option>`).join('')}<option value="">${esc(t('order.reason_other'))}</option></select>
        <input name="note" aria-label="${esc(t('order.reason_other'))}" maxlength="300">
        <button class="action danger" type="submit" name="action" value="cancelled">${esc(t('action.cancelled'))}</button></form>`
    : `<form class="inline" method="post" action="${base}/transition">${csrf}<input type="hidden" name="to" value="${to}">
        <button class="action" type="submit" name="action" value="${to}">${esc(t(`action.${to}`))}</button></form>`).join('');

  const appointments = data.slots.map((b) => {
    const current = order.appointments.find((a) => a.branchId === b.branchId);
    const now = current
      ? `<p><strong>${esc(formatSlot(current.startsAt, language, zone))}</strong> · <a href="${esc(data.calendarUrl(current.icsToken))}">${esc(t('order.calendar'))}</a></p>`
      : `<p>${esc(t('order.no_appointment'))}</p>`;
    const form = !openStatus ? '' : b.free.length === 0 ? `<p>${esc(t('order.no_free_slots'))}</p>`
      : `<form method="post" action="${base}/appointment">${csrf}<input type="hidden" name="branch" value="${esc(b.branchId)}">
        <select name="startsAt" aria-label="${esc(b.branchName)}">${b.free.map((s) => `<option value="${s.toISOString()}">${esc(formatSlot(s, language, zone))}</option>`).join('')}</select>
        <button class="action" type="submit">${esc(t(current ? 'order.move' : 'order.book'))}</button></form>`;
    return `<div data-branch="${esc(b.branchId)}"><h3>${esc(b.branchName)}</h3>${now}${form}</div>`;
  }).join('');

  const actor = (a: string) => actorName(t, a, data.staffNames);
  const note = (n: string | null) => {
    if (!n) return '';
    if (n.startsWith('appointment ')) {
      const [, branch, at] = n.split(' ');
      const name = order.items.find((i) => i.branchId === branch)?.branchName ?? branch;
      return `${t('note_codes.appointment')}: ${name}, ${at ? formatSlot(new Date(at), language, zone) : ''}`;
    }
    return t(`cancel_reasons.${n}`, { defaultValue: n });
  };
  const history = order.events.map((e) => `<tr><td>${esc(formatDateTime(e.at, language, zone))}</td><td>${esc(actor(e.actor))}</td>
    <td>${e.fromStatus && e.fromStatus !== e.toStatus ? `${status(t, e.fromStatus)} → ` : ''}${status(t, e.toStatus)}</td><td>${esc(note(e.note))}</td></tr>`).join('');
  const notifications = data.notifications.length === 0 ? `<p>${esc(t('order.no_notifications'))}</p>`
    : `<ul>${data.notifications.map((n) => `<li>${esc(formatDateTime(n.createdAt, language, zone))} — ${esc(t(`notification_kind.${n.kind}`))}, ${esc(channelName(t, n.channel))}: ${esc(t(`notification_status.${n.status}`))}</li>`).join('')}</ul>`;

  return layout(ctx, t('order.heading', { ref: order.ref }), `
  <p><a href="/staff">${esc(t('order.back'))}</a></p>
  ${data.flash ? `<p class="flash" role="status">${esc(data.flash)}</p>` : ''}${data.error ? `<p class="error" role="alert">${esc(data.error)}</p>` : ''}
  <section><h1>${esc(t('order.heading', { ref: order.ref }))} ${status(t, order.status)}</h1>
    <div class="grid"><dl>
      <dt>${esc(t('order.patron'))}</dt><dd>${esc(order.patron.name)}</dd>
      <dt>${esc(t('order.card'))}</dt><dd>${esc(order.patron.cardNumber)}</dd>
      <dt>${esc(t('order.phone'))}</dt><dd><a href="tel:${esc(order.patron.phone)}">${esc(order.patron.phone)}</a></dd>
      <dt>${esc(t('order.language'))}</dt><dd>${esc(t(`language_names.${order.language}`, { defaultValue: order.language }))}</dd>
    </dl><dl>
      <dt>${esc(t('order.channel'))}</dt><dd>${esc(channelName(t, order.channel))}</dd>
      <dt>${esc(t('order.created'))}</dt><dd>${esc(formatDateTime(order.createdAt, language, zone))}</dd>
      <dt>${esc(t('order.deadline'))}</dt><dd>${order.pickupDeadline ? esc(formatDay(new Date(order.pickupDeadline.getTime() - 1), language, zone)) : '—'}</dd>
    </dl></div></section>
  <section><h2>${esc(t('order.items'))}</h2><table><thead><tr><th>${esc(t('order.title'))}</th><th>${esc(t('order.author'))}</th><th>${esc(t('order.branch'))}</th><th>${esc(t('order.shelf'))}</th><th>${esc(t('order.copy_status'))}</th></tr></thead><tbody>
    ${order.items.map((i) => `<tr><td>${esc(i.title)}</td><td>${esc(i.author)}</td><td>${esc(i.branchName)}</td><td><code>${esc(i.shelfMark)}</code></td><td>${esc(t(`copy_status.${i.copyStatus}`, { defaultValue: i.copyStatus }))}</td></tr>`).join('')}</tbody></table></section>
  <div class="grid">
    <section id="checks"><h2>${esc(t('order.checks'))}</h2><ul>${checks.map(([ok, text]) => `<li class="${ok ? 'ok' : 'bad'}">${esc(text)}</li>`).join('')}</ul></section>
    <section id="appointments"><h2>${esc(t('order.appointments'))}</h2>${appointments}</section>
  </div>
  <section id="actions"><h2>${esc(t('order.actions'))}</h2>${actionForms}
    <form method="post" action="${base}/note">${csrf}<label for="note-text">${esc(t('order.note'))}</label>
      <input id="note-text" name="note" maxlength="500" required> <button class="action" type="submit">${esc(t('order.add_note'))}</button></form></section>
  <section id="history"><h2>${esc(t('order.history'))}</h2><table><thead><tr><th>${esc(t('order.when'))}</th><th>${esc(t('order.who'))}</th><th>${esc(t('order.change'))}</th><th>${esc(t('order.note'))}</th></tr></thead><tbody>${history}</tbody></table></section>
  <section id="notifications"><h2>${esc(t('order.notifications'))}</h2>${notifications}</section>`);
}

/** Who did it, as staff read it: a colleague by name, otherwise the kind of actor; never the stored code. */
export function actorName(t: TFunction, actor: string, staffNames: ReadonlyMap<number, string> = new Map()): string {
  const [kind, id] = actor.split(':');
  if (kind === 'staff') return staffNames.get(Number(id)) ?? t('staff:actor.staff');
  return t(`staff:actor.${kind}`, { defaultValue: t('staff:actor.system') });
}

/** The channel an order or notification came by, in the page's language; an unknown one is "another channel". */
export function channelName(t: TFunction, channel: string): string {
  return t(`staff:channel_names.${channel}`, { defaultValue: t('staff:channel_names.other') });
}

export const isOpen = (s: OrderStatus) => ['new', 'preparing', 'ready', 'waiting_outside'].includes(s);
