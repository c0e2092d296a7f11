// Headless Debian Chromium through playwright-core (which never downloads a browser).
import { chromium } from 'playwright-core';
import { onExit } from './common.mjs';

export const CHROMIUM_PATH = process.env.CHROMIUM_PATH || '/usr/bin/chromium';

export async function launch() {
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    // Tests run as root in CI, where Chromium's sandbox cannot start.
    args: ['--no-sandbox', '--disable-dev-shm-usage'],
  });
  onExit(() => browser.close());
  return browser;
}

/**
 * Records every request (HTTP and WebSocket) a browser context makes to an origin outside `allowed`,
 * every uncaught page error and console error. Returns {foreign, errors, consoleErrors, requests, websockets}.
 */
export function watch(context, allowed) {
  const hosts = new Set([...allowed].map((o) => new URL(o).host));
  const seen = { foreign: [], errors: [], consoleErrors: [], requests: 0, websockets: 0 };
  const check = (raw) => {
    seen.requests++;
    const url = new URL(raw);
    if (['data:', 'blob:', 'about:'].includes(url.protocol)) return;
    if (!hosts.has(url.host)) seen.foreign.push(raw);
  };
  context.on('request', (r) => check(r.url()));
  const onPage = (page) => {
    page.on('websocket', (ws) => { seen.websockets++; check(ws.url()); });
    page.on('pageerror', (e) => seen.errors.push(`${page.url()}: ${e.message}`));
    // Console errors (a CORS refusal, a failed request) are kept for diagnosis, not failed on.
    page.on('console', (m) => { if (m.type() === 'error') seen.consoleErrors.push(m.text().slice(0, 300)); });
  };
  context.pages().forEach(onPage);
  context.on('page', onPage);
  return seen;
}

export function escapeRegExp(s) { return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'); }

/** A regex for a button title ending in `name` after an optional emoji: "Lanjut" matches "✅ Lanjut", not "Lanjutkan". */
export function buttonName(name) { return new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(name)}$`, 'iu'); }
