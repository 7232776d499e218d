/**
 * waitForPush: turns VIP's poll-based push flow into one promise per transaction. Concurrent waits on the same
 * client share their polls (up to 20 transaction IDs per `pollPushStatus` request), deadlines run on a monotonic
 * clock, and cancellation is immediate.
 */
import { AsyncResource } from 'node:async_hooks';
import { checkDuration, checkSignal, MAX_TIMER_MS, own } from './client-options.js';
import { VipAbortError, VipConfigurationError, VipTimeoutError } from './errors/request-errors.js';
import { VipError } from './errors/vip-error.js';
import { CONTRACT_VERSION, OPERATIONS } from './generated/operations.js';
import type { PollPushStatusInput, PollPushStatusOutput, PushTransactionStatus } from './generated/types.js';
import { watchAbort } from './core/abort-watchers.js';
import { readPushOutcome } from './push-outcome.js';
import { writeRequest } from './xml/request-writer.js';

/** Options of {@link VipClient.waitForPush}. */
export interface PushWaitOptions {
  /**
   * Pause between two polls of the same transaction, in milliseconds (1 to 2147483647).
   * @default 3000
   */
  intervalMs?: number | undefined;
  /**
   * Give up after this many milliseconds (measured on a monotonic clock) with `VipTimeoutError`. Match it to the
   * push's `request.timeout` if you set one. Any positive number is allowed, even beyond what one Node timer holds
   * (about 24.8 days); `Infinity` waits until the push is final or `signal` fires.
   * @default 120000
   */
  timeoutMs?: number | undefined;
  /** Stops waiting at once, rejecting with `VipAbortError`. */
  signal?: AbortSignal | undefined;
}

/** The final status of an approved push (status `7000`): who approved it, when, and on which device. */
export type PushTransactionResult = PushTransactionStatus & {
  /** Always `7000`, approved. */
  status: '7000';
};

/** The part of the client the push helper needs. */
export interface PushPollingClient {
  pollPushStatus(input: PollPushStatusInput): Promise<PollPushStatusOutput>;
  /** The client's settings: with `apiVersion` '1.10', the per-transaction codes of 1.10 are read too (see readPushOutcome). */
  readonly config: { readonly apiVersion: string };
}

const MAX_IDS_PER_POLL = 20;

interface Waiter {
  transactionId: string;
  intervalMs: number;
  dueAt: number;
  polling: boolean;
  settle: (error: Error | undefined, result?: PushTransactionResult) => void;
  /** Runs a task in the async context `waitForPush` was called in (its span, the application's request context). */
  inContext: <T>(task: () => T) => T;
}

/** Shares polls between every transaction waited on through one client. */
class PushPoller {
  readonly #client: PushPollingClient;
  readonly #waiters = new Set<Waiter>();
  #timer: NodeJS.Timeout | undefined;

  constructor(client: PushPollingClient) {
    this.#client = client;
  }

  add(waiter: Waiter): void {
    this.#waiters.add(waiter);
    this.#schedule();
  }

  remove(waiter: Waiter): void {
    this.#waiters.delete(waiter);
    this.#schedule();
  }

  #schedule(): void {
    clearTimeout(this.#timer);
    this.#timer = undefined;
    let next = Number.POSITIVE_INFINITY;
    for (const waiter of this.#waiters) if (!waiter.polling && waiter.dueAt < next) next = waiter.dueAt;
    if (next === Number.POSITIVE_INFINITY) return;
    this.#timer = setTimeout(() => this.#pollDue(), Math.max(0, next - performance.now()));
  }

  #pollDue(): void {
    const now = performance.now();
    // Waiters due within half their interval join this poll: one request instead of two, a little early.
    const due = [...this.#waiters].filter((w) => !w.polling && w.dueAt <= now + w.intervalMs / 2);
    // Stryker disable next-line EqualityOperator: one more turn polls an empty batch, which does nothing
    for (let i = 0; i < due.length; i += MAX_IDS_PER_POLL) void this.#poll(due.slice(i, i + MAX_IDS_PER_POLL));
    this.#schedule();
  }

  async #poll(batch: Waiter[]): Promise<void> {
    for (const waiter of batch) waiter.polling = true;
    let statuses: readonly PushTransactionStatus[] = [];
    let failure: unknown;
    try {
      // Polls run from timers, whose async context is whichever wait armed them last; a poll belongs to its (first)
      // waiter's, so its span and logs are found under the wait that asked for it.
      const poll = () => this.#client.pollPushStatus({ transactionId: batch.map((w) => w.transactionId) });
      const output = await (batch[0] as Waiter).inContext(poll);
      // The client refuses a 0000 answer without transactionStatus (presentOnSuccess), so it is always there.
      statuses = output.transactionStatus as PushTransactionStatus[];
    } catch (error) {
      failure = error;
    }
    for (const waiter of batch) {
      waiter.polling = false;
      waiter.dueAt = performance.now() + waiter.intervalMs;
      // Stryker disable next-line ConditionalExpression: a waiter that left has settled, and settling twice does nothing
      if (!this.#waiters.has(waiter)) continue;
      if (failure !== undefined) {
        // A lost poll is not a lost push: keep waiting through any transient failure, until the deadline.
        if (!(failure instanceof VipError && failure.retryable)) waiter.settle(failure as Error);
        continue;
      }
      const status = statuses.find((s) => s.transactionId === waiter.transactionId);
      if (status === undefined) continue;
      const { apiVersion } = this.#client.config;
      const outcome = readPushOutcome(status, { operation: 'waitForPush', transactionId: waiter.transactionId, apiVersion });
      if (outcome === 'approved') waiter.settle(undefined, status as PushTransactionResult);
      else if (outcome !== 'pending') waiter.settle(outcome);
    }
    this.#schedule();
  }
}

const pollers = new WeakMap<PushPollingClient, PushPoller>();

function checkWaitLimit(value: number | undefined): number {
  if (value === undefined) return 120_000;
  if (typeof value !== 'number' || Number.isNaN(value) || value < 1) {
    throw new VipConfigurationError(`timeoutMs must be a number of milliseconds of at least 1, or Infinity, got ${String(value)}`);
  }
  return value;
}

/**
 * Calls `onDeadline` once `timeoutMs` have passed on the monotonic clock. A deadline longer than one Node timer can
 * hold is reached in several steps; an infinite one never fires.
 * @returns A function that cancels the deadline.
 */
function startDeadline(timeoutMs: number, onDeadline: () => void): () => void {
  // Stryker disable next-line ConditionalExpression: without it an infinite deadline is re-armed every 24.8 days
  if (timeoutMs === Number.POSITIVE_INFINITY) return () => undefined;
  const dueAt = performance.now() + timeoutMs;
  let timer: ReturnType<typeof setTimeout>;
  const arm = (): void => {
    const remaining = dueAt - performance.now();
    if (remaining <= 0) onDeadline();
    else timer = setTimeout(arm, Math.min(Math.ceil(remaining), MAX_TIMER_MS));
  };
  timer = setTimeout(arm, Math.min(timeoutMs, MAX_TIMER_MS));
  return () => clearTimeout(timer);
}

/**
 * Waits until push transaction `transactionId` is final. See {@link VipClient.waitForPush}.
 * @throws {@link VipValidationError} for a malformed transaction ID; the push error class of the final status
 * (7002 `PushDeniedError`, 7003 `PushChangedError`, 7004 `PushExpiredError`, 7005 `PushNotFoundError`,
 * 7006 `PushNotCompletedError`, 7008 `PushRequestParametersNotMetError`; with `apiVersion` '1.10' also 7141
 * `NumberChallengeFailedError` and the local-authentication classes of 7120-7125, also when they come as the
 * detail of a final status; 7140, number challenge pending, keeps waiting); {@link VipTimeoutError};
 * {@link VipAbortError}; or the poll's own error when a read would not be retried after it.
 */
export function waitForPush(
  client: PushPollingClient,
  transactionId: string,
  options: PushWaitOptions = {},
): Promise<PushTransactionResult> {
  return new Promise((resolve, reject) => {
    if (typeof options !== 'object' || options === null) throw new VipConfigurationError('the waitForPush options must be an object');
    const intervalMs = checkDuration(own(options, 'intervalMs'), 'intervalMs', 3000);
    const timeoutMs = checkWaitLimit(own(options, 'timeoutMs'));
    const signal = checkSignal(own(options, 'signal'), 'signal');
    // The transaction ID is checked against the contract now, so one bad ID cannot fail a shared poll. Its rules
    // are the same in every API version, so the baseline's are used.
    writeRequest(OPERATIONS.pollPushStatus, { transactionId: [transactionId] }, { requestId: 'push_check', apiVersion: CONTRACT_VERSION });
    const context = { operation: 'waitForPush' };
    if (signal?.aborted) {
      reject(new VipAbortError('waitForPush was aborted', { ...context, cause: signal.reason }));
      return;
    }

    let poller = pollers.get(client);
    if (poller === undefined) {
      poller = new PushPoller(client);
      pollers.set(client, poller);
    }
    let settled = false;
    const waiter: Waiter = {
      transactionId,
      intervalMs,
      dueAt: performance.now(),
      polling: false,
      inContext: AsyncResource.bind(<T>(task: () => T): T => task()),
      settle: (error, result) => {
        // Stryker disable next-line ConditionalExpression,BooleanLiteral: settling twice cannot change a settled promise; the guard saves work
        if (settled) return;
        // Stryker disable next-line BooleanLiteral: as above
        settled = true;
        stopDeadline();
        stopWatchingSignal();
        poller.remove(waiter);
        if (error === undefined) resolve(result as PushTransactionResult);
        else reject(error);
      },
    };
    const stopDeadline = startDeadline(timeoutMs, () =>
      waiter.settle(
        new VipTimeoutError(`push transaction ${transactionId} was not final after ${timeoutMs} ms`, { ...context, timeoutMs }),
      ),
    );
    // One shared listener per signal (see watchAbort): many waits on one application-wide signal must not pile up.
    const stopWatchingSignal =
      signal === undefined
        ? () => undefined
        : watchAbort(signal, () => waiter.settle(new VipAbortError('waitForPush was aborted', { ...context, cause: signal.reason })));
    poller.add(waiter);
  });
}
