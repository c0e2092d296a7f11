/* NetralBot for sites that show Microsoft's Web Chat: a Direct Line to this bot that takes a question at once.
 *   <script src="https://cdn.botframework.com/botframework-webchat/4.18.1/webchat.js"></script>
 *   <script src="https://bot.example.go.id/webchat-directline.js"></script>
 *   <script>WebChat.renderWebChat({ directLine: NetralBotWebChat.createDirectLine(), locale: 'id-ID' }, el);</script>
 * Why: Web Chat shows its send box before its Direct Line client has a conversation, and while the client is
 * "connecting" (until POST conversations is answered) Web Chat refuses Enter and Send: the question stays in the box,
 * unsent, with a notice only screen readers read (botframework-webchat-component, SendBoxComposer.tsx). On a slow
 * connection a visitor who types fast would wait for an answer that never comes. Here Web Chat is told it is online
 * from the start; its messages go to botframework-directlinejs's postActivity, which itself waits for the
 * conversation, then posts them in order. If the conversation cannot be started, Web Chat shows the failure and
 * marks the message as not sent. After the first connection the status passes through unchanged. */
(() => {
  'use strict';
  if (window.NetralBotWebChat) return;
  const me = document.currentScript || document.querySelector('script[src*="webchat-directline.js"]');
  const domain = new URL('v3/directline', me && me.src ? me.src : location.href).href; // also behind a path prefix
  // botframework-directlinejs's ConnectionStatus.
  const UNINITIALIZED = 0, CONNECTING = 1, ONLINE = 2;

  /** Web Chat's DirectLine from window.WebChat.createDirectLine({domain: this bot, webSocket: true, ...options}). */
  function createDirectLine(options) {
    if (!window.WebChat || !window.WebChat.createDirectLine) {
      throw new Error('NetralBotWebChat: load Web Chat (webchat.js) before webchat-directline.js is used.');
    }
    const real = window.WebChat.createDirectLine(Object.assign({ domain, webSocket: true }, options));
    let connectedOnce = false;
    // Only the first connecting is reported as online; a later one (a reconnect) is reported as it is.
    const shown = (status) => {
      if (connectedOnce) return status;
      if (status !== UNINITIALIZED && status !== CONNECTING) { connectedOnce = true; return status; }
      return status === CONNECTING ? ONLINE : status;
    };
    const connectionStatus$ = {
      subscribe(observer) {
        const next = typeof observer === 'function' ? observer : (v) => observer && observer.next && observer.next(v);
        let last;
        return real.connectionStatus$.subscribe({
          next: (status) => {
            const s = shown(status);
            if (s !== last) { last = s; next(s); }
          },
          error: (e) => observer && observer.error && observer.error(e),
          complete: () => observer && observer.complete && observer.complete(),
        });
      },
    };
    return {
      activity$: real.activity$,
      connectionStatus$,
      postActivity: (activity) => real.postActivity(activity),
      end: () => real.end(),
      getSessionId: () => real.getSessionId(),
      setUserId: (userId) => real.setUserId(userId),
      reconnect: (conversation) => real.reconnect(conversation),
      get token() { return real.token; },
      get referenceGrammarId() { return real.referenceGrammarId; },
    };
  }

  window.NetralBotWebChat = Object.freeze({ createDirectLine });
})();
