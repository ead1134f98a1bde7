import type { ErasureSummary } from '../domain/ports/patron-data-repository';
import { renderPage, type PageContext } from './view';

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
  return renderPage(ctx, 'patron-data', t('staff:patron_data.title'), {
    cardNumber: data.cardNumber ?? '', subject: data.subject, error: data.error, lookupValue: data.subject ? '' : data.cardNumber ?? '',
    erased: data.erased ? t('staff:patron_data.erased', {
      orders: data.erased.ordersAnonymized, ill: data.erased.illRequestsAnonymized, conversations: data.erased.conversationsDeleted,
    }) : undefined,
  }, { current: '/staff/patrons' });
}
