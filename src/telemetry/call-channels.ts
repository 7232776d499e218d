/**
 * The SDK's `diagnostics_channel` channels, for APMs and tools that do not use OpenTelemetry:
 * - the tracing channel `vip-user-services:call` (`tracing:vip-user-services:call:start`, `:end`, `:asyncStart`,
 *   `:asyncEnd`, `:error`), one traced call per operation call, retries included;
 * - the plain channel `vip-user-services:retry`, one message per retry.
 * Channel names are process-wide, so a subscriber sees every client, from the ESM and the CommonJS build alike.
 */
import { channel, tracingChannel } from 'node:diagnostics_channel';
import type { VipRetryEvent } from '../client-options.js';
import type { OperationName } from '../generated/operations.js';

/**
 * The message of the `tracing:vip-user-services:call` channels: one object per call, the same object in each of its
 * events (so a subscriber may keep its own state for the call in a `WeakMap` keyed by it). It never holds input
 * values or results: no user ID, code, PIN, password or body.
 */
export interface VipCallMessage {
  /** The operation, e.g. `authenticateUser`. */
  readonly operation: OperationName;
  /** The fully qualified method, e.g. `AuthenticationService/authenticateUser` (the spans' `rpc.method`). */
  readonly method: string;
  /** The request ID sent: VIP echoes it, and VIP Manager reports and Report Streaming events carry it. */
  readonly requestId: string;
  /** The service URL the call goes to. */
  readonly url: string;
  /** HTTP attempts sent so far: 0 at `start`, the final count at `asyncEnd` (0 when the input was refused). */
  readonly attempt: number;
  /** VIP's status once VIP answered, success or not (`0000`, `6040`, `6009`...); unset when no VIP status came back. */
  readonly status?: string | undefined;
  /** What the call failed with, from `error` on (a `VipError`). `result` is never set: outputs hold personal data. */
  readonly error?: unknown;
}

/** The message of the `vip-user-services:retry` channel: the `onRetry` hook's event, plus the call's own message. */
export interface VipRetryMessage extends Readonly<VipRetryEvent> {
  /** The call being retried: the message of its `tracing:vip-user-services:call` events. */
  readonly call: VipCallMessage;
}

/** The writable form the SDK fills in. */
export type CallMessage = { -readonly [K in keyof VipCallMessage]: VipCallMessage[K] };

const CALL = tracingChannel<CallMessage, CallMessage>('vip-user-services:call');
const RETRY = channel('vip-user-services:retry');

/** Whether anyone listens to the call channels (checked per call; subscribers may come and go). */
export function callChannelsActive(): boolean {
  return CALL.hasSubscribers;
}

/** Whether anyone listens to the retry channel. */
export function retryChannelActive(): boolean {
  return RETRY.hasSubscribers;
}

/**
 * Runs `run` as one traced call: `start` (with any bound stores entered around `run`, so an APM's context follows
 * the call into its HTTP requests), `end` once `run` has returned its promise, then `error` on failure, and
 * `asyncStart` and `asyncEnd` when it settles. This is `TracingChannel.tracePromise` except that the result is not
 * put on the message. A subscriber that throws does not change the call (Node reports its error on the next tick).
 */
export function traceCall<T>(message: CallMessage, run: () => Promise<T>): Promise<T> {
  return CALL.start.runStores(message, () => {
    try {
      return run().then(
        (result) => {
          CALL.asyncStart.publish(message);
          CALL.asyncEnd.publish(message);
          return result;
        },
        (error: unknown) => {
          message.error = error;
          CALL.error.publish(message);
          CALL.asyncStart.publish(message);
          CALL.asyncEnd.publish(message);
          throw error;
        },
      );
    } finally {
      CALL.end.publish(message);
    }
  });
}

/** Publishes one retry, when anyone listens; the message is only made for them. */
export function publishRetry(message: () => VipRetryMessage): void {
  if (RETRY.hasSubscribers) RETRY.publish(message());
}
