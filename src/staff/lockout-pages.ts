import type { SignInSource } from '../domain/ports/sign-in-attempts';
import { cardAlarms, type Lockouts } from '../domain/services/sign-in-lockouts';
import { formatDateTime } from '../i18n/format-date';
import { esc, layout, type PageContext } from './pages';

export interface LockoutPageData {
  lockouts: Lockouts;
  flash?: string;
  error?: string;
}

/**
 * Sign-in lockouts at the staff member's library: cards locked by wrong PINs, and the callers'
 * numbers and client addresses limited by failed sign-ins, each with a button that lifts it
 * (after staff have made sure who is asking).
 */
export function lockoutPage(ctx: PageContext, { lockouts, flash, error }: LockoutPageData): string {
  const { t, language } = ctx;
  const zone = ctx.policy.timezone;
  const when = (d: Date | null) => (d ? esc(formatDateTime(d, language, zone)) : esc(t('queue.none')));
  const csrf = `<input type="hidden" name="_csrf" value="${esc(ctx.csrfToken)}">`;
  const button = `<button class="action" type="submit">${esc(t('lockouts.lift'))}</button>`;
  const source = (s: SignInSource) => `${esc(t(`lockouts.kind.${s.kind}`))}: ${esc(s.id)}`;
  const cards = lockouts.cards.length === 0 ? `<p>${esc(t('lockouts.no_cards'))}</p>` : `<table><thead><tr>
    <th>${esc(t('order.card'))}</th><th>${esc(t('order.patron'))}</th><th>${esc(t('lockouts.source'))}</th><th>${esc(t('lockouts.card_failures_day'))}</th>
    <th>${esc(t('lockouts.locked_until'))}</th><th></th></tr></thead><tbody>
    ${lockouts.cards.map((c) => `<tr data-card="${esc(c.cardNumber)}"${c.from ? '' : ' class="waiting" data-alarm="card"'}><td>${esc(c.cardNumber)}</td><td>${esc(c.patronName)}</td>
      <td>${c.from ? source(c.from) : esc(t('lockouts.everywhere'))}</td><td>${c.failuresLastDay}</td><td>${when(c.lockedUntil)}</td>
      <td><form method="post" action="/staff/lockouts/cards/clear">${csrf}<input type="hidden" name="cardNumber" value="${esc(c.cardNumber)}">${button}</form></td></tr>`).join('')}
    </tbody></table>`;
  const alarms = cardAlarms(lockouts);
  const sources = lockouts.sources.length === 0 ? `<p>${esc(t('lockouts.no_sources'))}</p>` : `<table><thead><tr>
    <th>${esc(t('lockouts.source'))}</th><th>${esc(t('lockouts.failures_quarter'))}</th><th>${esc(t('lockouts.failures_day'))}</th>
    <th>${esc(t('lockouts.last_failure'))}</th><th>${esc(t('lockouts.limited_until'))}</th><th></th></tr></thead><tbody>
    ${lockouts.sources.map((s) => `<tr data-source="${esc(`${s.source.kind}:${s.source.id}`)}"${s.limitedUntil ? ' class="waiting"' : ''}>
      <td>${source(s.source)}</td><td>${s.failures[0] ?? 0}</td><td>${s.failures[1] ?? 0}</td><td>${when(s.lastFailureAt)}</td><td>${when(s.limitedUntil)}</td>
      <td><form method="post" action="/staff/lockouts/sources/clear">${csrf}<input type="hidden" name="kind" value="${esc(s.source.kind)}"><input type="hidden" name="id" value="${esc(s.source.id)}">${button}</form></td></tr>`).join('')}
    </tbody></table>`;
  return layout(ctx, t('lockouts.title'), `<section><h1>${esc(t('lockouts.title'))}</h1><p>${esc(t('lockouts.intro'))}</p>
    ${alarms > 0 ? `<p class="error" role="alert" id="alarm">${esc(t('lockouts.alarm', { count: alarms }))}</p>` : ''}
    ${flash ? `<p class="flash" role="status">${esc(flash)}</p>` : ''}${error ? `<p class="error" role="alert">${esc(error)}</p>` : ''}</section>
    <section id="cards"><h2>${esc(t('lockouts.cards'))}</h2>${cards}</section>
    <section id="sources"><h2>${esc(t('lockouts.sources'))}</h2>${sources}</section>`);
}
