/**
 * What the mock checks before node-soap sees a request: the path names a service, the method fits, and the body is
 * a well-formed SOAP 1.1 envelope whose Body holds one request element of that service. node-soap answers these
 * mistakes with its own internal errors (a `TypeError` text, sometimes as plain text labelled text/xml), so each
 * is turned away here with a SOAP Fault that says what was wrong and what to send instead.
 *
 * The SOAPAction header plays no part: every VIP operation declares soapAction="", and VIP picks the operation from
 * the Body's element, so a client that sends some other SOAPAction still reaches the operation its Body names.
 */
import type { ServiceName } from '../core/plan.js';
import { OPERATIONS, type OperationName, VIP_NAMESPACE } from '../generated/operations.js';
import { parseXml, XmlEncodingError, type XmlElement, XmlSyntaxError } from '../xml/xml-parser.js';
import { type ServicePath, SERVED_PATHS_TEXT, servicePath, servicePathOf } from './service-paths.js';
import { quoted, SOAP_11_NAMESPACE, type SoapFault } from './soap-fault.js';

const SOAP_12_NAMESPACE = 'http://www.w3.org/2003/05/soap-envelope';
// Far deeper than any VIP request nests, and shallow enough to bound the work on a hostile document.
const MAX_DEPTH = 64;

/** Where a request goes before its body is read. */
export type Route = { kind: 'wsdl'; path: ServicePath } | { kind: 'post'; path: ServicePath } | { kind: 'refuse'; fault: SoapFault };

/** A checked request: the operation its Body names, and the request element as the mock's own reader saw it. */
export type Envelope = { ok: true; operation: OperationName; element: XmlElement } | { ok: false; fault: SoapFault };

function clientFault(text: string): { ok: false; fault: SoapFault } {
  return { ok: false, fault: { code: 'Client', text } };
}

/** Routes a request by method and URL: to a WSDL, to a service, or to a Fault. */
export function routeRequest(method: string | undefined, url: string | undefined): Route {
  const target = new URL(url ?? '/', 'http://mock.invalid');
  const path = servicePathOf(target.pathname);
  if (path === undefined) {
    return { kind: 'refuse', fault: { code: 'Client', text: `No VIP service at ${quoted(target.pathname)}. ${SERVED_PATHS_TEXT}` } };
  }
  if (method === 'POST') return { kind: 'post', path };
  if ((method === 'GET' || method === 'HEAD') && target.search.toLowerCase().startsWith('?wsdl')) return { kind: 'wsdl', path };
  return {
    kind: 'refuse',
    fault: {
      code: 'Client',
      text: `${path.service}Service takes SOAP requests by POST (and GET ?wsdl for its WSDL), not ${quoted(method ?? '')}.`,
      httpStatus: 405,
      headers: { allow: 'POST, GET' },
    },
  };
}

/** The operation whose request element is `name`, on any service. */
function operationOfElement(name: string): OperationName | undefined {
  return (Object.keys(OPERATIONS) as OperationName[]).find((operation) => OPERATIONS[operation].requestElement === name);
}

/** A hint for a near miss: `getUserInfo` or `GetUserInfo` for `GetUserInfoRequest`. */
function elementHint(name: string): string {
  const lower = name.toLowerCase();
  const near = (Object.keys(OPERATIONS) as OperationName[]).find(
    (operation) => lower === operation.toLowerCase() || lower === OPERATIONS[operation].requestElement.toLowerCase(),
  );
  return near === undefined ? '' : ` The request element of ${near} is ${OPERATIONS[near].requestElement}.`;
}

function requestElementsOf(service: ServiceName): string {
  return (Object.keys(OPERATIONS) as OperationName[])
    .filter((operation) => OPERATIONS[operation].service === service)
    .map((operation) => OPERATIONS[operation].requestElement)
    .join(', ');
}

function parse(text: string): XmlElement | string {
  try {
    return parseXml(text, { maxDepth: MAX_DEPTH });
  } catch (error) {
    if (error instanceof XmlEncodingError)
      return `The request declares the encoding ${quoted(error.encoding, 40)}; the mock reads UTF-8 only.`;
    // The reader's messages describe the problem ("it ends inside <soap:Body>") without quoting the document.
    if (error instanceof XmlSyntaxError) return `The request is not well-formed XML: ${error.message}.`;
    throw error;
  }
}

/** Finds the request element in the Body of a SOAP 1.1 envelope, or says why there is none. */
function bodyElement(root: XmlElement): XmlElement | SoapFault {
  if (root.local === 'Envelope' && root.namespace === SOAP_12_NAMESPACE) {
    return {
      code: 'VersionMismatch',
      text: `The request is a SOAP 1.2 envelope; VIP User Services speaks SOAP 1.1 (${SOAP_11_NAMESPACE}).`,
    };
  }
  if (root.local !== 'Envelope' || root.namespace !== SOAP_11_NAMESPACE) {
    const where = root.namespace === '' ? 'in no namespace' : `in namespace ${quoted(root.namespace)}`;
    return {
      code: root.local === 'Envelope' ? 'VersionMismatch' : 'Client',
      text: `The request is not a SOAP 1.1 envelope: its root element is ${quoted(root.local)} ${where}, not Envelope in ${SOAP_11_NAMESPACE}.`,
    };
  }
  const body = root.children.find((child) => child.local === 'Body' && child.namespace === SOAP_11_NAMESPACE);
  if (body === undefined) return { code: 'Client', text: 'The SOAP envelope has no Body.' };
  if (body.children.length !== 1) {
    const count = body.children.length === 0 ? 'no element' : `${body.children.length} elements`;
    return {
      code: 'Client',
      text: `The SOAP Body holds ${count}; it must hold exactly one VIP request element, such as GetUserInfoRequest.`,
    };
  }
  return body.children[0] as XmlElement;
}

/**
 * Checks that `text` is a SOAP 1.1 envelope carrying one request element of the service at `path`, and names its
 * operation. Everything inside the request element is left to the operation's schema check (600B).
 */
export function checkEnvelope(text: string, path: ServicePath): Envelope {
  const root = parse(text);
  if (typeof root === 'string') return clientFault(root);
  const element = bodyElement(root);
  if (!('qname' in element)) return { ok: false, fault: element };
  const service = `${path.service}Service`;
  if (element.namespace !== VIP_NAMESPACE) {
    const where = element.namespace === '' ? 'in no namespace' : `in namespace ${quoted(element.namespace)}`;
    return clientFault(`The request element ${quoted(element.local)} is ${where}; VIP request elements are in namespace ${VIP_NAMESPACE}.`);
  }
  const operation = operationOfElement(element.local);
  if (operation === undefined) {
    return clientFault(
      `${quoted(element.local)} is not a request of the VIP ${service}.${elementHint(element.local)} The ${service} takes ${requestElementsOf(path.service)}.`,
    );
  }
  const owner = OPERATIONS[operation].service;
  if (owner !== path.service) {
    return clientFault(
      `${operation} is an operation of the ${owner}Service, not the ${service}: post ${element.local} to ${servicePath(owner, path.version)}.`,
    );
  }
  return { ok: true, operation, element };
}
