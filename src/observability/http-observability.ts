import { randomUUID, timingSafeEqual } from 'node:crypto';
import type { Request, Response, Route, Server } from 'restify';
import { requestContext, type Logger } from '../logging';
import { httpRequests, registry } from './metrics';

/** A request id a load balancer or client may pass in; anything else gets a fresh UUID. */
const REQUEST_ID = /^[\w.:-]{8,64}$/;
/** Polled or static routes: their successes would drown the log, so only their failures are logged. */
const QUIET = new Set(['/webchat/outbox', '/healthz', '/metrics', '/webchat/webchat.js', '/webchat/direct-line.js']);

export interface HttpObservabilityOptions {
  /** `METRICS_TOKEN`: when set, GET /metrics wants `Authorization: Bearer <token>`. */
  metricsToken?: string;
}

/**
 * Request ids, access log lines and HTTP metrics for every route, and GET /metrics. Each
 * request gets an id (the caller's `X-Request-Id` if well-formed), echoed in the response and
 * carried by every log line written while the request runs (logging.ts's mixin), so a failed
 * turn's "turn failed" line can be found from the id a client or Twilio's debugger shows.
 * Lines name the route template, never the URL or the client address.
 */
export function observeHttp(server: Server, log: Logger, options: HttpObservabilityOptions = {}): void {
  const ids = new WeakMap<Request, string>();
  const idOf = (req: Request) => ids.get(req) ?? 'none';
  server.pre((req: Request, res: Response, next: () => void) => {
    const given = req.header('x-request-id');
    const id = given && REQUEST_ID.test(given) ? given : randomUUID();
    ids.set(req, id);
    res.header('x-request-id', id);
    next();
  });
  // A `use` handler runs after the body parser, whose stream events would lose the context.
  server.use((req: Request, _res: Response, next: () => void) => requestContext.run({ reqId: idOf(req) }, next));

  server.on('after', (req: Request, res: Response, route: Route | null) => {
    const template = routeTemplate(route);
    const status = res.statusCode;
    httpRequests.inc({ method: req.method ?? 'OTHER', route: template, status: String(status) });
    if (status < 400 && QUIET.has(template)) return;
    log.info({ reqId: idOf(req), method: req.method, route: template, status, ms: Date.now() - req.time() }, 'request');
  });

  server.get('/metrics', async (req: Request, res: Response) => {
    if (options.metricsToken && !bearerMatches(req.header('authorization'), options.metricsToken)) {
      res.send(401, { error: 'metrics need Authorization: Bearer <METRICS_TOKEN>' });
      return;
    }
    const body = await registry.metrics();
    res.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' });
    res.end(body);
  });
}

function routeTemplate(route: Route | null): string {
  const path = route?.spec?.path ?? route?.path;
  return path ? String(path) : 'unmatched';
}

function bearerMatches(header: string | undefined, token: string): boolean {
  const given = Buffer.from(header?.replace(/^Bearer\s+/i, '') ?? '');
  const expected = Buffer.from(token);
  return given.length === expected.length && timingSafeEqual(given, expected);
}
