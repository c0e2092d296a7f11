// Shared helpers for the web test scripts: one JSON line per step on stdout, per-step and overall
// timeouts, a generated PNG for the evidence upload, the report flow's inputs.
import { deflateSync } from 'node:zlib';
import { createServer } from 'node:http';

export const STEP_TIMEOUT_MS = Number(process.env.STEP_TIMEOUT_MS) || 20_000;
export const TOTAL_TIMEOUT_MS = Number(process.env.TOTAL_TIMEOUT_MS) || 240_000;
export const RECEIPT_CODE = /\b[A-Z0-9]{4}(?:-[A-Z0-9]{4}){3}\b/;
export const QUESTION = 'min asn boleh ngelike postingan caleg ga?';
export const STORY = 'Terlapor mengunggah foto bersama calon bupati di akun Facebook pribadinya dan mengajak rekan kerja memilih calon itu.';

const cleanups = [];
/** Registers something to close before the process exits (browser, server, Direct Line client). */
export function onExit(fn) { cleanups.push(fn); }

async function cleanup() {
  for (const fn of cleanups.splice(0).reverse()) {
    try { await Promise.race([fn(), sleep(5_000)]); } catch { /* closing anyway */ }
  }
}

/** Prints a JSON line; never throws. */
export function emit(obj) { process.stdout.write(JSON.stringify(obj) + '\n'); }

/** Ends the script with a failure: a JSON line on stdout, the reason on stderr, exit code 1. */
export async function fail(step, err) {
  const message = err instanceof Error ? err.message : String(err);
  emit({ step, ok: false, error: message });
  process.stderr.write(`FAILED at step "${step}": ${message}\n`);
  await cleanup();
  process.exit(1);
}

/** Arms the overall timeout and turns stray errors into a clean failure. */
export function guard(scriptName) {
  const timer = setTimeout(() => fail('overall-timeout', new Error(
    `${scriptName} did not finish within ${TOTAL_TIMEOUT_MS} ms`)), TOTAL_TIMEOUT_MS);
  timer.unref();
  process.on('unhandledRejection', (e) => fail('unhandled', e));
  process.on('uncaughtException', (e) => fail('unhandled', e));
}

/**
 * Runs one step; prints {"step", "ok": true, ...details} or fails the script. The waits inside a step use
 * STEP_TIMEOUT_MS and fail with a precise message; this guard, 5 s longer, is only the backstop.
 */
export async function step(name, fn, timeoutMs = STEP_TIMEOUT_MS + 5_000) {
  const started = Date.now();
  let timer;
  try {
    const details = await Promise.race([
      fn(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`timed out after ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    emit({ step: name, ok: true, ms: Date.now() - started, ...(details ?? {}) });
    return details;
  } catch (e) {
    return fail(name, e);
  } finally {
    clearTimeout(timer);
  }
}

/** Exits 0 after closing everything. */
export async function done() {
  emit({ step: 'done', ok: true });
  await cleanup();
  process.exit(0);
}

export function sleep(ms) { return new Promise((r) => setTimeout(r, ms)); }

/** The bot's base URL from argv, without a trailing slash; exits 2 with usage when missing. */
export function baseUrlArg(usage) {
  const raw = process.argv[2];
  if (!raw || !/^https?:\/\//.test(raw)) {
    process.stderr.write(`usage: ${usage}\n`);
    process.exit(2);
  }
  return raw.replace(/\/+$/, '');
}

export function firstLine(text) { return String(text ?? '').split('\n')[0].slice(0, 120); }

// --- A real, decodable 64x64 PNG (RGB gradient), made here so the repository holds no binary. ---
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const len = Buffer.alloc(4); len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4); crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
}
export function makePng(size = 64) {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0); ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; ihdr[9] = 2; // 8-bit RGB; compression, filter, interlace = 0
  const raw = Buffer.alloc(size * (1 + size * 3));
  for (let y = 0; y < size; y++) {
    const row = y * (1 + size * 3); // filter byte 0 (None)
    for (let x = 0; x < size; x++) {
      raw[row + 1 + x * 3] = (x * 4) & 0xff;
      raw[row + 2 + x * 3] = (y * 4) & 0xff;
      raw[row + 3 + x * 3] = 0x80;
    }
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Starts an HTTP server on 127.0.0.1 (port 0 = random); resolves {server, port, origin}. */
export function serve(handler, port = 0) {
  return new Promise((resolve, reject) => {
    const server = createServer(handler);
    server.on('error', reject);
    server.listen(port, '127.0.0.1', () => {
      const p = server.address().port;
      onExit(() => new Promise((r) => { server.closeAllConnections?.(); server.close(() => r()); }));
      resolve({ server, port: p, origin: `http://127.0.0.1:${p}` });
    });
  });
}

/**
 * The anonymous report flow, one entry per user turn: tap a button by (part of) its title, type text, or
 * upload the photo; `expect` is what the bot's answer to that turn must contain.
 */
export const REPORT_FLOW = [
  { type: '/lapor', expect: /anonim/i },
  { tap: 'Lanjut', expect: /1\/8/ },
  { tap: 'Media sosial', expect: /2\/8/ },
  { type: 'Bapak Terlapor', expect: /3\/8/ },
  { type: 'Dinas Contoh', expect: /4\/8/ },
  { type: 'Sleman', expect: /5\/8/ },
  { tap: 'Lewati', expect: /6\/8/ },
  { type: 'kemarin', expect: /7\/8/ },
  { type: STORY, expect: /8\/8/ },
  { upload: 'bukti.png', expect: /tersimpan/i },
  { tap: 'Selesai', expect: /Periksa laporan/i },
  { tap: 'Kirim', expect: RECEIPT_CODE },
];
