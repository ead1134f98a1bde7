import { retentionSchema, type RetentionPolicy } from '../domain/policy/retention';

/** Environment variable of each retention period (in days); README lists them with their defaults. */
export const RETENTION_ENV: Record<keyof RetentionPolicy, string> = {
  conversationDays: 'RETENTION_CONVERSATION_DAYS',
  outboxDays: 'RETENTION_OUTBOX_DAYS',
  notificationDays: 'RETENTION_NOTIFICATION_DAYS',
  callbackDays: 'RETENTION_CALLBACK_DAYS',
  closedConversationRefDays: 'RETENTION_CLOSED_CONVERSATION_REF_DAYS',
  demandSearchDays: 'RETENTION_DEMAND_SEARCH_DAYS',
  copyAlertDays: 'RETENTION_COPY_ALERT_DAYS',
};

/** The retention periods, defaults overridden by the environment; a bad value stops the start-up. */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  const given = Object.fromEntries(Object.entries(RETENTION_ENV).flatMap(([key, name]) => (env[name] ? [[key, env[name]]] : [])));
  const parsed = retentionSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${RETENTION_ENV[i.path[0] as keyof RetentionPolicy] ?? i.path.join('.')}: ${i.message}`);
    throw new Error(`bad retention setting (whole days, 1 to 3650): ${problems.join('; ')}`);
  }
  return parsed.data;
}
