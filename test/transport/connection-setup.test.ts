import { Agent, request } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { VipConnectionError } from '../../src/errors/request-errors.js';
import { toConnectionError } from '../../src/transport/connection-errors.js';
import { poolsMarkingSetupFailures, setupFailureOf } from '../../src/transport/connection-setup.js';
import { UndiciTransport } from '../../src/transport/undici-transport.js';
import { type RawServer, startRawServer } from './local-server.js';
import { soapRequest, send } from './soap-request.js';

const context = { operation: 'getUserInfo', requestId: 'r1', attempts: 1 };
const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Sends through an Agent whose connector always fails with `code`, and returns what undici rejected with. */
async function failedSetup(clientCertificate: boolean, url: string, code: string): Promise<unknown> {
  const agent = new Agent({
    factory: poolsMarkingSetupFailures({ clientCertificate }),
    connect: (_options, callback) => callback(Object.assign(new Error(`failure ${code}`), { code }), null),
  });
  cleanups.push(() => agent.close());
  return request(url, { dispatcher: agent, method: 'POST', body: 'x' }).then(
    () => undefined,
    (error: unknown) => error,
  );
}

describe('failures while a connection is set up', () => {
  it('are marked with what the connection offered', async () => {
    const error = await failedSetup(true, 'https://vip.example.test/ws', 'ECONNRESET');
    expect(setupFailureOf(error)).toEqual({ clientCertificate: true });
    expect(setupFailureOf(new Error('a failure on an established connection'))).toBeUndefined();
  });

  it.each([
    [
      true,
      'https://vip.example.test/ws',
      /^The connection to vip\.example\.test was closed during the TLS handshake \(ECONNRESET\); a server rejecting the client certificate looks like this/,
    ],
    [
      false,
      'https://vip.example.test/ws',
      /^The connection to vip\.example\.test was closed during the TLS handshake \(ECONNRESET\) \(getUserInfo/,
    ],
    [false, 'http://vip.example.test/ws', /^The connection to vip\.example\.test was lost while connecting \(ECONNRESET\)/],
  ])('map a reset (client certificate %s, %s) to a connection that certainly sent nothing', async (clientCertificate, url, message) => {
    const error = toConnectionError(await failedSetup(clientCertificate, url, 'ECONNRESET'), new URL(url), context);
    expect(error).toMatchObject({ code: 'ECONNRESET', requestNotSent: true });
    expect(error.message).toMatch(message);
  });

  it('are told apart for a real server that hangs up during the TLS handshake', async () => {
    const server: RawServer = await startRawServer(null, 'https');
    cleanups.push(() => server.close());
    const sender = new UndiciTransport({});
    cleanups.push(() => sender.close());
    const error = await send(sender, soapRequest(server.url)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ code: 'ECONNRESET', requestNotSent: true });
    expect((error as Error).message).toMatch(/^The connection to 127\.0\.0\.1:\d+ was closed during the TLS handshake \(ECONNRESET\) \(/);
  });
});
