import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type Activity, type TurnContext } from 'botbuilder';

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

  /** Runs one turn and returns its replies (the activity is sent with deliveryMode expectReplies). */
  async runInProcess(activity: Partial<Activity>, logic: (context: TurnContext) => Promise<void>): Promise<Partial<Activity>[]> {
    const response = await this.processActivity('', { ...activity, deliveryMode: 'expectReplies' } as Activity, logic);
    const body = response?.body as { activities?: Partial<Activity>[] } | undefined;
    return body?.activities ?? [];
  }

  get anonymous(): boolean {
    return !process.env.MicrosoftAppId;
  }
}
