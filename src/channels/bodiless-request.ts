import type { Next, Request, Response } from 'restify';

/**
 * A request with neither Content-Length nor Transfer-Encoding has no body (RFC 9112 §6.3), but
 * restify's body parser takes it for an empty `application/octet-stream` body and, with
 * `rejectUnknown`, answers 415: `DELETE /api/staff/session` sent as fetch and curl send it did
 * not log out. Such a request is given its length, zero, so the parser sees no body at all.
 */
export function bodilessRequest(req: Request, _res: Response, next: Next): void {
  if (req.headers['content-length'] === undefined && req.headers['transfer-encoding'] === undefined) req.headers['content-length'] = '0';
  next();
}
