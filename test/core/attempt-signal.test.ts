import { getEventListeners } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { VipAbortError, VipTimeoutError } from '../../src/errors/request-errors.js';
import { AttemptSignal } from '../../src/core/attempt-signal.js';

const context = { operation: 'getUserInfo', requestId: 'r1', attempts: 1 };

afterEach(() => {
  vi.useRealTimers();
});

describe('AttemptSignal', () => {
  it('fires on the deadline and reports a VipTimeoutError', async () => {
    vi.useFakeTimers();
    const attempt = new AttemptSignal(250.5);
    await vi.advanceTimersByTimeAsync(250);
    expect(attempt.signal.aborted).toBe(false);
    expect(attempt.interruption(context)).toBeUndefined();
    await vi.advanceTimersByTimeAsync(1);
    expect(attempt.signal.aborted).toBe(true);
    expect((attempt.signal.reason as DOMException).name).toBe('TimeoutError');
    const error = attempt.interruption(context);
    expect(error).toBeInstanceOf(VipTimeoutError);
    expect(error).toMatchObject({ timeoutMs: 250.5, operation: 'getUserInfo' });
  });

  it("fires on the caller's abort with the caller's reason and reports a VipAbortError", () => {
    const caller = new AbortController();
    const attempt = new AttemptSignal(10_000, caller.signal);
    caller.abort('stop');
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.signal.reason).toBe('stop');
    const error = attempt.interruption(context);
    expect(error).toBeInstanceOf(VipAbortError);
    expect(error?.cause).toBe('stop');
  });

  it('starts already aborted, without a timer, when the caller signal has fired', () => {
    vi.useFakeTimers();
    const attempt = new AttemptSignal(10_000, AbortSignal.abort('early'));
    expect(attempt.signal.aborted).toBe(true);
    expect(attempt.interruption(context)).toBeInstanceOf(VipAbortError);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('leaves no timer and no listener behind after dispose()', () => {
    vi.useFakeTimers();
    const caller = new AbortController();
    const attempt = new AttemptSignal(10_000, caller.signal);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    attempt.dispose();
    attempt.dispose();
    expect(vi.getTimerCount()).toBe(0);
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(0);
    caller.abort();
    expect(attempt.signal.aborted).toBe(false);
  });

  it('shares one listener among many concurrent attempts on the same caller signal, without a warning', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning');
    const caller = new AbortController();
    const attempts = Array.from({ length: 50 }, () => new AttemptSignal(10_000, caller.signal));
    expect(getEventListeners(caller.signal, 'abort')).toHaveLength(1);
    attempts[0]?.dispose();
    caller.abort('shutdown');
    expect(attempts[0]?.signal.aborted).toBe(false);
    expect(attempts.slice(1).every((attempt) => attempt.signal.reason === 'shutdown')).toBe(true);
    expect(emitWarning).not.toHaveBeenCalled();
    for (const attempt of attempts) attempt.dispose();
  });
});
