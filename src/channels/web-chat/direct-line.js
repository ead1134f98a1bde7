// A DirectLine-compatible object for Web Chat that talks to our own server (no Azure service).
// Each posted activity is echoed back with an id and the same clientActivityID, as Web Chat
// expects, and the turn's replies (returned in the HTTP response) are emitted after it.
// Proactive messages are polled from /webchat/outbox.
(function () {
  function subject(onSubscribe) {
    const observers = new Set();
    return {
      subscribe(observer) {
        const o = typeof observer === 'function' ? { next: observer } : observer;
        observers.add(o);
        if (onSubscribe) onSubscribe(o);
        return { unsubscribe() { observers.delete(o); } };
      },
      next(value) { observers.forEach((o) => o.next && o.next(value)); },
      observed() { return observers.size > 0; },
    };
  }

  window.createLocalDirectLine = function (library, locale) {
    // The server issues the conversation and a token only this page holds (as Direct Line does):
    // whoever learns the conversation id from a reply or a log cannot speak in it.
    let conversation;
    let status = 2; // Online: sends wait for the conversation below
    const connectionStatus$ = subject((o) => o.next && o.next(status));
    // Web Chat subscribes to activities only once it sees the connection online: the greeting,
    // which arrives with the conversation, waits for it.
    const waiting = [];
    const activity$ = subject((o) => { while (waiting.length) o.next && o.next(waiting.shift()); });
    const deliver = (activity) => (activity$.observed() ? activity$.next(activity) : waiting.push(activity));
    let sequence = 0;
    const setStatus = (value) => { status = value; connectionStatus$.next(status); };

    const started = fetch('/webchat/conversations', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ library, locale }),
    }).then(async (response) => {
      if (!response.ok) throw new Error('HTTP ' + response.status);
      conversation = await response.json();
      emitReplies(conversation.activities);
      return conversation;
    });
    started.catch((error) => { console.error(error); setStatus(4); }); // FailedToConnect

    async function send(activity) {
      const { conversationId, token } = await started;
      const response = await fetch('/webchat/activities', {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer ' + token },
        body: JSON.stringify({ conversationId, library, activity: { ...activity, locale } }),
      });
      if (!response.ok) throw new Error('HTTP ' + response.status);
      return response.json();
    }

    // The PIN is shown as •••• in the transcript (bubble and screen reader alike): the store
    // middleware below swaps the typed PIN for the mask before Web Chat records it, and
    // postActivity swaps it back only in the one request that carries it to the server.
    const MASK = '••••';
    let expectingPin = false;
    let pendingPin;
    const onLanguage = [];

    function emitReplies(replies) {
      for (const reply of replies) {
        const data = reply.channelData || {};
        if (reply.inputHint === 'expectingInput') expectingPin = data.slot === 'pin';
        if (data.page) onLanguage.forEach((f) => f(data.page));
        deliver({ ...reply, id: reply.id || conversation.conversationId + '|' + (++sequence), timestamp: reply.timestamp || new Date().toISOString() });
      }
    }

    // Messages the library sends later ("your books are ready") arrive through our server's
    // connector endpoint into an outbox; the page has no push channel, so it asks every few seconds.
    let outboxAfter = 0;
    let polling = false;
    const poll = setInterval(async () => {
      if (polling || status !== 2 || !conversation) return;
      polling = true;
      try {
        const response = await fetch('/webchat/outbox?conversationId=' + encodeURIComponent(conversation.conversationId) + '&after=' + outboxAfter,
          { headers: { authorization: 'Bearer ' + conversation.token } });
        if (response.ok) {
          const body = await response.json();
          outboxAfter = body.after;
          emitReplies(body.activities);
        }
      } catch (error) {
        console.error(error);
      } finally {
        polling = false;
      }
    }, window.WEBCHAT_OUTBOX_POLL_MS || 3000);

    return {
      activity$,
      connectionStatus$,
      /** Web Chat store middleware: a PIN typed at the PIN question is recorded as the mask. */
      maskPin() {
        return (next) => (action) => {
          if (action.type === 'WEB_CHAT/SEND_MESSAGE' && expectingPin && action.payload && typeof action.payload.text === 'string') {
            pendingPin = action.payload.text;
            return next({ ...action, payload: { ...action.payload, text: MASK } });
          }
          return next(action);
        };
      },
      /** Called with { lang, locale, heading, title } when the patron switches language. */
      onLanguage(f) { onLanguage.push(f); },
      postActivity(activity) {
        const outgoing = activity.text === MASK && pendingPin !== undefined ? { ...activity, text: pendingPin } : activity;
        if (outgoing !== activity) pendingPin = undefined;
        return {
          subscribe(observer) {
            const o = typeof observer === 'function' ? { next: observer } : observer;
            send(outgoing).then((r) => {
              activity$.next({ ...activity, id: r.id, timestamp: new Date().toISOString(), channelData: { ...(activity.channelData || {}), clientActivityID: activity.channelData && activity.channelData.clientActivityID } });
              o.next && o.next(r.id);
              o.complete && o.complete();
              emitReplies(r.activities);
            }).catch((error) => o.error && o.error(error));
            return { unsubscribe() {} };
          },
        };
      },
      end() { status = 5; clearInterval(poll); connectionStatus$.next(status); },
    };
  };
})();
