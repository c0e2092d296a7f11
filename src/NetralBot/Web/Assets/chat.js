/* NetralBot web chat: a small Direct Line 3.0 client. Page at <prefix>/chat, API at <prefix>/v3/directline.
 * State is kept in sessionStorage so a reload resumes. Server text never becomes HTML: text nodes only. */
(() => {
  'use strict';
  const me = document.currentScript;
  const API = new URL('../v3/directline/', me && me.src ? me.src : location.href).href;
  const KEY = 'netralbot.chat.v1', LOCALE = 'id-ID';
  const embed = /[?&]embed=1(&|$)/.test(location.search);
  if (embed) document.documentElement.classList.add('nb-embed');

  const $ = (id) => document.getElementById(id);
  // Appends a new element to parent; props are set on it (textContent, className, …), never innerHTML.
  const add = (parent, tag, props) => parent.appendChild(Object.assign(document.createElement(tag), props));
  const log = $('nb-log'), input = $('nb-input'), fileInput = $('nb-file');
  const actionsBox = $('nb-actions'), statusBox = $('nb-status'), typing = $('nb-typing');

  // {conversationId, token, expiresAt, watermark, userId, history: [{w: 'u'|'b'|'n', t}], actions}
  let st;
  try { st = JSON.parse(sessionStorage.getItem(KEY)); } catch (e) { /* none */ }
  st = st || {};
  if (!Array.isArray(st.history)) st.history = [];
  let streamUrl = null, ready = false, starting = null, sock = null, wsFails = 0, polling = false;
  let pollTimer = 0, refreshTimer = 0, typingTimer = 0, catchUpTimer = 0, retryDelay = 1000;
  let seen = {}, gen = 0; // gen changes when receiving stops, so stale poll/reconnect callbacks end

  function save() {
    st.history = st.history.slice(-60);
    try { sessionStorage.setItem(KEY, JSON.stringify(st)); } catch (e) { /* private mode: no resume */ }
  }

  async function api(method, path, body, auth = true, timeout = 20000) {
    const headers = {};
    if (auth && st.token) headers.Authorization = 'Bearer ' + st.token;
    if (body && !(body instanceof FormData)) { headers['Content-Type'] = 'application/json'; body = JSON.stringify(body); }
    const ctl = new AbortController();
    const timer = setTimeout(() => ctl.abort(), timeout);
    try {
      const r = await fetch(API + path, { method, headers, body, signal: ctl.signal, credentials: 'omit' });
      if (!r.ok) throw Object.assign(new Error('HTTP ' + r.status), { status: r.status });
      return r.status === 204 ? {} : await r.json();
    } finally { clearTimeout(timer); }
  }
  const gone = (e) => e && (e.status === 401 || e.status === 403 || e.status === 404);
  const conv = (rest) => 'conversations/' + encodeURIComponent(st.conversationId) + rest;
  const wm = () => '?watermark=' + encodeURIComponent(st.watermark || '');

  function adopt(c) {
    if (c.conversationId) st.conversationId = c.conversationId;
    if (c.token) st.token = c.token;
    if (c.streamUrl) streamUrl = c.streamUrl;
    st.expiresAt = Date.now() + (c.expires_in || 1800) * 1000;
    save();
    clearTimeout(refreshTimer);
    const left = st.expiresAt - Date.now();
    refreshTimer = setTimeout(refresh, Math.max(5000, Math.min(left - 60000, left * 0.8)));
  }

  // Resolves once a conversation exists (resumed after a reload, or new).
  function ensure() {
    if (ready) return Promise.resolve();
    if (!starting) {
      setStatus('Menghubungkan…');
      starting = resume().then((ok) => ok || create()).then(() => {
        starting = null; ready = true; setStatus(''); connect();
      }, (e) => {
        starting = null;
        setStatus('Tidak dapat terhubung ke NetralBot. Periksa koneksi internet Anda.', ensure);
        throw e;
      });
    }
    return starting;
  }
  async function resume() {
    if (!st.conversationId || !st.token) return false;
    try { adopt(await api('GET', conv(wm()))); return true; } catch (e) {
      if (!gone(e)) throw e;
      note('Sesi sebelumnya sudah berakhir. Percakapan baru dimulai.');
      return false;
    }
  }
  async function create() {
    const c = await api('POST', 'conversations', { user: { id: userId() }, locale: LOCALE }, false);
    st = { userId: userId(), watermark: '', history: st.history, actions: st.actions };
    seen = {};
    adopt(c);
  }
  function userId() {
    if (!st.userId) {
      const a = crypto.getRandomValues(new Uint8Array(8));
      st.userId = 'web-' + Array.from(a, (b) => (b + 256).toString(16).slice(1)).join('');
    }
    return st.userId;
  }
  // The conversation or its token is gone: start a new one (the transcript stays on screen).
  function restart() {
    if (starting) return starting;
    stopReceiving();
    ready = false; st.token = st.conversationId = streamUrl = null;
    note('Sesi berakhir. Percakapan baru dimulai.');
    return ensure();
  }
  // Never rejects: a lost conversation is replaced, anything else is retried later.
  function refresh() {
    return api('POST', 'tokens/refresh').then(adopt, (e) => {
      if (gone(e)) return restart().catch(() => {});
      refreshTimer = setTimeout(refresh, 30000);
    });
  }
  // Timers sleep in background tabs: catch up when the page is shown again.
  document.addEventListener('visibilitychange', () => {
    if (document.hidden || !ready) return;
    if (Date.now() > st.expiresAt) { restart().catch(() => {}); return; }
    if (st.expiresAt - Date.now() < 120000) refresh();
    catchUp();
  });

  // Receiving: WebSocket at streamUrl; polling once sockets keep failing.
  function connect() {
    stopReceiving();
    if (!polling && window.WebSocket && streamUrl) openSocket(); else poll();
  }
  function stopReceiving() {
    gen++;
    clearTimeout(pollTimer);
    if (sock) { const s = sock; sock = null; try { s.close(); } catch (e) { /* closed */ } }
  }
  function openSocket() {
    const g = gen;
    let ws, openedAt = 0;
    try { ws = new WebSocket(location.protocol === 'https:' ? streamUrl.replace(/^ws:/, 'wss:') : streamUrl); } catch (e) {
      polling = true; poll(); return;
    }
    sock = ws;
    ws.onopen = () => { openedAt = Date.now(); retryDelay = 1000; setStatus(''); catchUp(); };
    ws.onmessage = (ev) => {
      if (typeof ev.data !== 'string' || !ev.data.trim()) return; // keep-alive
      try { receive(JSON.parse(ev.data)); } catch (e) { /* a malformed frame */ }
    };
    ws.onclose = () => {
      if (sock !== ws) return; // closed on purpose
      sock = null;
      // A socket that lived a while closed normally (restart, idle proxy); short-lived ones are failures.
      wsFails = openedAt && Date.now() - openedAt > 15000 ? 0 : wsFails + 1;
      if (wsFails >= 3) { polling = true; poll(); } else setTimeout(reconnect, retryDelay, g);
    };
  }
  // A new WebSocket needs a fresh streamUrl.
  function reconnect(g) {
    if (g !== gen) return;
    api('GET', conv(wm())).then((c) => { if (g === gen) { adopt(c); connect(); } }, (e) => {
      if (g !== gen) return;
      if (gone(e)) { restart().catch(() => {}); return; }
      trouble();
      setTimeout(reconnect, retryDelay, g);
    });
  }
  function trouble() {
    setStatus('Koneksi terputus. Mencoba lagi…', null, true);
    retryDelay = Math.min(retryDelay * 2, 15000);
  }
  function poll() {
    const g = gen;
    fetchActivities().then(() => {
      retryDelay = 1000;
      if (g === gen) pollTimer = setTimeout(poll, 1000);
    }, (e) => {
      if (g !== gen) return;
      if (gone(e)) refresh(); else trouble();
      pollTimer = setTimeout(poll, gone(e) ? 3000 : retryDelay);
    });
  }
  function fetchActivities() {
    return api('GET', conv('/activities' + wm())).then((set) => { setStatus(''); return receive(set); });
  }
  // One GET for what a (re)connecting or silently dead socket missed; with judge, finding an answer the
  // socket did not deliver within 8 s means the socket is dead.
  function catchUp(judge) {
    clearTimeout(catchUpTimer);
    if (!ready || polling) return;
    fetchActivities().then((got) => { if (got && judge && sock) { stopReceiving(); reconnect(gen); } }, () => {});
  }

  // Shows a batch; returns true when it held a bot message not seen before.
  function receive(set) {
    let fresh = false;
    (set.activities || []).forEach((a) => {
      if (!a || (a.id && seen[a.id])) return;
      if (a.id) seen[a.id] = 1;
      if (a.from && (a.from.id === st.userId || a.from.role === 'user')) return; // our echo: already shown
      if (a.type === 'typing') showTyping(true);
      if (a.type !== 'message') return;
      fresh = true;
      showTyping(false);
      botMessage(a);
    });
    const w = set.watermark;
    if (w != null && !(+w < +st.watermark)) st.watermark = String(w); // never back (socket vs. GET race)
    save();
    return fresh;
  }

  // Server text (Markdown with only **bold**, other specials backslash-escaped, "  \n" line breaks) as text
  // nodes: **bold** -> <strong>, newline -> <br>, \! -> !; nothing is parsed as HTML.
  function richText(parent, text) {
    String(text || '').split('\n').forEach((line, i) => {
      if (i) add(parent, 'br');
      line.replace(/ +$/, '').split('**').forEach((part, j) => {
        const to = j % 2 ? add(parent, 'strong') : parent;
        // A receipt code (XXXX-XXXX-XXXX-XXXX) stays on one line and is selected whole for copying.
        part.replace(/\\([!-/:-@[-`{-~])/g, '$1').split(/\b([A-Z0-9]{4}(?:-[A-Z0-9]{4}){3})\b/).forEach((bit, k) => {
          if (k % 2) add(to, 'span', { className: 'nb-code', textContent: bit }); else if (bit) to.append(bit);
        });
      });
    });
  }
  function bubble(who, text, keep = true) {
    const div = add(log, 'div', { className: 'nb-msg ' + { u: 'nb-user', b: 'nb-bot', n: 'nb-note-msg' }[who] });
    if (who !== 'n') add(div, 'span', { className: 'nb-vh', textContent: who === 'u' ? 'Anda: ' : 'NetralBot: ' });
    if (who === 'u') div.append(text); else richText(div, text);
    if (keep) { st.history.push({ w: who, t: text }); save(); }
    scroll(div);
    return div;
  }
  const note = (text) => bubble('n', text);
  // A long answer is shown from its start; anything else keeps the log at the bottom.
  function scroll(el) {
    log.scrollTop = el.offsetHeight > log.clientHeight ? el.offsetTop - 8 : log.scrollHeight;
  }
  function botMessage(a) {
    const div = bubble('b', a.text || '');
    (a.attachments || []).forEach((att) => {
      const url = String(att.contentUrl || '');
      if (/^image\//.test(att.contentType) && /^data:image\/(png|jpeg|gif|webp);base64,/.test(url)) {
        add(div, 'img', { alt: att.name || 'Gambar dari NetralBot', src: url, onload: () => scroll(div) });
      } else if (att.name) {
        add(div, 'br');
        div.append('📎 ' + att.name);
      }
    });
    const acts = a.suggestedActions && a.suggestedActions.actions;
    showActions(acts && acts.length ? acts : null);
    scroll(div); // the buttons took room from the log
  }
  // Buttons for the latest bot message only.
  function showActions(acts) {
    const hadFocus = actionsBox.contains(document.activeElement);
    actionsBox.textContent = '';
    st.actions = acts;
    save();
    (acts || []).forEach((act) => {
      if (!act || !/^(imBack|postBack|messageBack)$/.test(act.type)) return;
      add(actionsBox, 'button', { type: 'button', textContent: act.title || act.text || String(act.value), onclick: () => tap(act) });
    });
    if (hadFocus) actionsBox.focus();
  }
  function showTyping(on) {
    clearTimeout(typingTimer);
    typing.hidden = !on;
    if (on) { typingTimer = setTimeout(showTyping, 20000, false); log.scrollTop = log.scrollHeight; }
  }
  function setStatus(text, retry, bad) {
    statusBox.textContent = text;
    statusBox.className = 'nb-status' + (retry || bad ? ' nb-bad' : '');
    if (retry) {
      add(statusBox, 'button', { type: 'button', textContent: 'Coba lagi', onclick: () => { setStatus(''); retry().catch(() => {}); } });
    }
  }

  // Sends an activity (or with upload() a multipart form); div is the user's bubble.
  async function post(activity, div, upload, retried) {
    activity.from = { id: userId() };
    activity.locale = LOCALE;
    try {
      await ensure();
      if (upload) await api('POST', conv('/upload?userId=' + encodeURIComponent(st.userId)), upload(), true, 120000);
      else await api('POST', conv('/activities'), activity);
      // If the answer does not come over the socket, look for it.
      clearTimeout(catchUpTimer);
      catchUpTimer = setTimeout(catchUp, 8000, true);
    } catch (e) {
      if (gone(e) && !retried) {
        await (e.status === 404 ? restart() : refresh()).catch(() => {});
        return post(activity, div, upload, true);
      }
      failed(div, () => post(activity, div, upload), e);
    }
  }
  function failed(div, retry, e) {
    div.classList.add('nb-failed');
    const s = e && e.status;
    const err = add(div, 'span', { className: 'nb-err', textContent: s === 413 ? 'File terlalu besar.'
      : s >= 400 && s < 500 ? 'Pesan ditolak server.' : 'Belum terkirim. Periksa koneksi Anda.' });
    add(err, 'button', { type: 'button', textContent: 'Coba lagi', onclick: () => { div.classList.remove('nb-failed'); err.remove(); retry(); } });
  }
  function sendText(text, extra, shown) {
    showActions(null);
    return post(Object.assign({ type: 'message', text }, extra), bubble('u', shown || text));
  }
  // A tapped button is sent as Web Chat does; a postBack carries its value as text and value.
  function tap(act) {
    const title = act.title || act.text || String(act.value);
    if (act.type === 'imBack') return sendText(String(act.value), {}, title);
    if (act.type === 'messageBack') return sendText(act.text || '', { value: act.value }, act.displayText || title);
    return sendText(typeof act.value === 'string' ? act.value : '', { value: act.value, channelData: { postBack: true } }, title);
  }
  function sendFile(file) {
    showActions(null);
    const activity = { type: 'message', attachments: [{ contentType: file.type, name: file.name }] };
    return post(activity, bubble('u', '📎 ' + file.name), () => {
      const fd = new FormData(); // as directlinejs does: the activity as a typed part, then the file
      fd.append('activity', new Blob([JSON.stringify(activity)], { type: 'application/vnd.microsoft.activity' }));
      fd.append('file', file, file.name);
      return fd;
    });
  }

  $('nb-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    const text = input.value.trim();
    input.value = '';
    if (text) sendText(text); else input.focus();
  });
  fileInput.addEventListener('change', () => {
    const f = fileInput.files && fileInput.files[0];
    if (f) sendFile(f);
    fileInput.value = '';
  });
  // The log shrinks when the keyboard opens: keep its end in view.
  window.addEventListener('resize', () => { log.scrollTop = log.scrollHeight; });
  // The widget's close button is in the host page: Escape inside the frame asks it to close.
  if (embed && window.parent !== window) {
    document.addEventListener('keydown', (ev) => {
      if (ev.key === 'Escape') window.parent.postMessage({ type: 'netralbot:close' }, '*');
    });
  }

  if (st.history.length) {
    st.history.forEach((m) => bubble(m.w, m.t, false));
    if (st.actions) showActions(st.actions);
  } else {
    showActions([{ type: 'postBack', title: '📋 Menu', value: 'menu' }, { type: 'imBack', title: '📣 Lapor pelanggaran', value: '/lapor' }]);
  }
  ensure().catch(() => { /* the status line offers a retry */ });
})();
