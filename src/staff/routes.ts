import type { AddressInfo } from 'node:net';
import type { CloudAdapter } from 'botbuilder';
import type { Request, Response, Server } from 'restify';
import { registerWebChatConnector, type WebChatKeys } from '../channels/web-chat/connector';
import type { LibraryInfo } from '../domain/types';
import type { Logger } from '../logging';
import { staffPasswordHasher } from '../persistence/scrypt-pin-hasher';
import { registerAppointmentsIcs } from './appointments-ics.route';
import { registerLoginRoutes } from './login.routes';
import type { PickupAssembly } from './pickup-services';
import { registerQueueApi } from './queue-api.routes';
import { REF, type QueueRouteContext } from './queue-common';
import { registerQueuePages } from './queue-pages.routes';
import { StaffAuth } from './staff-auth';
import { staffPages } from './staff-request';
import { STAFF_ASSETS } from './view';

export interface StaffRouteDeps {
  pickup: PickupAssembly;
  adapter: CloudAdapter;
  webChatKeys: WebChatKeys;
  library(libraryId: string): LibraryInfo;
  log: Logger;
  /** Staff password hashes; the production cost unless a test passes a cheaper one. */
  auth?: StaffAuth;
  /** Whether the library's holds go to its own system (issue 20): the order page shows each hold's ILS id. */
  usesIls?: (libraryId: string) => boolean;
}

/**
 * The staff side: server-rendered pages at /staff (no build step, works offline, forms carry
 * the CSRF token, no JavaScript needed; the queue updates itself when it can) and the same
 * operations as JSON under /api/staff/, plus the patrons' calendar files and the web chat
 * connector that carries notifications.
 */
export function registerStaffRoutes(server: Server, deps: StaffRouteDeps): void {
  const { pickup } = deps;
  const auth = deps.auth ?? new StaffAuth(pickup.staff, staffPasswordHasher(), pickup.signInAttempts, pickup.now);
  server.server.on('listening', () => {
    const address = server.address() as AddressInfo;
    const host = address.address === '0.0.0.0' || address.address === '::' ? '127.0.0.1' : address.address;
    pickup.publicUrl.value ??= `http://${host.includes(':') ? `[${host}]` : host}:${address.port}`;
  });
  registerWebChatConnector(server, { push: (c, a) => pickup.notifications.pushOutbox(c, a), read: (c, after) => pickup.notifications.readOutbox(c, after) }, deps.webChatKeys);

  const pages = staffPages(auth, deps.library, pickup.policyFor);
  const ctx: QueueRouteContext = {
    pickup, auth, pages,
    calendarUrl: (token) => `${pickup.publicUrl.value ?? ''}/appointments/${token}.ics`,
    actor: (s) => `staff:${s.staff.id}`,
    usesIls: (libraryId) => deps.usesIls?.(libraryId) ?? false,
    findOrder: async (s, ref) => (typeof ref === 'string' && REF.test(ref) ? pickup.listQueue.order(s.staff.libraryId, ref) : undefined),
    refusalText: (s, r) => {
      const { t } = pages.context(s);
      const params = { ...r.params } as Record<string, string | number>;
      if (typeof params.from === 'string') params.from = t(`status.${params.from}`);
      if (typeof params.to === 'string') params.to = t(`status.${params.to}`);
      return t(r.reason, { ns: 'reasons', ...params, phone: deps.library(s.staff.libraryId).phone });
    },
  };

  // Style and script of the staff pages: public (the login page needs them), nothing personal.
  server.get('/staff/assets/:file', async (req: Request, res: Response) => {
    const asset = STAFF_ASSETS[String(req.params.file)];
    if (!asset) { res.send(404, { error: 'not found' }); return; }
    res.writeHead(200, { 'content-type': asset.type, 'cache-control': 'no-cache', 'x-content-type-options': 'nosniff' });
    res.end(asset.body);
  });
  registerLoginRoutes(server, ctx);
  registerQueuePages(server, ctx);
  registerQueueApi(server, ctx);
  registerAppointmentsIcs(server, pickup);
}
