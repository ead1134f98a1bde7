import { timingSafeEqual } from 'node:crypto';
import type { Request, Response } from 'restify';
import type { StaffSession } from './staff-auth';

export const COOKIE = 'staff_session';
/** Longest staff note or reason kept: a paragraph, not a pasted document (it is shown on every order page). */
export const MAX_NOTE = 2000;
/** A row version as the API returns it; anything else (1e300, 0.5, "1") cannot be one and is a bad request. */
export const isVersion = (v: unknown): v is number => Number.isSafeInteger(v) && (v as number) >= 0;

/**
 * Staff pages load their style and script from /staff/assets only: no inline code, so markup
 * that slipped into a page could not run even if the templates' escaping were bypassed.
 */
const CSP = "default-src 'none'; style-src 'self'; script-src 'self'; connect-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

export function html(res: Response, status: number, body: string): void {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', 'x-frame-options': 'DENY', 'referrer-policy': 'same-origin',
    'x-content-type-options': 'nosniff', 'content-security-policy': CSP,
  });
  res.end(body);
}

/** A file the browser saves (the pick list's CSV). */
export function download(res: Response, type: string, filename: string, body: string): void {
  res.writeHead(200, {
    'content-type': type, 'content-disposition': `attachment; filename="${filename}"`, 'cache-control': 'no-store', 'x-content-type-options': 'nosniff',
  });
  res.end(body);
}

export function redirect(res: Response, location: string): void {
  res.writeHead(303, { location, 'cache-control': 'no-store' });
  res.end();
}

export function apiError(res: Response, status: number, error: string, message: string, alternatives?: string[]): void {
  res.send(status, { error, message, ...(alternatives ? { alternatives } : {}) });
}

export function formBody(req: Request): Record<string, string> {
  const body = req.body as Record<string, unknown> | undefined;
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(body ?? {})) if (typeof v === 'string') out[k] = v;
  return out;
}

/**
 * A staff form post: no session (or an expired one) goes to the login page, a missing or wrong
 * CSRF token gets 403 with `expired`'s text, and only then does `handle` run. Every page that
 * changes something goes through here, so none can forget a check.
 */
export function staffFormPost(
  session: (req: Request) => Promise<StaffSession | undefined>,
  expired: (s: StaffSession) => string,
  handle: (s: StaffSession, body: Record<string, string>, req: Request, res: Response) => Promise<void>,
): (req: Request, res: Response) => Promise<void> {
  return async (req, res) => {
    const s = await session(req);
    if (!s) { redirect(res, '/staff/login?expired=1'); return; }
    const body = formBody(req);
    if (!csrfOk(s, body._csrf)) { html(res, 403, expired(s)); return; }
    await handle(s, body, req, res);
  };
}

export function csrfOk(s: StaffSession, given: unknown): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(s.csrfToken);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function readCookie(req: Request, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, ...v] = part.trim().split('=');
    if (k === name) return v.join('=');
  }
  return undefined;
}

export function setSessionCookie(req: Request, res: Response, token: string): void {
  const secure = process.env.STAFF_COOKIE_SECURE === '1' || req.headers['x-forwarded-proto'] === 'https';
  res.header('set-cookie', `${COOKIE}=${token}; Path=/; HttpOnly; SameSite=Strict; Max-Age=${8 * 3600}${secure ? '; Secure' : ''}`);
}

export function clearSessionCookie(res: Response): void {
  res.header('set-cookie', `${COOKIE}=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0`);
}

/** Before sign-in there is no library: the page follows ?lang=, then the browser's language. */
export function loginLanguage(req: Request): 'el' | 'hu' {
  const query = (req.query as Record<string, unknown> | undefined)?.lang;
  if (query === 'hu' || query === 'el') return query;
  return (req.headers['accept-language'] ?? '').toLowerCase().startsWith('hu') ? 'hu' : 'el';
}
