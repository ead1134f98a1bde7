import { BotCallbackHandlerKey, CloudAdapter, ConfigurationBotFrameworkAuthentication, DeliveryModes, StatusCodes, TurnContext, type Activity, type InvokeResponse } from 'botbuilder';

type AuthenticateRequestResult = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>>;

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

  /**
   * A Bot Framework turn with deliveryMode expectReplies (the Emulator, Direct Line's
   * expectReplies callers, the bench) is authenticated as CloudAdapter does it, then run without
   * the Bot Connector and user-token clients CloudAdapter builds for every turn: its replies go
   * back in the HTTP answer, so neither is ever called, and building the two was 6% of a
   * reservation turn's CPU in the bench's profile. Every other turn goes through CloudAdapter
   * unchanged.
   */
  protected override async processActivity(
    auth: string | AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    if (activity.deliveryMode !== DeliveryModes.ExpectReplies) return super.processActivity(auth as string, activity, logic);
    const authenticated = typeof auth === 'string' ? await this.botFrameworkAuthentication.authenticateRequest(activity, auth) : auth;
    // As CloudAdapter does: the caller id is the authentication's, never what the request said.
    (activity as { callerId?: string }).callerId = authenticated.callerId;
    const context = new TurnContext(this, activity);
    context.turnState.set(this.BotIdentityKey, authenticated.claimsIdentity);
    context.turnState.set(BotCallbackHandlerKey, logic);
    context.turnState.set(this.ConnectorFactoryKey, authenticated.connectorFactory);
    context.turnState.set(this.OAuthScopeKey, authenticated.audience);
    await this.runMiddleware(context, logic);
    return { status: StatusCodes.OK, body: { activities: context.bufferedReplyActivities } };
  }

  get anonymous(): boolean {
    return !process.env.MicrosoftAppId;
  }
}
