/**
 * The SOAP 1.1 Faults the mock answers with when a request never reaches an operation: an unknown path or
 * operation, an operation posted to another service, a body that is not a SOAP envelope, or a failure of the mock
 * itself. VIP declares no faults for its operations, so none of its documented statuses fits these; a Fault is what
 * a SOAP 1.1 server sends for a message it cannot process.
 */
import type { ServerResponse } from 'node:http';
import { escapeXmlText } from '../xml/xml-text.js';

/** The SOAP 1.1 envelope namespace. */
export const SOAP_11_NAMESPACE = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A Fault to send: its SOAP 1.1 fault code (without prefix), a text for people, and the HTTP details. */
export interface SoapFault {
  /** `Client`: the request is wrong; `Server`: the mock failed; `VersionMismatch`: not a SOAP 1.1 envelope. */
  code: 'Client' | 'Server' | 'VersionMismatch';
  /** The faultstring: what went wrong and what to send instead. */
  text: string;
  /**
   * HTTP status. SOAP 1.1 over HTTP sends every Fault with 500; only a wrong HTTP method gets its own status.
   * @default 500
   */
  httpStatus?: number;
  /** Extra response headers, e.g. `allow` with a 405. */
  headers?: Readonly<Record<string, string>>;
}

/**
 * Quotes a value taken from the request (a path, an element name) for a fault text: cut to a readable length and
 * JSON-quoted, which also turns characters XML cannot carry into escapes.
 */
export function quoted(value: string, maxLength = 120): string {
  return JSON.stringify(value.length > maxLength ? `${value.slice(0, maxLength)}...` : value);
}

/** The Fault as a SOAP 1.1 envelope. */
export function faultEnvelope(fault: SoapFault): string {
  // quoted() keeps request-supplied text printable, so the escape cannot fail; the fallback only guards that promise.
  const text = escapeXmlText(fault.text) ?? 'The request cannot be processed.';
  return (
    `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_11_NAMESPACE}"><soap:Body><soap:Fault>` +
    `<faultcode>soap:${fault.code}</faultcode><faultstring>${text}</faultstring></soap:Fault></soap:Body></soap:Envelope>`
  );
}

/**
 * Sends `fault` as the whole answer. When an answer has already begun (which only a bug in the mock can cause),
 * the connection is cut instead, so the client sees a failure rather than a half-written response.
 */
export function sendSoapFault(response: ServerResponse, fault: SoapFault): void {
  if (response.headersSent) {
    response.destroy();
    return;
  }
  const body = faultEnvelope(fault);
  response.writeHead(fault.httpStatus ?? 500, {
    ...fault.headers,
    'content-type': 'text/xml; charset=utf-8',
    'content-length': Buffer.byteLength(body),
  });
  response.end(body);
}
