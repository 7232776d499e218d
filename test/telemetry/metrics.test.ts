/**
 * Metrics through @opentelemetry/api, read from the OpenTelemetry SDK: the rpc.client.call.duration histogram (in
 * seconds, with the conventions' buckets and attributes) and the retry counter.
 */
import { metrics } from '@opentelemetry/api';
import { DataPointType, type MetricData } from '@opentelemetry/sdk-metrics';
import { describe, expect, it } from 'vitest';
import { type SoapHttpRequest, type Transport, VipClient } from 'vip-user-services';
import { echoing, fakeClient } from '../client/fake-transport.js';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';
import { meterProvider, useOpenTelemetry } from './otel-harness.js';

useOpenTelemetry();

const BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.075, 0.1, 0.25, 0.5, 0.75, 1, 2.5, 5, 7.5, 10];

function flaky(failures: number): Transport {
  let attempts = 0;
  return {
    async send(request: SoapHttpRequest) {
      if (++attempts <= failures) return { status: 503, headers: { 'content-type': 'text/html' }, body: 'busy' };
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: vipResponse('GetUserInfoResponse', requestIdOf(request.body)) };
    },
  };
}

/** The data points of a metric as [attributes, value] pairs. */
function points(metric: MetricData | undefined): Array<[object, unknown]> {
  return (metric?.dataPoints ?? []).map((point) => [point.attributes, point.value]);
}

describe('rpc.client.call.duration', () => {
  it('is a histogram in seconds with the documented buckets, by method, status and error.type', async () => {
    const meter = meterProvider();
    const options = { tracerProvider: false, meterProvider: meter.provider } as const;
    await fakeClient(echoing('GetUserInfoResponse'), options).vip.getUserInfo({ userId: 'alice' });
    await fakeClient(echoing('GetUserInfoResponse', '', { status: '6003', statusMessage: 'x' }), options)
      .vip.getUserInfo({ userId: 'nobody' })
      .catch(() => undefined);
    await fakeClient(() => ({ status: 404, body: 'gone' }), options)
      .vip.getServerTime({})
      .catch(() => undefined);

    const duration = (await meter.metrics()).get('rpc.client.call.duration');
    expect(duration?.descriptor).toMatchObject({ unit: 's', description: expect.stringContaining('retries') });
    expect(duration?.dataPointType).toBe(DataPointType.HISTOGRAM);
    const byAttributes = points(duration).map(([attributes, value]) => {
      const histogram = value as { count: number; sum: number; buckets: { boundaries: number[] } };
      expect(histogram.buckets.boundaries).toEqual(BUCKETS);
      // A fake transport answers at once: far below a second, which a millisecond unit would not be.
      expect(histogram.sum).toBeLessThan(1);
      return [attributes, histogram.count];
    });
    expect(byAttributes).toEqual(
      expect.arrayContaining([
        [{ 'rpc.system.name': 'soap', 'rpc.method': 'QueryService/getUserInfo', 'rpc.response.status_code': '0000' }, 1],
        [
          { 'rpc.system.name': 'soap', 'rpc.method': 'QueryService/getUserInfo', 'rpc.response.status_code': '6003', 'error.type': '6003' },
          1,
        ],
        [{ 'rpc.system.name': 'soap', 'rpc.method': 'QueryService/getServerTime', 'error.type': 'VipHttpError' }, 1],
      ]),
    );
    expect(byAttributes).toHaveLength(3);
  });

  it('counts a call once, whatever its retries, and counts the retries apart', async () => {
    const meter = meterProvider();
    const vip = new VipClient({
      tracerProvider: false,
      meterProvider: meter.provider,
      transport: flaky(2),
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await vip.getUserInfo({ userId: 'alice' });

    const recorded = await meter.metrics();
    expect(points(recorded.get('rpc.client.call.duration')).map(([, value]) => (value as { count: number }).count)).toEqual([1]);
    const retries = recorded.get('vip.client.call.retries');
    expect(retries?.descriptor).toMatchObject({ unit: '{retry}' });
    expect(points(retries)).toEqual([
      [{ 'rpc.system.name': 'soap', 'rpc.method': 'QueryService/getUserInfo', 'error.type': 'VipHttpError' }, 2],
    ]);
  });
});

describe('which meter provider', () => {
  it('is the global one, even when it is registered after the client was built', async () => {
    const { vip } = fakeClient(echoing('GetServerTimeResponse'), { tracerProvider: false });
    await vip.getServerTime({});
    const meter = meterProvider();
    metrics.setGlobalMeterProvider(meter.provider);
    try {
      await vip.getServerTime({});
    } finally {
      metrics.disable();
    }
    expect(points((await meter.metrics()).get('rpc.client.call.duration'))).toHaveLength(1);
  });

  it('is none with meterProvider: false', async () => {
    const meter = meterProvider();
    metrics.setGlobalMeterProvider(meter.provider);
    try {
      await fakeClient(echoing('GetServerTimeResponse'), { tracerProvider: false, meterProvider: false }).vip.getServerTime({});
    } finally {
      metrics.disable();
    }
    expect(await meter.metrics()).toEqual(new Map());
  });

  it('is asked for the meter of vip-user-services and its version', async () => {
    const scopes: unknown[] = [];
    const meter = meterProvider();
    new VipClient({
      meterProvider: {
        getMeter: (...scope) => {
          scopes.push(scope);
          return meter.provider.getMeter('x');
        },
      },
    });
    const { VERSION } = await import('vip-user-services');
    expect(scopes).toEqual([['vip-user-services', VERSION]]);
  });
});
