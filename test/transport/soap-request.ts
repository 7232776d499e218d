/**
 * Builds the attempts the transport tests send, and sends them the way the client does: through the core's attempt
 * frame (deadline, abort, size cap, error mapping) around the transport, which only moves bytes.
 */
import { expect } from 'vitest';
import { type AttemptRequest, sendAttempt } from '../../src/core/attempt.js';
import { VipConnectionError } from '../../src/errors/request-errors.js';
import { soapRequestHeaders } from '../../src/transport/soap-http-headers.js';
import type { SoapHttpResponse, Transport } from '../../src/transport/transport.js';

/** A small envelope with a non-ASCII character, so byte counts and character counts differ. */
export const SAMPLE_ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:vip="https://schemas.symantec.com/vip/2011/04/vipuserservices"><soapenv:Header/><soapenv:Body>' +
  '<vip:GetUserInfoRequest><vip:requestId>req_0001</vip:requestId><vip:userId>zoë@example.com</vip:userId>' +
  '</vip:GetUserInfoRequest></soapenv:Body></soapenv:Envelope>';

/** The user agent the attempts carry, as the client would send it. */
export const TEST_USER_AGENT = 'vip-user-services/9.9.9 node/test';

/** An attempt to `url`, with test defaults: the sample envelope, a 5 s deadline, a 1 MiB cap. */
export function soapRequest(url: string, overrides: Partial<Omit<AttemptRequest, 'url'>> = {}): AttemptRequest {
  return {
    url: new URL(url),
    body: SAMPLE_ENVELOPE,
    headers: soapRequestHeaders(TEST_USER_AGENT),
    timeoutMs: 5_000,
    maxResponseBytes: 1024 * 1024,
    context: { operation: 'getUserInfo', requestId: 'req_0001', attempts: 1 },
    ...overrides,
  };
}

/** Sends a sample attempt to `url` that must fail with a `VipConnectionError`, and returns that error. */
export async function connectionFailure(transport: Transport, url: string): Promise<VipConnectionError> {
  const error = await send(transport, soapRequest(url)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VipConnectionError);
  return error as VipConnectionError;
}

/** Sends `request` through `transport` exactly as the client does. */
export function send(transport: Transport, request: AttemptRequest): Promise<SoapHttpResponse> {
  return sendAttempt(transport, request);
}

/** A transport's answer with its body as text and only the headers a test names, for exact comparisons. */
export function answerOf(response: SoapHttpResponse, headerNames: readonly string[] = ['content-type']) {
  const headers: Record<string, string> = {};
  for (const name of headerNames) {
    const value = response.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return { status: response.status, headers, body: textOf(response) };
}

/** The body of a transport's answer as UTF-8 text. */
export function textOf(response: SoapHttpResponse): string {
  return typeof response.body === 'string' ? response.body : Buffer.from(response.body).toString('utf8');
}
