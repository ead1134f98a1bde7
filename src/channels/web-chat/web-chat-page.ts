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
  header { background: #1f4e5f; color: #fff; padding: 12px 20px; font-size: 1.1rem; }
  #webchat { height: calc(100% - 48px); max-width: 760px; margin: 0 auto; background: #fff; }
</style>
</head>
<body>
<header id="heading">${escapeHtml(t('page.heading'))}</header>
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
