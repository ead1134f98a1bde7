import type { ErasureSummary } from '../domain/ports/patron-data-repository';
import { esc, layout, type PageContext } from './pages';

export interface PatronDataPageData {
  /** The card number looked up, kept in the forms (never in a URL). */
  cardNumber?: string;
  subject?: { name: string; orders: number; illRequests: number };
  erased?: ErasureSummary;
  error?: string;
}

/**
 * A patron's GDPR requests (access, erasure) at the desk: find by card number, download the
 * JSON export, or erase after ticking a confirmation. Every form is a POST carrying the CSRF
 * token, so card numbers stay out of URLs, browser history and proxy logs.
 */
export function patronDataPage(ctx: PageContext, data: PatronDataPageData): string {
  const { t } = ctx;
  const csrf = `<input type="hidden" name="_csrf" value="${esc(ctx.csrfToken)}">`;
  const card = `<input type="hidden" name="cardNumber" value="${esc(data.cardNumber)}">`;
  const lookup = `<form method="post" action="/staff/patrons" class="filters">${csrf}
    <div><label for="cardNumber">${esc(t('patron_data.card'))}</label><input id="cardNumber" name="cardNumber" inputmode="numeric" autocomplete="off" required value="${esc(data.subject ? '' : data.cardNumber)}"></div>
    <div><button class="action" type="submit">${esc(t('patron_data.find'))}</button></div></form>`;
  const subject = data.subject ? `<section id="patron"><h2>${esc(data.subject.name)}</h2>
    <p>${esc(t('patron_data.holds', { orders: data.subject.orders, ill: data.subject.illRequests }))}</p>
    <form method="post" action="/staff/patrons/export" class="inline">${csrf}${card}<button class="action" type="submit">${esc(t('patron_data.export'))}</button></form>
    <p>${esc(t('patron_data.export_help'))}</p>
    <form method="post" action="/staff/patrons/erase">${csrf}${card}
      <p>${esc(t('patron_data.erase_help'))}</p>
      <p><label><input type="checkbox" name="confirm" value="1" required> ${esc(t('patron_data.erase_confirm', { name: data.subject.name }))}</label></p>
      <button class="action danger" type="submit">${esc(t('patron_data.erase'))}</button></form></section>` : '';
  const erased = data.erased ? `<p class="flash" role="status">${esc(t('patron_data.erased', {
    orders: data.erased.ordersAnonymized, ill: data.erased.illRequestsAnonymized, conversations: data.erased.conversationsDeleted,
  }))}</p>` : '';
  return layout(ctx, t('patron_data.title'), `<section><h1>${esc(t('patron_data.title'))}</h1>
    <p>${esc(t('patron_data.intro'))}</p>
    ${data.error ? `<p class="error" role="alert">${esc(data.error)}</p>` : ''}${erased}${lookup}</section>${subject}`);
}
