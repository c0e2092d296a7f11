// Starts the telegram-test-api emulator on 127.0.0.1:<port> and prints "READY <url>" when it listens.
const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2] || 9000);
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
server.start().then(() => {
  // Node closes a keep-alive connection 5 s after its last response (keepAliveTimeout). The emulator ignores getUpdates'
  // limit, so under a backlog one call serialises thousands of updates and the event loop can stall for seconds; when it
  // wakes, the keep-alive timers fire before the requests already sent on those connections are read, and the client
  // gets "the response ended prematurely". Connections are kept longer than any stall and than .NET's pool keeps them.
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  let last = Date.now();
  setInterval(() => {
    const stalled = Date.now() - last - 1000;
    if (stalled > 4000) {
      process.stderr.write(`emulator: event loop stalled ${(stalled / 1000).toFixed(1)} s\n`);
    }
    last = Date.now();
  }, 1000).unref();
  // The emulator has no setMyCommands (the bot sets its command list at start): answered ok as Telegram does, so a
  // program run against the emulator does not take an error path (retries, a logged exception) a real bot never takes.
  const app = server.webServer;
  server.server.removeAllListeners('request');
  server.server.on('request', (req, res) => {
    if (req.method === 'POST' && /\/setMyCommands$/.test(req.url.split('?')[0])) {
      req.resume();
      req.on('end', () => {
        res.setHeader('Content-Type', 'application/json');
        res.end('{"ok":true,"result":true}');
      });
      return;
    }
    app(req, res);
  });
  process.stdout.write(`READY ${server.config.apiURL}\n`);
});
const stop = () => server.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop); // the test process went away
process.stdin.resume();
