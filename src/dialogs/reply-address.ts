import { TurnContext } from 'botbuilder';

const CALLER_GIVEN = Symbol('replyAddressCallerGiven');

/**
 * Set by a channel whose `serviceUrl` is whatever the caller wrote (anonymous Bot Framework
 * traffic): such an address answers this turn at most and is never kept for later messages.
 */
export function markReplyAddressCallerGiven(context: TurnContext): void {
  context.turnState.set(CALLER_GIVEN, true);
}

/** The conversation reference kept with an order for "your books are ready", or none to keep. */
export function keptReplyAddress(context: TurnContext): string | undefined {
  if (context.turnState.get(CALLER_GIVEN)) return undefined;
  return JSON.stringify(TurnContext.getConversationReference(context.activity));
}
