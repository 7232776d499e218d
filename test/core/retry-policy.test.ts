import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  VipAbortError,
  VipConfigurationError,
  VipConnectionError,
  VipHttpError,
  VipProtocolError,
  VipSoapFaultError,
  VipTimeoutError,
  VipValidationError,
} from 'vip-user-services';
import { createServiceError } from 'vip-user-services/testing';
import { backoffDelay, resolveRetryOptions, shouldRetry, sleep } from '../../src/core/retry-policy.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('resolveRetryOptions', () => {
  it('fills in the defaults', () => {
    expect(resolveRetryOptions()).toEqual({ maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 });
    expect(resolveRetryOptions({ maxAttempts: 1 })).toEqual({ maxAttempts: 1, baseDelayMs: 200, maxDelayMs: 2000 });
    expect(resolveRetryOptions({ baseDelayMs: 0, maxDelayMs: 0 })).toMatchObject({ baseDelayMs: 0, maxDelayMs: 0 });
  });

  it.each([
    [{ maxAttempts: 0 }, /maxAttempts must be an integer of at least 1/],
    [{ maxAttempts: 2.5 }, /maxAttempts/],
    [{ maxAttempts: Number.NaN }, /maxAttempts/],
    [{ baseDelayMs: -1 }, /baseDelayMs must be a finite number/],
    [{ maxDelayMs: Number.POSITIVE_INFINITY }, /maxDelayMs must be a finite number/],
    [{ baseDelayMs: '100' as unknown as number }, /baseDelayMs/],
    [{ baseDelayMs: 500, maxDelayMs: 100 }, /must not be smaller than retry\.baseDelayMs/],
  ])('rejects %j', (options, message) => {
    expect(() => resolveRetryOptions(options)).toThrow(VipConfigurationError);
    expect(() => resolveRetryOptions(options)).toThrow(message);
  });
});

describe('backoffDelay', () => {
  const options = resolveRetryOptions();
  const almostOne = (): number => 0.999_999;

  it('doubles the ceiling per attempt up to maxDelayMs', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffDelay(attempt, options, almostOne))).toEqual([199, 399, 799, 1599, 1999, 1999]);
    expect([1, 2, 3].map((attempt) => backoffDelay(attempt, options, () => 0.5))).toEqual([100, 200, 400]);
  });

  it('spreads the wait over the whole range below the ceiling (full jitter)', () => {
    expect(backoffDelay(3, options, () => 0)).toBe(0);
    for (let sample = 0; sample < 200; sample++) {
      const delay = backoffDelay(3, options);
      expect(delay).toBeGreaterThanOrEqual(0);
      expect(delay).toBeLessThan(800);
      expect(Number.isInteger(delay)).toBe(true);
    }
  });

  it('stays finite and capped for absurd attempt numbers', () => {
    expect(backoffDelay(10_000, options, almostOne)).toBe(1999);
    expect(backoffDelay(0, options, almostOne)).toBe(199);
  });
});

describe('shouldRetry', () => {
  const notSent = new VipConnectionError('refused', { code: 'ECONNREFUSED', requestNotSent: true });
  const maybeSent = new VipConnectionError('reset', { code: 'ECONNRESET', requestNotSent: false });
  const timeout = new VipTimeoutError('late', { timeoutMs: 100 });
  const http = (status: number): VipHttpError => new VipHttpError(status, '<html/>');
  const transientStatus = createServiceError({ status: '6005', statusMessage: 'Internal error' });
  const permanentStatus = createServiceError({ status: '6009', statusMessage: 'Authentication failed' });
  // Duck-typing is not enough: only the SDK's own errors carry the classifier.
  const lookalike = Object.assign(new Error('6005'), { retryable: true, code: '6005' });

  it.each([
    ['connection error, request not sent', notSent, false, true],
    ['connection error, request not sent', notSent, true, true],
    ['connection error, maybe sent', maybeSent, false, false],
    ['connection error, maybe sent', maybeSent, true, true],
    ['timeout', timeout, false, false],
    ['timeout', timeout, true, true],
    ['HTTP 502', http(502), true, true],
    ['HTTP 503', http(503), true, true],
    ['HTTP 504', http(504), true, true],
    ['HTTP 503', http(503), false, false],
    ['HTTP 500', http(500), true, false],
    ['HTTP 404', http(404), true, false],
    ['HTTP 429', http(429), true, false],
    ['retryable VIP status (6005/6029)', transientStatus, true, true],
    ['retryable VIP status (6005/6029)', transientStatus, false, false],
    ['other VIP status', permanentStatus, true, false],
    ['caller abort', new VipAbortError('aborted'), true, false],
    ['validation error', new VipValidationError('userId', 'required', 'userId is required'), true, false],
    ['configuration error', new VipConfigurationError('bad'), true, false],
    ['protocol error', new VipProtocolError('bad xml'), true, false],
    ['SOAP fault', new VipSoapFaultError({ faultCode: 'soap:Server', faultString: 'boom' }), true, false],
    ['an Error that only looks retryable', lookalike, true, false],
    ['plain Error', new Error('bug'), true, false],
    ['non-error value', 'oops', true, false],
    ['null', null, true, false],
  ])('%s (idempotent: %s) -> %s', (_name, error, idempotent, expected) => {
    expect(shouldRetry(error, idempotent)).toBe(expected);
  });
});

describe('retryable: one classifier on every error', () => {
  it.each([
    ['a connection failure', new VipConnectionError('reset', { code: 'ECONNRESET' }), true],
    ['a timeout', new VipTimeoutError('late'), true],
    ['HTTP 502', new VipHttpError(502, ''), true],
    ['HTTP 503', new VipHttpError(503, ''), true],
    ['HTTP 504', new VipHttpError(504, ''), true],
    ['HTTP 500', new VipHttpError(500, ''), false],
    ['HTTP 429', new VipHttpError(429, ''), false],
    ['VIP 6005', createServiceError({ status: '6005', statusMessage: '' }), true],
    ['VIP 6029', createServiceError({ status: '6029', statusMessage: '' }), true],
    ['VIP 600F', createServiceError({ status: '600F', statusMessage: '' }), false],
    ['an undocumented VIP status', createServiceError({ status: '6FFF', statusMessage: '' }), false],
    ['an abort', new VipAbortError('aborted'), false],
    ['a validation error', new VipValidationError('userId', 'required', 'userId is required'), false],
    ['a configuration error', new VipConfigurationError('bad'), false],
    ['a protocol error', new VipProtocolError('bad xml'), false],
    ['a SOAP Fault', new VipSoapFaultError({ faultCode: 'soap:Server', faultString: 'boom' }), false],
  ])('%s: retryable is %s, and shows in toJSON()', (_name, error, retryable) => {
    expect(error.retryable).toBe(retryable);
    expect(error.toJSON()).toMatchObject({ retryable });
  });
});

describe('sleep', () => {
  it('resolves after the delay', async () => {
    vi.useFakeTimers();
    let done = false;
    const waiting = sleep(1_000).then(() => {
      done = true;
    });
    await vi.advanceTimersByTimeAsync(999);
    expect(done).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await waiting;
    expect(done).toBe(true);
  });

  it('rejects as soon as the signal aborts, with the reason and the call context', async () => {
    vi.useFakeTimers();
    const controller = new AbortController();
    const waiting = sleep(60_000, controller.signal, { operation: 'getUserInfo', requestId: 'r1', attempts: 2 });
    const outcome = waiting.catch((error: unknown) => error);
    await vi.advanceTimersByTimeAsync(10);
    controller.abort('shutting down');
    const error = await outcome;
    expect(error).toBeInstanceOf(VipAbortError);
    expect(error).toMatchObject({ cause: 'shutting down', operation: 'getUserInfo', requestId: 'r1', attempts: 2 });
    expect((error as Error).message).toBe('The call was aborted while waiting to retry (getUserInfo, requestId r1, 2 attempts)');
    expect(vi.getTimerCount()).toBe(0);
  });

  it('rejects immediately when the signal has already fired', async () => {
    await expect(sleep(60_000, AbortSignal.abort('gone'))).rejects.toThrow(
      new VipAbortError('The call was aborted while waiting to retry'),
    );
  });

  it('removes its abort listener once the wait is over', async () => {
    const controller = new AbortController();
    await sleep(1, controller.signal);
    expect(getEventListeners(controller.signal, 'abort')).toHaveLength(0);
  });
});
