/**
 * Turns a VIP status into the right error: finds the per-code class for a code, builds the error, and describes a
 * code's documented guidance together with the category its class belongs to.
 */
import errorClassByCode from '../generated/errors.js';
import { VipServiceError, type ServiceErrorCategory, type ServiceErrorContext, type VipStatusReport } from './service-error-categories.js';
import { documentedStatus, normalizeStatusCode, type VipStatusCode } from './status-codes.js';

/** A per-code error class, e.g. `CredentialRevokedError`: constructible, with its `code` and `category` as statics. */
export interface ServiceErrorClass {
  new (report: VipStatusReport, context?: ServiceErrorContext): VipServiceError;
  /** The status code the class stands for. */
  readonly code: VipStatusCode;
  /** The category class it extends. */
  readonly category: ServiceErrorCategory;
  /** Instances are `VipServiceError`s. */
  readonly prototype: VipServiceError;
}

// A Map, not the generated object itself, so that a code such as 'constructor' cannot reach Object.prototype.
const CLASS_BY_CODE: ReadonlyMap<string, ServiceErrorClass> = new Map(Object.entries(errorClassByCode));

/**
 * The error class VIP's `code` maps to, e.g. `errorClassForStatus('600f') === CredentialRevokedError`.
 * Case-insensitive. Undefined for codes that are not errors (0000, 6040, 7000, 7001, 7140) and for undocumented codes.
 * Never throws.
 */
export function errorClassForStatus(code: string): ServiceErrorClass | undefined {
  return CLASS_BY_CODE.get(normalizeStatusCode(code));
}

/** The documented guidance for one status code, as returned by {@link describeStatus}. */
export interface StatusGuidance {
  /** The code in upper case. */
  readonly code: VipStatusCode;
  /** The message VIP documents for the code. */
  readonly message: string;
  /** Why VIP returns it. */
  readonly cause: string;
  /** What can be done about it. */
  readonly solution: string;
  /** The category of its error class; undefined for codes that are not errors (0000, 6040, 7000, 7001, 7140). */
  readonly category: ServiceErrorCategory | undefined;
  /** True when calling again later may succeed. */
  readonly retryable: boolean;
}

/**
 * What VIP's documentation says about a status code, e.g. to show an operator what to do. Case-insensitive.
 * Undefined for codes VIP does not document. Never throws.
 */
export function describeStatus(code: string): StatusGuidance | undefined {
  const documented = documentedStatus(code);
  if (documented === undefined) return undefined;
  const { message, cause, solution, retryable } = documented;
  const category = errorClassForStatus(documented.code)?.category;
  return { code: documented.code, message, cause, solution, category, retryable };
}

/**
 * Builds the error for a status VIP returned: an instance of the code's own class (e.g. `CredentialRevokedError`),
 * or a plain `VipServiceError` keeping the raw code and message when VIP does not document the code. Pass
 * `context.transactionId` for a push transaction's outcome (7002-7008). The caller decides which statuses are
 * errors; this never throws.
 */
export function createServiceError(status: VipStatusReport, context: ServiceErrorContext = {}): VipServiceError {
  const ErrorClass = errorClassForStatus(status.status) ?? VipServiceError;
  return new ErrorClass(status, context);
}
