/**
 * Errors for calls that VIP answered with a status that is not success for the operation: the `VipServiceError`
 * base, the categories users catch broadly, and the push-transaction family used by `waitForPush`.
 * The per-code classes extending them are generated from the status table (`status-table.ts`) into
 * src/generated/errors.ts; `service-error-factory.ts` picks the class for a code.
 */
import { VipCallError, type CallContext } from './request-errors.js';
import { documentedStatus, normalizeStatusCode } from './status-codes.js';
import { nameError, type VipErrorOptions } from './vip-error.js';

/** The status part of a VIP response (or of one `transactionStatus` in a `pollPushStatus` answer). */
export interface VipStatusReport {
  /** The hexBinary status code, e.g. `'600F'` (any case). */
  status: string;
  /** The message VIP returned with the status. */
  statusMessage: string;
  /** The hexBinary detail (reason) code, when VIP sent one, e.g. `'49B5'`. */
  detail?: string | undefined;
  /** The message VIP returned with the detail code. */
  detailMessage?: string | undefined;
}

/** Where the failing status came from: the call context plus, for push outcomes, the transaction it belongs to. */
export interface ServiceErrorContext extends CallContext, VipErrorOptions {
  /** The push transaction whose outcome this status is (set by `waitForPush` for the codes of `PushTransactionError`). */
  transactionId?: string | undefined;
}

/** The name of a service error category class; also found in each error's `category` field. */
export type ServiceErrorCategory =
  | 'UserError'
  | 'CredentialError'
  | 'AuthenticationError'
  | 'AccountPolicyError'
  | 'ClientCertificateError'
  | 'DeliveryError'
  | 'PushError'
  | 'RiskError'
  | 'InvalidRequestError'
  | 'ServiceUnavailableError';

/**
 * VIP answered, but with a status that is not success for the operation. Catch it for any business failure; catch a
 * category (`CredentialError`, `PushError`, ...) or a per-code class (`CredentialRevokedError`, ...) to narrow.
 * A code VIP does not document arrives as a plain `VipServiceError` that keeps the raw code and message, with the
 * guidance fields and `category` undefined.
 */
export class VipServiceError extends VipCallError {
  static {
    nameError(this, 'VipServiceError');
  }
  /** The category every instance of this class belongs to; undefined above the category level. */
  static readonly category: ServiceErrorCategory | undefined = undefined;
  /** The VIP status code a per-code class stands for, e.g. `CredentialRevokedError.code === '600F'`; undefined above. */
  static readonly code: string | undefined = undefined;

  /** The status code in upper case, e.g. `'600F'` (VIP may send lower case; both mean the same). */
  readonly code: string;
  /** The status message exactly as VIP returned it. */
  readonly statusMessage: string;
  /** The detail (reason) code in upper case, when VIP sent one. */
  readonly detail: string | undefined;
  /** The message VIP returned with the detail code. */
  readonly detailMessage: string | undefined;
  /** The name of the category class this error belongs to, e.g. `'CredentialError'`. */
  readonly category: ServiceErrorCategory | undefined;
  /** The message VIP documents for this code. */
  readonly documentedMessage: string | undefined;
  /** Why VIP returns this code, in short. */
  readonly documentedCause: string | undefined;
  /** What can be done about it, in short. */
  readonly solution: string | undefined;

  /**
   * Builds the error from the status VIP returned. Prefer `createServiceError`, which picks the class for the code.
   * Never throws.
   */
  constructor(report: VipStatusReport, context: ServiceErrorContext = {}) {
    const code = normalizeStatusCode(report.status);
    const documented = documentedStatus(code);
    const detail = nonEmpty(report.detail)?.toUpperCase();
    const detailMessage = nonEmpty(report.detailMessage);
    const message = nonEmpty(report.statusMessage) ?? documented?.message ?? 'VIP returned an undocumented status.';
    // Only the context's known fields are passed on, so nothing else the caller put in the object can reach the error.
    super(`[${code}] ${message}${describeDetail(detail, detailMessage)}${describeTransaction(context.transactionId)}`, {
      operation: context.operation,
      requestId: context.requestId,
      attempts: context.attempts,
      cause: context.cause,
      // True for the transient statuses of the table (6005, 6029).
      retryable: documented?.retryable ?? false,
    });
    this.code = code;
    this.statusMessage = report.statusMessage;
    this.detail = detail;
    this.detailMessage = detailMessage;
    this.category = new.target.category;
    this.documentedMessage = documented?.message;
    this.documentedCause = documented?.cause;
    this.solution = documented?.solution;
  }
}

function nonEmpty(text: string | undefined): string | undefined {
  const trimmed = text?.trim();
  return trimmed === undefined || trimmed === '' ? undefined : trimmed;
}

function describeDetail(detail: string | undefined, detailMessage: string | undefined): string {
  if (detail !== undefined && detailMessage !== undefined) return ` (detail ${detail}: ${detailMessage})`;
  if (detail !== undefined) return ` (detail ${detail})`;
  if (detailMessage !== undefined) return ` (${detailMessage})`;
  return '';
}

function describeTransaction(transactionId: string | undefined): string {
  return transactionId === undefined ? '' : ` (transaction ${transactionId})`;
}

/**
 * Something is wrong with the user: unknown or duplicate user ID (6002, 6003), a status that forbids the action
 * (601B), a wrong or non-compliant PIN (601F, 6020), or no temporary security code to act on (6017).
 */
export class UserError extends VipServiceError {
  static {
    nameError(this, 'UserError');
  }
  static override readonly category = 'UserError';
}

/**
 * Something is wrong with the credential or its binding to the user: unknown ID or type (6004, 6006, 600A, 6014),
 * missing binding or none enabled (6007, 6008), a state that forbids the action (600C, 600D, 600F, 6013),
 * registration (6016, 6026), binding limits (6011, 6012, 601D), or a credential already owned by another user
 * (6025, kept here rather than under account policy because the fix is choosing another credential).
 */
export class CredentialError extends VipServiceError {
  static {
    nameError(this, 'CredentialError');
  }
  static override readonly category = 'CredentialError';
}

/**
 * The user did not pass: a security code that did not verify (6009), or security-code checks refused by the
 * Mobile Token Validation policy (604C, 6603; grouped here because the application's reaction is the same as for a
 * failed code: offer another way to authenticate).
 */
export class AuthenticationError extends VipServiceError {
  static {
    nameError(this, 'AuthenticationError');
  }
  static override readonly category = 'AuthenticationError';
}

/**
 * The VIP account cannot do this: unknown or inactive account (6001), missing permission (6010), PINs switched off
 * in the account's policy (6021), or the account's credential order exhausted (601E). An administrator, not the end
 * user, has to act.
 */
export class AccountPolicyError extends VipServiceError {
  static {
    nameError(this, 'AccountPolicyError');
  }
  static override readonly category = 'AccountPolicyError';
}

/** The client certificate this SDK authenticates with was revoked (600E) or was not presented (601C). */
export class ClientCertificateError extends VipServiceError {
  static {
    nameError(this, 'ClientCertificateError');
  }
  static override readonly category = 'ClientCertificateError';
}

/** An SMS or voice message could not be delivered (6018, 6019) or was blocked by the non-US policy (604D). */
export class DeliveryError extends VipServiceError {
  static {
    nameError(this, 'DeliveryError');
  }
  static override readonly category = 'DeliveryError';
}

/**
 * Push could not be used or did not end in approval: push switched off or unsupported (602E, 6041, 6043, 604F),
 * sending failed (6042), or the push transaction ended without approval (7002-7008, 7120-7125, 7141, see
 * `PushTransactionError`).
 */
export class PushError extends VipServiceError {
  static {
    nameError(this, 'PushError');
  }
  static override readonly category = 'PushError';
}

/**
 * A push transaction ended without approval: denied, replaced, expired, unknown or not completed (7002-7008), and in
 * 1.10 a failed local authentication on the phone (7120-7125) or a wrong number picked for the number challenge
 * (7141). Raised by `waitForPush` from a poll's per-transaction status, so it names the transaction.
 */
export class PushTransactionError extends PushError {
  static {
    nameError(this, 'PushTransactionError');
  }
  /** The push transaction whose outcome this is. */
  readonly transactionId: string | undefined;

  /** Builds the error from one `transactionStatus` entry. Never throws. */
  constructor(report: VipStatusReport, context: ServiceErrorContext = {}) {
    super(report, context);
    this.transactionId = context.transactionId;
  }
}

/**
 * Intelligent Authentication (risk) could not be used: IA, transaction monitoring or Trusted Device switched off or
 * not configured (6022, 602A, 6027, 6028), risk feedback for an unknown or non-risky event (6023, 6024), or an
 * undecryptable client key (602B).
 */
export class RiskError extends VipServiceError {
  static {
    nameError(this, 'RiskError');
  }
  static override readonly category = 'RiskError';
}

/**
 * VIP rejected the request itself: schema validation (600B), a rejected value (6015), an expiry out of range (601A)
 * or a friendly name with forbidden characters (602D). Usually a bug in the caller's input or in this SDK.
 */
export class InvalidRequestError extends VipServiceError {
  static {
    nameError(this, 'InvalidRequestError');
  }
  static override readonly category = 'InvalidRequestError';
}

/** VIP or its IA service failed for a transient reason (6005, 6029); `retryable` is true. */
export class ServiceUnavailableError extends VipServiceError {
  static {
    nameError(this, 'ServiceUnavailableError');
  }
  static override readonly category = 'ServiceUnavailableError';
}
