import type { Activity, CloudAdapter, ConversationReference } from 'botbuilder';

/** Channels whose conversations end with the call or message: nobody is left to read a proactive message there. */
const NO_PROACTIVE = new Set(['voice', 'twilio-voice', 'sms', 'twilio-sms', 'test']);

/**
 * Sends a message into an existing conversation through Bot Framework's
 * `continueConversationAsync`. Bound to the adapter once the app is assembled, since the use
 * cases that notify are created before it.
 */
/**
 * Where a kept conversation may be reached: an address the server issued itself (its own web
 * chat connector) or one a channel's signed token vouched for, never one a caller wrote.
 */
export type ReplyAddressFor = (reference: Partial<ConversationReference>) => string | undefined;

export class ProactiveSender {
  private adapter?: CloudAdapter;
  private appId = '';
  private addressFor: ReplyAddressFor = () => undefined;

  bind(adapter: CloudAdapter, addressFor: ReplyAddressFor, appId = process.env.MicrosoftAppId ?? ''): void {
    this.adapter = adapter;
    this.addressFor = addressFor;
    this.appId = appId;
  }

  /** 'skipped' when there is nowhere to send it; throws when sending failed. */
  async send(referenceJson: string, activity: Partial<Activity>): Promise<'sent' | 'skipped'> {
    const reference = JSON.parse(referenceJson) as Partial<ConversationReference>;
    if (!this.adapter || !reference.conversation || NO_PROACTIVE.has(reference.channelId ?? '')) return 'skipped';
    // The kept serviceUrl is only a hint: orders kept before this check may carry any address.
    const serviceUrl = this.addressFor(reference);
    if (!serviceUrl) return 'skipped';
    await this.adapter.continueConversationAsync(this.appId, { ...reference, serviceUrl }, async (context) => {
      await context.sendActivity(activity);
    });
    return 'sent';
  }
}
