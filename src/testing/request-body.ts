/**
 * Reads the little a canned answer needs from a SOAP request body: which operation it calls and its `requestId`.
 * Prefix-agnostic, like VIP itself: `<vip:requestId>` and `<requestId>` are the same element.
 */
import type { OperationName } from '../generated/operations.js';
import { operationForRequestElement } from './operation-lookup.js';

// The first element whose name ends in `Request` is the body's child: the envelope and body come before it.
const REQUEST_ELEMENT = /<(?:[A-Za-z_][\w.-]*:)?([A-Za-z]+Request)[\s/>]/;
const REQUEST_ID = /<(?:[A-Za-z_][\w.-]*:)?requestId>([^<]*)<\//;

/**
 * The request body as text, from whatever an interceptor hands over: a string (nock, MockAgent) or bytes (a
 * Buffer or Uint8Array); anything else counts as no body.
 */
export function requestBodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (body instanceof Uint8Array) return new TextDecoder().decode(body);
  return '';
}

/** The operation a SOAP request body calls (from its request element), or `undefined` when none is recognised. */
export function operationOfRequest(body: string): OperationName | undefined {
  const element = REQUEST_ELEMENT.exec(body)?.[1];
  return element === undefined ? undefined : operationForRequestElement(element);
}

/** The `requestId` a SOAP request body carries, or `undefined` when it has none. */
export function requestIdOfRequest(body: string): string | undefined {
  return REQUEST_ID.exec(body)?.[1];
}
