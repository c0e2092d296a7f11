// Drives a running NetralBot through Microsoft's official Direct Line client (botframework-directlinejs),
// the library Web Chat itself uses, in node.
//   node directline.mjs <baseUrl> <polling|websocket>
// Prints one JSON line per step; exits 0 only when every step passed.
import { WebSocket as NodeWebSocket } from 'ws';
import XHR2 from 'xhr2';
import {
  QUESTION, RECEIPT_CODE, REPORT_FLOW, STEP_TIMEOUT_MS, baseUrlArg, done, emit, fail, firstLine, guard,
  makePng, onExit, serve, step,
} from './lib/common.mjs';

const USAGE = 'node directline.mjs <baseUrl> <polling|websocket>';
const baseUrl = baseUrlArg(USAGE);
const mode = process.argv[3];
if (mode !== 'polling' && mode !== 'websocket') {
  process.stderr.write(`usage: ${USAGE}\n`);
  process.exit(2);
}
guard('directline.mjs');

// --- What directlinejs expects of a browser, given to node before the library is loaded. ---
// xhr2 lacks two things directlinejs needs: it cannot send a FormData body (the attachment upload) and
// it cannot GET data:/blob:/file: URLs (directlinejs downloads each attachment's contentUrl first).
// The first is bridged here: the FormData is serialised by undici's Response (a real multipart body with
// its boundary) and sent as a Buffer. For the second the photo is served over http from 127.0.0.1, so
// directlinejs downloads and uploads it exactly as in a browser, with no change to the library.
class NodeXMLHttpRequest extends XHR2 {
  send(body) {
    if (typeof FormData !== 'undefined' && body instanceof FormData) {
      const encoded = new Response(body);
      encoded.arrayBuffer().then((buf) => {
        this.setRequestHeader('Content-Type', encoded.headers.get('content-type'));
        super.send(Buffer.from(buf));
      }, (e) => fail('upload-encoding', e));
      return undefined;
    }
    return super.send(body);
  }
}
globalThis.XMLHttpRequest = NodeXMLHttpRequest;
// Node 20 has no global WebSocket; count the sockets opened to prove which transport was used.
let socketsOpened = 0;
globalThis.WebSocket = class CountingWebSocket extends NodeWebSocket {
  constructor(...args) { super(...args); socketsOpened++; }
};
const directLineModule = await import('botframework-directlinejs');
const { DirectLine, ConnectionStatus } = directLineModule.DirectLine ? directLineModule : directLineModule.default;

const user = { id: 'user1', name: 'Penguji' };
const dl = new DirectLine({
  domain: `${baseUrl}/v3/directline`,
  webSocket: mode === 'websocket',
  pollingInterval: 300,
});
onExit(async () => dl.end());

// Every activity the client receives, in order, and waiters for new ones.
const received = [];
let waiters = [];
let streamError = null;
dl.activity$.subscribe(
  (a) => {
    received.push(a);
    for (const w of waiters) w();
  },
  (e) => { streamError = e; for (const w of waiters) w(); },
);
let status = ConnectionStatus.Uninitialized;
dl.connectionStatus$.subscribe((s) => { status = s; for (const w of waiters) w(); });

const isBot = (a) => a.from && a.from.id !== user.id && a.from.role !== 'user';
const botMessages = () => received.filter((a) => a.type === 'message' && isBot(a));

/** Resolves with the first value of probe() that is truthy, re-checked on every activity/status change. */
function until(probe, what) {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (streamError) return finish(reject, new Error(`activity stream failed: ${streamError.message ?? streamError}`));
      if (status === ConnectionStatus.FailedToConnect) return finish(reject, new Error('Direct Line: FailedToConnect'));
      if (status === ConnectionStatus.Ended) return finish(reject, new Error('Direct Line: conversation ended'));
      const v = probe();
      if (v) finish(resolve, v);
    };
    const timer = setTimeout(() => finish(reject, new Error(`waited ${STEP_TIMEOUT_MS} ms for ${what}; connection status `
      + `${ConnectionStatus[status]}; last bot message: ${JSON.stringify(firstLine(botMessages().at(-1)?.text))}`)), STEP_TIMEOUT_MS);
    function finish(fn, v) { clearTimeout(timer); waiters = waiters.filter((w) => w !== check); fn(v); }
    waiters.push(check);
    check();
  });
}

/** postActivity as a promise of the new activity's id ("retry" means directlinejs gave up). */
function postActivity(activity) {
  return new Promise((resolve, reject) => {
    dl.postActivity({ from: user, locale: 'id-ID', ...activity }).subscribe((id) => {
      if (!id || id === 'retry') reject(new Error(`postActivity returned ${JSON.stringify(id)}`));
      else resolve(id);
    }, (e) => reject(new Error(`postActivity failed: HTTP ${e?.status ?? '?'} ${e?.message ?? e}`)));
  });
}

/** Waits for a bot message answering the activity `id` whose text matches `expect`. */
function answerTo(id, expect, what) {
  return until(() => botMessages().find((a) => a.replyToId === id && (!expect || expect.test(a.text ?? ''))),
    `${what} (a bot message with replyToId ${id}${expect ? ` matching ${expect}` : ''})`);
}

/** The suggested actions of the latest bot message that has any. */
function latestActions() {
  return botMessages().findLast((a) => a.suggestedActions?.actions?.length)?.suggestedActions.actions ?? [];
}
const bare = (title) => String(title ?? '').replace(/^[^\p{L}\p{N}]+/u, '').trim().toLowerCase();
function findAction(name) {
  const actions = latestActions();
  const want = name.toLowerCase();
  const hit = actions.find((a) => bare(a.title) === want) ?? actions.find((a) => bare(a.title).includes(want));
  if (!hit) throw new Error(`no button "${name}" among ${JSON.stringify(actions.map((a) => a.title))}`);
  return hit;
}

/** A button tap as Web Chat sends a postBack: text = value, value = value, channelData.postBack. */
function tapActivity(action) {
  return { type: 'message', text: String(action.value), value: action.value, channelData: { postBack: true } };
}

// --- The photo, served for directlinejs to download (see the note on xhr2 above). ---
const png = makePng(64);
const photoServer = await serve((req, res) => {
  if (req.url === '/bukti.png') {
    res.writeHead(200, { 'Content-Type': 'image/png', 'Content-Length': png.length });
    res.end(png);
  } else {
    res.writeHead(404).end();
  }
});

// --- Steps ---
await step('connect', async () => {
  await until(() => status === ConnectionStatus.Online, 'ConnectionStatus.Online');
  return { conversationId: dl.conversationId, mode };
});

let answer;
await step('ask-question', async () => {
  const id = await postActivity({ type: 'message', text: QUESTION });
  answer = await answerTo(id, /TIDAK BOLEH/, 'the verdict');
  return { activityId: id, firstLine: firstLine(answer.text), buttons: (answer.suggestedActions?.actions ?? []).map((a) => a.title) };
});

await step('tap-first-suggested-action', async () => {
  const action = answer.suggestedActions?.actions?.[0];
  if (!action) throw new Error('the verdict has no suggested actions');
  const id = await postActivity(tapActivity(action));
  const reply = await answerTo(id, null, `the answer to the button "${action.title}"`);
  return { button: action.title, value: action.value, firstLine: firstLine(reply.text) };
});

for (const [i, turn] of REPORT_FLOW.entries()) {
  const name = `report-${i + 1}-${turn.tap ? `tap:${turn.tap}` : turn.upload ? 'upload' : `type:${turn.type.slice(0, 20)}`}`;
  await step(name, async () => {
    let activity;
    const extra = {};
    if (turn.tap) {
      const action = findAction(turn.tap);
      activity = tapActivity(action);
      extra.button = action.title;
    } else if (turn.upload) {
      // directlinejs sees attachments, GETs contentUrl and POSTs multipart to /upload?userId=
      activity = {
        type: 'message',
        attachments: [{ contentType: 'image/png', contentUrl: `${photoServer.origin}/bukti.png`, name: turn.upload }],
      };
      extra.bytes = png.length;
    } else {
      activity = { type: 'message', text: turn.type };
    }
    const id = await postActivity(activity);
    const reply = await answerTo(id, turn.expect, `the answer to turn ${i + 1}`);
    const result = { activityId: id, ...extra, firstLine: firstLine(reply.text) };
    if (turn.expect === RECEIPT_CODE) result.receiptCode = reply.text.match(RECEIPT_CODE)[0];
    return result;
  });
}

await step('transport', async () => {
  if (mode === 'websocket' && socketsOpened === 0) throw new Error('websocket mode but no WebSocket was opened');
  if (mode === 'polling' && socketsOpened !== 0) throw new Error(`polling mode but ${socketsOpened} WebSocket(s) were opened`);
  return { mode, socketsOpened, activitiesReceived: received.length };
});

emit({ step: 'summary', ok: true, botMessages: botMessages().length });
await done();
