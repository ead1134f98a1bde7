import type { TFunction } from 'i18next';
import { nextIllStatuses } from '../../domain/ill-status';
import type { IllRequestView } from '../../domain/ports/ill-repository';
import { formatDateTime, formatDay } from '../../i18n/format-date';
import { actorName, channelName, creationNote, sentence } from '../pages';
import { renderPage, type PageContext } from '../view';

const money = (t: TFunction, minor: number | undefined, currency: string) =>
  minor === undefined ? '' : t('ill:staff.amount', { amount: minor / 100, formatParams: { amount: { currency } } });

/** The ILL queue: open requests, oldest first, so nothing waits unseen. */
export function illQueuePage(ctx: PageContext, rows: IllRequestView[], all: boolean): string {
  const { t } = ctx;
  const zone = ctx.policy.timezone;
  return renderPage(ctx, 'ill-queue', t('ill:staff.queue_title'), {
    toggle: { href: `/staff/ill${all ? '' : '?all=1'}`, label: all ? t('ill:staff.queue_title') : t('ill:staff.show_all') },
    columns: ['ref', 'status', 'document', 'form', 'patron', 'lender', 'collect_by', 'created'].map((c) => t(`ill:staff.col.${c}`)),
    rows: rows.map((r) => ({
      ref: r.ref, status: r.status, statusLabel: t(`ill:staff.status.${r.status}`),
      document: `${r.title}${r.author ? ` — ${r.author}` : ''}${r.journal ? ` (${r.journal})` : ''}`,
      form: t(`ill:staff.form.${r.form}`), patron: `${r.patron.name} (${r.patron.cardNumber})`, lender: r.lender ?? '',
      collectBy: r.collectBy ? formatDay(r.collectBy, ctx.language, zone) : '', created: formatDateTime(r.createdAt, ctx.language, zone),
    })),
  }, { current: '/staff/ill' });
}

export interface IllRequestPageData {
  request: IllRequestView;
  flash?: string;
  error?: string;
  /** A step staff asked for that needs a second click: its form fields, sent again with `confirmed`. */
  confirm?: { type: string; fields: Array<{ name: string; value: string }> };
  /** Colleagues by id, so the history names who did what. */
  staffNames?: ReadonlyMap<number, string>;
  /** The library files its requests in its own system: the request's id there, or that it is not there yet. */
  ilsLibrary?: boolean;
}

/** One request: what was asked, the terms the reader accepted, the history, what is owed, and the next steps. */
export function illRequestPage(ctx: PageContext, { request: r, flash, error, confirm, staffNames, ilsLibrary }: IllRequestPageData): string {
  const { t, language } = ctx;
  const zone = ctx.policy.timezone;
  const row = (key: string, value: string | number | undefined | null) =>
    value === undefined || value === null || value === '' ? [] : [{ key, label: t(`ill:staff.field.${key}`), value: String(value) }];
  const details = [
    row('kind', t(`ill:staff.kind.${r.kind}`)), row('title', r.title), row('author', r.author), row('journal', r.journal), row('year', r.year),
    row('volume_issue', r.volumeIssue), row('pages', r.pages), row('isbn', r.isbn),
    row('not_needed_after', r.notNeededAfter ? formatDay(r.notNeededAfter, language, zone) : undefined),
    row('form', t(`ill:staff.form.${r.form}`)), row('max_cost', r.form === 'original' ? undefined : money(t, r.maxCost, r.currency)),
    row('lender', r.lender), row('lender_cost', money(t, r.lenderCost, r.currency)),
    row('cost_pending', r.costAcceptancePending ? t('ill:staff.cost_pending_yes') : undefined), row('weight', r.weightGrams), row('amount_due', money(t, r.amountDue, r.currency)),
    row('collect_by', r.collectBy ? formatDay(r.collectBy, language, zone) : undefined), row('use', r.use ? t(`ill:staff.use.${r.use}`) : undefined),
    row('due_date', r.dueDate ? formatDay(r.dueDate, language, zone) : undefined),
    row('liability', r.liabilitySignedAt ? formatDateTime(r.liabilitySignedAt, language, zone) : undefined),
    row('returned', r.returnedAt ? formatDateTime(r.returnedAt, language, zone) : undefined),
    row('ils_request', r.ilsRequestId ?? (ilsLibrary ? t('ill:staff.ils_request_pending') : undefined)),
  ].flat();
  const patron = [row('patron', r.patron.name), row('card', r.patron.cardNumber), row('phone', r.patron.phone), row('channel', sentence(channelName(t, r.channel), language))].flat();
  return renderPage(ctx, 'ill-request', t('ill:staff.request_title', { ref: r.ref }), {
    ref: r.ref, version: r.version, status: r.status, statusLabel: t(`ill:staff.status.${r.status}`), flash, error, details, patron,
    actions: confirm ? [] : illActions(t, r),
    confirm: confirm ? {
      ...confirm, action: t(`ill:staff.action.${confirm.type}`),
      note: confirm.fields.find((f) => f.name === `note_${confirm.type}`)?.value ?? '',
    } : undefined,
    charges: r.charges.map((c) => ({
      id: c.id, label: t(`ill:staff.charge_kind.${c.kind}`), amount: money(t, c.amount, r.currency),
      paid: c.paidAt ? t('ill:staff.paid', { at: formatDateTime(c.paidAt, language, zone) }) : undefined,
    })),
    terms: r.acceptances.map((a) => ({
      summary: t('ill:staff.accepted_at', { version: sentence(acceptanceName(t, a.version), language), at: formatDateTime(a.acceptedAt, language, zone), actor: actorName(t, a.actor, staffNames) }), text: a.text,
    })),
    // Who, what and the note in columns of their own: never "system: beérkezett" run together.
    history: r.events.map((e) => ({
      when: formatDateTime(e.at, language, zone), who: sentence(actorName(t, e.actor, staffNames), language),
      from: e.fromStatus ? t(`ill:staff.status.${e.fromStatus}`) : undefined, to: t(`ill:staff.status.${e.toStatus}`),
      note: e.note ? (e.fromStatus ? illNote(t, e.note) : creationNote(t, e.note)) : '',
    })),
  }, { current: '/staff/ill' });
}

/**
 * Notes the workflow writes itself are codes (the use chosen at collection, the reader's answer
 * on cost); staff read them in words. Anything else was typed by staff and is shown as written.
 */
const ILL_NOTE_CODES: Record<string, string> = {
  'copy kept by the reader': 'ill:staff.note_codes.copy_kept',
  'cost declined by the reader': 'ill:staff.note_codes.cost_declined',
  'cost accepted by the reader': 'ill:staff.note_codes.cost_accepted',
  home: 'ill:staff.use.home',
  reading_room: 'ill:staff.use.reading_room',
};
export const illNote = (t: TFunction, note: string) => (ILL_NOTE_CODES[note] ? t(ILL_NOTE_CODES[note]!) : note);

interface IllField { kind: 'input' | 'select' | 'checkbox'; id: string; name: string; label: string; type?: string; min?: number; required?: boolean; options?: Array<{ value: string; label: string }> }

/** One small form per possible next step, with just the inputs that step needs. */
export function illActions(t: TFunction, r: IllRequestView) {
  const form = (type: string, fields: IllField[] = [], danger = false) => ({ type, fields, danger, label: t(`ill:staff.action.${type}`) });
  const input = (name: string, label: string, type: string, extra: Partial<IllField> = {}): IllField =>
    ({ kind: 'input', id: `${name}-${r.ref}`, name, label: t(`ill:staff.input.${label}`), type, ...extra });
  const note = (type: string) => form(type, [input(`note_${type}`, 'note', 'text', { required: true })], true);
  const next = nextIllStatuses(r.status);
  const out: Array<ReturnType<typeof form>> = [];
  if (next.includes('requested')) out.push(form('request', [input('lender', 'lender', 'text', { required: true })]));
  if (next.includes('terms_received')) out.push(form('terms', [input('lenderCost', 'lender_cost', 'number', { min: 0, required: true })]));
  if (r.status === 'terms_received' && r.costAcceptancePending) out.push(form('accept_by_phone'), form('decline_by_phone', [], true));
  if (next.includes('shipped')) out.push(form('ship'));
  if (next.includes('arrived')) out.push(form('arrive', r.form === 'original' ? [input('weightGrams', 'weight', 'number', { min: 1, required: true })] : []));
  if (next.includes('collected')) {
    const use: IllField = { kind: 'select', id: `use-${r.ref}`, name: 'use', label: t('ill:staff.input.use'), options: ['home', 'reading_room'].map((u) => ({ value: u, label: t(`ill:staff.use.${u}`) })) };
    out.push(form('collect', [use, ...(r.form === 'original'
      ? [input('dueDate', 'due_date', 'date'), { kind: 'checkbox' as const, id: `liability-${r.ref}`, name: 'liabilitySigned', label: t('ill:staff.input.liability') }] : [])]));
  }
  if (next.includes('not_collected')) out.push(form('send_back', [], true));
  if (next.includes('returned') && r.form === 'original') out.push(form('return'));
  if (next.includes('closed') && (r.status === 'returned' || r.form !== 'original')) out.push(form('close'));
  if (next.includes('unfilled')) out.push(note('unfilled'));
  if (next.includes('cancelled')) out.push(note('cancel'));
  return out;
}

/**
 * What a reader accepted, as staff read it: the version ids the dialogs store
 * («ozd-ill-2026-11/original/hu», «cost/hu/phone») said with the form, language and channel in words.
 */
export function acceptanceName(t: TFunction, version: string): string {
  const [head = '', second = '', third = ''] = version.split('/');
  const language = (code: string) => t(`staff:language_names.${code}`, { defaultValue: t('staff:language_names.other') });
  if (head === 'cost') return t('ill:staff.acceptance.cost', { language: language(second), channel: channelName(t, third === 'phone' ? 'voice' : third) });
  if (second && third) return t('ill:staff.acceptance.terms', { id: head, form: t(`ill:staff.form.${second}`, { defaultValue: second }), language: language(third) });
  return version;
}
