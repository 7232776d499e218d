/**
 * A client's telemetry: decides once which OpenTelemetry providers it uses, loads `@opentelemetry/api` when one of
 * them needs it, and wraps each call (and each `waitForPush`) in what is observing it. A call nobody observes runs
 * as it would without telemetry: one check of the channels, no span, no allocation.
 */
import type { Tracer } from '@opentelemetry/api';
import { VipServiceError } from '../errors/service-error-categories.js';
import { VERSION } from '../version.js';
import { callChannelsActive, retryChannelActive } from './call-channels.js';
import { CallMetrics } from './call-metrics.js';
import { type CallDescription, CallRecord, type CallTracker, UNOBSERVED } from './call-record.js';
import { describeFailure } from './failure-kind.js';
import { scopeOf } from './instrumentation-scope.js';
import { loadOpenTelemetry } from './load-opentelemetry.js';
import type { VipMeterProvider, VipTracerProvider } from './providers.js';
import { ATTR_VIP_PUSH_STATUS, ATTR_VIP_PUSH_TRANSACTION_ID, INSTRUMENTATION_NAME, SPAN_WAIT_FOR_PUSH } from './semantic-conventions.js';
import { SpanSource } from './span-source.js';

/** The client's telemetry options, checked. */
export interface TelemetrySettings {
  /** A provider, `false` for no spans, or `undefined` for the global provider. */
  readonly tracerProvider: VipTracerProvider | false | undefined;
  /** A provider, `false` for no metrics, or `undefined` for the global provider. */
  readonly meterProvider: VipMeterProvider | false | undefined;
}

/** A push transaction ID as the contract allows it; anything else is refused by waitForPush and never recorded. */
const TRANSACTION_ID = /^[0-9A-Za-z_]{4,16}$/;

/** Spans, metrics and channel events for one client's calls. */
export class ClientTelemetry {
  #spans: SpanSource | undefined;
  #metrics: CallMetrics | undefined;
  /** Set while `@opentelemetry/api` loads; calls made meanwhile wait for it, so none is missed. */
  #loading: Promise<void> | undefined;

  /**
   * Takes the SDK's tracer and meter from the providers given (checking them now), and starts loading
   * `@opentelemetry/api` when spans or the global meter provider need it.
   * @param unavailable Told when a tracer provider was given but `@opentelemetry/api` cannot be loaded.
   * @throws {VipConfigurationError} for a provider that throws or gives a tracer or meter without the methods used.
   */
  constructor(settings: TelemetrySettings, unavailable: (message: string) => void) {
    const { tracerProvider, meterProvider } = settings;
    const tracer =
      tracerProvider === false || tracerProvider === undefined ? undefined : scopeOf<Tracer>(tracerProvider, 'tracer', ['startSpan']);
    if (meterProvider !== false && meterProvider !== undefined) {
      this.#metrics = new CallMetrics(() => meterProvider);
      this.#metrics.prepare();
    }
    // Spans need the API to become active (that is how HTTP spans nest beneath them); metrics need it only to find
    // the global provider.
    if (tracerProvider === false && meterProvider !== undefined) return;
    this.#loading = loadOpenTelemetry()
      .then((api) => {
        if (api === undefined) {
          if (tracer !== undefined) unavailable('tracerProvider was given, but @opentelemetry/api cannot be loaded: no spans are recorded');
          return;
        }
        if (tracerProvider !== false) this.#spans = new SpanSource(api, tracer ?? api.trace.getTracer(INSTRUMENTATION_NAME, VERSION));
        if (meterProvider === undefined) this.#metrics = new CallMetrics(() => api.metrics.getMeterProvider(), api.createNoopMeter());
      })
      // Telemetry that cannot start must not fail the calls waiting for it.
      .catch(() => undefined)
      .finally(() => {
        this.#loading = undefined;
      });
  }

  /**
   * Runs one operation call under its span and channel events. `run` gets the tracker the call loop reports its
   * attempts and retries to.
   */
  traceCall<T>(call: CallDescription, run: (tracker: CallTracker) => Promise<T>): Promise<T> {
    if (this.#loading !== undefined) return this.#loading.then(() => this.traceCall(call, run));
    const spans = this.#spans;
    const metrics = this.#metrics?.recording() ? this.#metrics : undefined;
    const publishing = callChannelsActive();
    if (spans === undefined && metrics === undefined && !publishing && !retryChannelActive()) return run(UNOBSERVED);
    return new CallRecord(call, spans, metrics, publishing).run(run);
  }

  /**
   * Runs one `waitForPush` under an internal span, active while it waits, so the `pollPushStatus` calls made for it
   * are its children. The span ends with the transaction's final status, or the error.
   */
  traceWait<T extends { status: string }>(transactionId: unknown, wait: () => Promise<T>): Promise<T> {
    if (this.#loading !== undefined) return this.#loading.then(() => this.traceWait(transactionId, wait));
    const spans = this.#spans;
    const recordable = typeof transactionId === 'string' && TRANSACTION_ID.test(transactionId);
    const span = spans?.start(SPAN_WAIT_FOR_PUSH, 'internal', recordable ? { [ATTR_VIP_PUSH_TRANSACTION_ID]: transactionId } : {});
    if (spans === undefined || span === undefined) return wait();
    return spans.activate(span, () =>
      wait().then(
        (result) => {
          spans.end(span, { [ATTR_VIP_PUSH_STATUS]: result.status }, undefined);
          return result;
        },
        (error: unknown) => {
          spans.end(span, error instanceof VipServiceError ? { [ATTR_VIP_PUSH_STATUS]: error.code } : {}, describeFailure(error));
          throw error;
        },
      ),
    );
  }
}
