/**
 * Spans through `@opentelemetry/api`: started as children of the caller's active span, made active while the call
 * runs (so the HTTP spans of undici's instrumentation nest beneath them, and hooks can reach them with
 * `trace.getActiveSpan()`), and ended with the outcome. A tracer that throws is ignored: telemetry never fails a call.
 */
import type { Attributes, Span, Tracer } from '@opentelemetry/api';
import type { FailureKind } from './failure-kind.js';
import type { OpenTelemetry } from './load-opentelemetry.js';
import { ATTR_ERROR_TYPE } from './semantic-conventions.js';

/** A client's tracer, with the API that makes its spans active. */
export class SpanSource {
  readonly #api: OpenTelemetry;
  readonly #tracer: Tracer;

  constructor(api: OpenTelemetry, tracer: Tracer) {
    this.#api = api;
    this.#tracer = tracer;
  }

  /**
   * Starts a span under the active one. The attributes are given at start, where samplers can see them.
   * @param kind `client` for an operation call, `internal` for the work around calls (`waitForPush`).
   */
  start(name: string, kind: 'client' | 'internal', attributes: Attributes): Span | undefined {
    const { SpanKind, context } = this.#api;
    try {
      return this.#tracer.startSpan(name, { kind: kind === 'client' ? SpanKind.CLIENT : SpanKind.INTERNAL, attributes }, context.active());
    } catch {
      return undefined;
    }
  }

  /** Runs `run` with `span` as the active span. */
  activate<T>(span: Span, run: () => T): T {
    const { context, trace } = this.#api;
    return context.with(trace.setSpan(context.active(), span), run);
  }

  /** Adds an event, when the span records. */
  event(span: Span, name: string, attributes: Attributes): void {
    try {
      if (span.isRecording()) span.addEvent(name, attributes);
    } catch {
      // A broken tracer must not fail the call.
    }
  }

  /**
   * Ends `span`. On failure its status is Error with a description the SDK wrote, and `error.type` is set; on
   * success the status stays Unset, as the conventions ask of instrumentation libraries.
   */
  end(span: Span, attributes: Attributes, failure: FailureKind | undefined): void {
    try {
      if (span.isRecording()) {
        span.setAttributes(attributes);
        if (failure !== undefined) {
          span.setAttribute(ATTR_ERROR_TYPE, failure.type);
          span.setStatus({ code: this.#api.SpanStatusCode.ERROR, message: failure.description });
        }
      }
      span.end();
    } catch {
      // As above.
    }
  }
}
