/**
 * The diagnostics_channel side, for subscribers without OpenTelemetry: the tracing channel
 * `vip-user-services:call` and the `vip-user-services:retry` channel, their event order and payloads, stores bound
 * to the call, and subscribers that throw.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { channel, tracingChannel } from 'node:diagnostics_channel';
import { afterEach, describe, expect, it } from 'vitest';
import {
  type SoapHttpRequest,
  type Transport,
  type VipCallMessage,
  VipClient,
  VipHttpError,
  type VipRetryMessage,
} from 'vip-user-services';
import { echoing, fakeClient } from '../client/fake-transport.js';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';

const calls = tracingChannel<VipCallMessage, VipCallMessage>('vip-user-services:call');
const retries = channel('vip-user-services:retry');
const EVENTS = ['start', 'end', 'asyncStart', 'asyncEnd', 'error'] as const;

type Seen = Array<[(typeof EVENTS)[number], VipCallMessage & { result?: unknown }]>;

const cleanups: Array<() => void> = [];
afterEach(() => {
  for (const cleanup of cleanups.splice(0)) cleanup();
});

/** Subscribes to every call event, recording a copy of the message as it was at each. */
function recordCalls(): Seen {
  const seen: Seen = [];
  const subscribers = Object.fromEntries(EVENTS.map((event) => [event, (message: VipCallMessage) => seen.push([event, { ...message }])]));
  calls.subscribe(subscribers as never);
  cleanups.push(() => calls.unsubscribe(subscribers as never));
  return seen;
}

function flaky(failures: number): Transport {
  let attempts = 0;
  return {
    async send(request: SoapHttpRequest) {
      if (++attempts <= failures) return { status: 503, headers: { 'content-type': 'text/html' }, body: 'busy' };
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: vipResponse('GetUserInfoResponse', requestIdOf(request.body)) };
    },
  };
}

const QUIET = { tracerProvider: false, meterProvider: false } as const;

describe('tracing:vip-user-services:call', () => {
  it('publishes start, end, asyncStart and asyncEnd for a call, with one message carrying status and attempts', async () => {
    const seen = recordCalls();
    const { vip } = fakeClient(echoing('GetUserInfoResponse'), QUIET);
    const output = await vip.getUserInfo({ userId: 'alice@example.com' });

    expect(seen.map(([event]) => event)).toEqual(['start', 'end', 'asyncStart', 'asyncEnd']);
    const base = {
      operation: 'getUserInfo',
      method: 'QueryService/getUserInfo',
      requestId: output.requestId,
      url: 'https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8',
    };
    expect(seen[0]?.[1]).toEqual({ ...base, attempt: 0 });
    expect(seen[3]?.[1]).toEqual({ ...base, attempt: 1, status: '0000' });
    expect(seen[3]?.[1]).not.toHaveProperty('result');
  });

  it('publishes error before asyncStart and asyncEnd for a failed call, with the error and the attempts', async () => {
    const seen = recordCalls();
    const vip = new VipClient({ ...QUIET, transport: flaky(5), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    const error = await vip.getUserInfo({ userId: 'alice' }).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(VipHttpError);
    expect(seen.map(([event]) => event)).toEqual(['start', 'end', 'error', 'asyncStart', 'asyncEnd']);
    expect(seen[2]?.[1]).toMatchObject({ operation: 'getUserInfo', attempt: 2, error });
    expect(seen[2]?.[1]).not.toHaveProperty('status');
  });

  it('carries the VIP status of a service error', async () => {
    const seen = recordCalls();
    const { vip } = fakeClient(echoing('GetUserInfoResponse', '', { status: '6003', statusMessage: 'No such user' }), QUIET);
    await expect(vip.getUserInfo({ userId: 'nobody' })).rejects.toThrow();
    expect(seen.at(-1)?.[1]).toMatchObject({ status: '6003', attempt: 1 });
  });

  it('runs the call inside the stores bound to start, so an APM context reaches the transport', async () => {
    const store = new AsyncLocalStorage<string>();
    const { start } = tracingChannel<string, VipCallMessage>('vip-user-services:call');
    start.bindStore(store, (message) => `apm context of ${message.requestId}`);
    cleanups.push(() => start.unbindStore(store));
    const seenByTransport: Array<string | undefined> = [];
    const { vip } = fakeClient((request) => {
      seenByTransport.push(store.getStore());
      return vipResponse('GetServerTimeResponse', requestIdOf(request.body));
    }, QUIET);
    await vip.getServerTime({}, { requestId: 'Req_0001' });
    expect(seenByTransport).toEqual(['apm context of Req_0001']);
  });

  it('does not let a subscriber that throws change the call; Node reports the throw as uncaught, after the call', async () => {
    const thrown = new Error('a broken subscriber');
    const throwing = Object.fromEntries(
      EVENTS.map((event) => [
        event,
        () => {
          throw thrown;
        },
      ]),
    );
    calls.subscribe(throwing as never);
    cleanups.push(() => calls.unsubscribe(throwing as never));
    const throwingRetry = () => {
      throw thrown;
    };
    retries.subscribe(throwingRetry);
    cleanups.push(() => retries.unsubscribe(throwingRetry));
    // diagnostics_channel hands a subscriber's error to process 'uncaughtException' on the next tick.
    const uncaught: unknown[] = [];
    const listeners = process.listeners('uncaughtException');
    process.removeAllListeners('uncaughtException');
    process.on('uncaughtException', (error) => uncaught.push(error));
    try {
      const vip = new VipClient({ ...QUIET, transport: flaky(1), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
      const output = await vip.getUserInfo({ userId: 'alice' });
      expect(output.status).toBe('0000');
      await new Promise((resolve) => setImmediate(resolve));
    } finally {
      process.removeAllListeners('uncaughtException');
      for (const listener of listeners) process.on('uncaughtException', listener);
    }
    expect(uncaught.length).toBeGreaterThanOrEqual(5);
    expect(uncaught.every((error) => error === thrown)).toBe(true);
  });
});

describe('vip-user-services:retry', () => {
  it('publishes each retry with the attempt, the delay, the error and the call message', async () => {
    const seenCalls = recordCalls();
    const seen: VipRetryMessage[] = [];
    const onRetry = (message: unknown) => seen.push(message as VipRetryMessage);
    retries.subscribe(onRetry);
    cleanups.push(() => retries.unsubscribe(onRetry));
    const vip = new VipClient({ ...QUIET, transport: flaky(2), retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 } });
    const output = await vip.getUserInfo({ userId: 'alice' });

    expect(seen.map(({ attempt }) => attempt)).toEqual([1, 2]);
    for (const message of seen) {
      expect(message).toMatchObject({ operation: 'getUserInfo', requestId: output.requestId, delayMs: expect.any(Number) });
      expect(message.error).toBeInstanceOf(VipHttpError);
      expect(message.call.requestId).toBe(output.requestId);
    }
    expect(seenCalls.at(-1)?.[1].attempt).toBe(3);
  });

  it('publishes retries to a subscriber of this channel alone, with telemetry off', async () => {
    const seen: VipRetryMessage[] = [];
    const onRetry = (message: unknown) => seen.push(message as VipRetryMessage);
    retries.subscribe(onRetry);
    cleanups.push(() => retries.unsubscribe(onRetry));
    const vip = new VipClient({ ...QUIET, transport: flaky(1), retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    await vip.getUserInfo({ userId: 'alice' }, { requestId: 'Alone_0001' });

    expect(seen).toHaveLength(1);
    expect(seen[0]).toMatchObject({
      requestId: 'Alone_0001',
      attempt: 1,
      call: { method: 'QueryService/getUserInfo', requestId: 'Alone_0001' },
    });
  });
});
