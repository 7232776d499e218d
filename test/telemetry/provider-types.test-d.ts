/** The telemetry options take OpenTelemetry's own providers, though the SDK's declarations never import @opentelemetry/api. */
import type { MeterProvider, TracerProvider } from '@opentelemetry/api';
import type { MeterProvider as SdkMeterProvider } from '@opentelemetry/sdk-metrics';
import type { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { expectTypeOf, it } from 'vitest';
import type { OperationName, VipCallMessage, VipClientOptions, VipRetryMessage } from 'vip-user-services';

it('accepts the API and SDK providers, false, or nothing', () => {
  expectTypeOf<TracerProvider>().toExtend<NonNullable<VipClientOptions['tracerProvider']>>();
  expectTypeOf<BasicTracerProvider>().toExtend<NonNullable<VipClientOptions['tracerProvider']>>();
  expectTypeOf<MeterProvider>().toExtend<NonNullable<VipClientOptions['meterProvider']>>();
  expectTypeOf<SdkMeterProvider>().toExtend<NonNullable<VipClientOptions['meterProvider']>>();
  expectTypeOf<false>().toExtend<VipClientOptions['tracerProvider']>();
  // @ts-expect-error true is not a provider
  expectTypeOf<true>().toExtend<VipClientOptions['tracerProvider']>();
});

it('types the request ID generator and the channel messages', () => {
  expectTypeOf<VipClientOptions['generateRequestId']>().toEqualTypeOf<((operation: OperationName) => string) | undefined>();
  expectTypeOf<VipCallMessage['operation']>().toEqualTypeOf<OperationName>();
  expectTypeOf<VipCallMessage['status']>().toEqualTypeOf<string | undefined>();
  expectTypeOf<VipRetryMessage['call']>().toEqualTypeOf<VipCallMessage>();
});
