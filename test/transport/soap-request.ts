/** Builds the `SoapHttpRequest`s the transport tests send. */
import type { SoapHttpRequest } from '../../src/transport/transport.js';

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
