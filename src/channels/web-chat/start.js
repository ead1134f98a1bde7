// Starts Web Chat on the chat page. A file, not an inline script, so the page's
// Content-Security-Policy can refuse every inline script (src/channels/web-chat/web-chat-page.ts).
(function () {
  const element = document.getElementById('webchat');
  const library = element.dataset.library;
  const locale = element.dataset.locale;
  window.WebChat.renderWebChat({
    directLine: window.createLocalDirectLine(library, locale),
    userID: 'user-' + Math.random().toString(36).slice(2),
    locale,
    styleOptions: { hideUploadButton: true, bubbleMaxWidth: 600 },
  }, element);
})();
