/** Where the client sends each operation, so interceptors can be registered on exactly that URL. */
import { resolveClientOptions, type VipClientOptions } from '../client-options.js';
import type { OperationName } from '../generated/operations.js';
import { operationOfRequest, requestBodyText } from './request-body.js';
import { operationPlan } from './operation-lookup.js';

/** The client options that decide the service URLs; pass the same values as to the `VipClient` under test. */
export type VipEndpointOptions = Pick<VipClientOptions, 'endpoint' | 'endpoints' | 'apiVersion'>;

/**
 * The URL the client POSTs `operation` to with these options, e.g.
 * `https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8` for `getUserInfo` by default.
 * Use `url.origin` and `url.pathname` to register an interceptor (`nock(url.origin).post(url.pathname)`).
 * @throws {TypeError} for an unknown operation; `VipConfigurationError` for an unusable endpoint or API version.
 */
export function vipServiceUrl(operation: OperationName, options: VipEndpointOptions = {}): URL {
  const { service } = operationPlan(operation);
  return new URL(resolveClientOptions(options).urls[service]);
}

/**
 * A body matcher accepting only requests for `operation`. Operations of one service share a URL, so an
 * interceptor needs it to answer the right call: `nock(origin).post(path, requestMatcher('authenticateUser'))`.
 * Takes the body as a string or bytes; anything else does not match.
 * @throws {TypeError} for an unknown operation.
 */
export function requestMatcher(operation: OperationName): (body: unknown) => boolean {
  operationPlan(operation);
  return (body) => operationOfRequest(requestBodyText(body)) === operation;
}
