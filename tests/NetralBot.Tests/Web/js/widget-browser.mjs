// Drives NetralBot's own web chat (<baseUrl>/chat) and its embeddable widget (<baseUrl>/widget.js) in
// headless Debian Chromium.
//   node widget-browser.mjs <baseUrl>
// Env: CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOT_DIR (optional: screenshots are saved there).
// Prints one JSON line per step; exits 0 only when every step passed.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  QUESTION, RECEIPT_CODE, REPORT_FLOW, STEP_TIMEOUT_MS, baseUrlArg, done, firstLine, guard, makePng, serve, sleep, step,
} from './lib/common.mjs';
import { buttonName, launch, watch } from './lib/browser.mjs';

const baseUrl = baseUrlArg('node widget-browser.mjs <baseUrl>');
guard('widget-browser.mjs');
const botOrigin = new URL(baseUrl).origin;
const screenshotDir = process.env.SCREENSHOT_DIR;
if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });
const WAIT = STEP_TIMEOUT_MS;

// A stand-in for a Pemda site: one page that adds the widget with the documented one-liner.
const host = await serve((req, res) => {
  if (req.url !== '/') { res.writeHead(404).end(); return; }
  res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
  res.end(`<!doctype html><html lang="id"><head><meta charset="utf-8"><title>Pemkab Contoh</title><link rel="icon" href="data:,"></head>
<body><h1>Pemerintah Kabupaten Contoh</h1><p><a href="#">Berita</a> · <a href="#">Layanan</a></p>
<script src="${baseUrl}/widget.js" defer></script></body></html>`);
});

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: 'id-ID' });
const seen = watch(context, [botOrigin, host.origin]);
const page = await context.newPage();
const png = makePng(64);

// --- Helpers on a Frame (the chat page itself, or the chat page inside the widget's iframe) ---
const BOT = '.nb-msg.nb-bot:not(.nb-intro)';
const botCount = (frame) => frame.locator(BOT).count();
/** Waits for a bot message after the first `before` ones whose text matches `re`; returns its text. */
async function waitBot(frame, before, re) {
  try {
    const handle = await frame.waitForFunction(({ sel, before, src, flags }) => {
      const re = new RegExp(src, flags);
      const all = [...document.querySelectorAll(sel)].slice(before);
      const hit = all.find((el) => re.test(el.innerText));
      return hit ? hit.innerText.replace(/^NetralBot:\s*/, '') : false;
    }, { sel: BOT, before, src: re.source, flags: re.flags }, { timeout: WAIT, polling: 100 });
    return handle.jsonValue();
  } catch (e) {
    const last = await frame.locator(BOT).last().innerText().catch(() => '(none)');
    const status = await frame.locator('#nb-status').innerText().catch(() => '');
    throw new Error(`no bot message matching ${re} (last bot message: ${JSON.stringify(firstLine(last))}; status: `
      + `${JSON.stringify(status)}; console errors: ${JSON.stringify(seen.consoleErrors.slice(0, 3))})`);
  }
}
async function typeAndSend(frame, text) {
  const input = frame.getByLabel('Tulis pertanyaan Anda');
  await input.fill(text);
  await input.press('Enter');
}
async function tap(frame, name) {
  const button = frame.locator('#nb-actions button').filter({ hasText: buttonName(name) }).first();
  const title = (await button.innerText({ timeout: WAIT })).trim();
  await button.click({ timeout: WAIT });
  return title;
}
async function lastUserBubble(frame) {
  return (await frame.locator('.nb-msg.nb-user').last().innerText()).replace(/^Anda:\s*/, '').trim();
}
async function shot(target, name) {
  if (!screenshotDir) return undefined;
  const path = join(screenshotDir, name);
  await target.screenshot({ path });
  return path;
}

// --- The chat page ---
const chat = page.mainFrame();
await step('open-chat-page', async () => {
  const response = await page.goto(`${baseUrl}/chat`, { waitUntil: 'load', timeout: WAIT });
  if (!response?.ok()) throw new Error(`GET /chat answered ${response?.status()}`);
  const title = await page.title();
  if (title !== 'NetralBot — Tanya netralitas ASN') throw new Error(`unexpected title ${JSON.stringify(title)}`);
  await page.getByLabel('Tulis pertanyaan Anda').waitFor({ state: 'visible', timeout: WAIT });
  await page.locator('label[for="nb-file"]').waitFor({ state: 'visible', timeout: WAIT });
  const css = await page.evaluate(() => getComputedStyle(document.querySelector('.nb-head')).display);
  if (css === 'inline' || css === '') throw new Error('chat.css did not load');
  return { url: page.url(), title };
});

await step('ask-question', async () => {
  const before = await botCount(chat);
  await typeAndSend(chat, QUESTION);
  const text = await waitBot(chat, before, /TIDAK BOLEH/);
  const buttons = await chat.locator('#nb-actions button').allInnerTexts();
  if (!buttons.length) throw new Error('the verdict shows no suggested-action buttons');
  return { firstLine: firstLine(text), buttons };
});

await step('tap-selengkapnya', async () => {
  const before = await botCount(chat);
  const title = await tap(chat, 'Selengkapnya');
  const text = await waitBot(chat, before, /\S/);
  const bubble = await lastUserBubble(chat);
  if (bubble !== title) throw new Error(`the user bubble shows ${JSON.stringify(bubble)}, not the button title ${JSON.stringify(title)}`);
  return { button: title, firstLine: firstLine(text) };
});

let receiptCode;
for (const [i, turn] of REPORT_FLOW.entries()) {
  const name = `report-${i + 1}-${turn.tap ? `tap:${turn.tap}` : turn.upload ? 'upload' : `type:${turn.type.slice(0, 20)}`}`;
  await step(name, async () => {
    const before = await botCount(chat);
    const extra = {};
    if (turn.tap) {
      extra.button = await tap(chat, turn.tap);
    } else if (turn.upload) {
      await chat.setInputFiles('#nb-file', { name: turn.upload, mimeType: 'image/png', buffer: png });
      const bubble = await lastUserBubble(chat);
      if (bubble !== `📎 ${turn.upload}`) throw new Error(`the upload shows ${JSON.stringify(bubble)} as the user bubble`);
    } else {
      await typeAndSend(chat, turn.type);
    }
    const text = await waitBot(chat, before, turn.expect);
    if (turn.expect === RECEIPT_CODE) receiptCode = extra.receiptCode = text.match(RECEIPT_CODE)[0];
    return { ...extra, firstLine: firstLine(text) };
  });
}

await step('screenshot-chat', async () => ({ path: await shot(page, 'chat.png') ?? null }));

await step('reload-resumes-conversation', async () => {
  await page.reload({ waitUntil: 'load', timeout: WAIT });
  const log = await page.locator('#nb-log').innerText();
  if (!log.includes(receiptCode)) throw new Error('after a reload the transcript is gone');
  const before = await botCount(chat);
  await typeAndSend(chat, 'menu');
  const text = await waitBot(chat, before, /\S/);
  return { firstLine: firstLine(text) };
});

// --- The widget on a host page, on a slow connection: its conversation's start is answered 1.5 s late, and the
// question is typed before that, as soon as the box shows ---
const hostPage = await context.newPage();
await hostPage.setViewportSize({ width: 1024, height: 768 });
const startUrl = `${baseUrl}/v3/directline/conversations`;
const timeline = {};
const t0 = Date.now();
const mark = (name) => { if (!(name in timeline)) timeline[name] = Date.now() - t0; };
hostPage.on('response', (r) => { if (r.url() === startUrl && r.request().method() === 'POST') mark('startAnswered'); });
await hostPage.route((url) => url.href === startUrl, async (route) => {
  await sleep(1500);
  await route.continue();
});
let frame;
await step('widget-open', async () => {
  await hostPage.goto(`${host.origin}/`, { waitUntil: 'load', timeout: WAIT });
  const launcher = hostPage.getByRole('button', { name: 'Buka chat NetralBot' });
  await launcher.click({ timeout: WAIT });
  const iframe = hostPage.locator('iframe[title]');
  await iframe.waitFor({ state: 'visible', timeout: WAIT });
  const src = await iframe.getAttribute('src');
  if (src !== `${baseUrl}/chat?embed=1`) throw new Error(`iframe src is ${src}`);
  frame = await (await iframe.elementHandle()).contentFrame();
  await frame.waitForLoadState('load');
  const input = frame.getByLabel('Tulis pertanyaan Anda');
  await input.waitFor({ state: 'visible', timeout: WAIT });
  const headerShown = await frame.locator('.nb-head').isVisible();
  if (headerShown) throw new Error('embed mode still shows the big header');
  return { iframeTitle: await iframe.getAttribute('title'), src };
});

await step('widget-ask-question', async () => {
  const before = await botCount(frame);
  await typeAndSend(frame, QUESTION);
  mark('asked');
  const text = await waitBot(frame, before, /TIDAK BOLEH/);
  if (!(timeline.asked < timeline.startAnswered)) {
    throw new Error(`the question was not asked while the widget was still connecting (timeline (ms): ${JSON.stringify(timeline)})`);
  }
  await shot(hostPage, 'widget.png');
  return { firstLine: firstLine(text), timeline };
});

await step('widget-escape-closes', async () => {
  await frame.getByLabel('Tulis pertanyaan Anda').press('Escape');
  await hostPage.locator('iframe[title]').waitFor({ state: 'hidden', timeout: WAIT });
  const focused = await hostPage.evaluate(() => {
    const root = document.querySelector('[data-netralbot]')?.shadowRoot;
    return root?.activeElement?.getAttribute('aria-label') ?? null;
  });
  if (focused !== 'Buka chat NetralBot') throw new Error(`focus went to ${JSON.stringify(focused)}, not the launcher`);
  const expanded = await hostPage.getByRole('button', { name: 'Buka chat NetralBot' }).getAttribute('aria-expanded');
  if (expanded !== 'false') throw new Error(`launcher aria-expanded is ${expanded}`);
  const globals = await hostPage.evaluate(() => Object.keys(window).filter((k) => /netral/i.test(k)));
  return { focused, globals };
});

await step('only-own-origins-contacted', async () => {
  if (seen.foreign.length) throw new Error(`requests to other hosts: ${seen.foreign.slice(0, 5).join(', ')}`);
  return { requests: seen.requests, websockets: seen.websockets, allowed: [botOrigin, host.origin] };
});

await step('no-page-errors', async () => {
  if (seen.errors.length) throw new Error(seen.errors.slice(0, 5).join(' | '));
  return { consoleErrors: seen.consoleErrors.slice(0, 5) };
});

await done();
