import { retentionCutoffs, type RetentionPolicy } from '../policy/retention';
import type { PurgeCounts, RetentionStore } from '../ports/retention-store';

/** The retention job (src/jobs/): removes conversations and contact details past their retention period. */
export class PurgeExpiredData {
  constructor(private readonly store: RetentionStore, private readonly policy: RetentionPolicy, private readonly now: () => Date) {}

  async run(): Promise<PurgeCounts> {
    const now = this.now();
    return this.store.purge(retentionCutoffs(this.policy, now), now);
  }
}
