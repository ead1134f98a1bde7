// Starts Web Chat on the chat page. A file, not an inline script, so the page's
// Content-Security-Policy can refuse every inline script (src/channels/web-chat/web-chat-page.ts).
(function () {
  const element = document.getElementById('webchat');
  const library = element.dataset.library;
  const directLine = window.createLocalDirectLine(library, element.dataset.locale);
  const store = window.WebChat.createStore({}, () => directLine.maskPin());
  const userID = 'user-' + Math.random().toString(36).slice(2);
  const render = (locale) => window.WebChat.renderWebChat({
    directLine, store, userID, locale,
    styleOptions: { hideUploadButton: true, bubbleMaxWidth: 600 },
  }, element);
  // A switch of language mid-conversation: the page follows (lang, title, header, Web Chat's own strings).
  directLine.onLanguage((page) => {
    document.documentElement.lang = page.lang;
    document.title = page.title;
    document.getElementById('heading').textContent = page.heading;
    render(page.locale);
  });
  render(element.dataset.locale);
})();
