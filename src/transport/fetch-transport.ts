/**
 * A transport over a WHATWG `fetch`, so tools that patch `fetch` (nock, msw) can intercept the SDK in a user's tests.
 */
import { Readable } from 'node:stream';
import { VipConfigurationError } from '../errors/request-errors.js';
import { type BodyOrigin, readCappedBody, rejectDeclaredOversize } from './capped-body.js';
import { type ContentCoding, contentCodings } from './content-encoding.js';
import { decodeBody, toDecodingFailure } from './decoded-body.js';
import type { SoapHttpRequest, SoapHttpResponse, Transport } from './transport.js';

/** Settings of {@link FetchTransport}. */
export interface FetchTransportOptions {
  /**
   * The `fetch` to call. When omitted, `globalThis.fetch` is looked up on every send (not once), so an interceptor
   * installed after the client was built still sees the traffic.
   */
  fetch?: typeof globalThis.fetch | undefined;
}

/**
 * Sends SOAP requests through `fetch`, with the same headers, deadline, abort handling, streaming size cap and error
 * mapping as `UndiciTransport`. fetch undoes gzip, deflate and br itself; this transport refuses the codings it cannot
 * decode and reports corrupt bodies exactly as `UndiciTransport` does. (fetch asks for compression with its own
 * `accept-encoding`; `UndiciTransport` does not.)
 *
 * Client certificates do not apply on this path: `fetch` has no standard way to present one, so this transport
 * cannot talk to the real VIP service. It exists so nock, msw or a hand-written fake `fetch` can stand in for VIP.
 */
export class FetchTransport implements Transport {
  readonly #fetch: typeof globalThis.fetch | undefined;
  #closed = false;

  constructor(options: FetchTransportOptions = {}) {
    this.#fetch = options.fetch;
  }

  /**
   * POSTs one SOAP envelope and returns the answer, whatever its HTTP status. Redirects are not followed (a
   * redirected POST would silently become a GET); the 3xx response is returned instead.
   * @throws what `fetch` reports (mapped by the client, nock's `NetConnectNotAllowedError` included);
   * `VipProtocolError` for a (decoded) body over `maxResponseBytes`, a content coding it cannot decode or a corrupt
   * encoded body; `VipConfigurationError` when no `fetch` is available or the transport is closed.
   */
  async send(soapRequest: SoapHttpRequest): Promise<SoapHttpResponse> {
    if (this.#closed) throw new VipConfigurationError('The transport has been closed; create a new client');
    const fetchFunction = this.#fetch ?? globalThis.fetch;
    if (typeof fetchFunction !== 'function') throw new VipConfigurationError('No fetch function is available');
    const response = await fetchFunction(soapRequest.url, {
      method: 'POST',
      headers: soapRequest.headers,
      body: soapRequest.body,
      signal: soapRequest.signal,
      redirect: 'manual',
    });
    const origin: BodyOrigin = { status: response.status, maxBytes: soapRequest.maxResponseBytes };
    const encoding = response.headers.get('content-encoding') ?? undefined;
    let codings: ContentCoding[];
    try {
      rejectDeclaredOversize(response.headers.get('content-length') ?? undefined, origin);
      codings = contentCodings(encoding, origin);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
    const body =
      response.body === null
        ? new Uint8Array(0)
        : await readBody(response.body, fetchLeftEncoded(encoding) ? codings : [], codings, origin);
    return { status: response.status, headers: Object.fromEntries(response.headers), body };
  }

  /** Marks the transport closed; later sends fail. `fetch` owns its connections, so there is nothing to release. */
  async close(): Promise<void> {
    this.#closed = true;
  }
}

/**
 * Reads the body, undoing `toUndo` (the codings fetch left in place). Decoding failures, whether ours or fetch's, are
 * reported alike.
 * @param codings All codings of the response, for messages.
 */
async function readBody(
  stream: ReadableStream<Uint8Array>,
  toUndo: readonly ContentCoding[],
  codings: readonly ContentCoding[],
  origin: BodyOrigin,
): Promise<Uint8Array> {
  if (toUndo.length > 0) return decodeBody(Readable.from(streamChunks(stream)), toUndo, origin);
  try {
    return await readCappedBody(streamChunks(stream), origin);
  } catch (error) {
    throw toDecodingFailure(error, codings, origin) ?? error;
  }
}

/**
 * Whether fetch handed over the body still encoded. fetch undoes gzip, deflate and br itself, unless one element of
 * the list is a coding it does not decode: then it undoes none of them (undici's lib/web/fetch/index.js, "decoders.length
 * = 0"). `identity` and empty elements count as such; every other unknown coding has been refused before this.
 */
function fetchLeftEncoded(encoding: string | undefined): boolean {
  const names = encoding?.split(',') ?? [];
  return names.some((name) => {
    const coding = name.trim().toLowerCase();
    return coding === '' || coding === 'identity';
  });
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
