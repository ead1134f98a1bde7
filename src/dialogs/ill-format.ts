import type { TFunction } from 'i18next';
import type { IllForm, IllKind } from '../domain/ill-status';
import type { LibraryPolicy } from '../domain/policy/library-policy';
import { postageRange } from '../domain/rules/ill-costs';
import { formatDay } from '../i18n/format-date';

/**
 * Interpolation values for amounts: minor units become major ones and every named value gets
 * i18next's `currency` format in the library's currency ("1250 Ft", "1.250 HUF", "4,50 €").
 */
export function money(currency: string, amounts: Record<string, number>): Record<string, unknown> {
  const values: Record<string, number> = {};
  const formatParams: Record<string, { currency: string }> = {};
  for (const [name, minor] of Object.entries(amounts)) {
    values[name] = minor / 100;
    formatParams[name] = { currency };
  }
  return { ...values, formatParams };
}

/**
 * The terms the reader must hear before the request is taken (seeds/004), for the chosen form:
 * who pays what, the limit, the collection week, the late fee, the lender's say on home loan vs
 * reading room, the liability statement and the reader's responsibility. This exact text is
 * what the acceptance stores.
 */
export function illTermsText(t: TFunction, policy: LibraryPolicy, form: IllForm, maxCost: number): string {
  const { min, max } = postageRange(policy);
  const c = policy.currency;
  return [
    t('ill:terms.intro'),
    form === 'original' ? t('ill:terms.original', money(c, { min, max })) : t(`ill:terms.${form}`, money(c, { max: maxCost })),
    t('ill:terms.limit', { count: policy.ill.maxOutstanding }),
    t('ill:terms.collection', { count: policy.ill.holdDays }),
    // A copy is the reader's to keep (ill.copy_not_returned): the late fee, the lender's home-or-
    // reading-room decision and the liability for a loan's return apply to originals only.
    ...(form === 'original' ? [
      t('ill:terms.late_fee', money(c, { fee: policy.lateFeePerDayPerItem })),
      t('ill:terms.use'),
      t('ill:terms.liability'),
    ] : []),
    // Paragraphs: web chat renders single line breaks as spaces, and each term deserves its own.
  ].join('\n\n');
}

export interface IllDetails {
  kind: IllKind;
  title: string;
  author?: string;
  year?: number;
  isbn?: string;
  journal?: string;
  volumeIssue?: string;
  pages?: string;
  /** ISO instant. */
  notNeededAfter?: string;
}

/** The request as the reader hears it before confirming. */
export function illSummary(t: TFunction, d: IllDetails, form: IllForm, maxCost: number, policy: LibraryPolicy, language: string, opts: { withForm?: boolean } = {}): string {
  const c = policy.currency;
  const lines = [
    t(`ill:summary.${d.kind}`, { title: d.title }),
    ...(d.author ? [t('ill:summary.author', { author: d.author })] : []),
    ...(d.journal ? [t('ill:summary.journal', { journal: d.journal })] : []),
    ...(d.year ? [t('ill:summary.year', { year: d.year })] : []),
    ...(d.volumeIssue ? [t('ill:summary.volume_issue', { volumeIssue: d.volumeIssue })] : []),
    ...(d.pages ? [t('ill:summary.pages', { pages: d.pages })] : []),
    ...(d.isbn ? [t('ill:summary.isbn', { isbn: d.isbn })] : []),
    ...(d.notNeededAfter ? [t('ill:summary.not_needed_after', { date: formatDay(new Date(d.notNeededAfter), language, policy.timezone) })] : []),
    ...(opts.withForm === false ? [] : [t('ill:summary.form', { form: t(`ill:form.name.${form}`) })]),
    ...(form !== 'original' ? [t('ill:summary.max_cost', money(c, { max: maxCost }))] : []),
  ];
  return [t('ill:summary.header'), ...lines].join('\n\n');
}
