/** Checks the options of startMockServer and fills in the defaults. */
import type { MockServerOptions, MockTlsOptions, PushOutcome } from './types.js';

const PUSH_OUTCOMES: ReadonlySet<string> = new Set<PushOutcome>(['approve', 'deny', 'expire', 'never']);

/** {@link MockServerOptions} with every default applied. */
export interface ResolvedMockOptions {
  port: number;
  host: string;
  tls: false | true | MockTlsOptions;
  pushOutcome: PushOutcome;
  pendingPolls: number;
  numberChallenge: boolean;
  seed: boolean;
  lockoutThreshold: number;
  now: () => number;
}

/**
 * Checks a push outcome.
 * @throws {TypeError} for anything but approve, deny, expire or never.
 */
export function checkPushOutcome(outcome: unknown): PushOutcome {
  if (typeof outcome !== 'string' || !PUSH_OUTCOMES.has(outcome)) {
    throw new TypeError(`push outcome must be one of ${[...PUSH_OUTCOMES].join(', ')}, got ${JSON.stringify(outcome)}`);
  }
  return outcome as PushOutcome;
}

/**
 * Checks the number-challenge switch.
 * @throws {TypeError} unless it is true or false.
 */
export function checkNumberChallenge(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new TypeError(`numberChallenge must be true or false, got ${String(value)}`);
  return value;
}

/**
 * Checks a count of pending polls.
 * @throws {TypeError} unless it is a whole number >= 0.
 */
export function checkPendingPolls(value: unknown): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw new TypeError(`pendingPolls must be a whole number >= 0, got ${String(value)}`);
  }
  return value;
}

function checkTls(tls: MockServerOptions['tls']): ResolvedMockOptions['tls'] {
  if (tls === undefined || tls === false) return false;
  if (tls === true) return true;
  if (typeof tls !== 'object' || tls === null || tls.ca === undefined || tls.cert === undefined || tls.key === undefined) {
    throw new TypeError('tls must be true, false, or { ca, cert, key } with PEM strings or Buffers');
  }
  return tls;
}

/**
 * Validates `options` and applies the defaults.
 * @throws {TypeError} for a port outside 0-65535, an empty host, a lockoutThreshold below 1, a `now` that is not
 * a function, a bad push setting (`numberChallenge` included), or malformed `tls`.
 */
export function resolveMockOptions(options: MockServerOptions): ResolvedMockOptions {
  const port = options.port ?? 0;
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new TypeError(`port must be a whole number from 0 to 65535, got ${String(port)}`);
  const host = options.host ?? '127.0.0.1';
  if (typeof host !== 'string' || host === '') throw new TypeError('host must be a non-empty string');
  const lockoutThreshold = options.lockoutThreshold ?? 5;
  if (!Number.isInteger(lockoutThreshold) || lockoutThreshold < 1) {
    throw new TypeError(`lockoutThreshold must be a whole number of at least 1, got ${String(lockoutThreshold)}`);
  }
  const now = options.now ?? Date.now;
  if (typeof now !== 'function') throw new TypeError('now must be a function returning epoch milliseconds');
  return {
    port,
    host,
    tls: checkTls(options.tls),
    pushOutcome: checkPushOutcome(options.push?.outcome ?? 'approve'),
    pendingPolls: checkPendingPolls(options.push?.pendingPolls ?? 1),
    numberChallenge: checkNumberChallenge(options.push?.numberChallenge ?? false),
    seed: options.seed === true,
    lockoutThreshold,
    now,
  };
}
