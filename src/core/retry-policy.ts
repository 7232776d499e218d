/**
 * The retry policy: which failed attempts are sent again, how long to wait between attempts, and an abortable wait.
 * Pure functions only; the retry loop itself lives in the client, which knows whether an operation is idempotent.
 */
import { type CallContext, VipAbortError, VipConfigurationError, VipConnectionError } from '../errors/request-errors.js';
import { VipError } from '../errors/vip-error.js';
import { watchAbort } from './abort-watchers.js';

/** How often and how patiently a failed call is sent again. */
export interface RetryOptions {
  /**
   * Attempts in total, the first one included; `1` turns retries off.
   * @default 3
   */
  maxAttempts?: number | undefined;
  /**
   * Upper bound of the first wait, in milliseconds; doubles with every further attempt.
   * @default 200
   */
  baseDelayMs?: number | undefined;
  /**
   * Cap on any single wait, in milliseconds.
   * @default 2000
   */
  maxDelayMs?: number | undefined;
}

/** {@link RetryOptions} with every default filled in and validated. */
export type ResolvedRetryOptions = { [K in keyof RetryOptions]-?: number };

const RETRY_DEFAULTS: ResolvedRetryOptions = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };

/**
 * Fills in the defaults and checks the values.
 * @throws {VipConfigurationError} when `maxAttempts` is not an integer of at least 1, a delay is negative or not a
 * finite number, or `maxDelayMs` is smaller than `baseDelayMs`.
 */
export function resolveRetryOptions(options: RetryOptions = {}): ResolvedRetryOptions {
  const resolved: ResolvedRetryOptions = {
    maxAttempts: options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts,
    baseDelayMs: options.baseDelayMs ?? RETRY_DEFAULTS.baseDelayMs,
    maxDelayMs: options.maxDelayMs ?? RETRY_DEFAULTS.maxDelayMs,
  };
  if (!Number.isInteger(resolved.maxAttempts) || resolved.maxAttempts < 1) {
    throw new VipConfigurationError(`retry.maxAttempts must be an integer of at least 1, got ${String(resolved.maxAttempts)}`);
  }
  for (const name of ['baseDelayMs', 'maxDelayMs'] as const) {
    const value = resolved[name];
    if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
      throw new VipConfigurationError(`retry.${name} must be a finite number of milliseconds >= 0, got ${String(value)}`);
    }
  }
  if (resolved.maxDelayMs < resolved.baseDelayMs) {
    throw new VipConfigurationError(
      `retry.maxDelayMs (${resolved.maxDelayMs}) must not be smaller than retry.baseDelayMs (${resolved.baseDelayMs})`,
    );
  }
  return resolved;
}

/**
 * The wait before the next attempt, in whole milliseconds: exponential backoff with "full jitter", i.e. a uniform
 * random value in `[0, min(maxDelayMs, baseDelayMs * 2^(attempt-1)))`. Full jitter spreads clients that failed
 * together (a VIP hiccup hits every instance at once) instead of letting them retry in lockstep.
 * @param attempt The attempt that just failed, starting at 1.
 * @param options Resolved retry options (see {@link resolveRetryOptions}).
 * @param random Source of randomness in `[0, 1)`; injectable for tests.
 */
export function backoffDelay(attempt: number, options: ResolvedRetryOptions, random: () => number = Math.random): number {
  const exponent = Math.max(0, attempt - 1);
  // Math.min before multiplying keeps huge attempt numbers from overflowing to Infinity.
  const ceiling = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** Math.min(exponent, 52));
  return Math.floor(ceiling * random());
}

/**
 * Decides whether the SDK sends a failed attempt again. Transience is the error's own `retryable` (one classifier
 * for the whole SDK); the operation decides whether repeating it is harmless:
 * - a failure where the request certainly never reached the server (`requestNotSent`) is repeated for any operation;
 * - any other transient failure only for idempotent operations (reads), since the first attempt may have been
 *   executed: an OTP checked, a push sent, a user created.
 * @param error What the attempt threw.
 * @param idempotent Whether running the operation twice is harmless.
 */
export function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (!(error instanceof VipError) || !error.retryable) return false;
  return idempotent || (error instanceof VipConnectionError && error.requestNotSent);
}

/**
 * Waits `ms` milliseconds, or less when `signal` fires.
 * @param ms Milliseconds to wait.
 * @param signal The caller's cancellation signal, if any.
 * @param context The call being retried, copied onto the abort error.
 * @throws {VipAbortError} as soon as `signal` aborts (immediately if it already has), with the signal's reason as
 * `cause`.
 */
export function sleep(ms: number, signal?: AbortSignal, context: CallContext = {}): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortedWhileWaiting(signal, context));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      stopWatching();
      resolve();
    }, ms);
    const stopWatching =
      signal === undefined
        ? () => undefined
        : watchAbort(signal, () => {
            clearTimeout(timer);
            reject(abortedWhileWaiting(signal, context));
          });
  });
}

function abortedWhileWaiting(signal: AbortSignal, context: CallContext): VipAbortError {
  return new VipAbortError('The call was aborted while waiting to retry', { ...context, cause: signal.reason });
}
