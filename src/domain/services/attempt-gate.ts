import type { Decision, Refusal } from '../decision';
import type { AttemptScope, RecordedAttempt, SignInAttempts, SignInSource } from '../ports/sign-in-attempts';
import { LONGEST_WINDOW_MINUTES, type Busy, type SourceAttempt } from '../rules/sign-in-rate-limit';

/** How long an attempt waits for those ahead of it; it looks again after 20, 40, 80… up to 640 ms. */
const MAX_WAIT_MS = 5000;
const FIRST_POLL_MS = 20;
const MAX_POLL_MS = 640;

export interface Admitted {
  allowed: true;
  /** Report the outcome of the check with these: `forget` (right) or `failed` (wrong). */
  ids: number[];
}

/** The latest read of one source's attempts, shared by the waiters of this process. */
interface SharedRead {
  startedAt: number;
  rows: Promise<RecordedAttempt[]>;
  waiters: number;
}

/**
 * Lets a sign-in attempt through the per-source limits. The attempt is recorded for each of its
 * sources before the secret is checked; while earlier attempts of a source are still being
 * checked and would fill a window if they failed, it waits for them. So a thousand guesses fired
 * at once get exactly as many checks as the same guesses one after the other, and twenty
 * patrons behind one address signing in together wait a moment instead of being refused.
 */
export class AttemptGate {
  private purgedAt: number | undefined;
  private tick = 0;
  /** Per source, while attempts of this process wait on it. */
  private readonly reads = new Map<string, SharedRead>();

  constructor(
    private readonly attempts: SignInAttempts,
    private readonly now: () => Date,
    private readonly sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  ) {}

  async enter<R extends string>(
    scope: AttemptScope,
    sources: readonly SignInSource[],
    check: (attempts: SourceAttempt[][], now: Date, waitedOut: boolean) => Decision<R | Busy>,
  ): Promise<Admitted | Refusal<R>> {
    const since = windowStart(this.now());
    // Once a minute is enough: old rows only cost space, never a wrong decision (reads are windowed).
    if (this.purgedAt === undefined || Math.abs(this.now().getTime() - this.purgedAt) >= 60_000) {
      this.purgedAt = this.now().getTime();
      await this.attempts.purge(since);
    }
    const begun = await this.attempts.begin(scope, sources, this.now(), since);
    const ids = begun.map((b) => b.id);
    let earlier = begun.map((b) => ahead(b.seen, b.id));
    const keys = sources.map((source) => `${scope.scope}|${scope.libraryId}|${source.kind}:${source.id}`);
    let waiting = false;
    try {
      for (let waited = 0, delay = FIRST_POLL_MS; ; waited += delay, delay = Math.min(delay * 2, MAX_POLL_MS)) {
        const now = this.now();
        // Past the wait, attempts still pending ahead are taken as failing until they are
        // settled or stale: refused for that long, not let through.
        const decision = check(earlier, now, waited >= MAX_WAIT_MS);
        if (decision.allowed) return { allowed: true, ids };
        if (decision.reason !== 'attempt.busy') {
          // Not checked, so not a failure: the limit lifts when the earlier failures age out.
          await this.forget(ids);
          return decision as Refusal<R>;
        }
        if (!waiting) { waiting = true; for (const key of keys) this.join(key); }
        const lookedAt = ++this.tick;
        await this.sleep(delay);
        const rows = await Promise.all(sources.map((source, i) => this.read(keys[i]!, () => this.attempts.recent(scope, source, windowStart(now)), lookedAt)));
        earlier = rows.map((list, i) => ahead(list, ids[i]!));
      }
    } finally {
      if (waiting) for (const key of keys) this.leave(key);
    }
  }

  /** The secret was right (or never checked): the attempt does not count. */
  async forget(ids: readonly number[]): Promise<void> {
    await Promise.all(ids.map((id) => this.attempts.forget(id)));
  }

  /** The secret was wrong: the attempt counts against its sources. */
  async failed(ids: readonly number[]): Promise<void> {
    await Promise.all(ids.map((id) => this.attempts.fail(id)));
  }

  /**
   * The source's attempts, read once for all the waiters of this process: a burst of a thousand
   * waiting guesses costs about one query per look, not a thousand. A waiter takes only a read
   * started after it last looked (so after its own attempt was recorded, so it sees every
   * attempt ahead of it), and starts one when there is none.
   */
  private read(key: string, load: () => Promise<RecordedAttempt[]>, lookedAt: number): Promise<RecordedAttempt[]> {
    const shared = this.reads.get(key);
    if (!shared) return load();
    if (shared.startedAt <= lookedAt) {
      shared.startedAt = ++this.tick;
      shared.rows = load();
    }
    return shared.rows;
  }

  private join(key: string): void {
    const shared = this.reads.get(key);
    if (shared) shared.waiters++;
    else this.reads.set(key, { startedAt: 0, rows: Promise.resolve([]), waiters: 1 });
  }

  private leave(key: string): void {
    const shared = this.reads.get(key);
    if (shared && --shared.waiters <= 0) this.reads.delete(key);
  }
}

/** What attempt `id` must reckon with: every failure, and the pending attempts that came first. */
function ahead(rows: readonly RecordedAttempt[], id: number): SourceAttempt[] {
  return rows.filter((r) => r.id !== id && (!r.pending || r.id < id)).map(({ at, pending }) => ({ at, pending }));
}

export const windowStart = (now: Date): Date => new Date(now.getTime() - LONGEST_WINDOW_MINUTES * 60_000);
