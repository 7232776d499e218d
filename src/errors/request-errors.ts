/**
 * Errors for calls that did not produce a VIP status: bad input caught before sending, bad configuration,
 * network and TLS failures, deadlines, cancellation, HTTP errors without a SOAP body, SOAP Faults and
 * responses that are not valid VIP messages.
 */
import { nameError, VipError, type VipErrorOptions } from './vip-error.js';

/** Where a failed call was going; attached to every error raised once a call has started. */
export interface CallContext {
  /** The VIP operation, e.g. `authenticateUser`. */
  operation?: string | undefined;
  /** The `requestId` sent with the call (also echoed by VIP). */
  requestId?: string | undefined;
  /** How many HTTP attempts were made, retries included. */
  attempts?: number | undefined;
}

/** Options of the {@link VipCallError} constructors: the call context plus an optional `cause`. */
export interface CallErrorOptions extends VipErrorOptions, CallContext {}

function describeCall(context: CallContext): string {
  if (context.operation === undefined) return '';
  const parts = [context.operation];
  if (context.requestId !== undefined) parts.push(`requestId ${context.requestId}`);
  if (context.attempts !== undefined && context.attempts > 1) parts.push(`${context.attempts} attempts`);
  return ` (${parts.join(', ')})`;
}

/** Base of the errors raised while a call is in flight; carries the operation, request ID and attempt count. */
export class VipCallError extends VipError {
  static {
    nameError(this, 'VipCallError');
  }
  /** The VIP operation, e.g. `authenticateUser` (or `waitForPush`). */
  readonly operation: string | undefined;
  /** The `requestId` the call sent, which VIP echoes: quote it to Broadcom support. */
  readonly requestId: string | undefined;
  /** How many HTTP attempts were made, retries included. */
  attempts: number | undefined;

  constructor(message: string, options: CallErrorOptions = {}) {
    super(message + describeCall(options), options);
    this.operation = options.operation;
    this.requestId = options.requestId;
    this.attempts = options.attempts;
  }
}

/**
 * Gives an error raised below the client (by a transport, which does not know the call) the call it belongs to: its
 * operation, request ID and attempt, in the fields and at the end of the message. An error that already names its
 * call is left as it is.
 */
export function attachCallContext(error: VipCallError, context: CallContext): void {
  if (error.operation !== undefined) return;
  const before = error.message;
  const writable = error as { -readonly [K in keyof VipCallError]: VipCallError[K] };
  writable.operation = context.operation;
  writable.requestId = context.requestId;
  writable.attempts = context.attempts;
  writable.message = before + describeCall(context);
  if (typeof error.stack === 'string') writable.stack = error.stack.replace(before, writable.message);
}

/**
 * An argument was rejected before anything was sent: a missing required field, a value over its length limit,
 * a pattern mismatch, a wrong type, or a broken choice rule. The message names the field and the rule, never the
 * value (which may be a secret).
 */
export class VipValidationError extends VipError {
  static {
    nameError(this, 'VipValidationError');
  }
  /** Dotted path of the offending field, e.g. `otpAuthData.otp` or `credentials[1].credentialId`. */
  readonly field: string;
  /** The rule that failed, e.g. `required`, `maxLength`, `pattern`, `type`, `choice`. */
  readonly rule: string;
  /** The operation being called, when the input belonged to one. */
  readonly operation: string | undefined;

  constructor(field: string, rule: string, message: string, options: VipErrorOptions & { operation?: string } = {}) {
    super(options.operation === undefined ? message : `${options.operation}: ${message}`, options);
    this.field = field;
    this.rule = rule;
    this.operation = options.operation;
  }
}

/** The client was configured wrongly: an unusable endpoint, an unreadable certificate, a wrong key passphrase. */
export class VipConfigurationError extends VipError {
  static {
    nameError(this, 'VipConfigurationError');
  }
}

/**
 * No HTTP response arrived: DNS failure, connection refused or reset, TLS handshake or certificate failure.
 * The original error is in `cause` (with its `code`, e.g. `ECONNREFUSED`, `CERT_HAS_EXPIRED`).
 */
export class VipConnectionError extends VipCallError {
  static {
    nameError(this, 'VipConnectionError');
  }
  /** The system or TLS error code of the cause, when there is one (`ECONNRESET`, `UND_ERR_SOCKET`, ...). */
  readonly code: string | undefined;
  /** True when the request certainly never reached the server (so any operation may be sent again). */
  readonly requestNotSent: boolean;

  constructor(message: string, options: CallErrorOptions & { code?: string | undefined; requestNotSent?: boolean } = {}) {
    super(message, { retryable: true, ...options });
    this.code = options.code;
    this.requestNotSent = options.requestNotSent ?? false;
  }
}

/** The call (or `waitForPush`) ran past its deadline. `timeoutMs` is the deadline that expired. */
export class VipTimeoutError extends VipCallError {
  static {
    nameError(this, 'VipTimeoutError');
  }
  /** The deadline that expired, in milliseconds. */
  readonly timeoutMs: number | undefined;

  constructor(message: string, options: CallErrorOptions & { timeoutMs?: number | undefined } = {}) {
    super(message, { retryable: true, ...options });
    this.timeoutMs = options.timeoutMs;
  }
}

/** The caller's `AbortSignal` fired; `cause` holds the signal's reason. */
export class VipAbortError extends VipCallError {
  static {
    nameError(this, 'VipAbortError');
  }
}

/** HTTP statuses that mean "a gateway or the service is briefly unavailable", not "your request was wrong". */
const TRANSIENT_HTTP_STATUSES: ReadonlySet<number> = new Set([502, 503, 504]);

/**
 * An HTTP answer that is not a result: any status but 2xx, except a 500 that carries a SOAP Fault (a proxy's HTML 502,
 * a 404 for a wrong path, a gateway's 503 wrapping a Fault...). `retryable` for 502, 503 and 504.
 */
export class VipHttpError extends VipCallError {
  static {
    nameError(this, 'VipHttpError');
  }
  /** The HTTP status code, e.g. 502. */
  readonly httpStatus: number;
  /** The first few hundred characters of the body, for diagnosis. */
  readonly bodyExcerpt: string;

  constructor(httpStatus: number, bodyExcerpt: string, options: CallErrorOptions = {}) {
    super(`HTTP ${httpStatus} from VIP without a SOAP response`, { retryable: TRANSIENT_HTTP_STATUSES.has(httpStatus), ...options });
    this.httpStatus = httpStatus;
    this.bodyExcerpt = bodyExcerpt;
  }
}

/**
 * The response was not a usable VIP message: malformed or truncated XML, a DOCTYPE, the wrong response element,
 * a missing `status`, a value of the wrong type, or a body over `maxResponseBytes`.
 */
export class VipProtocolError extends VipCallError {
  static {
    nameError(this, 'VipProtocolError');
  }
  /** The HTTP status of the response, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(message: string, options: CallErrorOptions & { httpStatus?: number | undefined } = {}) {
    super(message, options);
    this.httpStatus = options.httpStatus;
  }
}

/** VIP (or something in front of it) answered with a SOAP Fault instead of a response element. */
export class VipSoapFaultError extends VipCallError {
  static {
    nameError(this, 'VipSoapFaultError');
  }
  /** The fault code, e.g. `soap:Server` (prefix as sent). */
  readonly faultCode: string;
  /** The human-readable fault description. */
  readonly faultString: string;
  /** The fault's `detail` element, as parsed. */
  readonly faultDetail: unknown;
  /** The HTTP status of the response, when there was one. */
  readonly httpStatus: number | undefined;

  constructor(
    fault: { faultCode: string; faultString: string; faultDetail?: unknown },
    options: CallErrorOptions & { httpStatus?: number | undefined } = {},
  ) {
    super(`SOAP Fault ${fault.faultCode}: ${fault.faultString}`, options);
    this.faultCode = fault.faultCode;
    this.faultString = fault.faultString;
    this.faultDetail = fault.faultDetail;
    this.httpStatus = options.httpStatus;
  }
}
