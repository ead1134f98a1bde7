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
    return this.runBuffered({ ...activity, deliveryMode: DeliveryModes.ExpectReplies } as Activity, logic, []);
  }

  /** The turn with its replies buffered, `turnState` set before the middleware runs. */
  private async runBuffered(activity: Activity, logic: (context: TurnContext) => Promise<void>, turnState: ReadonlyArray<[unknown, unknown]>): Promise<Partial<Activity>[]> {
    const context = new TurnContext(this, activity);
    context.turnState.set(BotCallbackHandlerKey, logic);
    for (const [key, value] of turnState) context.turnState.set(key, value);
    await this.runMiddleware(context, logic);
    return context.bufferedReplyActivities;
  }

  /**
   * A Bot Framework turn with deliveryMode expectReplies (the Emulator, Direct Line's
   * expectReplies callers, the bench) is authenticated as CloudAdapter does it, then run without
   * the Bot Connector and user-token clients CloudAdapter builds for every turn: its replies go
   * back in the HTTP answer, so neither is ever called, and building the two was 3–6% of a
   * reservation turn's CPU in the bench's profiles. Every other turn goes through CloudAdapter
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
    const activities = await this.runBuffered(activity, logic, [
      [this.BotIdentityKey, authenticated.claimsIdentity],
      [this.ConnectorFactoryKey, authenticated.connectorFactory],
      [this.OAuthScopeKey, authenticated.audience],
    ]);
    return { status: StatusCodes.OK, body: { activities } };
  }

  get anonymous(): boolean {
    return !process.env.MicrosoftAppId;
  }
}
