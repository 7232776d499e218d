import { describe, expect, it, vi } from 'vitest';
import {
  PushDeniedError,
  PushError,
  PushExpiredError,
  PushNotFoundError,
  PushRequestParametersNotMetError,
  type SoapHttpRequest,
  type Transport,
  VipAbortError,
  VipClient,
  VipConfigurationError,
  VipTimeoutError,
  VipValidationError,
} from 'vip-user-services';

const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

interface Script {
  /** Per transaction: the statuses to answer, in order; the last one repeats. */
  [transactionId: string]: Array<{ status: string; extra?: string }>;
}

/** A fake VIP Query service answering pollPushStatus from a script, recording each poll's transaction IDs. */
function pushService(script: Script, options: { failFirst?: 'connection' | 'status6003'; retry?: false } = {}) {
  const polls: string[][] = [];
  let failures = options.failFirst ? 1 : 0;
  const transport: Transport = {
    async send(request: SoapHttpRequest) {
      const requestId = /<vip:requestId>([^<]+)</.exec(request.body)?.[1];
      const ids = [...request.body.matchAll(/<vip:transactionId>([^<]+)</g)].map((m) => m[1] as string);
      polls.push(ids);
      if (failures > 0) {
        failures--;
        if (options.failFirst === 'connection') {
          const { VipConnectionError } = await import('vip-user-services');
          throw new VipConnectionError('reset', { code: 'ECONNRESET' });
        }
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: envelope(requestId, '6003', '') };
      }
      const statuses = ids
        .map((id) => {
          const steps = script[id] ?? [{ status: '7005' }];
          const step = (steps.length > 1 ? steps.shift() : steps[0]) as { status: string; extra?: string };
          return `<transactionStatus><transactionId>${id}</transactionId><status>${step.status}</status><statusMessage>m${step.status}</statusMessage>${step.extra ?? ''}</transactionStatus>`;
        })
        .join('');
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: envelope(requestId, '0000', statuses) };
    },
    async close() {},
  };
  return { vip: new VipClient({ transport, ...(options.retry === false ? { retry: false } : {}) }), polls };
}

function envelope(requestId: string | undefined, status: string, inner: string): string {
  return `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><PollPushStatusResponse xmlns="${NS}"><requestId>${requestId}</requestId><status>${status}</status><statusMessage>s</statusMessage>${inner}</PollPushStatusResponse></S:Body></S:Envelope>`;
}

const APPROVED_EXTRA =
  '<authnTime>2026-11-28T10:00:00.000Z</authnTime><credentialId>VSMT12345678</credentialId><credentialType>STANDARD_OTP</credentialType><deviceInfo><Key>os</Key><Value>iOS</Value></deviceInfo>';

describe('waitForPush', () => {
  it('keeps polling on 7001 and resolves with the approved status on 7000', async () => {
    const { vip, polls } = pushService({
      aaaa1111bbbb2222: [{ status: '7001' }, { status: '7001' }, { status: '7000', extra: APPROVED_EXTRA }],
    });
    const result = await vip.waitForPush('aaaa1111bbbb2222', { intervalMs: 5, timeoutMs: 2000 });
    expect(result).toEqual({
      transactionId: 'aaaa1111bbbb2222',
      status: '7000',
      statusMessage: 'm7000',
      authnTime: new Date('2026-11-28T10:00:00.000Z'),
      credentialId: 'VSMT12345678',
      credentialType: 'STANDARD_OTP',
      deviceInfo: [{ Key: 'os', Value: 'iOS' }],
    });
    expect(polls).toHaveLength(3);
  });

  it.each([
    ['7002', PushDeniedError],
    ['7004', PushExpiredError],
    ['7005', PushNotFoundError],
    ['7008', PushRequestParametersNotMetError],
  ])('throws the push error class for %s with the transaction and detail', async (status, errorClass) => {
    const extra = '<detail>7121</detail><detailMessage>Local authentication failed</detailMessage>';
    const { vip } = pushService({ t000000000000001: [{ status: '7001' }, { status, extra }] });
    const error = await vip.waitForPush('t000000000000001', { intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(PushError);
    expect(error).toMatchObject({
      code: status,
      transactionId: 't000000000000001',
      detail: '7121',
      detailMessage: 'Local authentication failed',
    });
  });

  it('throws VipTimeoutError at its own deadline when the push stays in progress', async () => {
    const { vip } = pushService({ t000000000000002: [{ status: '7001' }] });
    const started = performance.now();
    const error = await vip.waitForPush('t000000000000002', { intervalMs: 10, timeoutMs: 80 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipTimeoutError);
    expect((error as VipTimeoutError).timeoutMs).toBe(80);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('rejects promptly on abort, before the next poll is due', async () => {
    const { vip, polls } = pushService({ t000000000000003: [{ status: '7001' }] });
    const controller = new AbortController();
    const waiting = vip.waitForPush('t000000000000003', { intervalMs: 60_000, signal: controller.signal });
    await new Promise((resolve) => setTimeout(resolve, 20));
    controller.abort(new Error('user left the page'));
    const error = await waiting.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipAbortError);
    expect((error as VipAbortError).cause).toEqual(new Error('user left the page'));
    expect(polls).toHaveLength(1);
  });

  it('rejects at once when the signal is already aborted, without polling', async () => {
    const { vip, polls } = pushService({});
    const error = await vip.waitForPush('t000000000000004', { signal: AbortSignal.abort() }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipAbortError);
    expect(polls).toHaveLength(0);
  });

  it('polls many waited-on transactions in shared requests of at most 20 IDs', async () => {
    const script: Script = {};
    const ids = Array.from({ length: 25 }, (_, i) => `batch${String(i).padStart(10, '0')}`);
    for (const id of ids) script[id] = [{ status: '7001' }, { status: '7000', extra: APPROVED_EXTRA }];
    const { vip, polls } = pushService(script);
    const results = await Promise.all(ids.map((id) => vip.waitForPush(id, { intervalMs: 20 })));
    expect(results.map((r) => r.transactionId)).toEqual(ids);
    expect(polls.every((p) => p.length <= 20)).toBe(true);
    // 25 transactions polled twice each need at least 4 requests; one per transaction would be 50.
    expect(polls.length).toBeLessThanOrEqual(6);
    expect(polls.flat().sort()).toEqual([...ids, ...ids].sort());
  });

  it('keeps waiting through a transient poll failure', async () => {
    // Without the client's retry the failed poll reaches the waiter itself, which must poll again at its own pace.
    const { vip, polls } = pushService(
      { t000000000000005: [{ status: '7000', extra: APPROVED_EXTRA }] },
      { failFirst: 'connection', retry: false },
    );
    const result = await vip.waitForPush('t000000000000005', { intervalMs: 5 });
    expect(result.status).toBe('7000');
    expect(polls).toEqual([['t000000000000005'], ['t000000000000005']]);
  });

  it('removes its abort listener when the wait ends, however it ends', async () => {
    const { vip } = pushService({
      t000000000000008: [{ status: '7001' }, { status: '7000', extra: APPROVED_EXTRA }],
      t000000000000009: [{ status: '7002' }],
    });
    const controller = new AbortController();
    const added: unknown[] = [];
    const removed: unknown[] = [];
    const { signal } = controller;
    const addEventListener = signal.addEventListener.bind(signal);
    const removeEventListener = signal.removeEventListener.bind(signal);
    signal.addEventListener = ((...args: Parameters<typeof addEventListener>) => {
      if (args[0] === 'abort') added.push(args[1]);
      addEventListener(...args);
    }) as typeof signal.addEventListener;
    signal.removeEventListener = ((...args: Parameters<typeof removeEventListener>) => {
      if (args[0] === 'abort') removed.push(args[1]);
      removeEventListener(...args);
    }) as typeof signal.removeEventListener;
    await vip.waitForPush('t000000000000008', { intervalMs: 5, signal });
    await expect(vip.waitForPush('t000000000000009', { intervalMs: 5, signal })).rejects.toBeInstanceOf(PushDeniedError);
    expect(added.length).toBeGreaterThan(0);
    expect(new Set(removed)).toEqual(new Set(added));
  });

  it('stops on a poll failure that is not transient', async () => {
    const { vip } = pushService({ t000000000000006: [{ status: '7001' }] }, { failFirst: 'status6003' });
    await expect(vip.waitForPush('t000000000000006', { intervalMs: 5 })).rejects.toMatchObject({ code: '6003' });
  });

  it('validates the transaction ID and the options before polling', async () => {
    const { vip, polls } = pushService({});
    await expect(vip.waitForPush('no-dashes-allowed')).rejects.toBeInstanceOf(VipValidationError);
    await expect(vip.waitForPush('t000000000000007', { intervalMs: -1 })).rejects.toThrow(/intervalMs/);
    expect(polls).toHaveLength(0);
  });
});

describe('waitForPush: options, errors and timers', () => {
  it.each([null, 'fast', 5])('refuses %j as options', async (options) => {
    const { vip, polls } = pushService({});
    await expect(vip.waitForPush('t000000000000010', options as never)).rejects.toThrow(
      new VipConfigurationError('the waitForPush options must be an object'),
    );
    expect(polls).toHaveLength(0);
  });

  it.each([0, 0.5, -1, Number.NaN, '1000'])('refuses the timeout %j', async (timeoutMs) => {
    const { vip } = pushService({});
    await expect(vip.waitForPush('t000000000000011', { timeoutMs: timeoutMs as number })).rejects.toThrow(
      `timeoutMs must be a number of milliseconds of at least 1, or Infinity, got ${String(timeoutMs)}`,
    );
  });

  it('gives up after a timeout of 1 ms with an error naming the transaction, the operation and the limit', async () => {
    const { vip } = pushService({ t000000000000012: [{ status: '7001' }] });
    const error = await vip.waitForPush('t000000000000012', { timeoutMs: 1, intervalMs: 5 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipTimeoutError);
    expect(error).toMatchObject({ operation: 'waitForPush', timeoutMs: 1 });
    expect((error as Error).message).toMatch(/^push transaction t000000000000012 was not final after 1 ms/);
  });

  it('says an abort is an abort, before and during the wait, with the reason as cause', async () => {
    const { vip } = pushService({ t000000000000013: [{ status: '7001' }] });
    const before = await vip.waitForPush('t000000000000013', { signal: AbortSignal.abort('early') }).catch((e: unknown) => e);
    expect(before).toMatchObject({ name: 'VipAbortError', operation: 'waitForPush', cause: 'early' });
    expect((before as Error).message).toMatch(/^waitForPush was aborted/);
    const controller = new AbortController();
    const during = vip.waitForPush('t000000000000013', { signal: controller.signal, intervalMs: 5 }).catch((e: unknown) => e);
    setTimeout(() => controller.abort('late'), 20);
    expect(await during).toMatchObject({ name: 'VipAbortError', operation: 'waitForPush', cause: 'late' });
  });

  it('leaves no timer behind once the wait is over', async () => {
    // Every timer armed during the wait, until it fires or is cleared. Counting the process's timers instead would
    // also count those of other tests that happen to end meanwhile.
    const live = new Set<unknown>();
    const realSetTimeout = globalThis.setTimeout;
    const realClearTimeout = globalThis.clearTimeout;
    vi.spyOn(globalThis, 'setTimeout').mockImplementation(((callback: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
      const timer = realSetTimeout(() => {
        live.delete(timer);
        callback(...args);
      }, ms);
      live.add(timer);
      return timer;
    }) as unknown as typeof setTimeout);
    vi.spyOn(globalThis, 'clearTimeout').mockImplementation(((timer?: Parameters<typeof clearTimeout>[0]) => {
      live.delete(timer);
      realClearTimeout(timer);
    }) as typeof clearTimeout);
    const { vip } = pushService({ t000000000000014: [{ status: '7001' }, { status: '7000', extra: APPROVED_EXTRA }] });
    await vip.waitForPush('t000000000000014', { intervalMs: 5, timeoutMs: 60_000 });
    await new Promise((resolve) => setImmediate(resolve));
    expect(globalThis.setTimeout).toHaveBeenCalled();
    expect(live.size).toBe(0);
  });

  it('polls each wait at its own pace: a slow wait does not hold back a fast one, and is not polled with it early', async () => {
    const { vip, polls } = pushService({
      slow000000000001: [{ status: '7001' }],
      fast000000000001: [{ status: '7001' }, { status: '7001' }, { status: '7001' }, { status: '7000', extra: APPROVED_EXTRA }],
    });
    // The fast wait starts first, so the slow one is the last to be scheduled: its far deadline must not win.
    const fast = vip.waitForPush('fast000000000001', { intervalMs: 20 });
    const slow = vip.waitForPush('slow000000000001', { intervalMs: 5_000, timeoutMs: 20_000 }).catch(() => undefined);
    await fast;
    const slowPolls = polls.filter((ids) => ids.includes('slow000000000001')).length;
    expect(polls.filter((ids) => ids.includes('fast000000000001'))).toHaveLength(4);
    expect(slowPolls).toBe(1);
    void slow;
    await vip.close();
  });

  it('keeps waiting when a poll answer leaves the transaction out', async () => {
    let calls = 0;
    const transport: Transport = {
      async send(request: SoapHttpRequest) {
        calls++;
        const requestId = /<vip:requestId>([^<]+)</.exec(request.body)?.[1];
        const inner =
          calls === 1
            ? '<transactionStatus><transactionId>other00000000001</transactionId><status>7002</status><statusMessage>x</statusMessage></transactionStatus>'
            : `<transactionStatus><transactionId>t000000000000015</transactionId><status>7000</status><statusMessage>ok</statusMessage>${APPROVED_EXTRA}</transactionStatus>`;
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: envelope(requestId, '0000', inner) };
      },
    };
    const vip = new VipClient({ transport });
    await expect(vip.waitForPush('t000000000000015', { intervalMs: 5 })).resolves.toMatchObject({ status: '7000' });
    expect(calls).toBe(2);
  });

  it('never polls a transaction again while its poll is still on the way', async () => {
    const inFlight = new Map<string, number>();
    let overlap = false;
    const transport: Transport = {
      async send(request: SoapHttpRequest) {
        const requestId = /<vip:requestId>([^<]+)</.exec(request.body)?.[1];
        const ids = [...request.body.matchAll(/<vip:transactionId>([^<]+)</g)].map((m) => m[1] as string);
        for (const id of ids) {
          if ((inFlight.get(id) ?? 0) > 0) overlap = true;
          inFlight.set(id, (inFlight.get(id) ?? 0) + 1);
        }
        await new Promise((resolve) => setTimeout(resolve, 60));
        for (const id of ids) inFlight.set(id, (inFlight.get(id) ?? 1) - 1);
        const pending = ids
          .map(
            (id) =>
              `<transactionStatus><transactionId>${id}</transactionId><status>7001</status><statusMessage>p</statusMessage></transactionStatus>`,
          )
          .join('');
        return { status: 200, headers: { 'content-type': 'text/xml' }, body: envelope(requestId, '0000', pending) };
      },
    };
    const vip = new VipClient({ transport, retry: false });
    const waits = ['t000000000000016', 't000000000000017'].map((id) =>
      vip.waitForPush(id, { intervalMs: 5, timeoutMs: 300 }).catch((error: unknown) => error),
    );
    const outcomes = await Promise.all(waits);
    expect(outcomes.every((outcome) => outcome instanceof VipTimeoutError)).toBe(true);
    expect(overlap).toBe(false);
  });
});
