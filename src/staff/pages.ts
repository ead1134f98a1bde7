import type { TFunction } from 'i18next';
import { nextStatuses, OPEN_STATUSES, ORDER_STATUSES } from '../domain/order-status';
import type { ScheduleRow } from '../domain/ports/appointment-repository';
import type { OrderView, QueueRow } from '../domain/ports/staff-order-repository';
import { formatDateTime, formatDay, formatSlot, formatTime } from '../i18n/format-date';
import { orderChecks } from './order-checks';
import type { PickBranch } from './pick-list';
import { renderPage, type AnonymousContext, type PageContext } from './view';

export type { PageContext } from './view';

/** Reasons staff pick from when they cancel; none is chosen for them (issue 21: a slip cancelled orders). */
export const CANCEL_REASONS = ['not_found_on_shelf', 'damaged', 'patron_request_by_phone'] as const;

/** A label at the start of a cell: «Ελληνικά», not «ελληνικά» (the locale keeps the in-sentence form). */
export const sentence = (text: string, _language: string) => {
  // Not toLocaleUpperCase('el'): Greek all-caps drops the accent, an initial capital keeps it («Άννα»).
  const first = text.charAt(0);
  return first === first.toLowerCase() ? first.toUpperCase() + text.slice(1) : text;
};

/** The note of an order's or request's first event is the channel it came by: said as such, not as a code. */
export const creationNote = (t: TFunction, note: string) => t('staff:note_codes.channel', { channel: channelName(t, note) });

export function loginPage(ctx: AnonymousContext, message?: string): string {
  return renderPage(ctx, 'login', ctx.t('staff:login.title'), { message });
}

export interface QueuePageData {
  rows: QueueRow[];
  waiting: QueueRow[];
  branches: Array<{ id: string; name: string }>;
  filter: { status?: string; branch?: string; day?: string };
  schedule: { day: string; rows: ScheduleRow[] };
  error?: string;
  /** Cards of the library locked for everyone: shown on top of the queue until lifted. */
  alarms?: number;
  /** The library's holds go to its own system: each book shows its hold id there. */
  ilsLibrary?: boolean;
}

/**
 * One queue line as staff read it: the books (title, author, branch, shelf mark), not a count;
 * where the library has its own system, each hold's id there (or that it is not there yet).
 */
export function queueRowView(t: TFunction, language: string, zone: string, r: QueueRow, ilsLibrary = false) {
  const ilsHold = (id: string | null) => (id !== null ? t('staff:queue.ils_hold', { id }) : ilsLibrary ? t('staff:queue.ils_hold_pending') : undefined);
  return {
    ref: r.ref, status: r.status, statusLabel: t(`staff:status.${r.status}`), waiting: r.status === 'waiting_outside',
    created: formatDateTime(r.createdAt, language, zone), patronName: r.patronName,
    books: r.items.map((i) => ({ title: i.title, author: i.author, branchName: i.branchName, shelfMark: i.shelfMark, ilsHold: ilsHold(i.ilsHoldId) })),
    appointment: r.nextAppointment ? formatSlot(r.nextAppointment, language, zone) : t('staff:queue.none'),
  };
}

export function queuePage(ctx: PageContext, data: QueuePageData): string {
  const { t, language } = ctx;
  const zone = ctx.policy.timezone;
  const row = (r: QueueRow) => queueRowView(t, language, zone, r, data.ilsLibrary);
  const statusOptions = [
    { value: '', label: t('staff:filter.all_open'), selected: !data.filter.status },
    { value: 'all', label: t('staff:filter.all'), selected: data.filter.status === 'all' },
    ...ORDER_STATUSES.map((s) => ({ value: s, label: t(`staff:status.${s}`), selected: data.filter.status === s })),
  ];
  const branchOptions = [{ value: '', label: t('staff:filter.all_branches'), selected: !data.filter.branch },
    ...data.branches.map((b) => ({ value: b.id, label: b.name, selected: data.filter.branch === b.id }))];
  const byBranch = new Map<string, ScheduleRow[]>();
  for (const r of data.schedule.rows) byBranch.set(r.branchName, [...(byBranch.get(r.branchName) ?? []), r]);
  const schedule = [...byBranch].map(([branch, rows]) => ({
    branch, rows: rows.map((r) => ({
      time: formatTime(r.startsAt, language, zone), ref: r.orderRef, patronName: r.patronName, itemCount: r.itemCount,
      status: r.orderStatus, statusLabel: t(`staff:status.${r.orderStatus}`), waiting: r.orderStatus === 'waiting_outside',
    })),
  }));
  const fresh = data.rows.filter((r) => r.status === 'new').length;
  return renderPage(ctx, 'queue', titleWithCount(t('staff:title'), fresh), {
    rows: data.rows.map(row), waiting: data.waiting.map(row), statusOptions, branchOptions, day: data.filter.day ?? '',
    schedule, scheduleHeading: t('staff:schedule.heading', { day: formatDay(data.schedule.day, language, zone) }),
    error: data.error, alarm: data.alarms ? t('staff:lockouts.alarm', { count: data.alarms }) : undefined,
    fresh, baseTitle: t('staff:title'),
    // The live script asks for changes with the same filter the page shows.
    liveQuery: new URLSearchParams(Object.entries(data.filter).filter(([, v]) => v) as Array<[string, string]>).toString(),
  }, { current: '/staff', script: 'queue-live.js' });
}

/** «(3) Ουρά παραγγελιών»: the browser tab tells staff how many new orders wait. */
export const titleWithCount = (title: string, count: number) => (count > 0 ? `(${count}) ${title}` : title);

export interface NotificationRow { kind: string; channel: string; status: string; detail: string | null; createdAt: Date }

export interface OrderPageData {
  order: OrderView;
  slots: Array<{ branchId: string; branchName: string; free: Date[] }>;
  staffNames: Map<number, string>;
  notifications: NotificationRow[];
  now: Date;
  flash?: string;
  error?: string;
  calendarUrl: (token: string) => string;
  /** The library's holds go to its own system: each hold's id there, or that it is not there yet. */
  ilsLibrary?: boolean;
}

export function orderPage(ctx: PageContext, data: OrderPageData): string {
  const { t, language, policy } = ctx;
  const { order } = data;
  const zone = policy.timezone;
  const open = OPEN_STATUSES.includes(order.status);
  const checks = orderChecks(order, policy, data.now).map((c) => ({
    ok: c.ok,
    text: t(`staff:${c.reason}`, { ...c.params, ...Object.fromEntries(Object.entries(c.dates ?? {}).map(([k, d]) => [k, formatDay(d, language, zone)])) }),
  }));
  const appointments = data.slots.map((b) => {
    const current = order.appointments.find((a) => a.branchId === b.branchId);
    return {
      branchId: b.branchId, branchName: b.branchName, canBook: open, current: current ? { when: formatSlot(current.startsAt, language, zone), calendar: data.calendarUrl(current.icsToken) } : undefined,
      free: b.free.map((s) => ({ value: s.toISOString(), label: formatSlot(s, language, zone) })),
    };
  });
  const note = (n: string | null, first: boolean) => {
    if (!n) return '';
    if (first) return creationNote(t, n);
    if (n.startsWith('appointment ')) {
      const [, branch, at] = n.split(' ');
      const name = order.items.find((i) => i.branchId === branch)?.branchName ?? branch;
      return `${t('staff:note_codes.appointment')}: ${name}, ${at ? formatSlot(new Date(at), language, zone) : ''}`;
    }
    return t(`staff:cancel_reasons.${n}`, { defaultValue: n });
  };
  return renderPage(ctx, 'order', t('staff:order.heading', { ref: order.ref }), {
    ref: order.ref, version: order.version, status: order.status, statusLabel: t(`staff:status.${order.status}`),
    flash: data.flash, error: data.error,
    patron: order.patron,
    language: sentence(t(`staff:language_names.${order.language}`, { defaultValue: t('staff:language_names.other') }), language),
    channel: sentence(channelName(t, order.channel), language),
    created: formatDateTime(order.createdAt, language, zone),
    deadline: order.pickupDeadline ? formatDay(new Date(order.pickupDeadline.getTime() - 1), language, zone) : '—',
    items: order.items.map((i) => ({
      ...i, copyStatusLabel: t(`staff:copy_status.${i.copyStatus}`, { defaultValue: t('staff:copy_status.other') }),
      ilsHold: i.ilsHoldId ?? t('staff:order.ils_hold_pending'),
    })),
    ils: data.ilsLibrary === true || order.items.some((i) => i.ilsHoldId !== null),
    checks, appointments,
    actions: nextStatuses(order.status).filter((s) => s !== 'cancelled').map((to) => ({ to, label: t(`staff:action.${to}`) })),
    canCancel: nextStatuses(order.status).includes('cancelled'),
    history: order.events.map((e) => ({
      when: formatDateTime(e.at, language, zone), who: sentence(actorName(t, e.actor, data.staffNames), language),
      from: e.fromStatus && e.fromStatus !== e.toStatus ? { status: e.fromStatus, label: t(`staff:status.${e.fromStatus}`) } : undefined,
      to: { status: e.toStatus, label: t(`staff:status.${e.toStatus}`) }, note: note(e.note, e.fromStatus === null),
    })),
    notifications: data.notifications.map((n) => notificationView(t, language, zone, n)),
  });
}

/** What really happened to one notification: sent, failed (and why), or no SMS service configured. */
export function notificationView(t: TFunction, language: string, zone: string, n: NotificationRow) {
  return {
    when: formatDateTime(n.createdAt, language, zone), kind: sentence(t(`staff:notification_kind.${n.kind}`), language),
    code: n.channel, channel: sentence(channelName(t, n.channel), language), status: n.status,
    statusLabel: t(`staff:notification_status.${n.status}`, { defaultValue: t('staff:notification_status.unknown') }),
    detail: n.status === 'failed' ? n.detail ?? '' : '',
  };
}

export interface CancelPageData { order: OrderView; reason?: string; note?: string; error?: string }

/** The step between "Cancel" and a cancelled order: what goes, and a reason staff choose themselves. */
export function cancelPage(ctx: PageContext, data: CancelPageData): string {
  const { t } = ctx;
  const { order } = data;
  return renderPage(ctx, 'cancel', t('staff:cancel.title', { ref: order.ref }), {
    ref: order.ref, version: order.version, patronName: order.patron.name, error: data.error, note: data.note ?? '',
    items: order.items.map((i) => ({ title: i.title, author: i.author, branchName: i.branchName, shelfMark: i.shelfMark })),
    reasons: [...CANCEL_REASONS, 'other'].map((code) => ({
      code, label: t(code === 'other' ? 'staff:order.reason_other' : `staff:cancel_reasons.${code}`), checked: data.reason === code,
    })),
  });
}

export function pickListPage(ctx: PageContext, branches: PickBranch[], filter: { branch?: string }, all: Array<{ id: string; name: string }>): string {
  const { t } = ctx;
  return renderPage(ctx, 'pick-list', t('staff:pick.title'), {
    branches, branchOptions: [{ value: '', label: t('staff:filter.all_branches'), selected: !filter.branch },
      ...all.map((b) => ({ value: b.id, label: b.name, selected: filter.branch === b.id }))],
    csv: `/staff/pick-list.csv${filter.branch ? `?branch=${encodeURIComponent(filter.branch)}` : ''}`,
    count: branches.reduce((n, b) => n + b.lines.length, 0),
  }, { current: '/staff/pick-list' });
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

