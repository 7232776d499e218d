/**
 * The OpenTelemetry SDK set up for tests: a tracer provider exporting to memory, a meter provider read on demand, and
 * the AsyncLocalStorage context manager an application's Node SDK registers (without it no span could be active, so
 * nothing would nest). Also a way to see everything telemetry recorded as text, to search it for secrets.
 */
import { inspect } from 'node:util';
import { context, metrics, type Span, trace } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { AggregationTemporality, type MetricData, MeterProvider, MetricReader } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider, InMemorySpanExporter, type ReadableSpan, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-base';
import { afterAll, beforeAll, beforeEach } from 'vitest';

/** A metric reader that collects when asked, instead of on a timer. */
class OnDemandReader extends MetricReader {
  constructor() {
    super({ aggregationTemporalitySelector: () => AggregationTemporality.CUMULATIVE });
  }
  protected override async onForceFlush(): Promise<void> {}
  protected override async onShutdown(): Promise<void> {}
}

export interface OpenTelemetryHarness {
  readonly tracerProvider: BasicTracerProvider;
  /** The spans ended so far in this test. */
  spans(): ReadableSpan[];
  /** The one span called `name`; fails when there is not exactly one. */
  span(name: string): ReadableSpan;
  /** Runs `run` under an application span called `name`, which ends after it. */
  inSpan<T>(name: string, run: (span: Span) => Promise<T>): Promise<T>;
}

/**
 * Sets up the SDK for the test file: the context manager for the whole file, an empty span exporter for each test.
 * Global providers stay unregistered (a test that needs them registers and disables them itself).
 */
export function useOpenTelemetry(): OpenTelemetryHarness {
  const exporter = new InMemorySpanExporter();
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const contextManager = new AsyncLocalStorageContextManager();
  beforeAll(() => {
    context.setGlobalContextManager(contextManager.enable());
  });
  beforeEach(() => exporter.reset());
  afterAll(async () => {
    context.disable();
    trace.disable();
    metrics.disable();
    await tracerProvider.shutdown();
  });
  const spans = () => exporter.getFinishedSpans();
  return {
    tracerProvider,
    spans,
    span(name) {
      const named = spans().filter((span) => span.name === name);
      if (named.length !== 1) throw new Error(`expected one span called ${name}, found ${named.length}: ${spans().map((s) => s.name)}`);
      return named[0] as ReadableSpan;
    },
    inSpan(name, run) {
      const span = tracerProvider.getTracer('the-application').startSpan(name);
      return context.with(trace.setSpan(context.active(), span), () => run(span)).finally(() => span.end());
    },
  };
}

/** A meter provider of its own, and what it has recorded so far, by metric name. */
export function meterProvider(): { provider: MeterProvider; metrics: () => Promise<Map<string, MetricData>> } {
  const reader = new OnDemandReader();
  const provider = new MeterProvider({ readers: [reader] });
  return {
    provider,
    async metrics() {
      const { resourceMetrics } = await reader.collect();
      const all = resourceMetrics.scopeMetrics.flatMap((scope) => scope.metrics);
      return new Map(all.map((metric) => [metric.descriptor.name, metric]));
    },
  };
}

/** Everything a span shows an exporter, as text: name, attributes, events with theirs, status, links. */
export function spanText(span: ReadableSpan): string {
  const { name, attributes, events, status, links } = span;
  return inspect({ name, attributes, events, status, links }, { depth: 10, maxStringLength: Number.POSITIVE_INFINITY });
}

/** The parent of `span` is `parent`. */
export function isChildOf(span: ReadableSpan, parent: ReadableSpan): boolean {
  return span.parentSpanContext?.spanId === parent.spanContext().spanId && span.spanContext().traceId === parent.spanContext().traceId;
}
