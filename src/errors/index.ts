/**
 * Every error this package throws, and the helpers that describe VIP status codes. The root is `VipError`; calls
 * that never got a VIP status fail with the request errors, calls that did with a `VipServiceError` subclass.
 */
export { VipError, type VipErrorOptions } from './vip-error.js';
export {
  type CallContext,
  type CallErrorOptions,
  VipAbortError,
  VipCallError,
  VipConfigurationError,
  VipConnectionError,
  VipHttpError,
  VipProtocolError,
  VipSoapFaultError,
  VipTimeoutError,
  VipValidationError,
} from './request-errors.js';
export { normalizeStatusCode, type VipStatusCode, type VipStatusName } from './status-codes.js';
export type { DocumentedStatus } from './status-table.js';
export {
  VipServiceError,
  UserError,
  CredentialError,
  AuthenticationError,
  AccountPolicyError,
  ClientCertificateError,
  DeliveryError,
  PushError,
  PushTransactionError,
  RiskError,
  InvalidRequestError,
  ServiceUnavailableError,
  type ServiceErrorCategory,
  type ServiceErrorContext,
  type VipStatusReport,
} from './service-error-categories.js';
// VipStatus and one class per error code; the module's default export (the code-to-class map) stays internal.
export * from '../generated/errors.js';
export {
  describeStatus,
  errorClassForStatus,
  type ServiceErrorClass,
  type StatusGuidance,
} from './service-error-factory.js';
