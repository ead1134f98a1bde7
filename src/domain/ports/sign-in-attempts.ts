import type { SourceAttempt } from '../rules/sign-in-rate-limit';

/**
 * Where a sign-in comes from, as far as the channel can tell: the caller's number on the phone,
 * the client's address on the web, the channel's user id behind the Azure Bot Service. Attempts
 * are also counted per account tried ('card', 'username', from anywhere) and per account from
 * one source ('pair'): those are keys of the same kind, so one gate orders them all.
 */
export interface SignInSource {
  kind: 'phone' | 'address' | 'user' | 'username' | 'card' | 'pair';
  id: string;
}

/** The attempts at one card, from anywhere. */
export const cardSource = (cardNumber: string): SignInSource => ({ kind: 'card', id: cardNumber });

/** The attempts at one account (a card, a username) from one source. */
export const accountFromSource = (account: SignInSource, from: SignInSource): SignInSource =>
  ({ kind: 'pair', id: `${account.kind}:${account.id}|${from.kind}:${from.id}` });

/** Whose sign-in is counted: a library's patrons, or the staff pages' login ('' library). */
export interface AttemptScope {
  scope: 'patron' | 'staff';
  libraryId: string;
}

/** An attempt as stored: its id orders it against the others of its source. */
export interface RecordedAttempt extends SourceAttempt {
  id: number;
}

/** The attempts of one source at one library, for the staff's lockout page. */
export interface SourceAttempts {
  source: SignInSource;
  attempts: SourceAttempt[];
}

/**
 * Sign-in attempts per source, in the database so that limits survive restarts and hold across
 * instances. An attempt is written (pending) *before* the secret is checked, marked failed or
 * forgotten after: parallel guesses from one source see each other at once.
 */
export interface SignInAttempts {
  /**
   * Records a pending attempt now for each source and reads each source's attempts since
   * `since` (as `recent`) after it: every attempt of the source with a smaller id is among
   * them. One transaction for all: a thousand guesses at once must not need three thousand.
   */
  begin(scope: AttemptScope, sources: readonly SignInSource[], at: Date, since: Date): Promise<Array<{ id: number; seen: RecordedAttempt[] }>>;
  /**
   * The source's attempts since `since`: its newest failed ones and its oldest pending ones
   * (enough of each for any window), recording nothing.
   */
  recent(scope: AttemptScope, source: SignInSource, since: Date): Promise<RecordedAttempt[]>;
  /** The check failed: the attempt now counts as a failure. */
  fail(id: number): Promise<void>;
  /** Forgets an attempt that succeeded or was refused before anything was checked. */
  forget(id: number): Promise<void>;
  /** Every source with attempts since `since` in this scope. */
  sources(scope: AttemptScope, since: Date): Promise<SourceAttempts[]>;
  /** Forgets all of a source's attempts in this scope (staff lifted the limit); returns how many. */
  clear(scope: AttemptScope, source: SignInSource): Promise<number>;
  /** Forgets the attempts at an account from every source ('pair' keys starting with it); returns how many. */
  clearAccountPairs(scope: AttemptScope, account: SignInSource): Promise<number>;
  /** Deletes attempts older than `before`: they can no longer limit anyone. */
  purge(before: Date): Promise<number>;
}
