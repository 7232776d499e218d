/** The frame every transport's send runs in: the URL check, the attempt's deadline and signal, error mapping. */
import type { CallContext } from '../errors/request-errors.js';
import { VipError } from '../errors/vip-error.js';
import { AttemptSignal } from './attempt-signal.js';
import { toConnectionError } from './connection-errors.js';
import { toFramingError } from './http-framing-errors.js';
import { checkSoapRequest } from './request-checks.js';
import type { SoapHttpRequest, SoapHttpResponse } from './transport.js';

/**
 * Runs one attempt: checks the request, starts its deadline (joined with the caller's signal), calls `send` with
 * the URL and the attempt's signal, and turns whatever fails into the right `VipError` (see {@link toSendFailure}).
 */
export async function sendAttempt(
  request: SoapHttpRequest,
  send: (url: URL, signal: AbortSignal) => Promise<SoapHttpResponse>,
): Promise<SoapHttpResponse> {
  const url = checkSoapRequest(request);
  const attempt = new AttemptSignal(request.timeoutMs, request.signal);
  try {
    const early = attempt.interruption(request.context);
    if (early !== undefined) throw early;
    return await send(url, attempt.signal);
  } catch (error) {
    throw toSendFailure(error, attempt, url, request.context);
  } finally {
    attempt.dispose();
  }
}

/**
 * Maps whatever a send threw: errors of our own pass through unchanged; anything thrown after the deadline or the
 * caller's abort fired is that timeout or abort (undici and fetch report both as generic abort errors); an answer
 * that is not valid HTTP is a protocol error; the rest is a network or TLS failure.
 * @param error What the HTTP call or the body reader threw.
 * @param attempt The attempt's signal, to tell a deadline from a caller abort.
 * @param url The service URL, for messages.
 * @param context The call, copied onto the error.
 */
function toSendFailure(error: unknown, attempt: AttemptSignal, url: URL, context: CallContext): VipError {
  if (error instanceof VipError) return error;
  return attempt.interruption(context) ?? toFramingError(error, url, context) ?? toConnectionError(error, url, context);
}
