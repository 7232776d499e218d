import { afterEach, describe, expect, it, vi } from 'vitest';
import { VipConfigurationError, VipConnectionError } from '../../src/errors/request-errors.js';
import { FetchTransport } from '../../src/transport/fetch-transport.js';
import { type LocalServer, startHttpServer } from './local-server.js';
import { answerOf, soapRequest, send, textOf } from './soap-request.js';
import { describeTransportContract } from './transport-contract.js';

describeTransportContract('FetchTransport over global fetch', () => new FetchTransport(), {
  capsWhileStreaming: true,
  decodesContent: true,
  closes: true,
});

const servers: LocalServer[] = [];
afterEach(async () => {
  vi.unstubAllGlobals();
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

async function server(...args: Parameters<typeof startHttpServer>): Promise<LocalServer> {
  const started = await startHttpServer(...args);
  servers.push(started);
  return started;
}

describe('FetchTransport specifics', () => {
  it('returns a redirect instead of following it (a followed POST would turn into a GET)', async () => {
    const local = await server((_request, response) => {
      response.writeHead(302, { location: '/elsewhere' });
      response.end();
    });
    const response = await send(new FetchTransport(), soapRequest(local.url));
    expect(response.status).toBe(302);
    expect(local.received).toHaveLength(1);
  });

  it('uses an injected fetch, and unwraps the real cause of "fetch failed"', async () => {
    const dnsFailure = Object.assign(new Error('getaddrinfo ENOTFOUND vip.invalid'), { code: 'ENOTFOUND' });
    const fakeFetch = vi.fn<typeof fetch>().mockRejectedValue(new TypeError('fetch failed', { cause: dnsFailure }));
    const error = await send(
      new FetchTransport({ fetch: fakeFetch }),
      soapRequest('https://vip.invalid/vipuserservices/QueryService_1_8'),
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ code: 'ENOTFOUND', requestNotSent: true });
    expect((error as Error).message).toMatch(/^Could not connect to vip\.invalid: the host name could not be resolved/);
    expect((error as VipConnectionError).cause).toBeInstanceOf(TypeError);
    const [, init] = fakeFetch.mock.calls[0] ?? [];
    expect(init).toMatchObject({ method: 'POST', redirect: 'manual', headers: { soapaction: '""' } });
  });

  it('reads a body-less response as an empty string', async () => {
    const fakeFetch = vi.fn<typeof fetch>().mockResolvedValue(new Response(null, { status: 204 }));
    const response = await send(new FetchTransport({ fetch: fakeFetch }), soapRequest('https://vip.example.test/ws'));
    expect(answerOf(response)).toEqual({ status: 204, headers: {}, body: '' });
  });

  it('looks up the global fetch at send time, so interceptors installed later still apply', async () => {
    const transport = new FetchTransport();
    const lateFetch = vi.fn<typeof fetch>().mockResolvedValue(new Response('<late/>', { status: 200 }));
    vi.stubGlobal('fetch', lateFetch);
    expect(textOf(await send(transport, soapRequest('https://vip.example.test/ws')))).toBe('<late/>');
    expect(lateFetch).toHaveBeenCalledTimes(1);
  });

  it('fails with VipConfigurationError when no fetch exists', async () => {
    vi.stubGlobal('fetch', undefined);
    await expect(send(new FetchTransport(), soapRequest('https://vip.example.test/ws'))).rejects.toThrow(VipConfigurationError);
  });
});
