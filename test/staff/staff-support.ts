import type { Db } from '../../src/persistence/prisma-client';

/** A signed-in staff client: the session cookie and the CSRF token, as a browser script would hold them. */
export interface StaffClient { cookie: string; csrf: string }

export async function staffLogin(base: string, username: string, password: string): Promise<StaffClient> {
  const response = await fetch(`${base}/api/staff/session`, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }),
  });
  if (response.status !== 200) throw new Error(`login ${username}: HTTP ${response.status}`);
  const cookie = (response.headers.get('set-cookie') ?? '').split(';')[0]!;
  const { csrfToken } = (await response.json()) as { csrfToken: string };
  return { cookie, csrf: csrfToken };
}

export function staffFetch(base: string, client: StaffClient | undefined, path: string, init: { method?: string; body?: unknown; csrf?: string | null } = {}) {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (client) headers.cookie = client.cookie;
  const csrf = init.csrf === undefined ? client?.csrf : init.csrf;
  if (csrf) headers['x-csrf-token'] = csrf;
  return fetch(`${base}${path}`, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body), redirect: 'manual' });
}

/** An order written straight into the database, for staff tests that do not need a conversation. */
export async function anOrder(db: Db, options: { library: 'kalamaria' | 'ozd'; card: string; ref: string; status?: string; title?: string }) {
  const patron = await db.patron.findFirstOrThrow({ where: { libraryId: options.library, cardNumber: options.card } });
  const copy = await db.copy.findFirstOrThrow({ where: { status: 'available', record: { libraryId: options.library, ...(options.title ? { title: options.title } : {}) } } });
  await db.copy.update({ where: { id: copy.id }, data: { status: 'held' } });
  return db.order.create({
    data: {
      ref: options.ref, libraryId: options.library, patronId: patron.id, status: options.status ?? 'new', channel: 'test', language: patron.preferredLanguage,
      holds: { create: { copyId: copy.id, recordId: copy.recordId, branchId: copy.branchId, status: 'active' } },
      events: { create: { actor: `patron:${patron.id}`, fromStatus: null, toStatus: options.status ?? 'new' } },
    },
  });
}
