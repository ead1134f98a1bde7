import type { TFunction } from 'i18next';
import type { BasketItem, RecordSummary } from '../domain/types';

/** One search hit as the patron hears it: title, author, year, and where a copy can be had. */
export function describeRecord(t: TFunction, record: RecordSummary, position?: number): string {
  const head = t('holds:record.line', { title: record.title, author: record.author, year: record.year });
  const available = record.availability.filter((b) => b.available > 0).map((b) => b.branchName);
  const onLoan = record.availability.filter((b) => b.available === 0).map((b) => b.branchName);
  const parts = [
    available.length > 0 ? t('holds:record.available_at', { branches: available.join(', ') }) : t('holds:record.none_available'),
    ...(onLoan.length > 0 && available.length > 0 ? [t('holds:record.on_loan_at', { branches: onLoan.join(', ') })] : []),
  ];
  return `${position !== undefined ? `${position}. ` : ''}${head}\n${parts.join(' ')}`;
}

/**
 * The same hit for the ear: title, author and whether a copy is on the shelf. The year and the
 * branches are left to the screen; the branch is asked or said when the book is picked.
 */
export function speakRecord(t: TFunction, record: RecordSummary, position: number): string {
  const key = record.availability.some((b) => b.available > 0) ? 'ivr:speak.record.available' : 'ivr:speak.record.on_loan';
  return `${position}. ${t(key, { title: record.title, author: record.author })}`;
}

export function describeBasket(t: TFunction, basket: readonly BasketItem[]): string {
  return basket.map((item, i) => t('holds:basket.line', { n: i + 1, title: item.title, branch: item.branchName })).join('\n');
}
