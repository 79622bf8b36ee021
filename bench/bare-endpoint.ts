import * as http from 'http';

/** The yardstick: a bare Node http endpoint that reads the body and answers a small JSON, in its own process. */
const server = http.createServer((req, res) => {
  req.resume();
  req.on('end', () => {
    res.setHeader('content-type', 'application/json');
    res.end('{"ok":true,"status":"accepted"}');
  });
});
server.listen(Number(process.argv[2] ?? 0), '127.0.0.1', () => {
  process.send?.({ port: (server.address() as { port: number }).port });
});
