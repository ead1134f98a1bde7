import type { Activity } from 'botbuilder';

/**
 * The activities a conversation has finished, kept in its own state row. Being in the row the
 * turn saves is the point: the record and the turn's effects on the conversation are written
 * together, so after a crash either both exist (a re-sent activity gets its replies back and
 * nothing runs again) or neither (it runs again from the state it started from). A separate
 * table written after the state could say "not done" about a turn whose state was saved.
 */
export interface ActivityLedger {
  /** Ids of the last LEDGER_SIZE activities, oldest first. */
  done: string[];
  /** The newest one's replies: the one a client or a webhook retries. */
  last?: { id: string; replies: Partial<Activity>[] };
}

/** Retries come for the newest activity; a few more ids catch a late duplicate of an older one. */
export const LEDGER_SIZE = 8;

/** The replies to give a repeated activity (empty when only its id is still known), or undefined when it is new. */
export function processedReplies(ledger: ActivityLedger | undefined, id: string): Partial<Activity>[] | undefined {
  if (!ledger?.done.includes(id)) return undefined;
  return ledger.last?.id === id ? ledger.last.replies : [];
}

/** The ledger with `id` finished; the replies are copied as plain JSON, as the state stores them. */
export function recordProcessed(ledger: ActivityLedger | undefined, id: string, replies: readonly Partial<Activity>[]): ActivityLedger {
  const done = [...(ledger?.done ?? []).filter((d) => d !== id), id].slice(-LEDGER_SIZE);
  return { done, last: { id, replies: JSON.parse(JSON.stringify(replies)) as Partial<Activity>[] } };
}
