import { z } from 'zod';

/**
 * The `ils:` block of a library's file (issue 20). Which system holds the library's patrons,
 * copies and holds; the embedded store (the bot's own database) unless the file says otherwise.
 * Secrets are never in the file: they come from the environment (ilsSecretsFromEnv).
 */
export const IlsConfig = z.discriminatedUnion('type', [
  z.object({ type: z.literal('embedded') }).strict(),
  z.object({
    type: z.literal('koha'),
    baseUrl: z.string().url().refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL'),
    auth: z.enum(['oauth2', 'basic']),
    /** The ILL backend POST /ill/requests names (Koha's own is "Standard"). */
    illBackend: z.string().min(1).default('Standard'),
    timeoutMs: z.number().int().positive().max(60_000).default(10_000),
  }).strict(),
  z.object({
    type: z.literal('sip2'),
    host: z.string().min(1),
    port: z.number().int().min(1).max(65_535),
    tls: z.boolean(),
    institution: z.string().min(1),
    location: z.string().min(1),
    terminator: z.enum(['CR', 'CRLF']).default('CR'),
    timeoutMs: z.number().int().positive().max(60_000).default(10_000),
  }).strict(),
]);
export type IlsConfig = z.infer<typeof IlsConfig>;

export const EMBEDDED: IlsConfig = { type: 'embedded' };

/** What a library's file says under `ils:`, absent meaning embedded; errors name the path of each mistake. */
export function parseIlsConfig(libraryId: string, raw: unknown): IlsConfig {
  if (raw === undefined || raw === null) return EMBEDDED;
  const parsed = IlsConfig.safeParse(raw);
  if (!parsed.success) throw new IlsConfigError(`libraries/${libraryId}: ${parsed.error.issues.map((i) => `ils.${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return parsed.data;
}

export class IlsConfigError extends Error {
  readonly code = 'ILS_CONFIG';
}

export type IlsSecrets =
  | { kind: 'none' }
  | { kind: 'oauth2'; clientId: string; clientSecret: string }
  | { kind: 'basic'; user: string; password: string };

/** `ILS_<LIBRARY>_…`, the library id in upper case with anything but letters and digits as `_`. */
export const ilsVariable = (libraryId: string, name: 'CLIENT_ID' | 'CLIENT_SECRET' | 'USER' | 'PASSWORD') =>
  `ILS_${libraryId.toUpperCase().replace(/[^A-Z0-9]/g, '_')}_${name}`;

/**
 * The credentials a library's system needs, from the environment only. A missing one stops the
 * start with the variable's name (never a value): better than a first patron meeting an outage.
 */
export function ilsSecretsFromEnv(libraryId: string, config: IlsConfig, env: NodeJS.ProcessEnv = process.env): IlsSecrets {
  const need = (name: Parameters<typeof ilsVariable>[1]) => {
    const variable = ilsVariable(libraryId, name);
    const value = env[variable];
    if (!value) throw new IlsConfigError(`library '${libraryId}' uses ${config.type}: set ${variable}`);
    return value;
  };
  if (config.type === 'embedded') return { kind: 'none' };
  if (config.type === 'koha' && config.auth === 'oauth2') return { kind: 'oauth2', clientId: need('CLIENT_ID'), clientSecret: need('CLIENT_SECRET') };
  return { kind: 'basic', user: need('USER'), password: need('PASSWORD') };
}

/** The branch's code in the ILS (Koha library_id, SIP2 location): its `ilsCode`, by default its id. */
export const ilsCode = (branchCodes: Readonly<Record<string, string>> | undefined, branchId: string): string => branchCodes?.[branchId] ?? branchId;
