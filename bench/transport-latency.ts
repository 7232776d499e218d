/**
 * Measures (never asserts) sequential send latency over a keep-alive loopback connection, for the transports in
 * this folder. Run: npx tsx bench/transport-latency.ts [requests]
 */
import type { SecureContextOptions } from 'node:tls';
import { FetchTransport } from '../src/transport/fetch-transport.js';
import type { Transport } from '../src/transport/transport.js';
import { UndiciTransport } from '../src/transport/undici-transport.js';
import { tlsFixtures } from '../test/helpers/tls-fixtures.js';
import { type LocalServer, startHttpServer, startHttpsServer } from '../test/transport/local-server.js';
import { soapRequest, send } from '../test/transport/soap-request.js';

const requests = Number(process.argv[2] ?? 1000);
// Enough to get undici's and the parser's hot paths compiled before the clock starts.
const WARM_UP = 1000;

async function measure(label: string, server: LocalServer, transport: Transport): Promise<void> {
  for (let index = 0; index < WARM_UP; index++) await send(transport, soapRequest(server.url));
  const before = server.connections();
  const started = performance.now();
  for (let index = 0; index < requests; index++) await send(transport, soapRequest(server.url));
  const elapsed = performance.now() - started;
  console.log(
    `${label.padEnd(38)} ${(elapsed / requests).toFixed(3)} ms/request  (${requests} requests, ${elapsed.toFixed(0)} ms, ` +
      `${server.connections() - before} new connections)`,
  );
  await transport.close?.();
  await server.close();
}

const fixtures = tlsFixtures();
const mtlsServer: SecureContextOptions & { requestCert: true; rejectUnauthorized: true } = {
  ...fixtures.server,
  ca: fixtures.ca.cert,
  requestCert: true,
  rejectUnauthorized: true,
};
const clientTls = { cert: fixtures.client.cert, key: fixtures.client.key, ca: fixtures.ca.cert };

console.log(`node ${process.version}, undici transport vs global fetch, loopback`);
await measure('UndiciTransport, plain HTTP', await startHttpServer(), new UndiciTransport());
await measure('UndiciTransport, mutual TLS (PEM)', await startHttpsServer(mtlsServer), new UndiciTransport({ tls: clientTls }));
await measure(
  'UndiciTransport, mutual TLS (PKCS#12)',
  await startHttpsServer(mtlsServer),
  new UndiciTransport({ tls: { pfx: fixtures.client.p12, passphrase: fixtures.passphrase, ca: fixtures.ca.cert } }),
);
await measure('FetchTransport, plain HTTP', await startHttpServer(), new FetchTransport());
