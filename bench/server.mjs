/**
 * The benchmark's stand-in for VIP: a plain HTTP server, run in a worker thread or a child process so it does not
 * share the client's event loop, answering every request with a realistic GetUserInfoResponse that echoes the request's requestId.
 */
import { createServer } from 'node:http';
import { parentPort } from 'node:worker_threads';
import { getUserInfoResponse, requestIdOf } from './get-user-info-response.mjs';

const server = createServer((request, response) => {
  const chunks = [];
  request.on('data', (chunk) => chunks.push(chunk));
  request.on('end', () => {
    response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
    response.end(getUserInfoResponse(requestIdOf(Buffer.concat(chunks).toString('utf8'))));
  });
});
server.keepAliveTimeout = 60_000;
// Run as a worker thread (npm run bench) or as a child process (npm run bench:telemetry, which reads the CPU time
// of its own process and so must not share it with the server).
const parent = parentPort ?? { postMessage: (message) => process.send?.(message), on: (event, listener) => process.on(event, listener) };
server.listen(0, '127.0.0.1', () => {
  const address = server.address();
  parent.postMessage(typeof address === 'object' && address !== null ? address.port : 0);
});
parent.on('message', (message) => {
  if (message === 'close') server.close(() => process.exit(0));
});
