/**
 * The OpenTelemetry providers a client may be given, and their checks. They are typed by the one method the SDK
 * calls, so that the SDK's own declarations never import `@opentelemetry/api`: it is an optional peer, and a
 * TypeScript user without it must still compile against the SDK.
 */
import { VipConfigurationError } from '../errors/request-errors.js';

/**
 * An OpenTelemetry `TracerProvider` of `@opentelemetry/api` 1.x: the Node SDK's, `trace.getTracerProvider()`, or a
 * `BasicTracerProvider` of your own.
 */
export interface VipTracerProvider {
  /** Returns the tracer of an instrumentation scope (the SDK asks for `vip-user-services` and its version). */
  getTracer(name: string, version?: string): object;
}

/** An OpenTelemetry `MeterProvider` of `@opentelemetry/api` 1.x: the Node SDK's, `metrics.getMeterProvider()`, or your own. */
export interface VipMeterProvider {
  /** Returns the meter of an instrumentation scope (the SDK asks for `vip-user-services` and its version). */
  getMeter(name: string, version?: string): object;
}

/**
 * Checks the `tracerProvider` option: a provider, `false` (no spans) or `undefined` (the global provider).
 * @throws {VipConfigurationError} for anything else.
 */
export function checkTracerProvider(value: unknown): VipTracerProvider | false | undefined {
  return checkProvider<VipTracerProvider>(value, 'tracerProvider', 'getTracer');
}

/**
 * Checks the `meterProvider` option: a provider, `false` (no metrics) or `undefined` (the global provider).
 * @throws {VipConfigurationError} for anything else.
 */
export function checkMeterProvider(value: unknown): VipMeterProvider | false | undefined {
  return checkProvider<VipMeterProvider>(value, 'meterProvider', 'getMeter');
}

function checkProvider<P extends object>(value: unknown, name: string, method: string): P | false | undefined {
  if (value === undefined || value === false) return value;
  if (typeof value === 'object' && value !== null && typeof (value as Record<string, unknown>)[method] === 'function') return value as P;
  throw new VipConfigurationError(
    `${name} must be an OpenTelemetry ${name === 'tracerProvider' ? 'TracerProvider' : 'MeterProvider'} (with ${method}()), or false`,
  );
}
