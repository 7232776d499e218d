/**
 * Loads `@opentelemetry/api`, an optional peer dependency, the first time a client wants it. Never a static import:
 * without the package the SDK must load and work exactly as before, and an application that turns telemetry off
 * must not pay for loading it.
 */
import type * as OpenTelemetryApi from '@opentelemetry/api';

/** The parts of `@opentelemetry/api` the SDK uses. */
export type OpenTelemetry = Pick<
  typeof OpenTelemetryApi,
  'context' | 'trace' | 'metrics' | 'createNoopMeter' | 'SpanKind' | 'SpanStatusCode'
>;

let loading: Promise<OpenTelemetry | undefined> | undefined;

/**
 * Resolves with the API, or with `undefined` when it is not installed or not usable; never rejects. One load per
 * process (a module is loaded once anyway); the API's own global registry makes the ESM and CommonJS copies agree
 * on the registered providers and context manager.
 */
export function loadOpenTelemetry(): Promise<OpenTelemetry | undefined> {
  loading ??= import('@opentelemetry/api').then(usable, () => undefined);
  return loading;
}

/** The API's named exports, also when a loader only offers them as the `default` of a CommonJS module. */
function usable(module: typeof OpenTelemetryApi & { default?: unknown }): OpenTelemetry | undefined {
  for (const candidate of [module, module.default]) {
    const api = candidate as Partial<OpenTelemetry> | undefined;
    if (
      typeof api?.trace?.setSpan === 'function' &&
      typeof api.context?.with === 'function' &&
      typeof api.metrics?.getMeterProvider === 'function' &&
      typeof api.createNoopMeter === 'function' &&
      api.SpanKind !== undefined &&
      api.SpanStatusCode !== undefined
    ) {
      return api as OpenTelemetry;
    }
  }
  return undefined;
}
