/**
 * A transport over a WHATWG `fetch`, so tools that patch `fetch` (nock, msw) can intercept the SDK in a user's tests.
 */
import { VipConfigurationError } from '../errors/request-errors.js';
import { readCappedBody, rejectDeclaredOversize, type BodyOrigin } from './capped-body.js';
import { sendAttempt } from './send-attempt.js';
import { defaultUserAgent, soapRequestHeaders } from './soap-http-headers.js';
import type { SoapHttpRequest, SoapHttpResponse, Transport } from './transport.js';

/** Settings of {@link FetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The `fetch` to call. When omitted, `globalThis.fetch` is looked up on every send (not once), so an interceptor
   * installed after the client was built still sees the traffic.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /**
   * The complete `user-agent` header.
   * @default `vip-user-services node/<process.version>` (see `defaultUserAgent`)
   */
  userAgent?: string | undefined;
}

/**
 * Sends SOAP requests through `fetch`, with the same headers, deadline, abort handling, streaming size cap and error
 * mapping as `UndiciTransport`.
 *
 * Client certificates do not apply on this path: `fetch` has no standard way to present one, so this transport
 * cannot talk to the real VIP service. It exists so nock, msw or a hand-written fake `fetch` can stand in for VIP.
 */
export class FetchTransport implements Transport {
  readonly #fetch: typeof globalThis.fetch | undefined;
  readonly #headers: Record<string, string>;
  #closed = false;

  constructor(options: FetchTransportOptions = {}) {
    this.#fetch = options.fetch;
    this.#headers = soapRequestHeaders(options.userAgent ?? defaultUserAgent());
  }

  /**
   * POSTs one SOAP envelope and returns the answer, whatever its HTTP status. Redirects are not followed (a
   * redirected POST would silently become a GET); the 3xx response is returned instead.
   * @throws `VipConnectionError` no response (including nock's `NetConnectNotAllowedError`); `VipTimeoutError`
   * deadline passed; `VipAbortError` the caller's signal fired; `VipProtocolError` body over `maxResponseBytes`;
   * `VipConfigurationError` bad URL or limits, no `fetch` available, or the transport is closed.
   */
  async send(soapRequest: SoapHttpRequest): Promise<SoapHttpResponse> {
    if (this.#closed) throw new VipConfigurationError('The transport has been closed; create a new client');
    const fetchFunction = this.#fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function') throw new VipConfigurationError('No fetch function is available');
    return sendAttempt(soapRequest, async (url, signal) => {
      const response = await fetchFunction(url, {
        method: 'POST',
        headers: this.#headers,
        body: soapRequest.body,
        signal,
        redirect: 'manual',
      });
      const origin: BodyOrigin = { status: response.status, maxBytes: soapRequest.maxResponseBytes, context: soapRequest.context };
      try {
        rejectDeclaredOversize(response.headers.get('content-length') ?? undefined, origin);
      } catch (error) {
        await response.body?.cancel().catch(() => undefined);
        throw error;
      }
      const body = response.body === null ? new Uint8Array(0) : await readCappedBody(streamChunks(response.body), origin);
      return { status: response.status, headers: Object.fromEntries(response.headers), body };
    });
  }

  /** Marks the transport closed; later sends fail. `fetch` owns its connections, so there is nothing to release. */
  async close(): Promise<void> {
    this.#closed = true;
  }
}

/**
 * Reads a web stream chunk by chunk. When the consumer stops early (the size cap), the `finally` cancels the stream,
 * which tells fetch to stop downloading.
 */
async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  let finished = false;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) {
        finished = true;
        return;
      }
      yield value;
    }
  } finally {
    if (!finished) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}
