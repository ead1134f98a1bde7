import type { IncomingHttpHeaders } from 'node:http';

/**
 * Whether a staff login may come from where the browser says it comes from. A form on another
 * site posting to /staff/login (or a script calling /api/staff/session) would otherwise sign
 * the staff member's browser into the attacker's account (login CSRF): the CSRF token only
 * exists once signed in, so the login itself is checked by its origin.
 *
 * - `Sec-Fetch-Site` (every current browser sends it) decides alone: `same-origin` and `none`
 *   (typed, bookmarked) pass; `same-site` and `cross-site` do not. It is the browser's own view,
 *   so a reverse proxy that rewrites `Host` cannot make it wrong.
 * - Otherwise `Origin`, when present, must be this server: the request's `Host` or the public
 *   base URL. `Origin: null` (a sandboxed frame, a redirect chain) is refused.
 * - Neither header: not a browser (curl, a staff script) or a very old one; it passes as before.
 *   A cross-site form post from a browser always carries at least `Origin`.
 * @example loginOriginOk({ host: 'lib.example', origin: 'https://evil.example' }, undefined) // false
 * @example loginOriginOk({ host: 'lib.example' }, undefined) // true: curl
 */
export function loginOriginOk(headers: IncomingHttpHeaders, publicBaseUrl: string | undefined): boolean {
  const site = single(headers['sec-fetch-site'])?.toLowerCase();
  if (site !== undefined) return site === 'same-origin' || site === 'none';
  const origin = single(headers.origin);
  if (origin === undefined) return true;
  const host = hostOf(origin);
  if (!host) return false;
  return host === single(headers.host)?.toLowerCase() || (publicBaseUrl !== undefined && host === hostOf(publicBaseUrl));
}

const single = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

function hostOf(url: string): string | undefined {
  try {
    const { protocol, host } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? host.toLowerCase() : undefined;
  } catch {
    return undefined;
  }
}
