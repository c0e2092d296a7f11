/* NetralBot widget. A site adds: <script src="https://bot.example.go.id/widget.js" defer></script>
 * A round button opens <bot>/chat?embed=1 in an iframe (same origin as the bot: no CORS needed). All in a
 * shadow root; the one global is window.NetralBot = {open, close}. A site's CSP must allow the bot's
 * origin in script-src and frame-src. */
(() => {
  'use strict';
  if (window.NetralBot) return;
  const me = document.currentScript || document.querySelector('script[src*="widget.js"]');
  if (!me || !me.src || !document.documentElement.attachShadow) return;
  const chatUrl = new URL('chat?embed=1', me.src).href; // also right behind a path prefix
  const botOrigin = new URL(me.src).origin;
  window.NetralBot = {}; // claims the name at once against a second copy of this script

  const CSS = `:host{all:initial}*{box-sizing:border-box}
.l{position:fixed;right:16px;bottom:16px;z-index:2147483000;width:56px;height:56px;border:0;border-radius:50%;display:grid;
place-items:center;background:#0b4f6c;color:#fff;cursor:pointer;box-shadow:0 2px 10px rgba(0,0,0,.3)}
.l:hover{background:#083b51}
.l:focus-visible{outline:3px solid #b3400a;outline-offset:3px}
.t{position:absolute;right:64px;top:50%;transform:translateY(-50%);white-space:nowrap;padding:4px 10px;border-radius:6px;
background:#1b1f23;color:#fff;font:14px/1.4 system-ui,sans-serif;opacity:0;pointer-events:none;transition:opacity .15s}
.l:hover .t,.l:focus-visible .t{opacity:1}
.p{position:fixed;right:16px;bottom:84px;z-index:2147483001;width:min(380px,calc(100vw - 32px));height:min(600px,calc(100vh - 100px));
display:flex;flex-direction:column;background:#fff;border-radius:12px;overflow:hidden;box-shadow:0 6px 28px rgba(0,0,0,.35);
font:16px/1.4 system-ui,sans-serif}
.p[hidden]{display:none}
.b{display:flex;align-items:center;gap:8px;padding:6px 6px 6px 14px;background:#0b4f6c;color:#fff}
.h{flex:1;margin:0;font-size:15px;font-weight:600}
.x{width:44px;height:44px;border:0;border-radius:8px;background:none;color:#fff;font-size:22px;cursor:pointer}
.x:hover{background:rgba(255,255,255,.15)}
.x:focus-visible{outline:3px solid #fff;outline-offset:-5px}
iframe{flex:1;width:100%;border:0;display:block}
@media (max-width:480px){.p{inset:0;width:100%;height:100%;border-radius:0}}
@media (prefers-reduced-motion:reduce){.t{transition:none}}`;

  // el('tag', {attr: value}, [child nodes or strings]); svg elements get the SVG namespace.
  function el(tag, attrs, kids = []) {
    const e = /^(svg|path)$/.test(tag) ? document.createElementNS('http://www.w3.org/2000/svg', tag) : document.createElement(tag);
    Object.keys(attrs).forEach((k) => e.setAttribute(k, attrs[k]));
    kids.forEach((c) => e.append(c));
    return e;
  }

  function init() {
    const host = el('div', { 'data-netralbot': '' });
    const root = host.attachShadow({ mode: 'open' });
    if (root.adoptedStyleSheets && CSSStyleSheet.prototype.replaceSync) {
      // A constructed sheet is no inline style: a strict style-src on the host page does not block it.
      const sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
      root.adoptedStyleSheets = [sheet];
    } else {
      root.append(el('style', {}, [CSS]));
    }
    const icon = el('svg', { viewBox: '0 0 24 24', width: 28, height: 28, 'aria-hidden': 'true', focusable: 'false' }, [
      el('path', { d: 'M4 4h16a1 1 0 0 1 1 1v11a1 1 0 0 1-1 1H9l-4 4v-4H4a1 1 0 0 1-1-1V5a1 1 0 0 1 1-1zM8 10.5h.01M12 10.5h.01M16 10.5h.01',
        fill: 'none', stroke: 'currentColor', 'stroke-width': 2, 'stroke-linecap': 'round', 'stroke-linejoin': 'round' })]);
    const launcher = el('button', { type: 'button', class: 'l', 'aria-label': 'Buka chat NetralBot', 'aria-expanded': 'false',
      'aria-controls': 'nb-panel' }, [icon, el('span', { class: 't', 'aria-hidden': 'true' }, ['Tanya NetralBot'])]);
    const close = el('button', { type: 'button', class: 'x', 'aria-label': 'Tutup chat' }, ['\u2715']);
    const frame = el('iframe', { title: 'Chat NetralBot: tanya netralitas ASN', referrerpolicy: 'no-referrer' });
    const panel = el('div', { id: 'nb-panel', class: 'p', role: 'dialog', 'aria-label': 'Chat NetralBot', hidden: '' }, [
      el('div', { class: 'b' }, [el('p', { class: 'h' }, ['NetralBot — Tanya netralitas ASN']), close]), frame]);
    root.append(launcher, panel);
    document.body.append(host);

    function open() {
      if (!frame.getAttribute('src')) frame.setAttribute('src', chatUrl); // loaded on first open only
      panel.hidden = false;
      launcher.setAttribute('aria-expanded', 'true');
      frame.focus();
    }
    function shut() {
      if (panel.hidden) return;
      panel.hidden = true;
      launcher.setAttribute('aria-expanded', 'false');
      launcher.focus();
    }
    launcher.addEventListener('click', () => (panel.hidden ? open() : shut()));
    close.addEventListener('click', shut);
    panel.addEventListener('keydown', (ev) => { if (ev.key === 'Escape') shut(); });
    // Escape pressed inside the chat page arrives as a message from the frame.
    window.addEventListener('message', (ev) => {
      if (ev.origin === botOrigin && ev.source === frame.contentWindow && ev.data && ev.data.type === 'netralbot:close') shut();
    });
    window.NetralBot = Object.freeze({ open, close: shut });
  }

  if (document.body) init(); else document.addEventListener('DOMContentLoaded', init);
})();
