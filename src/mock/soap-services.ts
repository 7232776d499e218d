/**
 * Mounts the three VIP services on an HTTP(S) server with node-soap, from the repository's own WSDL files. node-soap
 * parses each request and serialises each response; the mock supplies one function per operation that records
 * the request, applies the fault rules, and asks the model for the answer.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import * as soap from 'soap';
import { OPERATIONS, type OperationName, type ServiceName } from '../generated/operations.js';
import { wsdlFile } from './contracts-dir.js';
import { accountIdOf, requestIdOf, respond, statusResponse } from './dispatch.js';
import { dropConnection, sendServiceUnavailable, truncateBody } from './fault-effects.js';
import type { FaultInjector } from './faults.js';
import type { VipModel } from './model/vip-model.js';
import { STRICT_DESERIALIZERS } from './request-check.js';
import type { ReceivedRequest } from './types.js';

const SERVICES: readonly ServiceName[] = ['Authentication', 'Management', 'Query'];
// VIP keeps several API versions online side by side; the shapes the mock speaks are those of 1.8.
const SERVED_VERSIONS = '(?:7|8|10)';

/** What the operation functions share: the model, the fault rules, the request log and pending timers. */
export interface MockRuntime {
  model: VipModel;
  faults: FaultInjector;
  requests: ReceivedRequest[];
  /** Latency timers still running, cleared when the server closes. */
  timers: Set<NodeJS.Timeout>;
}

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

/** The function node-soap calls for `operation`. */
function operationFunction(operation: OperationName, runtime: MockRuntime) {
  return async (args: unknown, _callback: unknown, _headers: unknown, request: IncomingMessage, response: ServerResponse) => {
    // A client that gave up (timeout, reset) must not crash the server when the late answer is written.
    response.on('error', () => undefined);
    const requestId = requestIdOf(args);
    const onBehalfOfAccountId = accountIdOf(args);
    runtime.requests.push(onBehalfOfAccountId === undefined ? { operation, requestId } : { operation, requestId, onBehalfOfAccountId });
    const plan = runtime.faults.plan(operation);
    await delay(plan.delayMs, runtime);
    if (response.destroyed) return NO_ANSWER();
    switch (plan.effect?.fault) {
      case undefined:
        return respond(runtime.model, operation, args);
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
        return respond(runtime.model, operation, args);
    }
  };
}

/** node-soap's service object for one WSDL: `{ QueryService: { QueryServicePort: { getUserInfo, ... } } }`. */
function servicesOf(service: ServiceName, runtime: MockRuntime): soap.IServices {
  const port: Record<string, unknown> = {};
  for (const operation of Object.keys(OPERATIONS) as OperationName[]) {
    if (OPERATIONS[operation].service === service) port[operation] = operationFunction(operation, runtime);
  }
  return { [`${service}Service`]: { [`${service}ServicePort`]: port } } as soap.IServices;
}

/**
 * Mounts the three services at `/vipuserservices/{Authentication,Management,Query}Service_1_{7,8,10}` (each also
 * serves its WSDL at `?wsdl`). Resolves when node-soap has read the WSDL files.
 * @throws when the contracts cannot be written or node-soap rejects them.
 */
export async function mountServices(server: Server, runtime: MockRuntime): Promise<void> {
  await Promise.all(
    SERVICES.map(async (service) => {
      const wsdl = await wsdlFile(service);
      await new Promise<void>((resolve, reject) => {
        const soapServer = soap.listen(server, {
          path: new RegExp(`^/vipuserservices/${service}Service_1_${SERVED_VERSIONS}/$`),
          services: servicesOf(service, runtime),
          xml: wsdl.xml,
          // node-soap resolves the schema import against this path, so it must be the WSDL file itself.
          uri: wsdl.path,
          suppressStack: true,
          customDeserializer: STRICT_DESERIALIZERS,
          callback: (error: unknown) => (error ? reject(error) : resolve()),
        } as soap.IServerOptions);
        // Not an option of listen(): without it node-soap trims every text value, and user IDs would lose spaces.
        (soapServer as unknown as { wsdl: { options: { preserveWhitespace?: boolean } } }).wsdl.options.preserveWhitespace = true;
      });
    }),
  );
}
