import type { CatalogueRepository } from '../ports/catalogue-repository';
import type { LibrarySystem } from '../ports/library-system';
import { isOnShelf } from '../rules/ils-standing';
import type { BranchAvailability, RecordSummary } from '../types';

/**
 * Where the record's copies are on the shelf right now (issue 20: search stays local and fast, the
 * copy's status is checked live in the ILS before a copy is offered). Without an ILS, or when it
 * does not answer, the catalogue's own counts stand: the hold's placement asks the ILS again and
 * promises nothing it has not held.
 */
export class LiveAvailability {
  constructor(
    private readonly catalogue: Pick<CatalogueRepository, 'ilsRefs'>,
    private readonly systemFor: (libraryId: string) => LibrarySystem | undefined,
    private readonly branchOfCode: (libraryId: string, code: string) => string,
  ) {}

  async of(record: RecordSummary, libraryId: string): Promise<BranchAvailability[]> {
    const system = this.systemFor(libraryId);
    if (!system || system.kind === 'embedded') return record.availability;
    const refs = await this.catalogue.ilsRefs(record.id);
    if (!refs.sourceId) return record.availability;
    const answer = await system.copies({ recordIlsId: refs.sourceId, barcodes: refs.barcodes });
    if (!answer.allowed) return record.availability;
    const onShelf = new Map<string, number>();
    for (const copy of answer.copies) {
      const branchId = this.branchOfCode(libraryId, copy.branchCode);
      if (isOnShelf(copy.status)) onShelf.set(branchId, (onShelf.get(branchId) ?? 0) + 1);
    }
    // The catalogue's branches, names and order; the ILS's word on what is on the shelf.
    return record.availability.map((b) => ({ ...b, available: Math.min(b.total, onShelf.get(b.branchId) ?? 0) }));
  }
}
