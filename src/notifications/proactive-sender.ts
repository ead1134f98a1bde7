import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';

/** Channels whose conversations end with the call or message: nobody is left to read a proactive message there. */
const NO_PROACTIVE = new Set(['voice', 'twilio-voice', 'sms', 'twilio-sms', 'test']);

/**
 * Sends a message into an existing conversation through Bot Framework's
 * `continueConversationAsync`. Bound to the adapter once the app is assembled, since the use
 * cases that notify are created before it.
 */
export class ProactiveSender {
  private adapter?: CloudAdapter;
  private appId = '';

  bind(adapter: CloudAdapter, appId = process.env.MicrosoftAppId ?? ''): void {
    this.adapter = adapter;
    this.appId = appId;
  }

  /** 'skipped' when there is nowhere to send it; throws when sending failed. */
  async send(referenceJson: string, activity: Partial<Activity>): Promise<'sent' | 'skipped'> {
    const reference = JSON.parse(referenceJson) as Partial<ConversationReference>;
    if (!this.adapter || !reference.serviceUrl || !reference.conversation || NO_PROACTIVE.has(reference.channelId ?? '')) return 'skipped';
    await this.adapter.continueConversationAsync(this.appId, reference, async (context) => {
      await context.sendActivity(activity);
    });
    return 'sent';
  }
}
