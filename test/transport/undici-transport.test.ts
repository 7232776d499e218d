import { MockAgent } from 'undici';
import { afterEach, describe, expect, it } from 'vitest';
import { VipConfigurationError, VipConnectionError } from '../../src/errors/request-errors.js';
import { UndiciTransport } from '../../src/transport/undici-transport.js';
import { type LocalServer, startHttpServer } from './local-server.js';
import { answerOf, SAMPLE_ENVELOPE, soapRequest, send } from './soap-request.js';
import { describeTransportContract } from './transport-contract.js';

describeTransportContract('UndiciTransport', () => new UndiciTransport(), { capsWhileStreaming: true, decodesContent: true, closes: true });

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function localServer(start: Promise<LocalServer>): Promise<LocalServer> {
  const server = await start;
  cleanups.push(() => server.close());
  return server;
}

function transport(options: ConstructorParameters<typeof UndiciTransport>[0]): UndiciTransport {
  const created = new UndiciTransport(options);
  cleanups.push(() => created.close());
  return created;
}

describe('UndiciTransport: connection pool', () => {
  it('reuses one keep-alive socket for sequential sends', async () => {
    const server = await localServer(startHttpServer());
    const sender = transport({});
    for (let index = 0; index < 10; index++) {
      await send(sender, soapRequest(server.url));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(server.received).toHaveLength(10);
    expect(server.connections()).toBe(1);
  });

  it('keeps back-to-back sends on at most two sockets', async () => {
    // undici delivers the end of a body one tick before it marks the socket free, so a send issued in that same tick
    // finds the only socket busy and the pool opens a second one; from then on the two are reused.
    const server = await localServer(startHttpServer());
    const sender = transport({});
    for (let index = 0; index < 20; index++) await send(sender, soapRequest(server.url));
    expect(server.received).toHaveLength(20);
    expect(server.connections()).toBeLessThanOrEqual(2);
  });

  it('opens at most `connections` sockets per origin', async () => {
    const pending: Array<() => void> = [];
    const server = await localServer(
      startHttpServer((_request, response) => {
        pending.push(() => response.end('<ok/>'));
      }),
    );
    const sender = transport({ connections: 2 });
    const sends = Array.from({ length: 6 }, () => send(sender, soapRequest(server.url)));
    await waitUntil(() => pending.length === 2);
    expect(server.connections()).toBe(2);
    while (server.received.length < 6 || pending.length > 0) {
      pending.shift()?.();
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    await Promise.all(sends);
    expect(server.connections()).toBe(2);
  });

  it('rejects nonsensical pool settings', () => {
    expect(() => new UndiciTransport({ connections: 0 })).toThrow(VipConfigurationError);
    expect(() => new UndiciTransport({ keepAliveTimeoutMs: -1 })).toThrow(/keepAliveTimeoutMs/);
  });
});

describe('UndiciTransport with an injected dispatcher', () => {
  it('sends through a MockAgent and leaves it open on close()', async () => {
    const mockAgent = new MockAgent();
    mockAgent.disableNetConnect();
    cleanups.push(() => mockAgent.close());
    const origin = 'https://userservices-auth.vip.symantec.com';
    const pool = mockAgent.get(origin);
    pool
      .intercept({
        path: '/vipuserservices/QueryService_1_8',
        method: 'POST',
        headers: { soapaction: '""', 'content-type': 'text/xml; charset=utf-8' },
        body: (body) => body === SAMPLE_ENVELOPE,
      })
      .reply(200, '<GetUserInfoResponse/>', { headers: { 'content-type': 'text/xml' } });
    const sender = new UndiciTransport({ dispatcher: mockAgent, tls: { cert: 'ignored', key: 'ignored' } });
    expect(sender.certificate).toBeUndefined();
    const response = await send(sender, soapRequest(`${origin}/vipuserservices/QueryService_1_8`));
    expect(answerOf(response)).toEqual({ status: 200, headers: { 'content-type': 'text/xml' }, body: '<GetUserInfoResponse/>' });
    mockAgent.assertNoPendingInterceptors();

    await sender.close();
    pool.intercept({ path: '/still-open', method: 'POST' }).reply(204, '');
    const again = new UndiciTransport({ dispatcher: mockAgent });
    expect((await send(again, soapRequest(`${origin}/still-open`))).status).toBe(204);
  });

  it('maps a MockAgent network error to VipConnectionError', async () => {
    const mockAgent = new MockAgent();
    mockAgent.disableNetConnect();
    cleanups.push(() => mockAgent.close());
    const origin = 'https://vip.example.test';
    mockAgent
      .get(origin)
      .intercept({ path: '/ws', method: 'POST' })
      .replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    const error = await send(new UndiciTransport({ dispatcher: mockAgent }), soapRequest(`${origin}/ws`)).catch(
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ code: 'ECONNRESET', requestNotSent: false });
  });
});

async function waitUntil(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 5) {
    if (waited > 5_000) throw new Error('condition not reached');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}
