/**
 * One HTTP attempt, framed by the client core: the attempt's deadline joined with the caller's signal, the call to
 * the transport (which only moves bytes), the size cap, and the mapping of whatever fails to a `VipError`. Every
 * transport, the SDK's own and any custom one, gets exactly this frame, so none can escape the deadline or throw
 * something that is not a `VipError`.
 */
import { attachCallContext, type CallContext, VipCallError, VipProtocolError } from '../errors/request-errors.js';
import { VipError } from '../errors/vip-error.js';
import { toConnectionError } from '../transport/connection-errors.js';
import { toFramingError } from '../transport/http-framing-errors.js';
import { type SoapHttpResponse, STOPS_ON_SIGNAL, type Transport } from '../transport/transport.js';
import { AttemptSignal } from './attempt-signal.js';

/** What the client sends in one attempt, and its limits. */
export interface AttemptRequest {
  url: URL;
  body: string;
  headers: Record<string, string>;
  /** The attempt's deadline, in milliseconds (1 to 2^31-1, checked with the options). */
  timeoutMs: number;
  /** The caller's signal, if any. */
  signal?: AbortSignal | undefined;
  maxResponseBytes: number;
  /** Operation, requestId and attempt number, put on every error. */
  context: CallContext;
}

/**
 * Runs one attempt through `transport` and returns its answer, or throws the `VipError` that explains the failure.
 * A transport that ignores the signal is not waited for: the attempt fails when the deadline passes or the caller
 * aborts, and whatever the transport does later is ignored.
 */
export async function sendAttempt(transport: Transport, request: AttemptRequest): Promise<SoapHttpResponse> {
  const { url, context } = request;
  const attempt = new AttemptSignal(request.timeoutMs, request.signal);
  try {
    const early = attempt.interruption(context);
    if (early !== undefined) throw early;
    const sending = transport.send({
      url: url.href,
      body: request.body,
      headers: request.headers,
      signal: attempt.signal,
      maxResponseBytes: request.maxResponseBytes,
    });
    const stopsOnSignal = (transport as { [STOPS_ON_SIGNAL]?: true })[STOPS_ON_SIGNAL] === true;
    const response = await (stopsOnSignal ? sending : Promise.race([sending, rejectOnAbort(attempt.signal, sending)]));
    return checkResponse(response, request);
  } catch (error) {
    throw toAttemptFailure(error, attempt, url, context);
  } finally {
    attempt.dispose();
  }
}

/**
 * Rejects when `signal` fires, so a transport that ignores it cannot hold the call past its deadline. The abandoned
 * `sending` promise gets a handler, so its later failure is not reported as unhandled.
 */
function rejectOnAbort(signal: AbortSignal, sending: Promise<unknown>): Promise<never> {
  return new Promise((_resolve, reject) => {
    const onAbort = (): void => {
      sending.catch(() => undefined);
      reject(signal.reason);
    };
    // The attempt's own signal: it fired before send() only if send() itself fired it, and it is dropped after the
    // attempt, so neither the early check nor the listener's removal can be seen from outside (equivalent mutants).
    // Stryker disable next-line ConditionalExpression: see above
    if (signal.aborted) onAbort();
    else {
      // Stryker disable next-line ObjectLiteral,BooleanLiteral: see above
      signal.addEventListener('abort', onAbort, { once: true });
      sending.then(
        () => signal.removeEventListener('abort', onAbort),
        // Stryker disable next-line StringLiteral: see above
        () => signal.removeEventListener('abort', onAbort),
      );
    }
  });
}

/** A custom transport's answer is checked like any other input: its shape, and the size cap. */
function checkResponse(response: unknown, request: AttemptRequest): SoapHttpResponse {
  const { status, headers, body } = (typeof response === 'object' && response !== null ? response : {}) as Partial<SoapHttpResponse>;
  // Stryker disable next-line ConditionalExpression: Number.isInteger refuses every non-number on its own
  if (typeof status !== 'number' || !Number.isInteger(status) || (typeof body !== 'string' && !(body instanceof Uint8Array))) {
    throw new VipProtocolError('The transport returned something that is not a response ({ status, headers, body })');
  }
  // Stryker disable next-line StringLiteral: Buffer.byteLength counts UTF-8 when no encoding is named
  const size = typeof body === 'string' ? Buffer.byteLength(body, 'utf8') : body.byteLength;
  if (size > request.maxResponseBytes) {
    throw new VipProtocolError(`The response exceeds ${request.maxResponseBytes} bytes (maxResponseBytes)`, { httpStatus: status });
  }
  return { status, headers: typeof headers === 'object' && headers !== null ? headers : {}, body };
}

/**
 * Maps whatever an attempt threw: the SDK's own errors keep their meaning and get the call's context; anything
 * thrown after the deadline or the caller's abort fired is that timeout or abort (undici and fetch report both as
 * generic abort errors); an answer that is not valid HTTP is a protocol error; the rest is a network or TLS failure.
 */
function toAttemptFailure(error: unknown, attempt: AttemptSignal, url: URL, context: CallContext): VipError {
  if (error instanceof VipError) {
    if (error instanceof VipCallError) attachCallContext(error, context);
    return error;
  }
  return attempt.interruption(context) ?? toFramingError(error, url, context) ?? toConnectionError(error, url, context);
}
