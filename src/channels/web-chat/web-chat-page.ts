import { tFor } from '../../i18n/init';

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The chat page: Microsoft's Web Chat widget (served from our own node_modules, no CDN) with a
 * small DirectLine-compatible object that posts each activity to /webchat/activities and shows
 * the replies the turn returned. No Azure Direct Line service is involved.
 */
export function webChatPage(library: string, language: string): string {
  const t = tFor(language);
  const config = JSON.stringify({ library, locale: language === 'hu' ? 'hu-HU' : 'el-GR' });
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
<main id="webchat" role="main"></main>
<script src="/webchat/webchat.js"></script>
<script src="/webchat/direct-line.js"></script>
<script>
  const config = ${config.replace(/</g, '\\u003c')};
  const directLine = window.createLocalDirectLine(config.library, config.locale);
  const store = window.WebChat.createStore({}, () => directLine.maskPin());
  const userID = 'user-' + Math.random().toString(36).slice(2);
  const render = (locale) => window.WebChat.renderWebChat({
    directLine, store, userID, locale,
    styleOptions: { hideUploadButton: true, bubbleMaxWidth: 600 },
  }, document.getElementById('webchat'));
  // A switch of language mid-conversation: the page follows (lang, title, header, Web Chat's own strings).
  directLine.onLanguage((page) => {
    document.documentElement.lang = page.lang;
    document.title = page.title;
    document.getElementById('heading').textContent = page.heading;
    render(page.locale);
  });
  render(config.locale);
</script>
</body>
</html>`;
}
