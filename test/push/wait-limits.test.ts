/**
 * waitForPush's limits are checked where they are set, any deadline can be expressed (even beyond one Node timer),
 * and many waits on one signal share a single listener.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VipClient, VipConfigurationError } from 'vip-user-services';
import { FakeTransport } from '../client/fake-transport.js';
import { requestIdOf, soapEnvelope, VIP_NS } from '../helpers/soap-fixtures.js';

const ID = 'aaaa1111bbbb2222';

/** A push that stays in progress for `pending` polls, then is approved. */
function pushClient(pending: number): VipClient {
  let polls = 0;
  const transport = new FakeTransport((request) => {
    const status = polls++ < pending ? '7001' : '7000';
    const statuses = [...request.body.matchAll(/<vip:transactionId>([^<]+)</g)]
      .map(
        (m) =>
          `<transactionStatus><transactionId>${m[1]}</transactionId><status>${status}</status><statusMessage>s</statusMessage></transactionStatus>`,
      )
      .join('');
    return soapEnvelope(
      `<PollPushStatusResponse xmlns="${VIP_NS}"><requestId>${requestIdOf(request.body)}</requestId><status>0000</status><statusMessage>ok</statusMessage>${statuses}</PollPushStatusResponse>`,
    );
  });
  return new VipClient({ transport, retry: false });
}

afterEach(() => {
  vi.useRealTimers();
});

describe('waitForPush limits', () => {
  it.each([
    ['2^31 ms', 2 ** 31],
    ['Number.MAX_SAFE_INTEGER', Number.MAX_SAFE_INTEGER],
    ['Infinity', Number.POSITIVE_INFINITY],
  ])('waits with a timeoutMs of %s instead of timing out at once', async (_name, timeoutMs) => {
    await expect(pushClient(2).waitForPush(ID, { intervalMs: 5, timeoutMs })).resolves.toMatchObject({ status: '7000' });
  });

  it('reaches a deadline longer than one Node timer in several steps', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'performance'] });
    const vip = pushClient(Number.POSITIVE_INFINITY);
    const waiting = vip.waitForPush(ID, { intervalMs: 2 ** 31 - 1, timeoutMs: 2 ** 32 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(2 ** 31);
    await vi.advanceTimersByTimeAsync(2 ** 31 - 10);
    let settled = false;
    void waiting.then(() => (settled = true));
    await vi.advanceTimersByTimeAsync(1);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(20);
    await expect(waiting).resolves.toMatchObject({ name: 'VipTimeoutError', timeoutMs: 2 ** 32 });
  });

  it.each([
    ['an intervalMs of 2^31', { intervalMs: 2 ** 31 }, /intervalMs must be a number of milliseconds from 1 to 2147483647/],
    ['an intervalMs of 0', { intervalMs: 0 }, /intervalMs must be a number of milliseconds from 1 to 2147483647/],
    ['a timeoutMs of NaN', { timeoutMs: Number.NaN }, /timeoutMs must be a number of milliseconds of at least 1, or Infinity/],
    ['a signal that is not an AbortSignal', { signal: {} }, /signal must be an AbortSignal/],
  ])('refuses %s with VipConfigurationError', async (_name, options, message) => {
    const error = await pushClient(0)
      .waitForPush(ID, options as never)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipConfigurationError);
    expect((error as Error).message).toMatch(message);
  });

  it('shares one abort listener among many waits on one signal, and removes it when they finish', async () => {
    const warnings: Error[] = [];
    const onWarning = (warning: Error) => warnings.push(warning);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const add = vi.spyOn(controller.signal, 'addEventListener');
      const remove = vi.spyOn(controller.signal, 'removeEventListener');
      const vip = pushClient(1);
      const waits = Array.from({ length: 25 }, (_, i) =>
        vip.waitForPush(`${String(i).padStart(4, '0')}aaaabbbbcccc`, { intervalMs: 5, signal: controller.signal }),
      );
      await Promise.all(waits);
      expect(add).toHaveBeenCalledTimes(1);
      expect(remove).toHaveBeenCalledTimes(1);
      await new Promise((resolve) => setImmediate(resolve));
      expect(warnings.filter((w) => w.name === 'MaxListenersExceededWarning')).toEqual([]);
    } finally {
      process.off('warning', onWarning);
    }
  });
});
