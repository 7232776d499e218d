/**
 * The retry policy: which failures may be sent again, how long to wait between attempts, and an abortable wait.
 * Pure functions only; the retry loop itself lives in the client, which knows whether an operation is idempotent.
 */
import {
  type CallContext,
  VipAbortError,
  VipConfigurationError,
  VipConnectionError,
  VipHttpError,
  VipTimeoutError,
} from '../errors/request-errors.js';
import { watchAbort } from './abort-watchers.js';

/** How often and how patiently a failed call is sent again. */
export interface RetryOptions {
  /**
   * Attempts in total, the first one included; `1` turns retries off.
   * @default 3
   */
  maxAttempts?: number;
  /**
   * Upper bound of the first wait, in milliseconds; doubles with every further attempt.
   * @default 200
   */
  baseDelayMs?: number;
  /**
   * Cap on any single wait, in milliseconds.
   * @default 2000
   */
  maxDelayMs?: number;
}

/** {@link RetryOptions} with every default filled in and validated. */
export type ResolvedRetryOptions = Required<RetryOptions>;

const RETRY_DEFAULTS: ResolvedRetryOptions = { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 };

/** HTTP statuses that mean "a gateway or the service is briefly unavailable", not "your request was wrong". */
const TRANSIENT_HTTP_STATUSES = new Set([502, 503, 504]);

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
 * Decides whether a failed attempt may be sent again.
 *
 * - A connection error that certainly never reached the server (`requestNotSent`) is retried for any operation.
 * - For idempotent operations only: any other connection error, a timeout, HTTP 502/503/504, and a VIP status
 *   error marked `retryable` (e.g. 6005, 6029).
 * - Never: the caller's abort, validation, configuration, protocol and SOAP Fault errors, other VIP statuses, and
 *   anything that might already have been executed by a non-idempotent operation (such as checking an OTP).
 * @param error What the attempt threw.
 * @param idempotent Whether running the operation twice is harmless.
 */
export function shouldRetry(error: unknown, idempotent: boolean): boolean {
  if (error instanceof VipAbortError) return false;
  if (error instanceof VipConnectionError) return error.requestNotSent || idempotent;
  if (!idempotent) return false;
  if (error instanceof VipTimeoutError) return true;
  if (error instanceof VipHttpError) return TRANSIENT_HTTP_STATUSES.has(error.httpStatus);
  return isRetryableServiceError(error);
}

// The VIP status error classes are written elsewhere; duck-typing on their `retryable` flag keeps this module free
// of a dependency on them.
function isRetryableServiceError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { retryable?: unknown }).retryable === true;
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
