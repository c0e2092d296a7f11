// Starts the telegram-test-api emulator on 127.0.0.1:<port> and prints "READY <url>" when it listens.
const TelegramServer = require('telegram-test-api');

const port = Number(process.argv[2] || 9000);
const server = new TelegramServer({ port, host: '127.0.0.1', storeTimeout: 600 });
server.start().then(() => {
  // Node closes a connection idle for 5 s (keepAliveTimeout). A client that sends on such a connection as it closes
  // gets "the response ended prematurely"; .NET keeps idle connections for a minute, so the server keeps them longer.
  server.server.keepAliveTimeout = 65_000;
  server.server.headersTimeout = 66_000;
  process.stdout.write(`READY ${server.config.apiURL}\n`);
});
const stop = () => server.stop().finally(() => process.exit(0));
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
process.stdin.on('end', stop); // the test process went away
process.stdin.resume();
