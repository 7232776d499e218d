/** Builds the `SoapHttpRequest`s the transport tests send. */
import type { SoapHttpRequest, SoapHttpResponse } from '../../src/transport/transport.js';

/** A small envelope with a non-ASCII character, so byte counts and character counts differ. */
export const SAMPLE_ENVELOPE =
  '<?xml version="1.0" encoding="UTF-8"?>' +
  '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" ' +
  'xmlns:vip="https://schemas.symantec.com/vip/2011/04/vipuserservices"><soapenv:Header/><soapenv:Body>' +
  '<vip:GetUserInfoRequest><vip:requestId>req_0001</vip:requestId><vip:userId>zoë@example.com</vip:userId>' +
  '</vip:GetUserInfoRequest></soapenv:Body></soapenv:Envelope>';

export function soapRequest(url: string, overrides: Partial<SoapHttpRequest> = {}): SoapHttpRequest {
  return {
    url,
    body: SAMPLE_ENVELOPE,
    timeoutMs: 5_000,
    maxResponseBytes: 1024 * 1024,
    context: { operation: 'getUserInfo', requestId: 'req_0001', attempts: 1 },
    ...overrides,
  };
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
