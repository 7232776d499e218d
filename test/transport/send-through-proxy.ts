/**
 * Run in a child process by proxy.test.ts, so that it has an environment of its own (NODE_TLS_REJECT_UNAUTHORIZED):
 * sends one request to VIP_URL through PROXY_URL with the test client certificate from FIXTURES_DIR, and prints the
 * outcome as one line of JSON.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { VipConnectionError } from '../../src/errors/request-errors.js';
import { UndiciTransport } from '../../src/transport/undici-transport.js';
import { soapRequest, send } from './soap-request.js';

const { PROXY_URL, VIP_URL, FIXTURES_DIR } = process.env;
if (PROXY_URL === undefined || VIP_URL === undefined || FIXTURES_DIR === undefined) {
  throw new Error('PROXY_URL, VIP_URL and FIXTURES_DIR must be set');
}
const read = (name: string): string => readFileSync(join(FIXTURES_DIR, name), 'utf8');
const transport = new UndiciTransport({
  proxy: PROXY_URL,
  tls: { cert: read('client.crt'), key: read('client.key'), ca: read('ca.crt') },
});
try {
  const response = await send(transport, soapRequest(VIP_URL));
  console.log(JSON.stringify({ outcome: 'answered', status: response.status }));
} catch (error) {
  const failure = error instanceof VipConnectionError ? { code: error.code, requestNotSent: error.requestNotSent } : {};
  console.log(JSON.stringify({ outcome: 'failed', name: (error as Error).name, message: (error as Error).message, ...failure }));
} finally {
  await transport.close();
}
