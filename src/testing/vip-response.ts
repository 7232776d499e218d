/**
 * Canned VIP answers for tests: the XML envelope VIP would send for any operation, with any status, built from the
 * same generated plans the client reads responses with, so a canned answer cannot drift from the contract.
 */
import { describeStatus } from '../errors/service-error-factory.js';
import { type OperationName, VIP_NAMESPACE } from '../generated/operations.js';
import type { BaseResponse, OperationOutputs } from '../generated/types.js';
import { operationPlan } from './operation-lookup.js';
import { writeResponseElements } from './response-writer.js';

const ENVELOPE_OPEN = `<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>`;
const ENVELOPE_CLOSE = '</S:Body></S:Envelope>';
const BASE_FIELDS: ReadonlySet<string> = new Set<keyof BaseResponse>(['requestId', 'status', 'statusMessage', 'detail', 'detailMessage']);

/**
 * The operation-specific fields of a response, as the client returns them (e.g. `{ userStatus: 'ACTIVE' }` for
 * `getUserInfo`). The status fields and `requestId` are set through {@link VipResponseOptions} instead.
 */
export type VipResponseFields<N extends OperationName> = Partial<Omit<OperationOutputs[N], keyof BaseResponse>>;

/** The status part of a canned response and the request it answers. */
export interface VipResponseOptions {
  /**
   * The status code, e.g. `'6040'` for a push that went out.
   * @default '0000' (the operation's first success code)
   */
  status?: string;
  /**
   * The status message.
   * @default the message VIP documents for `status` (empty for an undocumented code)
   */
  statusMessage?: string;
  /** A detail (reason) code, e.g. `'49B5'` for a wrong security code. */
  detail?: string;
  /** The message of the detail code, e.g. `'Failed with an invalid OTP'`. */
  detailMessage?: string;
  /**
   * The `requestId` the answer echoes. VIP always echoes the request's, and the client refuses an answer that
   * does not, so give the ID the call used (e.g. one set with the call option `requestId`), or let
   * {@link vipReply} or `mockVipAgent` copy it from each request. Omitted here, the element is left out.
   */
  requestId?: string;
}

/** Options of {@link vipErrorResponse}: everything but the status, which is its own argument. */
export type VipErrorResponseOptions = Omit<VipResponseOptions, 'status'>;

/**
 * The SOAP envelope VIP answers `operation` with, as VIP writes it: `S:` envelope prefix, the response element
 * with the schema namespace as its default namespace, unprefixed children in schema order. Values are written by
 * kind: Dates as ISO 8601, booleans and numbers as text, arrays as repeated elements, objects as nested elements,
 * text XML-escaped.
 *
 * @example
 * ```ts
 * vipResponse('getUserInfo', { userId: 'alice', userStatus: 'ACTIVE', numBindings: 0 }, { requestId: 'req_1' });
 * vipResponse(
 *   'authenticateUserWithPush',
 *   { transactionId: '2ae68a940ec4236b', pushDetail: [{ pushCredentialId: 'VSMT12345678', pushSent: true }] },
 *   { status: '6040' },
 * );
 * ```
 * @throws {TypeError} for an unknown operation, a field the response does not have (status fields included: set
 * them through `options`), a value whose shape does not fit its field, or a success status without the fields VIP
 * always sends with it (e.g. `transactionId` and `pushDetail` with a push's `6040`).
 */
export function vipResponse<N extends OperationName>(
  operation: N,
  fields?: VipResponseFields<N>,
  options: VipResponseOptions = {},
): string {
  const plan = operationPlan(operation);
  const own = (fields ?? {}) as Record<string, unknown>;
  for (const key of Object.keys(own)) {
    if (BASE_FIELDS.has(key)) throw new TypeError(`${key} is set through the options of vipResponse, not through its fields`);
  }
  // Every operation lists '0000' first; push operations add 6040, evaluateRisk 6009.
  const status = options.status ?? plan.successCodes[0] ?? '0000';
  const base = {
    requestId: options.requestId,
    status,
    statusMessage: options.statusMessage ?? describeStatus(status)?.message ?? '',
    detail: options.detail,
    detailMessage: options.detailMessage,
  };
  const missing = (plan.presentOnSuccess[status.toUpperCase()] ?? []).filter((name) => !BASE_FIELDS.has(name) && own[name] === undefined);
  if (missing.length > 0) {
    // The client refuses such an answer (the output type promises these fields), so the test would fail later, less clearly.
    throw new TypeError(`${operation} answers ${status} with ${missing.join(', ')} (VIP always sends them): give them in the fields`);
  }
  const children = writeResponseElements(plan.response, { ...base, ...own }, '');
  return `${ENVELOPE_OPEN}<${plan.responseElement} xmlns="${VIP_NAMESPACE}">${children}</${plan.responseElement}>${ENVELOPE_CLOSE}`;
}

/**
 * A VIP answer to `operation` carrying status `code` with its documented message and nothing else, which is what
 * VIP sends when a call fails.
 *
 * @example
 * ```ts
 * vipErrorResponse('authenticateUser', '6009', { detail: '49B5', detailMessage: 'Failed with an invalid OTP' });
 * ```
 * @throws {TypeError} for an unknown operation.
 */
export function vipErrorResponse(operation: OperationName, code: string, options: VipErrorResponseOptions = {}): string {
  return vipResponse(operation, {}, { ...options, status: code });
}
