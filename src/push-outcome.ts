/**
 * What one `transactionStatus` of a pollPushStatus answer means for a wait: still pending, approved, or the error
 * the push ended with. waitForPush applies it to every transaction it follows.
 */
import { apiVersionAtLeast } from './core/api-version.js';
import type { ServiceErrorContext, VipServiceError, VipStatusReport } from './errors/service-error-categories.js';
import { createServiceError, errorClassForStatus } from './errors/service-error-factory.js';
import { normalizeStatusCode } from './errors/status-codes.js';

const APPROVED = '7000';
const IN_PROGRESS = '7001';
/** The number challenge is shown but not yet answered (1.10). */
const NUMBER_CHALLENGE_PENDING = '7140';

/**
 * The API version whose documentation brings the per-transaction codes 7120-7125 (local authentication) and
 * 7140/7141 (number challenge). Older clients keep reading transactions as before, so their errors do not change.
 */
const TRANSACTION_CODES_SINCE = '1.10';

/** The outcomes 1.10 documents as a transaction's detail: local authentication (7120-7125), number challenge failed. */
const DETAIL_OUTCOMES: ReadonlySet<string> = new Set(['7120', '7121', '7122', '7123', '7124', '7125', '7141']);

/** How a transaction stands after one poll: not final yet, approved, or failed with this error. */
export type PushOutcome = 'pending' | 'approved' | VipServiceError;

/**
 * Reads one transaction's status.
 *
 * 7001 keeps the wait going and 7000 ends it approved, as always. With `apiVersion` 1.10 or later, the codes its
 * documentation adds are read too. That documentation lists them among the detail codes of a transaction without
 * saying which status they come with, so both places count:
 *
 * - 7140 (number challenge pending) keeps the wait going like 7001, whether it is the status or the detail of 7001:
 *   "pending" means the user has not picked a number yet, and giving up then would fail a sign-in in progress.
 * - A final status whose detail is one of these outcomes (7120-7125, 7141) fails with the detail's class,
 *   the more specific of the two: `NumberChallengeFailedError` for a wrong number picked, whether VIP reports 7141 as
 *   the status or as the detail of, say, 7002. The error built from the status itself is kept as its `cause`, so
 *   nothing VIP sent is lost.
 *
 * Every other final status fails with the class of its code (`PushDeniedError`, `PushExpiredError`, ...).
 */
export function readPushOutcome(status: VipStatusReport, context: ServiceErrorContext & { apiVersion: string }): PushOutcome {
  const { apiVersion, ...errorContext } = context;
  const code = normalizeStatusCode(status.status);
  const detail = status.detail === undefined ? undefined : normalizeStatusCode(status.detail);
  const newCodes = apiVersionAtLeast(apiVersion, TRANSACTION_CODES_SINCE);
  if (code === APPROVED) return 'approved';
  if (code === IN_PROGRESS || (newCodes && code === NUMBER_CHALLENGE_PENDING)) return 'pending';
  const error = createServiceError(status, errorContext);
  const refined = newCodes && detail !== undefined && DETAIL_OUTCOMES.has(detail) ? errorClassForStatus(detail) : undefined;
  if (refined === undefined) return error;
  return new refined({ status: detail as string, statusMessage: status.detailMessage ?? '' }, { ...errorContext, cause: error });
}
