/**
 * Canned SOAP messages for tests, written out by hand rather than derived from src/ so that a test compares the
 * client against an independent statement of the wire format:
 * - the exact request envelope the client sends (`soapenv:` envelope, `vip:` prefix on every element);
 * - VIP-style responses as seen from the real service: `S:` envelope prefix, no Header, the schema namespace as the
 *   default namespace of the response element and unprefixed children;
 * - SOAP 1.1 Faults.
 */

/** Namespace of every VIP User Services request and response element. */
export const VIP_NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

/** Namespace of SOAP 1.1 envelopes. */
export const SOAP_ENV_NS = 'http://schemas.xmlsoap.org/soap/envelope/';

/**
 * Removes the line breaks and the indentation between tags, so fixtures can be written one element per line. Text
 * inside elements is left alone (only whitespace that starts with a line break and sits between `>` and `<` goes).
 */
export function compactXml(xml: string): string {
  return xml.replace(/>\s*\n\s*</g, '><').trim();
}

/** The complete envelope the client must send around one request element (given with its `vip:` prefix). */
export function requestEnvelope(requestElementXml: string): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>' +
    `<soapenv:Envelope xmlns:soapenv="${SOAP_ENV_NS}" xmlns:vip="${VIP_NS}">` +
    `<soapenv:Body>${compactXml(requestElementXml)}</soapenv:Body>` +
    '</soapenv:Envelope>'
  );
}

/** A VIP-style SOAP envelope around `bodyXml`: single-quoted XML declaration, `S:` prefix, no Header. */
export function soapEnvelope(bodyXml: string): string {
  return `<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body>${bodyXml}</S:Body></S:Envelope>`;
}

/** The status part of a response; success (`0000`, `Success`) when omitted. */
export interface ResponseStatus {
  status?: string;
  statusMessage?: string;
  detail?: string;
  detailMessage?: string;
}

/**
 * A complete VIP-style response: `<element xmlns="VIP_NS">` with the base fields (`requestId`, `status`,
 * `statusMessage`, then `detail`/`detailMessage` when given) followed by `fieldsXml`, inside `soapEnvelope`.
 * @param element Response element name, e.g. `GetUserInfoResponse`.
 * @param requestId The request ID to echo; `undefined` leaves the element out.
 */
export function vipResponse(element: string, requestId: string | undefined, fieldsXml = '', status: ResponseStatus = {}): string {
  const { status: code = '0000', statusMessage = 'Success', detail, detailMessage } = status;
  const base =
    (requestId === undefined ? '' : `<requestId>${requestId}</requestId>`) +
    `<status>${code}</status><statusMessage>${statusMessage}</statusMessage>` +
    (detail === undefined ? '' : `<detail>${detail}</detail>`) +
    (detailMessage === undefined ? '' : `<detailMessage>${detailMessage}</detailMessage>`);
  return soapEnvelope(`<${element} xmlns="${VIP_NS}">${base}${compactXml(fieldsXml)}</${element}>`);
}

/** A SOAP 1.1 Fault envelope, as a SOAP stack sends it with HTTP 500. */
export function soapFault(faultCode: string, faultString: string, detailXml = ''): string {
  const detail = detailXml === '' ? '' : `<detail>${detailXml}</detail>`;
  return soapEnvelope(`<S:Fault><faultcode>${faultCode}</faultcode><faultstring>${faultString}</faultstring>${detail}</S:Fault>`);
}

/**
 * Reads the request ID out of a request envelope, so a fake server can echo it.
 * @throws Error when the envelope carries none (the test is then broken, not the client).
 */
export function requestIdOf(requestXml: string): string {
  const match = /<vip:requestId>([^<]*)<\/vip:requestId>/.exec(requestXml);
  if (match?.[1] === undefined) throw new Error('the request envelope has no vip:requestId');
  return match[1];
}
