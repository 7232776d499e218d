/**
 * The client's metrics: the `rpc.client.call.duration` histogram (seconds, the conventions' buckets) and a counter
 * of retries. The global meter provider has no proxy (unlike the tracer provider), so the instruments are made
 * again whenever the provider in use changes: an application that registers its SDK after building the client
 * still gets its metrics.
 */
import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import { scopeOf } from './instrumentation-scope.js';
import type { VipMeterProvider } from './providers.js';
import {
  ATTR_ERROR_TYPE,
  ATTR_RPC_METHOD,
  ATTR_RPC_STATUS_CODE,
  ATTR_RPC_SYSTEM_NAME,
  CALL_DURATION_BUCKETS,
  METRIC_CALL_DURATION,
  METRIC_RETRIES,
  RPC_SYSTEM,
} from './semantic-conventions.js';

interface Instruments {
  provider: VipMeterProvider;
  duration: Histogram;
  retries: Counter;
  /** The meter is the API's no-op one (no SDK registered): recording would cost and keep nothing. */
  noop: boolean;
}

/** Records calls and retries through the meter of whichever provider `source` returns. */
export class CallMetrics {
  readonly #source: () => VipMeterProvider;
  readonly #noopMeter: object | undefined;
  readonly #attributes = new AttributeSets();
  #instruments: Instruments | undefined;

  /**
   * @param source The provider to use, asked on each recording (cheap: the provider object, or the global lookup).
   * @param noopMeter The API's no-op meter, which the global provider gives while no SDK is registered.
   */
  constructor(source: () => VipMeterProvider, noopMeter?: object) {
    this.#source = source;
    this.#noopMeter = noopMeter;
  }

  /** Whether a recording would reach an SDK now. */
  recording(): boolean {
    try {
      return !this.#current().noop;
    } catch {
      return false;
    }
  }

  /**
   * Creates the instruments now, so a provider whose meter lacks `createHistogram` or `createCounter` is refused
   * when the client is built.
   * @throws {VipConfigurationError} for such a provider.
   */
  prepare(): void {
    this.#current();
  }

  /**
   * Records one call's duration, in seconds, by method and outcome (`server.*` are opt-in on metrics, for their
   * cardinality, so they are left out).
   * @param status VIP's status, when VIP answered.
   * @param errorType The failure's `error.type`, when the call failed.
   */
  recordCall(seconds: number, method: string, status: string | undefined, errorType: string | undefined): void {
    try {
      this.#current().duration.record(seconds, this.#attributes.get(method, status, errorType));
    } catch {
      // A broken meter must not fail the call.
    }
  }

  /** Counts one retry of `method`, by the `error.type` of the attempt that failed. */
  countRetry(method: string, errorType: string): void {
    try {
      this.#current().retries.add(1, this.#attributes.get(method, undefined, errorType));
    } catch {
      // As above.
    }
  }

  #current(): Instruments {
    const provider = this.#source();
    const known = this.#instruments;
    if (known !== undefined && known.provider === provider) return known;
    const meter = scopeOf<Meter>(provider, 'meter', ['createHistogram', 'createCounter']);
    const duration = meter.createHistogram(METRIC_CALL_DURATION, {
      description: 'Duration of VIP User Services calls, retries and the waits between them included.',
      unit: 's',
      advice: { explicitBucketBoundaries: [...CALL_DURATION_BUCKETS] },
    });
    const retries = meter.createCounter(METRIC_RETRIES, {
      description: 'Attempts of VIP User Services calls that were sent again.',
      unit: '{retry}',
    });
    this.#instruments = { provider, duration, retries, noop: meter === this.#noopMeter };
    return this.#instruments;
  }
}

/** More sets than a real VIP can cause; past it, sets are made per call, so odd statuses cannot grow memory. */
const MAX_SETS = 512;

/**
 * The attribute sets of the metrics, made once per method, status and error type: a few dozen in practice, where a
 * fresh object per call would be garbage for every call.
 */
class AttributeSets {
  readonly #sets = new Map<string, Map<string | undefined, Map<string | undefined, Attributes>>>();
  #count = 0;

  get(method: string, status: string | undefined, errorType: string | undefined): Attributes {
    const known = this.#sets.get(method)?.get(status)?.get(errorType);
    if (known !== undefined) return known;
    const made: Attributes = { [ATTR_RPC_SYSTEM_NAME]: RPC_SYSTEM, [ATTR_RPC_METHOD]: method };
    if (status !== undefined) made[ATTR_RPC_STATUS_CODE] = status;
    if (errorType !== undefined) made[ATTR_ERROR_TYPE] = errorType;
    Object.freeze(made);
    if (this.#count < MAX_SETS) {
      this.#count++;
      const byStatus = this.#sets.get(method) ?? new Map<string | undefined, Map<string | undefined, Attributes>>();
      this.#sets.set(method, byStatus);
      const byError = byStatus.get(status) ?? new Map<string | undefined, Attributes>();
      byStatus.set(status, byError);
      byError.set(errorType, made);
    }
    return made;
  }
}
