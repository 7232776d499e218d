/**
 * One HTTP exchange on undici's low-level `dispatch` API: the body is gathered straight from the socket's chunks,
 * without the Readable stream and promise machinery of `undici.request` (measured: about 40% less CPU per call).
 */
import { Readable } from 'node:stream';
import type { Dispatcher } from 'undici';
import { type BodyOrigin, CappedBody, rejectDeclaredOversize } from './capped-body.js';
import { type ContentCoding, contentCodings } from './content-encoding.js';
import { decodeBody } from './decoded-body.js';
import type { SoapHttpResponse } from './transport.js';

/** What one exchange sends, and its limits. */
export interface Exchange {
  url: URL;
  headers: Record<string, string>;
  body: string;
  /** Aborts the exchange; its reason is what the promise rejects with. */
  signal: AbortSignal;
  maxBytes: number;
}

/** undici's header record with lower-case names; repeated headers joined the way HTTP allows. */
function flatHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) flat[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return flat;
}

/**
 * POSTs `exchange.body` and resolves with the answer, whatever its HTTP status, its content codings undone (see
 * `contentCodings`). Rejects with what undici reports, with the signal's reason on abort, or with `VipProtocolError`
 * when the (decoded) body passes `maxBytes` (the connection is then dropped, so no more of it is read), when it uses
 * a coding the SDK cannot decode, or when it cannot be decoded.
 */
export function exchange(dispatcher: Dispatcher, { url, headers, body, signal, maxBytes }: Exchange): Promise<SoapHttpResponse> {
  return new Promise((resolve, reject) => {
    let controller: Dispatcher.DispatchController | undefined;
    let settled = false;
    let status = 0;
    let received: Record<string, string> = {};
    let collected: CappedBody | undefined;
    // Only for an encoded body: the encoded chunks, fed to the decoders.
    let encoded: Readable | undefined;
    const finish = (error: unknown, response?: SoapHttpResponse) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (response === undefined) {
        encoded?.destroy();
        reject(error);
      } else {
        resolve(response);
      }
    };
    // Settle at once on abort, even while the request still waits for a connection; undici is stopped as soon as
    // it hands over its controller.
    const onAbort = () => {
      controller?.abort(signal.reason);
      finish(signal.reason);
    };
    const stop = (c: Dispatcher.DispatchController, error: unknown) => {
      c.abort(error instanceof Error ? error : new Error(String(error)));
      finish(error);
    };
    // The decoders read at their own pace: undici stops reading the socket while they are behind.
    const startDecoding = (c: Dispatcher.DispatchController, origin: BodyOrigin, codings: readonly ContentCoding[]) => {
      const source = new Readable({ read: () => c.resume() });
      decodeBody(source, codings, origin).then(
        (bytes) => finish(undefined, { status, headers: received, body: bytes }),
        (error: unknown) => stop(c, error),
      );
      return source;
    };
    signal.addEventListener('abort', onAbort, { once: true });

    dispatcher.dispatch(
      {
        origin: url.origin,
        path: `${url.pathname}${url.search}`,
        method: 'POST',
        headers,
        body,
        // The attempt signal is the deadline; undici's coarse timers would only add a second, later one.
        headersTimeout: 0,
        bodyTimeout: 0,
      },
      {
        onRequestStart(c) {
          controller = c;
          if (signal.aborted) c.abort(signal.reason);
        },
        onResponseStart(c, statusCode, responseHeaders) {
          status = statusCode;
          received = flatHeaders(responseHeaders as Record<string, string | string[] | undefined>);
          const origin: BodyOrigin = { status, maxBytes };
          try {
            // The declared length is that of the encoded body; the cap on the decoded bytes is applied as they come.
            rejectDeclaredOversize(received['content-length'], origin);
            const codings = contentCodings(received['content-encoding'], origin);
            if (codings.length === 0) collected = new CappedBody(origin);
            else encoded = startDecoding(c, origin, codings);
          } catch (error) {
            stop(c, error);
          }
        },
        onResponseData(c, chunk) {
          if (encoded !== undefined) {
            if (!encoded.push(chunk)) c.pause();
            return;
          }
          try {
            collected?.add(chunk);
          } catch (error) {
            stop(c, error);
          }
        },
        onResponseEnd() {
          if (encoded !== undefined) encoded.push(null);
          else finish(undefined, { status, headers: received, body: collected?.bytes() ?? new Uint8Array(0) });
        },
        onResponseError(_c, error) {
          finish(error);
        },
      },
    );
  });
}
