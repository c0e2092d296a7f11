// Drives NetralBot through Microsoft's Web Chat (the botframework-webchat UMD bundle from node_modules)
// in headless Debian Chromium, from a page served on 127.0.0.1:<pagePort> (a cross-origin page: the bot
// must allow http://127.0.0.1:<pagePort> in its CORS origins).
//   node webchat-browser.mjs <baseUrl> <pagePort> [online|at-once|start-refused]
// online (default): the page builds Web Chat's own Direct Line (WebChat.createDirectLine); the question is asked once
//   Web Chat's stream is open.
// at-once: the page takes its Direct Line from the bot's <baseUrl>/webchat-directline.js; the answer to "start a
//   conversation" is held back SLOW_START_MS (a slow connection) and the question is typed as soon as the send box
//   shows, so it is asked while Web Chat is still connecting (checked), and must still be answered.
// start-refused: as at-once, but the start is answered 503: Web Chat must say it cannot connect and mark the question
//   as not sent (Web Chat's id-ID texts), and nothing is posted.
// Env: CHROMIUM_PATH (default /usr/bin/chromium), SCREENSHOT_DIR (optional).
// Prints one JSON line per step; exits 0 only when every step passed.
import { readFileSync, mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { QUESTION, STEP_TIMEOUT_MS, baseUrlArg, done, firstLine, guard, serve, sleep, step } from './lib/common.mjs';
import { launch, watch } from './lib/browser.mjs';

const USAGE = 'node webchat-browser.mjs <baseUrl> <pagePort> [online|at-once|start-refused]';
const baseUrl = baseUrlArg(USAGE);
const pagePort = Number(process.argv[3]);
const mode = process.argv[4] || 'online';
if (!Number.isInteger(pagePort) || pagePort < 1 || pagePort > 65535 || !['online', 'at-once', 'start-refused'].includes(mode)) {
  process.stderr.write(`usage: ${USAGE}\n`);
  process.exit(2);
}
guard('webchat-browser.mjs');
const WAIT = STEP_TIMEOUT_MS;
const SLOW_START_MS = 1500;
const screenshotDir = process.env.SCREENSHOT_DIR;
if (screenshotDir) mkdirSync(screenshotDir, { recursive: true });

// The UMD bundle (window.WebChat), next to the package's CommonJS entry point.
const require = createRequire(import.meta.url);
const bundlePath = join(dirname(require.resolve('botframework-webchat')), '..', 'dist', 'webchat.js');
const bundle = readFileSync(bundlePath);
const webchatVersion = JSON.parse(readFileSync(join(dirname(bundlePath), '..', 'package.json'), 'utf8')).version;

const html = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Web Chat — NetralBot</title><link rel="icon" href="data:,">
<style>html, body { height: 100%; margin: 0; } #webchat { height: 100%; }</style></head>
<body><div id="webchat" role="main"></div>
<script src="/webchat.js"></script>
${mode !== 'online' ? `<script src="${baseUrl}/webchat-directline.js"></script>` : ''}
<script>
  window.WebChat.renderWebChat({
    directLine: ${mode !== 'online'
      ? 'window.NetralBotWebChat.createDirectLine()'
      : `window.WebChat.createDirectLine({ domain: ${JSON.stringify(`${baseUrl}/v3/directline`)}, webSocket: true })`},
    locale: 'id-ID'
  }, document.getElementById('webchat'));
</script></body></html>`;

const site = await step('serve-page', async () => {
  const { origin } = await serve((req, res) => {
    if (req.url === '/') {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' }).end(html);
    } else if (req.url === '/webchat.js') {
      res.writeHead(200, { 'Content-Type': 'text/javascript; charset=utf-8', 'Content-Length': bundle.length }).end(bundle);
    } else {
      res.writeHead(404).end();
    }
  }, pagePort);
  return { origin, mode, webchatVersion, bundleBytes: bundle.length };
});

const browser = await launch();
const context = await browser.newContext({ viewport: { width: 480, height: 800 }, locale: 'id-ID' });
const seen = watch(context, [new URL(baseUrl).origin, site.origin]);
const page = await context.newPage();

// When Web Chat's Direct Line client asked for a conversation and got it, opened its stream, showed the send box and
// when the question was sent, in ms since the page was opened: failures show whether it was asked while connecting.
const t0 = Date.now();
const timeline = {};
const mark = (name) => { if (!(name in timeline)) timeline[name] = Date.now() - t0; };
const isStart = (request) => request.method() === 'POST' && /\/v3\/directline\/conversations$/.test(request.url());
page.on('request', (r) => {
  if (isStart(r)) mark('startRequested');
  if (r.method() === 'POST' && /\/v3\/directline\/conversations\/[^/]+\/activities$/.test(r.url())) mark('posted');
});
page.on('response', (r) => { if (isStart(r.request())) mark('startAnswered'); });
page.on('websocket', (ws) => { if (ws.url().includes('/stream')) mark('streamOpened'); });
if (mode !== 'online') {
  // A slow connection: the conversation's start is answered SLOW_START_MS late (start-refused: by a 503).
  await page.route((url) => url.href === `${baseUrl}/v3/directline/conversations`, async (route) => {
    await sleep(SLOW_START_MS);
    if (mode === 'at-once') {
      await route.continue();
      return;
    }
    await route.fulfill({
      status: 503,
      headers: { 'Access-Control-Allow-Origin': site.origin },
      contentType: 'application/json',
      body: JSON.stringify({ error: { code: 'ServiceError', message: 'unavailable' } }),
    });
  });
}

// Web Chat's DOM (4.x): bot bubbles are .webchat__bubble without --from-user; buttons .webchat__suggested-action.
const BOT = '.webchat__bubble:not(.webchat__bubble--from-user)';
const botCount = () => page.locator(BOT).count();
/** What Web Chat shows about its connection, and what went wrong in the page, for failure messages. */
async function diagnose() {
  const status = await page.locator('.webchat__connectivityStatus').innerText({ timeout: 1000 }).catch(() => '');
  const last = await page.locator(BOT).last().innerText({ timeout: 1000 }).catch(() => '(none)');
  const unsent = await page.locator('[data-id="webchat-sendbox-input"]').inputValue({ timeout: 1000 }).catch(() => '');
  return `connectivity: ${JSON.stringify(status)}; last bot message: ${JSON.stringify(firstLine(last))}; `
    + `left in the send box: ${JSON.stringify(unsent)}; timeline (ms): ${JSON.stringify(timeline)}; `
    + `page errors: ${JSON.stringify(seen.errors.slice(0, 3))}; console errors: ${JSON.stringify(seen.consoleErrors.slice(0, 3))}`;
}
async function waitBot(before, re) {
  try {
    const handle = await page.waitForFunction(({ sel, before, src, flags }) => {
      const re = new RegExp(src, flags);
      const hit = [...document.querySelectorAll(sel)].slice(before).find((el) => re.test(el.innerText));
      return hit ? hit.innerText : false;
    }, { sel: BOT, before, src: re.source, flags: re.flags }, { timeout: WAIT, polling: 100 });
    return handle.jsonValue();
  } catch {
    throw new Error(`no bot message matching ${re} in Web Chat (${await diagnose()})`);
  }
}
/** Types into Web Chat's send box and submits; fails with a diagnosis when the box stays disabled. */
async function send(text) {
  const input = page.locator('[data-id="webchat-sendbox-input"]');
  try {
    await input.fill(text, { timeout: WAIT });
    await input.press('Enter', { timeout: WAIT });
    mark('asked');
  } catch (e) {
    throw new Error(`could not type into Web Chat's send box: ${e.message.split('\n')[0]} (${await diagnose()})`);
  }
}

await step('open-webchat', async () => {
  // online: the question is asked once Web Chat's WebSocket stream is open; at-once: as soon as the send box shows.
  const online = mode === 'online'
    ? page.waitForEvent('websocket', { predicate: (ws) => ws.url().includes('/stream'), timeout: WAIT }) : null;
  await page.goto(`${site.origin}/`, { waitUntil: 'load', timeout: WAIT });
  await online;
  await page.locator('[data-id="webchat-sendbox-input"]').waitFor({ state: 'visible', timeout: WAIT });
  mark('sendBoxShown');
  return { url: page.url() };
});

if (mode === 'start-refused') {
  await step('ask-question-start-refused', async () => {
    await send(QUESTION);
    const user = page.locator('.webchat__bubble--from-user').last();
    try {
      await page.getByText(/Gagal mengirim/).first().waitFor({ state: 'visible', timeout: WAIT });
      await page.getByText(/Tidak dapat menyambungkan/).first().waitFor({ state: 'attached', timeout: WAIT });
    } catch {
      throw new Error(`Web Chat did not show the question as not sent and the connection as failed (${await diagnose()})`);
    }
    if (!(timeline.asked < timeline.startAnswered)) throw new Error(`asked after the start was answered: ${JSON.stringify(timeline)}`);
    if ('posted' in timeline) throw new Error(`an activity was posted although no conversation was started: ${JSON.stringify(timeline)}`);
    // Web Chat's own Direct Line throws an uncaught error when the start fails, with or without the bot's script:
    // reported, not failed.
    return { bubble: firstLine(await user.innerText()), timeline, pageErrors: seen.errors.slice(0, 3) };
  });
  await done();
}

let before;
await step('ask-question', async () => {
  before = await botCount();
  await send(QUESTION);
  const text = await waitBot(before, /TIDAK BOLEH/);
  if (mode !== 'online' && !(timeline.asked < timeline.startAnswered)) {
    throw new Error(`the question was not asked while Web Chat was still connecting (timeline (ms): ${JSON.stringify(timeline)})`);
  }
  return { firstLine: firstLine(text), timeline };
});

await step('tap-suggested-action', async () => {
  const buttons = page.locator('.webchat__suggested-action');
  await buttons.first().waitFor({ state: 'visible', timeout: WAIT });
  const titles = await buttons.allInnerTexts();
  const wanted = buttons.filter({ hasText: /Selengkapnya/ });
  const button = (await wanted.count()) ? wanted.first() : buttons.first();
  const title = (await button.innerText()).trim();
  before = await botCount();
  await button.click({ timeout: WAIT });
  const text = await waitBot(before, /\S/);
  if (screenshotDir) await page.screenshot({ path: join(screenshotDir, 'webchat.png') });
  return { buttons: titles, button: title, firstLine: firstLine(text) };
});

await step('no-page-errors', async () => {
  if (seen.errors.length) throw new Error(seen.errors.slice(0, 5).join(' | '));
  // Web Chat is Microsoft's code: requests it makes elsewhere are reported, not failed.
  return { requests: seen.requests, otherHosts: seen.foreign.slice(0, 5), consoleErrors: seen.consoleErrors.slice(0, 5) };
});

await done();
