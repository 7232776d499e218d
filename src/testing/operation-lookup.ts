/** Finds an operation's generated plan by method name, for helpers that JavaScript callers may hand any string. */
import type { OperationPlan } from '../core/plan.js';
import { OPERATIONS, type OperationName } from '../generated/operations.js';

/**
 * The plan of `operation` (e.g. `'getUserInfo'`).
 * @throws {TypeError} when `operation` is not one of the 24 method names.
 */
export function operationPlan(operation: OperationName): OperationPlan {
  if (typeof operation !== 'string' || !Object.hasOwn(OPERATIONS, operation)) {
    throw new TypeError(`${String(operation)} is not a VIP operation; use a VipClient method name such as 'getUserInfo'`);
  }
  return OPERATIONS[operation];
}

const OPERATION_BY_REQUEST_ELEMENT: ReadonlyMap<string, OperationName> = new Map(
  Object.values(OPERATIONS).map((plan): [string, OperationName] => [plan.requestElement, plan.name]),
);

/** The operation whose request element is `elementName` (e.g. `'GetUserInfoRequest'`), if any. */
export function operationForRequestElement(elementName: string): OperationName | undefined {
  return OPERATION_BY_REQUEST_ELEMENT.get(elementName);
}
