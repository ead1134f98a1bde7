import { pageHeading } from '../../i18n/page-heading';
import { tFor } from '../../i18n/init';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The chat page: Microsoft's Web Chat widget (served from our own node_modules, no CDN) with a
 * small DirectLine-compatible object that posts each activity to /webchat/activities and shows
 * the replies the turn returned. No Azure Direct Line service is involved.
 */
export function webChatPage(library: string, language: string): string {
  const t = tFor(language);
  const locale = language === 'hu' ? 'hu-HU' : 'el-GR';
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(t('page.title'))}</title>
<style>
  html, body { height: 100%; margin: 0; font-family: system-ui, sans-serif; background: #f4f1ea; }
  body { display: flex; flex-direction: column; }
  header { background: #1f4e5f; color: #fff; padding: 10px 20px; }
  h1 { font-size: 1.1rem; margin: 0; font-weight: 600; }
  #webchat { flex: 1; min-height: 0; width: 100%; max-width: 760px; margin: 0 auto; background: #fff; }
</style>
</head>
<body>
<header><h1 id="heading">${escapeHtml(pageHeading(t, library))}</h1></header>
<main id="webchat" role="main" data-library="${escapeHtml(library)}" data-locale="${locale}"></main>
<script src="/webchat/webchat.js"></script>
<script src="/webchat/direct-line.js"></script>
<script src="/webchat/start.js"></script>
</body>
</html>`;
}

/**
 * The chat page's policy: its own scripts only (no inline script, so an injected one cannot
 * run), Web Chat's own inline styles, its own server to talk to, and no framing by other sites
 * (`frame-ancestors` for browsers that read it, X-Frame-Options for those that do not).
 */
export const WEB_CHAT_PAGE_HEADERS = {
  'content-security-policy': "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; font-src 'self' data:; "
    + "connect-src 'self'; media-src 'self' blob:; object-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
  'x-frame-options': 'DENY',
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
} as const;
