import { retentionCutoffs, type RetentionCutoffs, type RetentionPolicy } from '../policy/retention';
import type { PurgeCounts, RetentionStore } from '../ports/retention-store';

/**
 * The retention job (src/jobs/): removes conversations and contact details past their retention
 * period. `policy` is the process-wide one; `perLibrary`, each library's own periods
 * (libraryRetention: defaults, its file's `retention:`, the environment), applied to that
 * library's rows of the kinds that have a library (PER_LIBRARY_RETENTION); rows of a library not
 * in it, and the kinds without a library, get `policy`.
 */
export class PurgeExpiredData {
  constructor(
    private readonly store: RetentionStore,
    private readonly policy: RetentionPolicy,
    private readonly now: () => Date,
    private readonly perLibrary: ReadonlyMap<string, RetentionPolicy> = new Map(),
  ) {}

  async run(): Promise<PurgeCounts> {
    const now = this.now();
    const libraries = new Map<string, RetentionCutoffs>([...this.perLibrary].map(([id, policy]) => [id, retentionCutoffs(policy, now)]));
    return this.store.purge(retentionCutoffs(this.policy, now), now, libraries);
  }
}
