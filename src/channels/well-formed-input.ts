import type { Next, Request, Response } from 'restify';

// Half of a surrogate pair, or NUL.
const UNSTORABLE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\u0000/g;

/**
 * JSON may spell half of a surrogate pair ("\udff8"); JavaScript keeps it, but Prisma's query
 * engine refuses the whole statement, and UTF-8 (the database, XML, logs) cannot encode it.
 * NUL ("\u0000", "%00") is refused by PostgreSQL in any text value, so a query that merely
 * compares with it fails (an internal error, not a "no such row"). Both are replaced by U+FFFD
 * in every string of the parsed body, query and route parameters, keys included, as a browser
 * does with half a pair.
 */
export function wellFormed<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(UNSTORABLE, '\uFFFD') as T;
  // Deeper than any body we accept: the bodies are 64 KB at most, but nesting costs nothing to send.
  if (depth > 64 || typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) return value.map((v) => wellFormed(v, depth + 1)) as T;
  const out: Record<string, unknown> = {};
  // defineProperty, not assignment: a "__proto__" key from JSON stays a plain own property.
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, wellFormed(k), { value: wellFormed(v, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out as T;
}

const RECEIVED = Symbol('body as received');

/**
 * The body before `wellFormedInput` replaced anything: what a signature covers (Twilio signs
 * the form it sent, NUL included). Everything else reads `req.body`.
 */
export function receivedBody(req: Request): unknown {
  const request = req as unknown as Record<symbol, unknown>;
  return RECEIVED in request ? request[RECEIVED] : req.body;
}

/** restify middleware: after the body parser, before any route. */
export function wellFormedInput(req: Request, _res: Response, next: Next): void {
  if (req.body !== undefined) {
    (req as unknown as Record<symbol, unknown>)[RECEIVED] = req.body;
    req.body = wellFormed(req.body);
  }
  if (req.query && typeof req.query === 'object') req.query = wellFormed(req.query);
  if (req.params && typeof req.params === 'object') req.params = wellFormed(req.params);
  next();
}
