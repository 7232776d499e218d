/**
 * The three VIP services on node-soap, from the repository's own WSDL files. node-soap parses each request and
 * serialises each response; the mock supplies one function per operation that records the request, applies the
 * fault rules, and asks the model for the answer.
 */
import { EventEmitter } from 'node:events';
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';
import type * as Soap from 'soap';
import type { ServiceName } from '../core/plan.js';
import { CONTRACT_VERSION, OPERATIONS, type OperationName } from '../generated/operations.js';
import type { XmlElement } from '../xml/xml-parser.js';
import { restoreBlankText } from './blank-text.js';
import { wsdlFile } from './contracts-dir.js';
import { loadSoap } from './load-soap.js';
import { accountIdOf, requestIdOf, respond, statusResponse } from './dispatch.js';
import { dropConnection, sendServiceUnavailable, truncateBody } from './fault-effects.js';
import type { FaultInjector } from './faults.js';
import type { VipModel } from './model/vip-model.js';
import { STRICT_DESERIALIZERS } from './request-check.js';
import { apiVersionOf, contractVersionFor, SERVICES, type ServicePath } from './service-paths.js';
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
  /** The API version each request handed to node-soap was sent to, from its path (`1.8`, `1.10`). */
  requestVersions: WeakMap<IncomingMessage, string>;
}

/** The listener of the node-soap server for one service path (its service, under the contracts of its version). */
export type ServiceListeners = (path: ServicePath) => Promise<RequestListener>;

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
  const apiVersion = runtime.requestVersions.get(request) ?? CONTRACT_VERSION;
  switch (plan.effect?.fault) {
    case undefined:
      return respond(runtime.model, operation, input, apiVersion);
    case 'status':
      return statusResponse(operation, requestId, plan.effect.answer, apiVersion);
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
      return respond(runtime.model, operation, input, apiVersion);
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

/** Starts node-soap for one service of one contract version and resolves with the listener that hands it a request. */
async function mountService(
  soap: typeof Soap,
  service: ServiceName,
  contractVersion: string,
  runtime: MockRuntime,
): Promise<RequestListener> {
  const wsdl = await wsdlFile(service, contractVersion);
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

/** The three services of one contract version on node-soap. */
async function mountVersion(
  soap: typeof Soap,
  contractVersion: string,
  runtime: MockRuntime,
): Promise<Record<ServiceName, RequestListener>> {
  const listeners = await Promise.all(SERVICES.map((service) => mountService(soap, service, contractVersion, runtime)));
  return Object.fromEntries(SERVICES.map((service, index) => [service, listeners[index]])) as Record<ServiceName, RequestListener>;
}

/**
 * Starts node-soap for the three services and returns the function that finds the listener for a service path (a
 * POST whose body the gate has checked, or a GET of the WSDL): each version's paths are served from that version's
 * contracts, so `?wsdl` shows what the version accepts. The baseline's services start at once, so a broken
 * contract fails the start; a later version's start with the first request for it, since most runs never use one.
 * @throws when the contracts cannot be written or node-soap rejects them.
 */
export async function mountServices(runtime: MockRuntime): Promise<ServiceListeners> {
  const soap = await loadSoap();
  const mounted = new Map([[CONTRACT_VERSION, await mountVersion(soap, CONTRACT_VERSION, runtime)]]);
  const mounting = new Map<string, Promise<Record<ServiceName, RequestListener>>>();
  return async (path) => {
    const contractVersion = contractVersionFor(apiVersionOf(path));
    let listeners = mounted.get(contractVersion);
    if (listeners === undefined) {
      let pending = mounting.get(contractVersion);
      if (pending === undefined) {
        pending = mountVersion(soap, contractVersion, runtime);
        mounting.set(contractVersion, pending);
        // A failed start is tried again by the next request rather than remembered for ever.
        pending.catch(() => mounting.delete(contractVersion));
      }
      listeners = await pending;
      mounted.set(contractVersion, listeners);
    }
    return listeners[path.service];
  };
}
