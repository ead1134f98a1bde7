import {
  ActivityTypes, DeliveryModes, type Activity, type ConversationState, type StatePropertyAccessor, type TurnContext,
} from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogContext, type DialogState } from 'botbuilder-dialogs';
import type { Language } from '../domain/types';
import { LANGUAGES } from '../domain/types';
import type { BotServices } from '../dialogs/bot-services';
import { MAIN_DIALOG, MainDialog, type MainOptions } from '../dialogs/main-dialog';
import { tell } from '../dialogs/messages';
import { setSession, turnT, type Session } from '../dialogs/session';
import { isGreeting } from '../nlu/greeting';
import { recognizeIntent } from '../nlu/recognize';
import { cleanInput, MAX_MESSAGE_LENGTH } from '../nlu/text/clean-input';
import { interrupt, languagePage } from './interruptions';
import { rememberPrompts } from './prompt-memory';
import { processedReplies, recordProcessed, type ActivityLedger } from './activity-ledger';

const UNSTORED_UNTIL_SPOKEN = Symbol('unstoredUntilSpoken');

/**
 * Set by a channel that shows its greeting when a conversation is opened: nothing is stored
 * for that conversation until the patron says something (a page opened and left costs nothing).
 */
export function keepNothingUntilSpoken(context: TurnContext): void {
  context.turnState.set(UNSTORED_UNTIL_SPOKEN, true);
}

export interface BotConfig {
  defaultLibrary: string;
  libraries: readonly string[];
}

/**
 * One turn of any channel: loads the session, honours interruptions (help, cancel, start
 * over, language, staff) at any prompt, runs the dialog stack, and saves the state.
 */
export class LibraryBot {
  private readonly dialogs: DialogSet;
  private readonly sessionAccessor: StatePropertyAccessor<Session>;
  private readonly ledgerAccessor: StatePropertyAccessor<ActivityLedger>;

  constructor(private readonly conversationState: ConversationState, private readonly services: BotServices, private readonly config: BotConfig) {
    this.sessionAccessor = conversationState.createProperty<Session>('session');
    this.ledgerAccessor = conversationState.createProperty<ActivityLedger>('ledger');
    this.dialogs = new DialogSet(conversationState.createProperty<DialogState>('dialogState'));
    this.dialogs.add(new MainDialog(services));
  }

  async run(context: TurnContext): Promise<void> {
    let s = await this.sessionAccessor.get(context);
    const fresh = !s;
    if (!s) {
      s = this.newSession(context);
      await this.sessionAccessor.set(context, s);
    }
    setSession(context, s);
    if (await this.belongsToSomeoneElse(context, s)) return;
    const activityId = typeof context.activity.id === 'string' && context.activity.id ? context.activity.id : undefined;
    const ledger = await this.ledgerAccessor.get(context);
    const replayed = activityId ? processedReplies(ledger, activityId) : undefined;
    if (replayed) {
      // Already answered (a client's retry, a webhook sent twice): the same replies, nothing runs again.
      this.replay(context, replayed);
      return;
    }
    if (typeof context.activity.text === 'string') context.activity.text = cleanInput(context.activity.text);
    context.onSendActivities(async (ctx, activities, next) => {
      rememberPrompts(ctx, activities, s!, this.services);
      return next();
    });
    const dc = await this.dialogs.createContext(context);
    const { type } = context.activity;
    const unstored = fresh && context.turnState.get(UNSTORED_UNTIL_SPOKEN) === true;
    if (type === ActivityTypes.ConversationUpdate && this.userJoined(context)) {
      await this.greet(context, s);
      if (!dc.activeDialog) await dc.beginDialog(MAIN_DIALOG);
      if (unstored) return;
    } else if (type === ActivityTypes.Message) {
      if (unstored) await this.greetedBefore(dc, s);
      await this.onMessage(dc, s);
    }
    if (activityId) await this.ledgerAccessor.set(context, recordProcessed(ledger, activityId, context.bufferedReplyActivities));
    try {
      await this.conversationState.saveChanges(context);
    } catch (error) {
      if (!activityId || !(await this.answeredMeanwhile(context, activityId, error))) throw error;
    }
  }

  /**
   * A sign-in belongs to the conversation *and* the user who signed in: another user id in the
   * same conversation (someone who learnt its id) is told so, and sees and changes nothing.
   */
  private async belongsToSomeoneElse(context: TurnContext, s: Session): Promise<boolean> {
    const user = context.activity.from?.id;
    if (!s.patron?.userId || s.patron.userId === user) return false;
    if (context.activity.type === ActivityTypes.Message) await context.sendActivity(tell(turnT(context)('conversation_of_another')));
    return true;
  }

  /**
   * The greeting turn of a conversation that kept nothing (the page showed its greeting): the
   * same turn again, unheard, so this message meets the state it would have met.
   */
  private async greetedBefore(dc: DialogContext, s: Session): Promise<void> {
    const heard = dc.context.bufferedReplyActivities.length;
    await this.greet(dc.context, s);
    await dc.beginDialog(MAIN_DIALOG);
    dc.context.bufferedReplyActivities.splice(heard);
  }

  private replay(context: TurnContext, replies: readonly Partial<Activity>[]): void {
    // Replies that went to a connector (no expectReplies) were delivered the first time.
    if (context.activity.deliveryMode === DeliveryModes.ExpectReplies) context.bufferedReplyActivities.push(...(replies as Activity[]));
  }

  /**
   * The same activity sent twice at once: both turns ran, the other saved first, so this
   * save met a changed eTag. Its effects were idempotent (orders carry the question's key);
   * its replies give way to the stored ones, as if it had arrived a moment later.
   */
  private async answeredMeanwhile(context: TurnContext, activityId: string, error: unknown): Promise<boolean> {
    if ((error as { code?: unknown }).code !== 'STATE_CONFLICT') return false;
    await this.conversationState.load(context, true);
    const stored = processedReplies(await this.ledgerAccessor.get(context), activityId);
    if (!stored) return false;
    context.bufferedReplyActivities.splice(0);
    this.replay(context, stored);
    return true;
  }

  private async onMessage(dc: DialogContext, s: Session): Promise<void> {
    const text = dc.context.activity.text ?? '';
    if (text.length > MAX_MESSAGE_LENGTH) {
      // Not read at all: no parser spends time on it, no prompt takes it as an answer.
      const first = !s.greeted;
      if (first) await this.greet(dc.context, s);
      await dc.context.sendActivity(tell(turnT(dc.context)('too_long', { max: MAX_MESSAGE_LENGTH })));
      if (dc.activeDialog) await dc.repromptDialog();
      else await dc.beginDialog(MAIN_DIALOG, { again: !first } satisfies MainOptions);
      return;
    }
    if (!s.greeted) {
      // "Magyarul" as the very first word: greet in that language instead of searching for it.
      const wanted = text ? recognizeIntent(text, s.language) : undefined;
      const switches = wanted?.intent === 'switch_language' && (LANGUAGES as readonly string[]).includes(wanted.entities.language ?? '');
      if (switches) s.language = wanted!.entities.language as Language;
      await this.greet(dc.context, s, switches);
      // The first words may already say what the patron wants ("θέλω να κλείσω το …").
      const first = text && !switches && !isGreeting(text, s.language) ? text : undefined;
      await dc.beginDialog(MAIN_DIALOG, { utterance: first } satisfies MainOptions);
      return;
    }
    if (await interrupt(dc, s, text, this.services)) return;
    const result = await dc.continueDialog();
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(MAIN_DIALOG, { utterance: text || undefined } satisfies MainOptions);
  }

  private async greet(context: TurnContext, s: Session, switched = false): Promise<void> {
    s.greeted = true;
    const library = this.services.library(s.libraryId);
    // The name comes from the library's file in the form the sentence needs; the sentence from locales/.
    const name = library.names[s.language] ?? library.names[library.defaultLanguage]!;
    const key = library.branches.length > 1 ? 'greeting.many_branches' : 'greeting.one_branch';
    await context.sendActivity(tell(turnT(context)(key, { welcome: name.welcome }), {
      speak: turnT(context, 'ivr')('speak.greeting', { name: name.spoken ?? name.name }),
      // The page was opened in the other language: it follows the one asked for.
      ...(switched ? { channelData: { page: languagePage(context) } } : {}),
    }));
  }

  private userJoined(context: TurnContext): boolean {
    const members = context.activity.membersAdded ?? [];
    return members.some((m) => m.id !== context.activity.recipient?.id);
  }

  private newSession(context: TurnContext): Session {
    const requested = (context.activity.channelData as { library?: unknown } | undefined)?.library;
    const libraryId = typeof requested === 'string' && this.config.libraries.includes(requested) ? requested : this.config.defaultLibrary;
    const locale = (context.activity.locale ?? '').slice(0, 2).toLowerCase();
    const language = (LANGUAGES as readonly string[]).includes(locale) ? (locale as Language) : this.services.library(libraryId).defaultLanguage;
    return { libraryId, language, basket: [] };
  }
}
