/**
 * How many chat conversations one client address may open: a page opens one per visit, a
 * script thousands a second (each a stored state and an outbox). Counted in this process's
 * memory: per instance, and forgotten on restart — a flood spread over many instances or
 * restarts gets that many times the allowance, never an unbounded one.
 */
export class CreationLimit {
  private readonly seen = new Map<string, number[]>();

  constructor(private readonly max: number, private readonly windowMs: number, private readonly now: () => number = Date.now, private readonly maxAddresses = 50_000) {}

  /** Counts one creation for the address; false when it is over the allowance (nothing counted). */
  take(address: string): boolean {
    const now = this.now();
    const recent = (this.seen.get(address) ?? []).filter((at) => at > now - this.windowMs);
    if (recent.length >= this.max) { this.seen.set(address, recent); return false; }
    recent.push(now);
    this.seen.delete(address); // re-inserted last: the map's order is least recently used first
    this.seen.set(address, recent);
    if (this.seen.size > this.maxAddresses) this.seen.delete(this.seen.keys().next().value!);
    return true;
  }
}
