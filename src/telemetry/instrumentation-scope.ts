/**
 * The SDK's tracer or meter from a provider: the instrumentation scope named after the package and its version, as
 * OpenTelemetry asks of libraries, checked for the methods the SDK will call.
 */
import { VipConfigurationError } from '../errors/request-errors.js';
import { VERSION } from '../version.js';
import type { VipMeterProvider, VipTracerProvider } from './providers.js';
import { INSTRUMENTATION_NAME } from './semantic-conventions.js';

/**
 * Asks `provider` for the SDK's tracer or meter.
 * @throws {VipConfigurationError} when the provider throws, or gives something without `methods`: a wrong object
 * fails when the client is built, not on its first call.
 */
export function scopeOf<T>(provider: VipTracerProvider | VipMeterProvider, kind: 'tracer' | 'meter', methods: readonly string[]): T {
  let scope: unknown;
  try {
    scope =
      kind === 'tracer'
        ? (provider as VipTracerProvider).getTracer(INSTRUMENTATION_NAME, VERSION)
        : (provider as VipMeterProvider).getMeter(INSTRUMENTATION_NAME, VERSION);
  } catch (cause) {
    throw new VipConfigurationError(`the ${kind}Provider threw when asked for a ${kind}`, { cause });
  }
  const members = scope as Record<string, unknown> | null;
  if (typeof scope !== 'object' || members === null || methods.some((method) => typeof members[method] !== 'function')) {
    throw new VipConfigurationError(`the ${kind}Provider gave a ${kind} without ${methods.join(' and ')}()`);
  }
  return scope as T;
}
