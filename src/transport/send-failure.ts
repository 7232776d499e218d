/** Decides which `VipError` a failed send becomes. */
import type { CallContext } from '../errors/request-errors.js';
import { VipError } from '../errors/vip-error.js';
import type { AttemptSignal } from './attempt-signal.js';
import { toConnectionError } from './connection-errors.js';

/**
 * Maps whatever a send threw: errors of our own pass through unchanged; anything thrown after the deadline or the
 * caller's abort fired is that timeout or abort (undici and fetch report both as generic abort errors); the rest is
 * a network or TLS failure.
 * @param error What the HTTP call or the body reader threw.
 * @param attempt The attempt's signal, to tell a deadline from a caller abort.
 * @param url The service URL, for messages.
 * @param context The call, copied onto the error.
 */
export function toSendFailure(error: unknown, attempt: AttemptSignal, url: URL, context: CallContext): VipError {
  if (error instanceof VipError) return error;
  return attempt.interruption(context) ?? toConnectionError(error, url, context);
}
