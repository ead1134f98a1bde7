import type { TurnContext } from 'botbuilder';
import type { RequestIll } from '../domain/services/ill-request';
import type { PlaceOrder } from '../domain/services/place-order';
import type { SignIn } from '../domain/services/sign-in';
import { illRequests, orderRefusals, ordersPlaced, signInFailures, turnDuration } from './metrics';

/** Channel ids a label may carry; a client names its own channel, so anything else is 'other'. */
const CHANNELS = new Set(['webchat', 'emulator', 'directline', 'msteams', 'voice', 'test']);
const channelLabel = (id: string | undefined) => (id && CHANNELS.has(id) ? id : 'other');

/** botbuilder middleware: how long each turn takes, whatever the adapter (chat, web page, phone). */
export async function timeTurn(context: TurnContext, next: () => Promise<void>): Promise<void> {
  const end = turnDuration.startTimer({ channel: channelLabel(context.activity.channelId) });
  try {
    await next();
    end({ outcome: 'ok' });
  } catch (error) {
    end({ outcome: 'error' });
    throw error;
  }
}

/**
 * Counts the outcomes of the use cases the business metrics are about, at the composition root
 * (app.ts): the use cases and dialogs stay free of metrics, and every channel is counted.
 */
export function countOutcomes(useCases: { signIn: SignIn; placeOrder: PlaceOrder; requestIll: RequestIll }): void {
  const { signIn, placeOrder, requestIll } = useCases;
  const signInRun = signIn.run.bind(signIn);
  signIn.run = async (...args: Parameters<SignIn['run']>) => {
    const result = await signInRun(...args);
    if (!result.allowed) signInFailures.inc({ library: args[0], reason: result.reason });
    return result;
  };
  const placeRun = placeOrder.run.bind(placeOrder);
  placeOrder.run = async (draft) => {
    const result = await placeRun(draft);
    if (result.allowed) ordersPlaced.inc({ library: draft.libraryId, channel: channelLabel(draft.channel) });
    else orderRefusals.inc({ library: draft.libraryId, reason: result.reason });
    return result;
  };
  const illRun = requestIll.run.bind(requestIll);
  requestIll.run = async (draft) => {
    const result = await illRun(draft);
    if (result.allowed) illRequests.inc({ library: draft.libraryId, channel: channelLabel(draft.channel) });
    return result;
  };
}
