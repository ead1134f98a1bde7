import { DEFAULT_RETENTION, libraryRetention, retentionSchema, type RetentionPolicy } from '../domain/policy/retention';
import type { Libraries } from '../libraries/load-libraries';

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

/**
 * The retention periods, defaults overridden by the environment; a bad value stops the start-up.
 * The process-wide periods: of the kinds a library file may set (PER_LIBRARY_RETENTION), each
 * library's own are libraryRetention(file, retentionOverridesFromEnv()).
 */
export function retentionFromEnv(env: NodeJS.ProcessEnv = process.env): RetentionPolicy {
  return { ...DEFAULT_RETENTION, ...retentionOverridesFromEnv(env) };
}

/** Only the periods the environment sets, checked (a bad value stops the start-up): these win over the library files. */
export function retentionOverridesFromEnv(env: NodeJS.ProcessEnv = process.env): Partial<RetentionPolicy> {
  const given = Object.fromEntries(Object.entries(RETENTION_ENV).flatMap(([key, name]) => (env[name] ? [[key, env[name]]] : [])));
  const parsed = retentionSchema.partial().safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${RETENTION_ENV[i.path[0] as keyof RetentionPolicy] ?? i.path.join('.')}: ${i.message}`);
    throw new Error(`bad retention setting (whole days, 1 to 3650): ${problems.join('; ')}`);
  }
  return Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined)) as Partial<RetentionPolicy>;
}

/** Each library's periods: the defaults, its file's `retention:`, then what the environment sets (which wins). */
export function retentionOfLibraries(libraries: Libraries, fromEnv: Partial<RetentionPolicy>): Map<string, RetentionPolicy> {
  return new Map([...libraries].map(([id, library]) => [id, libraryRetention(library.policy.retention, fromEnv)]));
}
