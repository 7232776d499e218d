/**
 * Bodies of the failures that are not VIP statuses, for rehearsing outages: a SOAP 1.1 Fault (what a SOAP stack
 * sends with HTTP 500 when it cannot process a request) and the HTML error page a proxy or load balancer sends.
 */
import { STATUS_CODES } from 'node:http';
import { escapeForXml } from './xml-escape.js';

/** Options of {@link soapFault}. */
export interface SoapFaultOptions {
  /**
   * The qualified fault code.
   * @default 'S:Server'
   */
  faultCode?: string;
  /** Text of the `detail` element; no `detail` element when omitted. */
  detail?: string;
}

/**
 * A SOAP 1.1 Fault envelope, to send with HTTP status 500. The client turns it into `VipSoapFaultError`.
 * @example `mockVipAgent().intercept('getUserInfo').reply(500, soapFault('Internal Error'))`
 * @throws {TypeError} when a text holds a character XML 1.0 cannot carry.
 */
export function soapFault(faultString = 'Internal Error', options: SoapFaultOptions = {}): string {
  const detail = options.detail === undefined ? '' : `<detail>${escapeForXml(options.detail, 'detail')}</detail>`;
  return (
    `<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault>` +
    `<faultcode>${escapeForXml(options.faultCode ?? 'S:Server', 'faultCode')}</faultcode><faultstring>${escapeForXml(faultString, 'faultString')}</faultstring>${detail}` +
    '</S:Fault></S:Body></S:Envelope>'
  );
}

/**
 * The HTML page an HTTP intermediary answers with for `status` (e.g. 502 Bad Gateway, 503 Service Unavailable).
 * Send it with the same status; the client turns it into `VipHttpError`, and retries it for reads when the status
 * is 502, 503 or 504.
 * @throws {RangeError} when `status` is not an HTTP status code (100-599).
 */
export function httpError(status = 502): string {
  if (!Number.isInteger(status) || status < 100 || status > 599) throw new RangeError(`${String(status)} is not an HTTP status code`);
  const title = `${status} ${STATUS_CODES[status] ?? 'Error'}`;
  return `<!DOCTYPE html><html><head><title>${title}</title></head><body><h1>${title}</h1><p>The server could not complete the request.</p></body></html>`;
}
