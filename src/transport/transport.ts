/**
 * The seam between the client and the network. A transport only moves bytes: the client hands it one finished SOAP
 * request at a time and gets the raw answer back. Everything else (the deadline, cancellation, turning failures into
 * `VipError`s, the response size cap, decoding the text) is the client's, so a custom transport cannot weaken it.
 */

/** One HTTP attempt, fully prepared by the client. */
export interface SoapHttpRequest {
  /** Full service URL, e.g. `https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8`. */
  url: string;
  /** The SOAP envelope (UTF-8 XML). Never log it unredacted: it may contain OTPs and PINs. */
  body: string;
  /** The request headers to send (`content-type`, `soapaction`, `accept`, `user-agent`), names in lower case. */
  headers: Record<string, string>;
  /**
   * Fires when the attempt's deadline passes or the caller aborts. A transport should stop at once; one that does
   * not is abandoned by the client anyway, which fails the attempt on time.
   */
  signal: AbortSignal;
  /**
   * Largest response body the client accepts. A transport should stop reading beyond it; the client checks the
   * returned body again in any case.
   */
  maxResponseBytes: number;
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
 * Moves SOAP requests to VIP and answers back. `send` resolves with the answer whatever its HTTP status, and may
 * reject with anything: the client maps every failure (undici's, fetch's, Node's, a plain `Error`) to a
 * `VipConnectionError`, `VipTimeoutError`, `VipAbortError` or `VipProtocolError`, keeping the original as `cause`.
 */
export interface Transport {
  /** Delivers one attempt and returns the answer, whatever its HTTP status. */
  send(request: SoapHttpRequest): Promise<SoapHttpResponse>;
  /** Releases pooled connections, if the transport holds any. Called by `VipClient.close()`. */
  close?(): Promise<void> | void;
}

/**
 * Marks the SDK's own transports, which stop as soon as `request.signal` fires, so the core need not race them
 * against the signal (a promise and a listener per attempt saved). Not exported from the package.
 */
export const STOPS_ON_SIGNAL: unique symbol = Symbol('vip-user-services.stopsOnSignal');
