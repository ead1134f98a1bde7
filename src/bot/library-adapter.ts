import { BotCallbackHandlerKey, CloudAdapter, ConfigurationBotFrameworkAuthentication, DeliveryModes, TurnContext, type Activity } from 'botbuilder';

export interface AdapterConfig {
  [key: string]: string | undefined;
  MicrosoftAppId?: string;
  MicrosoftAppPassword?: string;
  MicrosoftAppType?: string;
  MicrosoftAppTenantId?: string;
}

/**
 * botbuilder's CloudAdapter, plus a way for our own channels (web chat page, tests) to run a
 * turn in-process. With no app id configured the adapter accepts anonymous traffic, as the
 * Bot Framework Emulator expects.
 */
export class LibraryAdapter extends CloudAdapter {
  constructor(config: AdapterConfig = {}) {
    super(new ConfigurationBotFrameworkAuthentication(config));
  }

  /**
   * Runs one turn of our own channels and returns its replies (deliveryMode expectReplies: the
   * turn context buffers them and never calls the connector). Nothing to authenticate: the route
   * checked the page's token. So the turn skips CloudAdapter's processActivity, which built a
   * Bot Connector client for every turn (3–4% of a turn's CPU) that an expectReplies turn never
   * uses; the middleware and onTurnError run as there. Proactive messages still go through
   * CloudAdapter (continueConversationAsync) and the connector endpoint.
   */
  async runInProcess(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, { ...activity, deliveryMode: DeliveryModes.ExpectReplies } as Activity);
    context.turnState.set(BotCallbackHandlerKey, logic);
    await this.runMiddleware(context, logic);
    return context.bufferedReplyActivities;
  }

  get anonymous(): boolean {
    return !process.env.MicrosoftAppId;
  }
}
