/**
 * One operation call as telemetry sees it: its span, its channel message and its metrics, fed by the call loop
 * through {@link CallTracker}. What reaches telemetry is the operation, the request ID, the service's host, attempt
 * counts, VIP's status and the SDK's own words for a failure; never an input value, a result or a body.
 */
import type { Attributes, Span } from '@opentelemetry/api';
import type { ServiceName } from '../core/plan.js';
import { VipServiceError } from '../errors/service-error-categories.js';
import { normalizeStatusCode } from '../errors/status-codes.js';
import type { VipError } from '../errors/vip-error.js';
import type { OperationName } from '../generated/operations.js';
import { type CallMessage, publishRetry, traceCall } from './call-channels.js';
import type { CallMetrics } from './call-metrics.js';
import { describeFailure, type FailureKind } from './failure-kind.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_RPC_METHOD,
  ATTR_RPC_STATUS_CODE,
  ATTR_RPC_SYSTEM_NAME,
  ATTR_SERVER_ADDRESS,
  ATTR_SERVER_PORT,
  ATTR_VIP_ATTEMPT,
  ATTR_VIP_ATTEMPTS,
  ATTR_VIP_REQUEST_ID,
  ATTR_VIP_RETRY_DELAY,
  ATTR_VIP_RETRY_REASON,
  EVENT_RETRY,
  RPC_SYSTEM,
} from './semantic-conventions.js';
import type { SpanSource } from './span-source.js';

/** What the call loop reports while a call runs. */
export interface CallTracker {
  /** Attempt `attempt` (1 for the first) is about to be sent. */
  attempting(attempt: number): void;
  /** Attempt `attempt` failed with `error`; the next one follows after `delayMs`. */
  retrying(attempt: number, delayMs: number, error: VipError): void;
}

/** The tracker of a call nobody observes. */
export const UNOBSERVED: CallTracker = {
  attempting: () => undefined,
  retrying: () => undefined,
};

/** The call being started. */
export interface CallDescription {
  readonly operation: OperationName;
  readonly service: ServiceName;
  readonly requestId: string;
  readonly url: URL;
}

interface Server {
  address: string;
  port: number;
}

// The client keeps one URL object per service, so each is taken apart once.
const servers = new WeakMap<URL, Server>();

function serverOf(url: URL): Server {
  let server = servers.get(url);
  // Stryker disable next-line ConditionalExpression: a cache; taking the URL apart again gives the same server
  if (server === undefined) {
    const port = url.port === '' ? (url.protocol === 'https:' ? 443 : 80) : Number(url.port);
    // An IPv6 host name comes in brackets ([::1]); the attribute holds the address alone.
    const address = url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
    server = { address, port };
    servers.set(url, server);
  }
  return server;
}

/** The span, the channel message and the metrics of one call. */
export class CallRecord implements CallTracker {
  readonly #call: CallDescription;
  readonly #method: string;
  /** The call's span with the tracer that started it; none without a tracer, or when the tracer failed to start one. */
  readonly #trace: { readonly spans: SpanSource; readonly span: Span } | undefined;
  readonly #metrics: CallMetrics | undefined;
  /** Made only for subscribers: at start when the call channels have some, or at the first retry for the retry channel's. */
  #message: CallMessage | undefined;
  #attempt = 0;
  readonly #started: number;

  /**
   * Starts the call's span (with the attributes samplers may use) under the caller's active span.
   * @param metrics The call's metrics, unless nothing records them.
   * @param publishing Whether the call channels have subscribers.
   */
  constructor(call: CallDescription, spans: SpanSource | undefined, metrics: CallMetrics | undefined, publishing: boolean) {
    this.#call = call;
    this.#method = `${call.service}Service/${call.operation}`;
    this.#metrics = metrics;
    this.#started = performance.now();
    // Stryker disable next-line ConditionalExpression: a message made for channels nobody listens to is never seen
    if (publishing) this.#message = this.#newMessage();
    const span = spans === undefined ? undefined : this.#startSpan(spans);
    this.#trace = span === undefined ? undefined : { spans: spans as SpanSource, span };
  }

  #startSpan(spans: SpanSource): Span | undefined {
    const server = serverOf(this.#call.url);
    return spans.start(this.#method, 'client', {
      [ATTR_RPC_SYSTEM_NAME]: RPC_SYSTEM,
      [ATTR_RPC_METHOD]: this.#method,
      [ATTR_SERVER_ADDRESS]: server.address,
      [ATTR_SERVER_PORT]: server.port,
      [ATTR_VIP_REQUEST_ID]: this.#call.requestId,
    });
  }

  attempting(attempt: number): void {
    this.#attempt = attempt;
    if (this.#message !== undefined) this.#message.attempt = attempt;
  }

  retrying(attempt: number, delayMs: number, error: VipError): void {
    const failure = describeFailure(error);
    const trace = this.#trace;
    if (trace !== undefined) {
      trace.spans.event(trace.span, EVENT_RETRY, {
        [ATTR_VIP_ATTEMPT]: attempt,
        [ATTR_VIP_RETRY_DELAY]: delayMs,
        [ATTR_ERROR_TYPE]: failure.type,
        [ATTR_VIP_RETRY_REASON]: failure.description,
      });
    }
    this.#metrics?.countRetry(this.#method, failure.type);
    publishRetry(() => {
      this.#message ??= this.#newMessage();
      const { operation, requestId } = this.#call;
      return { operation, requestId, attempt, delayMs, error, call: this.#message };
    });
  }

  /**
   * Runs the call: inside the channels' `start`/`end` events and with the span active. The outcome is noted before
   * the channels' `asyncEnd`, so subscribers see the final status and attempt count.
   */
  run<T>(call: (tracker: CallTracker) => Promise<T>): Promise<T> {
    const trace = this.#trace;
    // A span that does not record (no SDK, or sampled out) would give the HTTP requests nothing their parent does not.
    const active = trace?.span.isRecording() ? trace : undefined;
    const message = this.#message;
    // The two fast paths below give what the general path gives when nothing records or listens, with less work.
    // Stryker disable next-line ConditionalExpression,LogicalOperator,BlockStatement: a fast path, see above
    if (active === undefined && message === undefined) {
      // Stryker disable next-line ConditionalExpression,BlockStatement: a fast path, see above
      if (this.#metrics === undefined) {
        // Nothing would use the outcome: the span (if any) records nothing, so it can end now.
        trace?.span.end();
        return call(this);
      }
      return this.#settle(call);
    }
    const settle = () => this.#settle(call);
    const published = message === undefined ? settle : () => traceCall(message, settle);
    return active === undefined ? published() : active.spans.activate(active.span, published);
  }

  async #settle<T>(call: (tracker: CallTracker) => Promise<T>): Promise<T> {
    let output: T;
    try {
      output = await call(this);
    } catch (error) {
      this.#finish(error instanceof VipServiceError ? error.code : undefined, describeFailure(error));
      throw error;
    }
    this.#finish(statusOf(output), undefined);
    return output;
  }

  #finish(status: string | undefined, failure: FailureKind | undefined): void {
    if (this.#message !== undefined && status !== undefined) this.#message.status = status;
    const trace = this.#trace;
    if (trace !== undefined) {
      const outcome: Attributes = { [ATTR_VIP_ATTEMPTS]: this.#attempt };
      if (status !== undefined) outcome[ATTR_RPC_STATUS_CODE] = status;
      trace.spans.end(trace.span, outcome, failure);
    }
    this.#metrics?.recordCall((performance.now() - this.#started) / 1000, this.#method, status, failure?.type);
  }

  #newMessage(): CallMessage {
    const { operation, requestId, url } = this.#call;
    return { operation, method: this.#method, requestId, url: url.href, attempt: this.#attempt };
  }
}

/** VIP's status of a successful output: the client only returns outputs whose status is a non-empty string. */
function statusOf(output: unknown): string {
  return normalizeStatusCode((output as { status: string }).status);
}
