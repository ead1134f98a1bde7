import type { TFunction } from 'i18next';
import { nextIllStatuses } from '../../domain/ill-status';
import type { IllRequestView } from '../../domain/ports/ill-repository';
import { formatDateTime, formatDay } from '../../i18n/format-date';
import { actorName, channelName, esc, layout, type PageContext } from '../pages';

const money = (t: TFunction, minor: number | undefined, currency: string) =>
  minor === undefined ? '' : t('ill:staff.amount', { amount: minor / 100, formatParams: { amount: { currency } } });

const badge = (t: TFunction, status: string) => `<span class="badge s-${esc(status)}">${esc(t(`ill:staff.status.${status}`))}</span>`;

/** The ILL queue: open requests, oldest first, so nothing waits unseen. */
export function illQueuePage(ctx: PageContext, rows: IllRequestView[], all: boolean): string {
  const { t } = ctx;
  const zone = ctx.policy.timezone;
  const body = rows.length === 0 ? `<p>${esc(t('ill:staff.none'))}</p>` : `<table><thead><tr>${
    ['ref', 'status', 'document', 'form', 'patron', 'lender', 'collect_by', 'created'].map((c) => `<th>${esc(t(`ill:staff.col.${c}`))}</th>`).join('')
  }</tr></thead><tbody>${rows.map((r) => `<tr>
    <td><a href="/staff/ill/${esc(r.ref)}">${esc(r.ref)}</a></td><td>${badge(t, r.status)}</td>
    <td>${esc(r.title)}${r.author ? ` — ${esc(r.author)}` : ''}${r.journal ? ` (${esc(r.journal)})` : ''}</td>
    <td>${esc(t(`ill:staff.form.${r.form}`))}</td><td>${esc(r.patron.name)} (${esc(r.patron.cardNumber)})</td>
    <td>${esc(r.lender)}</td><td>${r.collectBy ? esc(formatDay(r.collectBy, ctx.language, zone)) : ''}</td>
    <td>${esc(formatDateTime(r.createdAt, ctx.language, zone))}</td></tr>`).join('')}</tbody></table>`;
  return layout(ctx, t('ill:staff.queue_title'), `<section><h1>${esc(t('ill:staff.queue_title'))}</h1>
    <p><a href="/staff/ill${all ? '' : '?all=1'}">${esc(all ? t('ill:staff.queue_title') : t('ill:staff.show_all'))}</a></p>${body}</section>`);
}

export interface IllRequestPageData { request: IllRequestView; flash?: string; error?: string }

/** One request: what was asked, the terms the reader accepted, the history, what is owed, and the next steps. */
export function illRequestPage(ctx: PageContext, { request: r, flash, error }: IllRequestPageData): string {
  const { t } = ctx;
  const zone = ctx.policy.timezone;
  const row = (key: string, value: string | number | undefined | null) =>
    value === undefined || value === null || value === '' ? '' : `<dt>${esc(t(`ill:staff.field.${key}`))}</dt><dd data-field="${esc(key)}">${esc(value)}</dd>`;
  const details = [
    row('kind', t(`ill:staff.kind.${r.kind}`)), row('title', r.title), row('author', r.author), row('journal', r.journal), row('year', r.year),
    row('volume_issue', r.volumeIssue), row('pages', r.pages), row('isbn', r.isbn),
    row('not_needed_after', r.notNeededAfter ? formatDay(r.notNeededAfter, ctx.language, zone) : undefined),
    row('form', t(`ill:staff.form.${r.form}`)), row('max_cost', r.form === 'original' ? undefined : money(t, r.maxCost, r.currency)),
    row('lender', r.lender), row('lender_cost', money(t, r.lenderCost, r.currency)),
    row('cost_pending', r.costAcceptancePending ? '!' : undefined), row('weight', r.weightGrams), row('amount_due', money(t, r.amountDue, r.currency)),
    row('collect_by', r.collectBy ? formatDay(r.collectBy, ctx.language, zone) : undefined), row('use', r.use ? t(`ill:staff.use.${r.use}`) : undefined),
    row('due_date', r.dueDate ? formatDay(r.dueDate, ctx.language, zone) : undefined),
    row('liability', r.liabilitySignedAt ? formatDateTime(r.liabilitySignedAt, ctx.language, zone) : undefined),
    row('returned', r.returnedAt ? formatDateTime(r.returnedAt, ctx.language, zone) : undefined),
  ].join('');
  const patron = [row('patron', r.patron.name), row('card', r.patron.cardNumber), row('phone', r.patron.phone), row('channel', channelName(t, r.channel))].join('');
  const terms = r.acceptances.map((a) => `<li><details><summary>${esc(t('ill:staff.accepted_at', {
    version: a.version, at: formatDateTime(a.acceptedAt, ctx.language, zone), actor: actorName(t, a.actor),
  }))}</summary><p style="white-space:pre-line">${esc(a.text)}</p></details></li>`).join('');
  const history = r.events.map((e) => `<li>${esc(formatDateTime(e.at, ctx.language, zone))} — ${esc(actorName(t, e.actor))}: ${
    e.fromStatus ? `${esc(t(`ill:staff.status.${e.fromStatus}`))} → ` : ''}${esc(t(`ill:staff.status.${e.toStatus}`))}${e.note ? ` (${esc(e.note)})` : ''}</li>`).join('');
  const charges = r.charges.map((c) => `<li>${esc(t(`ill:staff.charge_kind.${c.kind}`))}: ${esc(money(t, c.amount, r.currency))} ${
    c.paidAt ? esc(t('ill:staff.paid', { at: formatDateTime(c.paidAt, ctx.language, zone) }))
      : `<form class="inline" method="post" action="/staff/ill/${esc(r.ref)}/charges/${c.id}/paid">${hidden(ctx, r)}<button class="action" type="submit">${esc(t('ill:staff.record_payment'))}</button></form>`}</li>`).join('');
  return layout(ctx, t('ill:staff.request_title', { ref: r.ref }), `
  <section><h1>${esc(t('ill:staff.request_title', { ref: r.ref }))} ${badge(t, r.status)}</h1>
    ${flash ? `<p class="flash" role="status">${esc(flash)}</p>` : ''}${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}
    <div class="grid"><dl>${details}</dl><dl>${patron}</dl></div></section>
  <section><h2>${esc(t('ill:staff.actions'))}</h2>${actionForms(ctx, r)}</section>
  ${charges ? `<section><h2>${esc(t('ill:staff.charges'))}</h2><ul>${charges}</ul></section>` : ''}
  <section><h2>${esc(t('ill:staff.terms_heading'))}</h2><ul>${terms}</ul></section>
  <section><h2>${esc(t('ill:staff.history'))}</h2><ul>${history}</ul></section>`);
}

const hidden = (ctx: PageContext, r: IllRequestView) =>
  `<input type="hidden" name="_csrf" value="${esc(ctx.csrfToken)}"><input type="hidden" name="version" value="${r.version}">`;

/** One small form per possible next step, with just the inputs that step needs. */
function actionForms(ctx: PageContext, r: IllRequestView): string {
  const { t } = ctx;
  const form = (type: string, inputs = '', danger = false) => `<form class="inline" method="post" action="/staff/ill/${esc(r.ref)}/action">${hidden(ctx, r)}
    <input type="hidden" name="type" value="${esc(type)}">${inputs}<button class="action${danger ? ' danger' : ''}" type="submit">${esc(t(`ill:staff.action.${type}`))}</button></form>`;
  const field = (name: string, label: string, attrs: string) =>
    `<label for="${esc(`${name}-${r.ref}`)}">${esc(t(`ill:staff.input.${label}`))}</label><input id="${esc(`${name}-${r.ref}`)}" name="${esc(name)}" ${attrs}> `;
  const note = (type: string) => form(type, field(`note_${type}`, 'note', 'required'), true);
  const next = nextIllStatuses(r.status);
  const out: string[] = [];
  if (next.includes('requested')) out.push(form('request', field('lender', 'lender', 'required')));
  if (next.includes('terms_received')) out.push(form('terms', field('lenderCost', 'lender_cost', 'type="number" min="0" step="1" required')));
  if (r.status === 'terms_received' && r.costAcceptancePending) out.push(form('accept_by_phone'), form('decline_by_phone', '', true));
  if (next.includes('shipped')) out.push(form('ship'));
  if (next.includes('arrived')) out.push(form('arrive', r.form === 'original' ? field('weightGrams', 'weight', 'type="number" min="1" step="1" required') : ''));
  if (next.includes('collected')) {
    const options = ['home', 'reading_room'].map((u) => `<option value="${u}">${esc(t(`ill:staff.use.${u}`))}</option>`).join('');
    out.push(form('collect', `<label for="use-${esc(r.ref)}">${esc(t('ill:staff.input.use'))}</label><select id="use-${esc(r.ref)}" name="use">${options}</select> `
      + (r.form === 'original' ? `${field('dueDate', 'due_date', 'type="date"')}<label><input type="checkbox" name="liabilitySigned" value="1"> ${esc(t('ill:staff.input.liability'))}</label> ` : '')));
  }
  if (next.includes('not_collected')) out.push(form('send_back', '', true));
  if (next.includes('returned') && r.form === 'original') out.push(form('return'));
  if (next.includes('closed') && (r.status === 'returned' || r.form !== 'original')) out.push(form('close'));
  if (next.includes('unfilled')) out.push(note('unfilled'));
  if (next.includes('cancelled')) out.push(note('cancel'));
  return out.join('\n');
}
