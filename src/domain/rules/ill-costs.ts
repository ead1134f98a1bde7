import type { IllForm } from '../ill-status';
import type { LibraryPolicy } from '../policy/library-policy';
import { addDays, localDate, type LocalDate } from './local-time';

/**
 * The largest amount an ILL request records, in minor units (1 000 000 Ft). Lenders' fees are
 * a few thousand forints; anything near this is a typing or hearing mistake, and the database
 * keeps amounts in 32-bit integers.
 */
export const MAX_ILL_AMOUNT = 100_000_000;

/** Whether an amount in minor units can be recorded: a whole number from 0 to MAX_ILL_AMOUNT. */
export function isIllAmount(amount: number): boolean {
  return Number.isSafeInteger(amount) && amount >= 0 && amount <= MAX_ILL_AMOUNT;
}

/**
 * Return postage for a document of this weight, from the postal rate table (seeds/004: "az
 * aktuális postai díjtáblázat alapján"); undefined when it is heavier than the table goes.
 *
 * @example returnPostage(480, ozdPolicy) === 125000 // 1 250 Ft
 */
export function returnPostage(weightGrams: number, policy: LibraryPolicy): number | undefined {
  if (!Number.isInteger(weightGrams) || weightGrams <= 0) return undefined;
  return policy.ill.postalRates.find((band) => weightGrams <= band.maxGrams)?.amount;
}

/** The cheapest and dearest band, for telling the reader what return postage can come to. */
export function postageRange(policy: LibraryPolicy): { min: number; max: number } {
  const amounts = policy.ill.postalRates.map((b) => b.amount);
  return { min: Math.min(...amounts), max: Math.max(...amounts) };
}

/**
 * What the reader pays when collecting: the return postage of an original (sending is free),
 * or the lender's copying/postage or electronic fee for a copy.
 *
 * @example amountDueOnCollection('original', { weightGrams: 900, lenderCost: 0 }, ozdPolicy) === 165000
 */
export function amountDueOnCollection(form: IllForm, costs: { weightGrams?: number | null; lenderCost?: number | null }, policy: LibraryPolicy): number | undefined {
  if (form === 'original') {
    const postage = returnPostage(costs.weightGrams ?? 0, policy);
    return postage === undefined ? undefined : postage + (costs.lenderCost ?? 0);
  }
  return costs.lenderCost ?? 0;
}

/**
 * Whether the lender's cost must be put to the reader again: it is above the most the reader
 * accepted when asking (ISO 18626 "Conditional" answer against the request's maximum cost).
 *
 * @example costNeedsReacceptance(150000, 200000) === true
 */
export function costNeedsReacceptance(acceptedMax: number, lenderCost: number): boolean {
  return lenderCost > acceptedMax;
}

/** Calendar days between two library-local days (b − a). */
export function daysBetween(a: LocalDate, b: LocalDate): number {
  const day = (d: LocalDate) => { const [y, m, dd] = d.split('-').map(Number) as [number, number, number]; return Date.UTC(y, m - 1, dd); };
  return Math.round((day(b) - day(a)) / 86_400_000);
}

/**
 * Late fee (seeds/004: "200,- Ft/nap/db"): per day per document, counted in library-local days
 * after the due day; returning on the due day costs nothing.
 *
 * @example lateFee('2026-12-01', new Date('2026-12-04T10:00:00Z'), 2, ozdPolicy) === 120000 // 3 days × 2 × 200 Ft
 */
export function lateFee(dueDate: LocalDate, returnedAt: Date, items: number, policy: LibraryPolicy): number {
  const days = Math.max(0, daysBetween(dueDate, localDate(returnedAt, policy.timezone)));
  return days * items * policy.lateFeePerDayPerItem;
}

/** The last day a home loan may be kept, `days` after collection (the lender's loan period). */
export function illDueDate(collectedAt: Date, days: number, policy: LibraryPolicy): LocalDate {
  return addDays(localDate(collectedAt, policy.timezone), days);
}
