/**
 * vip-user-services: a typed client for Broadcom (Symantec) VIP User Services.
 *
 * The public surface: the client and its options, the push helper's types, every error class with the status
 * helpers, and the generated request and response types of all 24 operations. The operation plans and the error
 * factory are internal (the factory is offered to tests by `vip-user-services/testing`); a test on the packed
 * package pins the complete list of runtime exports of each entry point.
 *
 * @module vip-user-services
 */
export { VipClient } from './client.js';
export {
  DEFAULT_ENDPOINT,
  type VipCallOptions,
  type VipClientOptions,
  type VipHooks,
  type VipLogger,
  type VipRequestEvent,
  type VipResponseEvent,
  type VipRetryEvent,
  type SupportedApiVersion,
} from './client-options.js';
export type { PushTransactionResult, PushWaitOptions } from './push.js';
export type { ClientCertificateInfo } from './transport/client-certificate-info.js';
export type { VipTlsOptions } from './transport/tls-credentials.js';
export type { VipProxy, VipProxyOptions } from './transport/proxy-agent.js';
export type { VipClientConfig } from './core/client-config.js';
export type { RetryOptions } from './core/retry-policy.js';
export type { SoapHttpRequest, SoapHttpResponse, Transport } from './transport/transport.js';
export { REDACTED } from './observability/redact.js';
export { VERSION } from './version.js';
export type { ServiceName } from './core/plan.js';
export type { VipMeterProvider, VipTracerProvider } from './telemetry/providers.js';
export type { VipCallMessage, VipRetryMessage } from './telemetry/call-channels.js';
export { VIP_NAMESPACE, type OperationName } from './generated/operations.js';
export type * from './generated/types.js';
export * from './errors/index.js';
