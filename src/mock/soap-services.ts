/**
 * The three VIP services on node-soap, from the repository's own WSDL files. node-soap parses each request and
 * serialises each response; the mock supplies one function per operation that records the request, applies the
 * fault rules, and asks the model for the answer.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type * as Soap from 'soap';
import type { ServiceName } from '../core/plan.js';
import { OPERATIONS, type OperationName } from '../generated/operations.js';
import type { XmlElement } from '../xml/xml-parser.js';
import { restoreBlankText } from './blank-text.js';
import { wsdlFile } from './contracts-dir.js';
import { loadSoap } from './load-soap.js';
import { accountIdOf, requestIdOf, respond, statusResponse } from './dispatch.js';
import { dropConnection, sendServiceUnavailable, truncateBody } from './fault-effects.js';
import type { FaultInjector } from './faults.js';
import type { VipModel } from './model/vip-model.js';
import { STRICT_DESERIALIZERS } from './request-check.js';
import { SERVICES } from './service-paths.js';
import { sendSoapFault } from './soap-fault.js';
import type { ReceivedRequest } from './types.js';

/** What the operation functions share: the model, the fault rules, the request log and pending timers. */
export interface MockRuntime {
  model: VipModel;
  faults: FaultInjector;
  requests: ReceivedRequest[];
  /** Latency timers still running, cleared when the server closes. */
  timers: Set<NodeJS.Timeout>;
  /** The request element of each request handed to node-soap, as the mock's own reader saw it. */
  requestElements: WeakMap<IncomingMessage, XmlElement>;
}

/** Hands a request to one service's node-soap server. */
export type ServiceListeners = Readonly<Record<ServiceName, RequestListener>>;

/** A promise that never settles: node-soap then never writes, leaving the response to the fault. */
const NO_ANSWER = (): Promise<never> => new Promise<never>(() => undefined);

function delay(ms: number, runtime: MockRuntime): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      runtime.timers.delete(timer);
      resolve();
    }, ms);
    runtime.timers.add(timer);
  });
}

/** One request's way through the fault rules to the model. */
async function answer(operation: OperationName, args: unknown, request: IncomingMessage, response: ServerResponse, runtime: MockRuntime) {
  const requestId = requestIdOf(args);
  const onBehalfOfAccountId = accountIdOf(args);
  runtime.requests.push(onBehalfOfAccountId === undefined ? { operation, requestId } : { operation, requestId, onBehalfOfAccountId });
  const plan = runtime.faults.plan(operation);
  await delay(plan.delayMs, runtime);
  if (response.destroyed) return NO_ANSWER();
  const element = runtime.requestElements.get(request);
  const input = element === undefined ? args : restoreBlankText(OPERATIONS[operation].request, args, element);
  switch (plan.effect?.fault) {
    case undefined:
      return respond(runtime.model, operation, input);
    case 'status':
      return statusResponse(operation, requestId, plan.effect.answer);
    case 'http503':
      sendServiceUnavailable(response);
      return NO_ANSWER();
    case 'reset':
      dropConnection(request.socket);
      return NO_ANSWER();
    case 'hang':
      return NO_ANSWER();
    case 'malformedXml':
      truncateBody(response);
      return respond(runtime.model, operation, input);
  }
}

/** The function node-soap calls for `operation`. */
function operationFunction(operation: OperationName, runtime: MockRuntime) {
  return async (args: unknown, _callback: unknown, _headers: unknown, request: IncomingMessage, response: ServerResponse) => {
    // A client that gave up (timeout, reset) must not crash the server when the late answer is written.
    response.on('error', () => undefined);
    try {
      return await answer(operation, args, request, response, runtime);
    } catch (error) {
      // node-soap would send the error's own text as a SOAP 1.2-style fault; say plainly that the mock failed instead.
      sendSoapFault(response, { code: 'Server', text: `The VIP mock failed while answering ${operation}: ${(error as Error).message}` });
      return NO_ANSWER();
    }
  };
}

/** node-soap's service object for one WSDL: `{ QueryService: { QueryServicePort: { getUserInfo, ... } } }`. */
function servicesOf(service: ServiceName, runtime: MockRuntime): Soap.IServices {
  const port: Record<string, unknown> = {};
  for (const operation of Object.keys(OPERATIONS) as OperationName[]) {
    if (OPERATIONS[operation].service === service) port[operation] = operationFunction(operation, runtime);
  }
  return { [`${service}Service`]: { [`${service}ServicePort`]: port } } as Soap.IServices;
}

/** Starts node-soap for one service and resolves with the listener that hands it a request. */
async function mountService(soap: typeof Soap, service: ServiceName, runtime: MockRuntime): Promise<RequestListener> {
  const wsdl = await wsdlFile(service);
  // node-soap listens on a private emitter rather than on the HTTP server: the mock's gate sees every request
  // first and passes on only those that name an operation of this service.
  const emitter = new EventEmitter();
  await new Promise<void>((resolve, reject) => {
    const soapServer = soap.listen(
      emitter as unknown as Parameters<typeof soap.listen>[0],
      {
        // The gate has routed the request already, so every path is this service's.
        path: /^\//,
        services: servicesOf(service, runtime),
        xml: wsdl.xml,
        // node-soap resolves the schema import against this path, so it must be the WSDL file itself.
        uri: wsdl.path,
        suppressStack: true,
        customDeserializer: STRICT_DESERIALIZERS,
        callback: (error: unknown) => (error ? reject(error) : resolve()),
      } as Soap.IServerOptions,
    );
    // Not an option of listen(): without it node-soap trims every text value, and user IDs would lose spaces.
    (soapServer as unknown as { wsdl: { options: { preserveWhitespace?: boolean } } }).wsdl.options.preserveWhitespace = true;
  });
  return (request, response) => emitter.emit('request', request, response);
}

/**
 * Starts node-soap for the three services and returns, per service, the listener that hands it a request (a POST
 * whose body the gate has checked, or a GET of the WSDL).
 * @throws when the contracts cannot be written or node-soap rejects them.
 */
export async function mountServices(runtime: MockRuntime): Promise<ServiceListeners> {
  const soap = await loadSoap();
  const listeners = await Promise.all(SERVICES.map((service) => mountService(soap, service, runtime)));
  return Object.fromEntries(SERVICES.map((service, index) => [service, listeners[index]])) as Record<ServiceName, RequestListener>;
}
