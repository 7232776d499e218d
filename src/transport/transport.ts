/**
 * The seam between the client and the network. The client hands a transport one finished SOAP envelope at a time;
 * the transport delivers it and returns the raw answer, or throws a transport-level `VipError`.
 */
import type { CallContext } from '../errors/request-errors.js';

/** One HTTP attempt, fully prepared by the client. */
export interface SoapHttpRequest {
  /** Full service URL, e.g. `https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8`. */
  url: string;
  /** The SOAP envelope (UTF-8 XML). Never log it unredacted: it may contain OTPs and PINs. */
  body: string;
  /** Deadline for this attempt, in milliseconds (connect + send + full response body). */
  timeoutMs: number;
  /** Caller's cancellation signal, if any. */
  signal?: AbortSignal | undefined;
  /** Largest response body accepted; larger bodies fail while streaming with `VipProtocolError`. */
  maxResponseBytes: number;
  /** Operation, requestId and attempt number, used in the errors the transport throws. */
  context: CallContext;
}

/** What came back from one attempt. Any HTTP status is returned; interpreting it is the client's job. */
export interface SoapHttpResponse {
  /** The HTTP status code. */
  status: number;
  /**
   * The response headers, names in lower case, repeated headers joined with `, `. The client reads
   * `content-type` (its `charset`) from here.
   */
  headers: Record<string, string>;
  /**
   * The body as received (after any `content-encoding` was undone). Bytes are decoded by the client, which
   * checks the declared charset; a string is taken as already-decoded text.
   */
  body: Uint8Array | string;
}

/**
 * Sends SOAP requests. Implementations throw `VipConnectionError` (no response: DNS, refused, reset, TLS, proxy),
 * `VipTimeoutError` (deadline passed), `VipAbortError` (caller's signal fired) and `VipProtocolError`
 * (response larger than `maxResponseBytes`, not valid HTTP, or in a content coding that cannot be undone); they never
 * throw for an HTTP status.
 */
export interface Transport {
  /** Delivers one attempt and returns the answer, whatever its HTTP status. */
  send(request: SoapHttpRequest): Promise<SoapHttpResponse>;
  /** Releases pooled connections. Further sends fail. */
  close(): Promise<void>;
}
