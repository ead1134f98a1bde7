import type { OrderStatus } from '../domain/order-status';
import type { QueueRow } from '../domain/ports/staff-order-repository';
import { shelfMarkComparer } from '../domain/shelf-order';

/** Orders whose copies are still on the open shelves: new ones, and those staff began preparing. */
export const TO_FETCH: readonly OrderStatus[] = ['new', 'preparing'];

export interface PickLine { shelfMark: string; title: string; author: string; barcode: string | null; orderRef: string }
export interface PickBranch { branchId: string; branchName: string; lines: PickLine[] }

/**
 * What to take from the shelves, per branch, in the order the copies stand: one walk along the
 * stacks per branch. Holds already released (a copy no longer held for the order) are left out.
 */
export function pickList(rows: readonly QueueRow[], language: string): PickBranch[] {
  const byShelf = shelfMarkComparer(language);
  const branches = new Map<string, PickBranch>();
  for (const row of rows) {
    if (!TO_FETCH.includes(row.status)) continue;
    for (const item of row.items) {
      if (item.holdStatus !== 'active') continue;
      const branch = branches.get(item.branchId) ?? { branchId: item.branchId, branchName: item.branchName, lines: [] };
      branch.lines.push({ shelfMark: item.shelfMark, title: item.title, author: item.author, barcode: item.barcode, orderRef: row.ref });
      branches.set(item.branchId, branch);
    }
  }
  const names = new Intl.Collator(language);
  return [...branches.values()]
    .map((b) => ({ ...b, lines: b.lines.sort((x, y) => byShelf(x.shelfMark, y.shelfMark) || x.orderRef.localeCompare(y.orderRef)) }))
    .sort((a, b) => names.compare(a.branchName, b.branchName));
}

/**
 * The pick list as a spreadsheet file: UTF-8 with a byte-order mark (without it Excel reads
 * Greek and Hungarian letters as Latin-1), CRLF line ends and quoted fields per RFC 4180.
 * A field that starts like a formula is prefixed with an apostrophe, so a title cannot run
 * as one in the spreadsheet.
 */
export function pickListCsv(branches: readonly PickBranch[], header: readonly string[]): string {
  const field = (value: string | null) => {
    const text = /^[=+\-@\t\r]/.test(value ?? '') ? `'${value}` : value ?? '';
    return /[",\r\n;]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
  };
  const lines = [header.map(field).join(',')];
  for (const b of branches) for (const l of b.lines) lines.push([b.branchName, l.shelfMark, l.title, l.author, l.barcode, l.orderRef].map(field).join(','));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
