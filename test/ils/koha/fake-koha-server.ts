import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A Koha REST API written from Koha-Community/Koha api/v1/swagger: paths/auth.yaml
 * (POST /auth/password/validation: 201 {cardnumber, patron_id, userid}, 400), paths/patrons.yaml
 * (GET /patrons?cardnumber=, GET /patrons/{patron_id}), the patron's account (balance),
 * paths/biblios.yaml (GET /biblios/{biblio_id}/items), paths/items.yaml (GET
 * /items/{item_id}/pickup_locations), paths/holds.yaml (GET/POST /holds: 201, 400, 403 "Hold not
 * allowed"; DELETE /holds/{hold_id}: 204 deleted, 202 cancellation request recorded),
 * paths/ill_requests.yaml (GET /ill/requests with q and x-koha-embed: extended_attributes; POST /ill/requests: 201, 405), "503 Under maintenance" on every route,
 * and definitions/error.yaml ({ error, error_code }). Field names as in definitions/{patron,
 * hold,item,ill_request}.yaml.
 */
export interface FakeKohaPatron { patron_id: number; cardnumber: string; password: string; firstname: string; surname: string; restricted: boolean; expiry_date: string; patron_card_lost: boolean; checkouts_count: number; balance: number }
export interface FakeKohaItem { item_id: number; biblio_id: number; external_id: string; home_library_id: string; holding_library_id: string; checked_out_date: string | null; lost_status: number; withdrawn: number; not_for_loan_status: number; damaged_status: number; pickup: string[] }
export interface FakeKohaHold { hold_id: number; patron_id: number; biblio_id: number; item_id: number | null; pickup_library_id: string; notes: string | null; status: string | null }

export interface FakeKohaModes {
  maintenance?: boolean;
  slowMs?: number;
  /** Close the connection without an answer on this "METHOD /path-prefix". */
  disconnectOn?: string;
  /** POST /holds answers 403 "Hold cannot be placed. Reason: <this>". */
  holdForbidden?: string;
  /** POST /holds answers 400 about the pickup location. */
  badPickup?: boolean;
  /** POST /ill/requests answers 405 (a backend that cannot take API requests). */
  illUnsupported?: boolean;
  /** Accept the hold, then drop the connection before the answer (the bot never hears the yes). */
  dropAfterHold?: boolean;
  /** The same for POST /ill/requests. */
  dropAfterIll?: boolean;
  /**
   * A test's hook on this "METHOD /path-prefix" (test/ils/ils-crashes.test.ts kills the bot's
   * process in it): `before`, the request is not processed and its connection is closed without
   * an answer; `after`, it is processed (a hold is stored) and the answer never leaves.
   */
  onRoute?: { route: string; when: 'before' | 'after'; do: () => void };
}

export class FakeKohaServer {
  readonly patrons: FakeKohaPatron[] = [];
  readonly items: FakeKohaItem[] = [];
  readonly holds: FakeKohaHold[] = [];
  readonly illRequests: Array<Record<string, unknown>> = [];
  readonly tokens: string[] = [];
  /** Every request's "METHOD /path" and its Authorization header. */
  readonly log: Array<{ route: string; authorization?: string; embed?: string }> = [];
  modes: FakeKohaModes = {};
  tokenLifetime = 3600;
  private server: Server | undefined;
  private nextHold = 100;

  constructor(private readonly credentials: { clientId: string; clientSecret: string; user: string; password: string }) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => { void this.handle(req, res); });
    await new Promise<void>((r) => this.server!.listen(0, '127.0.0.1', r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => this.server?.close(() => r()) ?? r());
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://koha');
    const route = `${req.method} ${url.pathname.replace(/^\/api\/v1/, '')}`;
    const body = await new Promise<string>((r) => { let b = ''; req.on('data', (c) => (b += c)); req.on('end', () => r(b)); });
    this.log.push({ route, authorization: req.headers.authorization, embed: req.headers['x-koha-embed'] as string | undefined });
    if (this.modes.slowMs) await new Promise((r) => setTimeout(r, this.modes.slowMs));
    if (this.modes.disconnectOn && route.startsWith(this.modes.disconnectOn)) { req.socket.destroy(); return; }
    const hook = this.modes.onRoute && route.startsWith(this.modes.onRoute.route) ? this.modes.onRoute : undefined;
    if (hook?.when === 'before') { hook.do(); req.socket.destroy(); return; }
    const send = (status: number, json?: unknown) => {
      if (hook?.when === 'after') { hook.do(); req.socket.destroy(); return; }
      res.writeHead(status, json === undefined ? {} : { 'content-type': 'application/json' });
      res.end(json === undefined ? undefined : JSON.stringify(json));
    };
    if (this.modes.maintenance) return send(503, { error: 'System is under maintenance.', error_code: 'under_maintenance' });
    if (route === 'POST /oauth/token') {
      const form = new URLSearchParams(body);
      if (form.get('grant_type') !== 'client_credentials' || form.get('client_id') !== this.credentials.clientId || form.get('client_secret') !== this.credentials.clientSecret) return send(403, { error: 'unauthorized_client' });
      const token = `tok-${this.tokens.length + 1}`;
      this.tokens.push(token);
      return send(200, { access_token: token, token_type: 'Bearer', expires_in: this.tokenLifetime });
    }
    const auth = req.headers.authorization ?? '';
    const basic = `Basic ${Buffer.from(`${this.credentials.user}:${this.credentials.password}`).toString('base64')}`;
    if (auth !== basic && !this.tokens.some((t) => auth === `Bearer ${t}`)) return send(401, { error: 'Authentication failure.' });
    const json = body ? JSON.parse(body) as Record<string, unknown> : {};
    let m: RegExpExecArray | null;
    if (route === 'POST /auth/password/validation') {
      const p = this.patrons.find((x) => x.cardnumber === json.identifier && x.password === json.password);
      return p ? send(201, { cardnumber: p.cardnumber, patron_id: p.patron_id, userid: p.cardnumber }) : send(400, { error: 'Validation failed' });
    }
    if (route === 'GET /patrons') {
      return send(200, this.patrons.filter((p) => p.cardnumber === url.searchParams.get('cardnumber')).map(patronJson));
    }
    if ((m = /^GET \/patrons\/(\d+)\/account$/.exec(route))) {
      const p = this.patrons.find((x) => x.patron_id === Number(m![1]));
      return p ? send(200, { balance: p.balance, outstanding_credits: { total: 0, lines: [] }, outstanding_debits: { total: p.balance, lines: [] } }) : send(404, { error: 'Patron not found' });
    }
    if ((m = /^GET \/patrons\/(\d+)$/.exec(route))) {
      const p = this.patrons.find((x) => x.patron_id === Number(m![1]));
      if (!p) return send(404, { error: 'Patron not found' });
      const embed = String(req.headers['x-koha-embed'] ?? '').split(',');
      return send(200, {
        ...patronJson(p),
        ...(embed.includes('checkouts+count') ? { checkouts_count: p.checkouts_count } : {}),
        ...(embed.includes('holds+count') ? { holds_count: this.holds.filter((h) => h.patron_id === p.patron_id).length } : {}),
      });
    }
    if ((m = /^GET \/biblios\/(\d+)\/items$/.exec(route))) {
      const items = this.items.filter((i) => i.biblio_id === Number(m![1]));
      return items.length ? send(200, items.map(({ pickup: _pickup, ...i }) => i)) : send(404, { error: 'Bibliographic record not found' });
    }
    if ((m = /^GET \/items\/(\d+)\/pickup_locations$/.exec(route))) {
      const item = this.items.find((i) => i.item_id === Number(m![1]));
      return item ? send(200, item.pickup.map((library_id) => ({ library_id, name: library_id, pickup_location: true }))) : send(404, { error: 'Item not found' });
    }
    if (route === 'GET /holds') {
      const patron = url.searchParams.get('patron_id');
      const item = url.searchParams.get('item_id');
      return send(200, this.holds.filter((h) => String(h.patron_id) === patron && (item === null || String(h.item_id) === item)));
    }
    if (route === 'POST /holds') {
      if (this.modes.holdForbidden) return send(403, { error: `Hold cannot be placed. Reason: ${this.modes.holdForbidden}` });
      if (this.modes.badPickup) return send(400, { error: 'The supplied pickup location is not valid' });
      const item = this.items.find((i) => i.item_id === json.item_id);
      if (!item) return send(400, { error: 'Item not found' });
      if (this.holds.some((h) => h.item_id === item.item_id)) return send(403, { error: 'Hold cannot be placed. Reason: itemAlreadyOnHold' });
      const hold: FakeKohaHold = { hold_id: this.nextHold++, patron_id: Number(json.patron_id), biblio_id: Number(json.biblio_id), item_id: item.item_id, pickup_library_id: String(json.pickup_library_id), notes: (json.notes as string | undefined) ?? null, status: null };
      this.holds.push(hold);
      if (this.modes.dropAfterHold) { req.socket.destroy(); return; }
      return send(201, hold);
    }
    if ((m = /^DELETE \/holds\/(\d+)$/.exec(route))) {
      const at = this.holds.findIndex((h) => h.hold_id === Number(m![1]));
      if (at < 0) return send(404, { error: 'Hold not found.' });
      // A waiting hold (status W) only gets a cancellation request: staff grant it.
      if (this.holds[at]!.status === 'W') return send(202);
      this.holds.splice(at, 1);
      return send(204);
    }
    if (route === 'GET /ill/requests') {
      // q_param: a JSON filter; the bot asks by patron_id. extended_attributes only when embedded.
      const q = JSON.parse(url.searchParams.get('q') ?? '{}') as { patron_id?: number };
      const embed = String(req.headers['x-koha-embed'] ?? '').split(',');
      return send(200, this.illRequests.filter((r) => q.patron_id === undefined || r.patron_id === q.patron_id)
        .map(({ extended_attributes, ...r }) => (embed.includes('extended_attributes') ? { ...r, extended_attributes } : r)));
    }
    if (route === 'POST /ill/requests') {
      if (this.modes.illUnsupported) return send(405, { error: 'Method not allowed' });
      const request = { ill_request_id: this.illRequests.length + 1, status: 'NEW', ...json };
      this.illRequests.push(request);
      if (this.modes.dropAfterIll) { req.socket.destroy(); return; }
      return send(201, request);
    }
    return send(404, { error: `no route ${route}` });
  }
}

const patronJson = ({ password: _password, checkouts_count: _c, balance: _b, ...p }: FakeKohaPatron) => p;
