/** Sanity checks on a `SoapHttpRequest` shared by the transports, done before anything touches the network. */
import { VipConfigurationError } from '../errors/request-errors.js';
import type { SoapHttpRequest } from './transport.js';

const MAX_TIMER_MS = 2_147_483_647;

/**
 * Validates the URL, deadline and size cap of a request.
 * @returns The parsed URL.
 * @throws {VipConfigurationError} when the URL is not an absolute `http:`/`https:` URL, or `timeoutMs` is not
 * in (0, 2^31-1] or `maxResponseBytes` is not a positive finite number.
 */
export function checkSoapRequest(request: SoapHttpRequest): URL {
  let url: URL;
  try {
    url = new URL(request.url);
  } catch {
    throw new VipConfigurationError('The service URL is not a valid absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VipConfigurationError(`The service URL must use https: (or http: for a local mock), not ${url.protocol}`);
  }
  // Both values feed timers and counters that misbehave silently on NaN, zero or Infinity; Node turns timer
  // delays above 2^31-1 ms into 1 ms.
  if (!isPositiveFinite(request.timeoutMs) || request.timeoutMs > MAX_TIMER_MS) {
    throw new VipConfigurationError(
      `timeoutMs must be a positive number of milliseconds up to ${MAX_TIMER_MS}, got ${String(request.timeoutMs)}`,
    );
  }
  if (!isPositiveFinite(request.maxResponseBytes)) {
    throw new VipConfigurationError(`maxResponseBytes must be a positive number, got ${String(request.maxResponseBytes)}`);
  }
  return url;
}

function isPositiveFinite(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0;
}
