/**
 * vip-user-services/testing: helpers for testing applications that use the SDK, without VIP and without a
 * server. Canned VIP envelopes for any operation and status, reply functions for undici `MockAgent` and nock that
 * echo the request's `requestId`, a VIP-aware `MockAgent`, and bodies for SOAP Faults and HTTP error pages.
 *
 * Nothing here loads `soap`, nock or the mock server; undici is already a dependency of the SDK.
 *
 * @module vip-user-services/testing
 */
export {
  vipResponse,
  vipErrorResponse,
  type VipResponseFields,
  type VipResponseOptions,
  type VipErrorResponseOptions,
} from './vip-response.js';
export { vipReply, type VipReplyFunction } from './vip-reply.js';
export { soapFault, httpError, type SoapFaultOptions } from './canned-failures.js';
export { vipServiceUrl, requestMatcher, type VipEndpointOptions } from './service-url.js';
export { mockVipAgent, MockVipAgent, type MockInterceptor, type RecordedVipRequest, type VipInterceptOptions } from './mock-vip-agent.js';
// Builds the error the client throws for a VIP status, to test error handling without a canned envelope.
export { createServiceError } from '../errors/service-error-factory.js';
