import type { Request, Response, Server } from 'restify';
import { clientAddress } from '../channels/client-address';
import { tFor } from '../i18n/init';
import { apiError, clearSessionCookie, csrfOk, formBody, html, loginLanguage, redirect, setSessionCookie } from './http';
import { loginOriginOk } from './login-origin';
import { loginPage } from './pages';
import type { QueueRouteContext } from './queue-common';

/** Signing in and out, as a page and as the API's session resource. */
export function registerLoginRoutes(server: Server, { pickup, auth, pages }: QueueRouteContext): void {
  const { session, languageOf } = pages;
  const loginContext = (language: 'el' | 'hu', namespaces: string[] = ['staff']) => ({ t: tFor(language, namespaces), language, libraryName: '' });

  server.get('/staff/login', async (req: Request, res: Response) => {
    const language = loginLanguage(req);
    const ctx = loginContext(language);
    const expired = (req.query as Record<string, unknown> | undefined)?.expired;
    html(res, 200, loginPage(ctx, expired ? ctx.t('login.expired') : undefined));
  });

  server.post('/staff/login', async (req: Request, res: Response) => {
    if (!loginOriginOk(req.headers, pickup.publicUrl.value)) {
      const ctx = loginContext(loginLanguage(req));
      html(res, 403, loginPage(ctx, ctx.t('login.cross_site')));
      return;
    }
    const body = formBody(req);
    const result = await auth.login(body.username ?? '', body.password ?? '', { kind: 'address', id: clientAddress(req) });
    if (!result.allowed) {
      const ctx = loginContext(loginLanguage(req), ['staff', 'reasons']);
      const limited = result.reason === 'staff.login_limited';
      html(res, limited ? 429 : 401, loginPage(ctx, limited ? ctx.t(result.reason, { ns: 'reasons', ...result.params }) : ctx.t('login.failed')));
      return;
    }
    setSessionCookie(req, res, result.session.token);
    redirect(res, '/staff');
  });

  server.post('/staff/logout', async (req: Request, res: Response) => {
    const s = await session(req);
    if (s && !csrfOk(s, formBody(req)._csrf)) { html(res, 403, 'CSRF'); return; }
    if (s) await auth.logout(s.token);
    clearSessionCookie(res);
    redirect(res, '/staff/login');
  });

  server.post('/api/staff/session', async (req: Request, res: Response) => {
    // Refused before anything is checked or counted: the guess never reached a password.
    if (!loginOriginOk(req.headers, pickup.publicUrl.value)) { apiError(res, 403, 'staff.cross_site', tFor(loginLanguage(req), 'staff')('login.cross_site')); return; }
    const body = (req.body ?? {}) as { username?: unknown; password?: unknown };
    const result = await auth.login(String(body.username ?? ''), String(body.password ?? ''), { kind: 'address', id: clientAddress(req) });
    if (!result.allowed && result.reason === 'staff.login_limited') {
      res.header('retry-after', String(Number(result.params?.count ?? 1) * 60));
      apiError(res, 429, result.reason, tFor(loginLanguage(req), 'reasons')(result.reason, result.params));
      return;
    }
    if (!result.allowed) { apiError(res, 401, 'staff.invalid_login', tFor(loginLanguage(req), 'staff')('login.failed')); return; }
    const s = result.session;
    setSessionCookie(req, res, s.token);
    res.send(200, { staff: s.staff, csrfToken: s.csrfToken, language: languageOf(s) });
  });

  server.get('/api/staff/session', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    res.send(200, { staff: s.staff, csrfToken: s.csrfToken, language: languageOf(s) });
  });
  server.del('/api/staff/session', async (req: Request, res: Response) => {
    const s = await session(req);
    if (!s) { apiError(res, 401, 'staff.not_signed_in', 'not signed in'); return; }
    if (!csrfOk(s, req.header('x-csrf-token'))) { apiError(res, 403, 'staff.csrf', 'missing or wrong x-csrf-token'); return; }
    await auth.logout(s.token);
    clearSessionCookie(res);
    res.send(204);
  });
}
