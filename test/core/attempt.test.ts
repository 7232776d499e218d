/**
 * One attempt through a custom transport, seen from the client: a transport's answer is checked for its shape and
 * size, errors the transport throws keep their meaning, and a finished call leaves no listener on the caller's
 * signal and no timer behind.
 */
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { type SoapHttpResponse, type Transport, VipClient, VipConfigurationError, VipProtocolError } from 'vip-user-services';
import { requestIdOf, soapEnvelope, VIP_NS } from '../helpers/soap-fixtures.js';

function clientAnswering(answer: (body: string) => unknown, options: { maxResponseBytes?: number } = {}): VipClient {
  const transport: Transport = { send: async (request) => answer(request.body) as SoapHttpResponse };
  return new VipClient({ transport, retry: false, ...options });
}

const serverTime = (requestId: string) =>
  soapEnvelope(
    `<GetServerTimeResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>0000</status><statusMessage>ok</statusMessage></GetServerTimeResponse>`,
  );

describe('what a transport answers', () => {
  it.each([
    ['null', null],
    ['a string', 'OK'],
    ['a status that is a string', { status: '200', headers: {}, body: '' }],
    ['a fractional status', { status: 200.5, headers: {}, body: '' }],
    ['a body that is a number', { status: 200, headers: {}, body: 42 }],
    ['no body', { status: 200, headers: {} }],
  ])('refuses %s as a response', async (_what, answer) => {
    const error = await clientAnswering(() => answer)
      .getServerTime({}, { requestId: 'SHAPE_01' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipProtocolError);
    expect((error as Error).message).toBe(
      'The transport returned something that is not a response ({ status, headers, body }) (getServerTime, requestId SHAPE_01)',
    );
  });

  it('accepts bytes and text, and a missing headers object', async () => {
    const bytes = clientAnswering((body) => ({ status: 200, body: new TextEncoder().encode(serverTime(requestIdOf(body))) }));
    await expect(bytes.getServerTime()).resolves.toMatchObject({ status: '0000' });
    const text = clientAnswering((body) => ({ status: 200, headers: null, body: serverTime(requestIdOf(body)) }));
    await expect(text.getServerTime()).resolves.toMatchObject({ status: '0000' });
  });

  it('counts maxResponseBytes in UTF-8 bytes, not characters, for text and bytes alike', async () => {
    const padded = (body: string) => serverTime(requestIdOf(body)).replace('<statusMessage>ok', `<statusMessage>${'é'.repeat(600)}`);
    const limit = (body: string) => Buffer.byteLength(padded(body));
    let size = 0;
    const text = clientAnswering(
      (body) => {
        size = limit(body);
        return { status: 200, headers: {}, body: padded(body) };
      },
      { maxResponseBytes: 1024 },
    );
    const error = await text.getServerTime().catch((e: unknown) => e);
    expect(size).toBeGreaterThan(1024);
    expect(padded('<vip:requestId>r</vip:requestId>').length).toBeLessThan(1024);
    expect((error as Error).message).toMatch(/^The response exceeds 1024 bytes \(maxResponseBytes\)/);
    const bytes = clientAnswering((body) => ({ status: 200, headers: {}, body: Buffer.from(padded(body)) }), { maxResponseBytes: 1024 });
    await expect(bytes.getServerTime()).rejects.toThrow(/^The response exceeds 1024 bytes/);
  });
});

describe('errors a transport throws', () => {
  it("keeps the SDK's configuration and validation errors as they are, without call details", async () => {
    const thrown = new VipConfigurationError('the proxy is not configured');
    const transport: Transport = {
      send: async () => {
        throw thrown;
      },
    };
    const error = await new VipClient({ transport, retry: false }).getServerTime({}, { requestId: 'KEEP_0001' }).catch((e: unknown) => e);
    expect(error).toBe(thrown);
    expect(thrown.message).toBe('the proxy is not configured');
  });
});

describe('after the call', () => {
  it("leaves no listener on the caller's signal and no timer, whether the call succeeded or failed", async () => {
    const timers = () => process.getActiveResourcesInfo().filter((kind) => kind === 'Timeout').length;
    const before = timers();
    const signal = new AbortController().signal;
    const ok = clientAnswering((body) => ({ status: 200, headers: {}, body: serverTime(requestIdOf(body)) }));
    await ok.getServerTime({}, { signal, timeoutMs: 60_000 });
    const failing = clientAnswering(() => {
      throw new Error('socket hang up');
    });
    await failing.getServerTime({}, { signal, timeoutMs: 60_000 }).catch(() => undefined);
    expect(getEventListeners(signal, 'abort')).toHaveLength(0);
    expect(timers()).toBe(before);
  });
});
