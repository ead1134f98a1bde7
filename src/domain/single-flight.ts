/**
 * One run per key at a time in this process: a caller that comes while the key's work runs gets
 * that run's promise instead of starting a second. The ILS services use it so the start-up
 * reconciliation, the reconcile-ils job's first tick and a patron's repeated yes cannot all ask
 * the library system, find nothing under the key yet, and all place (or file) the same thing.
 */
export class SingleFlight<K, V> {
  private readonly running = new Map<K, Promise<V>>();

  run(key: K, work: () => Promise<V>): Promise<V> {
    const current = this.running.get(key);
    if (current) return current;
    const started = work().finally(() => this.running.delete(key));
    this.running.set(key, started);
    return started;
  }
}
