import type { ConversationState, TurnContext } from 'botbuilder';
import { tell } from '../dialogs/messages';
import { tFor } from '../i18n/init';
import type { Logger } from '../logging';

/**
 * The one place a bug or an outage in a turn ends up: log it (never the patron's words — they
 * may be a PIN), apologise in the conversation's language, and clear the dialog stack so the
 * next message starts cleanly instead of failing the same way again.
 */
export function onTurnError(conversationState: ConversationState, log: Logger, languageOf: (c: TurnContext) => string) {
  return async (context: TurnContext, error: Error): Promise<void> => {
    log.error({ err: { name: error.name, message: error.message, code: (error as { code?: unknown }).code, stack: error.stack }, conversation: context.activity.conversation?.id }, 'turn failed');
    try {
      await context.sendActivity(tell(tFor(languageOf(context))('technical_problem')));
    } catch (sendError) {
      log.error({ err: String(sendError) }, 'could not apologise');
    }
    try {
      await conversationState.delete(context);
    } catch (deleteError) {
      log.error({ err: String(deleteError) }, 'could not clear conversation state');
    }
  };
}
