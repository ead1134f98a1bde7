import type { Next, Request, Response } from 'restify';

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/**
 * JSON may spell half of a surrogate pair ("\udff8"); JavaScript keeps it, but Prisma's query
 * engine refuses the whole statement, and UTF-8 (the database, XML, logs) cannot encode it.
 * Replaced by U+FFFD in every string of the parsed body and query, keys included, as a browser
 * does when it encodes such a string.
 */
export function wellFormed<T>(value: T, depth = 0): T {
  if (typeof value === 'string') return value.replace(LONE_SURROGATE, '\uFFFD') as T;
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

/** restify middleware: after the body parser, before any route. */
export function wellFormedInput(req: Request, _res: Response, next: Next): void {
  if (req.body !== undefined) req.body = wellFormed(req.body);
  if (req.query && typeof req.query === 'object') req.query = wellFormed(req.query);
  next();
}
