import type { LibrarySystem } from '../domain/ports/library-system';
import type { PatronRepository } from '../domain/ports/patron-repository';
import type { PinHasher } from '../domain/ports/pin-hasher';
import type { Logger } from '../logging';
import { EmbeddedLibrarySystem } from '../persistence/embedded-library-system';
import type { Db } from '../persistence/prisma-client';
import { ilsSecretsFromEnv, type IlsConfig } from './ils-config';
import { KohaClient } from './koha/koha-client';
import { KohaLibrarySystem } from './koha/koha-library-system';
import { Sip2Client } from './sip2/sip2-client';
import { Sip2LibrarySystem } from './sip2/sip2-library-system';

export interface LibrarySystems {
  systems: Map<string, LibrarySystem>;
  close(): Promise<void>;
}

/**
 * One system per library, from its `ils:` block (Map<libraryId, IlsConfig>; the lead wires it
 * to libraries/<id>.yaml). All secrets are read before anything connects, so a missing one stops
 * the start; only the kind and the address are logged.
 */
export function createLibrarySystems(
  configs: ReadonlyMap<string, IlsConfig>,
  deps: { db: Db; patrons: PatronRepository; pinHasher: PinHasher; log: Logger; now: () => Date; env?: NodeJS.ProcessEnv },
): LibrarySystems {
  const secrets = new Map([...configs].map(([id, config]) => [id, ilsSecretsFromEnv(id, config, deps.env)] as const));
  const systems = new Map<string, LibrarySystem>();
  const clients: Sip2Client[] = [];
  for (const [libraryId, config] of configs) {
    const secret = secrets.get(libraryId)!;
    if (config.type === 'embedded') {
      systems.set(libraryId, new EmbeddedLibrarySystem(deps.db, libraryId, deps.patrons, deps.pinHasher));
    } else if (config.type === 'koha') {
      const auth = secret.kind === 'oauth2' ? { kind: 'oauth2' as const, clientId: secret.clientId, clientSecret: secret.clientSecret }
        : secret.kind === 'basic' ? { kind: 'basic' as const, user: secret.user, password: secret.password } : undefined;
      if (!auth) continue;
      systems.set(libraryId, new KohaLibrarySystem(new KohaClient({ baseUrl: config.baseUrl, auth, timeoutMs: config.timeoutMs }), { illBackend: config.illBackend }));
      deps.log.info({ libraryId, ils: 'koha', baseUrl: config.baseUrl, auth: config.auth }, 'library system');
    } else if (secret.kind === 'basic') {
      const client = new Sip2Client({ host: config.host, port: config.port, tls: config.tls, terminator: config.terminator, user: secret.user, password: secret.password, location: config.location, timeoutMs: config.timeoutMs });
      clients.push(client);
      systems.set(libraryId, new Sip2LibrarySystem(client, { institution: config.institution, now: deps.now }));
      deps.log.info({ libraryId, ils: 'sip2', host: config.host, port: config.port, tls: config.tls }, 'library system');
    }
  }
  return { systems, close: async () => { await Promise.all(clients.map((c) => c.close())); } };
}
