/**
 * The mock's HTTP request listener: routes by path and method, reads and checks the body, answers every request
 * that names no operation of the service with a SOAP Fault, and hands the rest to that service's node-soap server.
 */
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import { readRequestText } from './request-body.js';
import { checkEnvelope, routeRequest } from './request-gate.js';
import { sendSoapFault } from './soap-fault.js';
import { apiVersionOf } from './service-paths.js';
import type { MockRuntime, ServiceListeners } from './soap-services.js';

async function handle(request: IncomingMessage, response: ServerResponse, services: ServiceListeners, runtime: MockRuntime) {
  const route = routeRequest(request.method, request.url);
  if (route.kind === 'refuse') return sendSoapFault(response, route.fault);
  if (route.kind === 'wsdl') return (await services(route.path))(request, response);
  const body = await readRequestText(request);
  if (!body.ok) return sendSoapFault(response, body.fault);
  const envelope = checkEnvelope(body.text, route.path);
  if (!envelope.ok) return sendSoapFault(response, envelope.fault);
  runtime.requestElements.set(request, envelope.element);
  runtime.requestVersions.set(request, apiVersionOf(route.path));
  // node-soap takes a body that is already read from `request.body`.
  (request as IncomingMessage & { body?: string }).body = body.text;
  // VIP declares soapAction="" for every operation and routes by the Body's element; node-soap would route by a
  // non-empty SOAPAction instead (and fail on one it does not know), so the header is ignored, as VIP does.
  delete request.headers.soapaction;
  // node-soap labels its answer with the request's Content-Type; its answer is always UTF-8 text/xml.
  request.headers['content-type'] = 'text/xml; charset=utf-8';
  (await services(route.path))(request, response);
}

/** The listener for the mock's HTTP(S) server, in front of the node-soap servers in `services`. */
export function gateListener(services: ServiceListeners, runtime: MockRuntime): RequestListener {
  return (request, response) => {
    // A client that hangs up while the mock answers must not crash the process.
    response.on('error', () => undefined);
    handle(request, response, services, runtime).catch((error: unknown) => {
      // Only a connection that failed while the body arrived ends up here, or a bug: either way, end the exchange.
      if (request.destroyed) response.destroy();
      else sendSoapFault(response, { code: 'Server', text: `The VIP mock failed: ${(error as Error).message}` });
    });
  };
}
