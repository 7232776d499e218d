/**
 * One request's way through the mock: schema check (600B), account (6001), the operation's handler, and the
 * response element laid out in schema order with the base fields (requestId echoed, status and its message).
 */
import { OPERATIONS, type OperationName } from '../generated/operations.js';
import type { OperationInputs } from '../generated/types.js';
import { HANDLERS } from './model/operations.js';
import type { Handler } from './model/outcome.js';
import type { VipModel } from './model/vip-model.js';
import { checkRequest } from './request-check.js';
import { shapeResponse } from './response-shape.js';
import { detailMessageOf, statusMessageOf } from './status-text.js';

/**
 * VIP checks a few rules as business rules, with their own status, rather than as schema rules: the characters
 * refused in friendly names give 602D, although our contract also states them as a pattern.
 */
function schemaFailureStatus(element: string | undefined, facet: string | undefined): string {
  return facet === 'pattern' && element?.toLowerCase() === 'friendlyname' ? '602D' : '600B';
}

/** The requestId of a parsed request, or '' when it has none usable (the response must still carry one). */
export function requestIdOf(args: unknown): string {
  const requestId = typeof args === 'object' && args !== null ? (args as Record<string, unknown>).requestId : undefined;
  return typeof requestId === 'string' ? requestId : '';
}

/** The onBehalfOfAccountId of a parsed request, if it is a string. */
export function accountIdOf(args: unknown): string | undefined {
  const accountId = typeof args === 'object' && args !== null ? (args as Record<string, unknown>).onBehalfOfAccountId : undefined;
  return typeof accountId === 'string' ? accountId : undefined;
}

/** The base fields of a response: the status, and optionally its message, a detail code and a detail message. */
export interface StatusFields {
  status: string;
  statusMessage?: string;
  detail?: string;
  detailMessage?: string;
}

/**
 * A response with the base fields and the handler's `fields`. A message left out is the documented one: VIP's
 * message for the status, the mock's text for a detail code it knows. A `detailMessage` may come without a detail
 * code (the mock uses that to say which schema rule a 600B request broke).
 */
export function statusResponse(
  operation: OperationName,
  requestId: string,
  answer: StatusFields & { fields?: object },
  apiVersion: string,
): Record<string, unknown> {
  const { status, detail } = answer;
  const values = {
    ...answer.fields,
    requestId,
    status,
    statusMessage: answer.statusMessage ?? statusMessageOf(status),
    detail,
    detailMessage: answer.detailMessage ?? (detail === undefined ? undefined : detailMessageOf(detail)),
  };
  return shapeResponse(OPERATIONS[operation].response, values, apiVersion);
}

/**
 * Runs one request, sent to the paths of `apiVersion`, against the model and returns the response object for
 * node-soap to serialise.
 */
export function respond(model: VipModel, operation: OperationName, args: unknown, apiVersion: string): Record<string, unknown> {
  const requestId = requestIdOf(args);
  const checked = checkRequest(OPERATIONS[operation].request, args, apiVersion);
  if (!checked.ok) {
    const status = schemaFailureStatus(checked.element, checked.facet);
    return statusResponse(operation, requestId, { status, detailMessage: status === '600B' ? checked.reason : undefined }, apiVersion);
  }
  const { requestId: _requestId, onBehalfOfAccountId, ...input } = checked.value;
  const account = model.account(onBehalfOfAccountId as string | undefined);
  if (account === undefined) return statusResponse(operation, requestId, { status: '6001' }, apiVersion);
  const handler = HANDLERS[operation] as Handler<OperationName>;
  const outcome = handler(input as unknown as OperationInputs[OperationName], {
    account,
    now: model.now(),
    otp: model.otp,
    settings: model.settings,
    apiVersion,
  });
  return statusResponse(operation, requestId, outcome, apiVersion);
}
