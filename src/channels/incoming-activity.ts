import type { Activity } from 'botbuilder';
import { z } from 'zod';
import { WEB_CHAT_CONVERSATION_ID } from './web-chat/connector';

// Only the fields the adapter and the bot read are checked; channels add many more (Teams,
// Direct Line), and those pass through untouched. Lengths are far above any real channel's.
const account = z.object({ id: z.string().max(256), name: z.string().max(256).optional(), role: z.string().max(64).optional() }).passthrough();
const members = z.array(account).max(50).optional();

/**
 * A Bot Framework activity as /api/messages accepts it. Without this, a number where text
 * should be or a member that is null reaches the turn and fails inside it (a turn error and
 * an apology at best, botbuilder's 500 at worst) instead of being refused at the door.
 */
const botFrameworkActivity = z.object({
  type: z.string().min(1).max(64),
  id: z.string().max(256).optional(),
  channelId: z.string().min(1).max(64),
  serviceUrl: z.string().max(2048).optional(),
  conversation: z.object({ id: z.string().min(1).max(512) }).passthrough(),
  from: account,
  recipient: account.optional(),
  text: z.string().optional(),
  locale: z.string().max(35).optional(),
  deliveryMode: z.string().max(32).optional(),
  membersAdded: members,
  membersRemoved: members,
  channelData: z.record(z.string(), z.unknown()).optional(),
}).passthrough();

/** What our own chat page posts to /webchat/activities (src/channels/web-chat/direct-line.js). */
const webChatPost = z.object({
  conversationId: z.string().regex(WEB_CHAT_CONVERSATION_ID),
  library: z.string().max(64).optional(),
  activity: z.object({
    type: z.string().min(1).max(64),
    id: z.string().max(256).optional(),
    text: z.string().optional(),
    locale: z.string().max(35).optional(),
    channelData: z.object({ clientActivityID: z.string().max(256).optional() }).passthrough().optional(),
  }).passthrough(),
});

/** What the chat page posts to /webchat/conversations to be issued a conversation. */
const webChatStart = z.object({
  library: z.string().max(64).optional(),
  locale: z.string().max(35).optional(),
});

export type WebChatPost = z.infer<typeof webChatPost>;
export type Checked<T> = { ok: true; value: T } | { ok: false; error: string };

function check<T>(schema: z.ZodType<T>, body: unknown): Checked<T> {
  const result = schema.safeParse(body);
  if (result.success) return { ok: true, value: result.data };
  const where = result.error.issues.slice(0, 3).map((i) => `${i.path.join('.') || 'body'}: ${i.message}`).join('; ');
  return { ok: false, error: `invalid activity (${where})` };
}

export const checkBotFrameworkActivity = (body: unknown): Checked<Partial<Activity>> =>
  check(botFrameworkActivity, body) as Checked<Partial<Activity>>;

export const checkWebChatPost = (body: unknown): Checked<WebChatPost> => check(webChatPost, body);

export const checkWebChatStart = (body: unknown): Checked<z.infer<typeof webChatStart>> => check(webChatStart, body);

/**
 * The id a re-sent chat message repeats: Web Chat's clientActivityID (kept when the patron
 * presses "retry"), else the activity's own id. Only plain tokens: it becomes part of the
 * activity id the conversation's ledger remembers.
 */
export function clientActivityId(activity: WebChatPost['activity']): string | undefined {
  const candidate = activity.channelData?.clientActivityID ?? activity.id;
  return typeof candidate === 'string' && /^[\w.:-]{1,128}$/.test(candidate) ? candidate : undefined;
}
