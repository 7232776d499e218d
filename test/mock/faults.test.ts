/**
 * Fault injection through the mock, over mutual TLS: each fault produces the client's matching typed error, and the
 * client's retry policy shows in the attempt counts (reads are retried, authentications never).
 */
import {
  VipConnectionError,
  VipHttpError,
  VipInternalError,
  VipProtocolError,
  VipTimeoutError,
  UserNotFoundError,
} from 'vip-user-services';
import { describe, expect, it } from 'vitest';
import { rejectionOf, seededPairPerFile, startPair } from './support.js';

const ALICE = 'alice@example.com';

const pair = seededPairPerFile();

function received(operation: string): number {
  return pair().mock.requests.filter((request) => request.operation === operation).length;
}

describe('HTTP 503', () => {
  it('is retried for a query operation, which succeeds on the second attempt with times: 1', async () => {
    const retries: number[] = [];
    const pairWithHook = await startPair({ tls: true, seed: true }, { hooks: { onRetry: (event) => retries.push(event.attempt) } });
    try {
      pairWithHook.mock.inject({ operation: 'getUserInfo', fault: 'http503', times: 1 });
      const result = await pairWithHook.vip.getUserInfo({ userId: ALICE });
      expect(result.userId).toBe(ALICE);
      expect(retries).toEqual([1]);
      expect(pairWithHook.mock.requests.map((request) => request.operation)).toEqual(['getUserInfo', 'getUserInfo']);
    } finally {
      await pairWithHook.close();
    }
  });

  it('becomes VipHttpError 503 with the HTML excerpt once the attempts run out', async () => {
    pair().mock.inject({ operation: 'getUserInfo', fault: 'http503' });
    const error = await rejectionOf(pair().vip.getUserInfo({ userId: ALICE }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: 503, attempts: 3 });
    expect((error as VipHttpError).bodyExcerpt).toContain('Service Unavailable');
    expect(received('getUserInfo')).toBe(3);
  });

  it('is not retried for authenticateUser', async () => {
    pair().mock.inject({ operation: 'authenticateUser', fault: 'http503', times: 1 });
    const error = await rejectionOf(pair().vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair().mock.otp('VSMT12345678') } }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: 503, attempts: 1 });
    expect(received('authenticateUser')).toBe(1);
  });
});

describe('status 6005', () => {
  it('is a normal VIP response that becomes VipInternalError, and the operation does not run', async () => {
    pair().mock.inject({ operation: 'createUser', fault: 'status6005' });
    const error = await rejectionOf(pair().vip.createUser({ userId: 'dave@example.com' }));
    expect(error).toBeInstanceOf(VipInternalError);
    expect(error).toMatchObject({ code: '6005', statusMessage: 'Internal error.', retryable: true, attempts: 1 });
    pair().mock.clearFaults();
    expect(await rejectionOf(pair().vip.getUserInfo({ userId: 'dave@example.com' }))).toBeInstanceOf(UserNotFoundError);
  });

  it('is retried for a read, which then succeeds', async () => {
    pair().mock.inject({ operation: 'getServerTime', fault: 'status6005', times: 2 });
    const result = await pair().vip.getServerTime({});
    expect(result.status).toBe('0000');
    expect(received('getServerTime')).toBe(3);
  });
});

describe('malformed XML', () => {
  it('gives VipProtocolError (not retried), although the operation ran', async () => {
    pair().mock.inject({ operation: 'createUser', fault: 'malformedXml', times: 1 });
    const error = await rejectionOf(pair().vip.createUser({ userId: 'erin@example.com' }));
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error).toMatchObject({ attempts: 1, httpStatus: 200 });
    expect((await pair().vip.getUserInfo({ userId: 'erin@example.com' })).userStatus).toBe('ACTIVE');
  });
});

describe('connection reset', () => {
  it('gives VipConnectionError after one attempt for authenticateUser', async () => {
    pair().mock.inject({ operation: 'authenticateUser', fault: 'reset' });
    const error = await rejectionOf(pair().vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair().mock.otp('VSMT12345678') } }));
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ attempts: 1, requestNotSent: false });
  });

  it('is retried for a read until the attempts run out', async () => {
    pair().mock.inject({ operation: 'getUserInfo', fault: 'reset' });
    const error = await rejectionOf(pair().vip.getUserInfo({ userId: ALICE }));
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ attempts: 3 });
  });
});

describe('no answer and latency', () => {
  it('a hanging request ends in VipTimeoutError', async () => {
    pair().mock.inject({ operation: 'getServerTime', fault: 'hang' });
    const error = await rejectionOf(pair().vip.getServerTime({}, { timeoutMs: 300 }));
    expect(error).toBeInstanceOf(VipTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 300, attempts: 3 });
  });

  it('close() does not wait for held requests', async () => {
    const held = await startPair({ tls: true }, { retry: false });
    held.mock.inject({ fault: 'hang' });
    const call = rejectionOf(held.vip.getServerTime({}, { timeoutMs: 20_000 }));
    await expect.poll(() => held.mock.requests.length).toBe(1);
    await held.mock.close();
    expect(await call).toBeInstanceOf(VipConnectionError);
    await held.vip.close();
  });

  it('latency longer than the deadline times out; once the rule is used up the call succeeds', async () => {
    pair().mock.inject({ operation: 'authenticateUser', fault: 'latency', latencyMs: 1_500, times: 1 });
    const slow = await rejectionOf(
      pair().vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair().mock.otp('VSMT12345678') } }, { timeoutMs: 200 }),
    );
    expect(slow).toBeInstanceOf(VipTimeoutError);
    expect(slow).toMatchObject({ attempts: 1 });
    const result = await pair().vip.authenticateUser(
      { userId: ALICE, otpAuthData: { otp: pair().mock.otp('VSMT12345678') } },
      { timeoutMs: 200 },
    );
    expect(result.status).toBe('0000');
  });

  it('latency within the deadline only delays the answer', async () => {
    pair().mock.inject({ fault: 'latency', latencyMs: 30 });
    expect((await pair().vip.getUserInfo({ userId: ALICE })).status).toBe('0000');
  });
});

describe('fault rules', () => {
  it('apply to every operation when none is named, count down `times`, and can be removed', async () => {
    const remove = pair().mock.inject({ fault: 'status6005', times: 2 });
    expect(await rejectionOf(pair().vip.createUser({ userId: 'frank@example.com' }))).toBeInstanceOf(VipInternalError);
    expect(await rejectionOf(pair().vip.deleteUser({ userId: 'bob@example.com' }))).toBeInstanceOf(VipInternalError);
    expect((await pair().vip.createUser({ userId: 'frank@example.com' })).status).toBe('0000');
    remove();
    pair().mock.inject({ operation: 'deleteUser', fault: 'status6005' })();
    expect((await pair().vip.deleteUser({ userId: 'bob@example.com' })).status).toBe('0000');
  });

  it('the first matching non-latency rule wins; clearFaults removes them all', async () => {
    pair().mock.inject({ operation: 'createUser', fault: 'status6005' });
    pair().mock.inject({ operation: 'createUser', fault: 'http503' });
    expect(await rejectionOf(pair().vip.createUser({ userId: 'gina@example.com' }))).toBeInstanceOf(VipInternalError);
    pair().mock.clearFaults();
    expect((await pair().vip.createUser({ userId: 'gina@example.com' })).status).toBe('0000');
  });

  it('are checked when added', () => {
    expect(() => pair().mock.inject({ fault: 'explode' as never })).toThrow(TypeError);
    expect(() => pair().mock.inject({ operation: 'nope' as never, fault: 'hang' })).toThrow(TypeError);
    expect(() => pair().mock.inject({ fault: 'hang', times: 0 })).toThrow(TypeError);
    expect(() => pair().mock.inject({ fault: 'latency' })).toThrow(TypeError);
  });
});
