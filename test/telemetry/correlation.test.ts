/**
 * Request IDs as the key between the application, its telemetry and VIP's own reports: an application-supplied
 * generator (checked on every call), and the ID on the span, the error and every logger event of the call. Also the
 * checks of the telemetry options.
 */
import { describe, expect, it } from 'vitest';
import { type OperationName, VipClient, VipConfigurationError, VipHttpError } from 'vip-user-services';
import { echoing, FakeTransport, fakeClient } from '../client/fake-transport.js';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';
import { useOpenTelemetry } from './otel-harness.js';

const otel = useOpenTelemetry();

describe('generateRequestId', () => {
  it('gives the ID of every call without one, which the request, the span, the output and the error carry', async () => {
    const asked: OperationName[] = [];
    let sequence = 0;
    const { vip, transport } = fakeClient(
      (request) =>
        request.body.includes('GetUserInfoRequest')
          ? vipResponse('GetUserInfoResponse', requestIdOf(request.body), '', { status: '6003', statusMessage: 'x' })
          : vipResponse('GetServerTimeResponse', requestIdOf(request.body)),
      {
        tracerProvider: otel.tracerProvider,
        generateRequestId: (operation) => {
          asked.push(operation);
          return `trace4bf92f3577b34da6_${++sequence}`;
        },
      },
    );
    const output = await vip.getServerTime({});
    const error = await vip.getUserInfo({ userId: 'alice' }).catch((e: unknown) => e);
    await vip.getServerTime({}, { requestId: 'Given_0001' });

    expect(asked).toEqual(['getServerTime', 'getUserInfo']);
    expect(transport.bodies.map(requestIdOf)).toEqual(['trace4bf92f3577b34da6_1', 'trace4bf92f3577b34da6_2', 'Given_0001']);
    expect(output.requestId).toBe('trace4bf92f3577b34da6_1');
    expect(error).toMatchObject({ requestId: 'trace4bf92f3577b34da6_2' });
    expect(otel.spans().map((span) => span.attributes['vip.request_id'])).toEqual([
      'trace4bf92f3577b34da6_1',
      'trace4bf92f3577b34da6_2',
      'Given_0001',
    ]);
  });

  it.each([
    ['too short', 'abc'],
    ['too long', 'x'.repeat(41)],
    ['a character VIP refuses', 'trace-4bf92f35'],
    ['not a string', 42],
  ])('is checked on every call: an ID %s is a VipConfigurationError, and nothing is sent', async (_case, bad) => {
    const ids: unknown[] = ['Good_0001', bad];
    const { vip, transport } = fakeClient(echoing('GetServerTimeResponse'), { generateRequestId: () => ids.shift() as string });
    await vip.getServerTime({});
    const error = await vip.getServerTime({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipConfigurationError);
    expect((error as Error).message).toMatch(/^generateRequestId must return 4 to 40 of \[0-9A-Za-z_\], got /);
    expect(transport.requests).toHaveLength(1);
  });

  it('that throws fails the call with a VipConfigurationError, its error as the cause', async () => {
    const thrown = new Error('no trace context');
    const { vip, transport } = fakeClient(echoing('GetServerTimeResponse'), {
      generateRequestId: () => {
        throw thrown;
      },
    });
    const error = await vip.getServerTime({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipConfigurationError);
    expect(error).toMatchObject({ message: 'generateRequestId threw for getServerTime', cause: thrown });
    expect(transport.requests).toEqual([]);
  });
});

describe('the logger', () => {
  it('names the request ID in every event of a call, the retries included', async () => {
    const lines: Array<[string, Record<string, unknown> | undefined]> = [];
    let attempts = 0;
    const transport = new FakeTransport((request) =>
      ++attempts === 1 ? { status: 503, body: 'busy' } : vipResponse('GetUserInfoResponse', requestIdOf(request.body)),
    );
    const vip = new VipClient({
      transport,
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
      logger: { debug: (message, details) => lines.push([message, details]) },
    });
    await vip.getUserInfo({ userId: 'alice' }, { requestId: 'Login_0042' });

    expect(lines.map(([message]) => message.replace(/[\d.]+ ms/, 'N ms'))).toEqual([
      expect.stringContaining('request Login_0042 (attempt 1)'),
      'VIP getUserInfo response Login_0042: HTTP 503 in N ms',
      'VIP getUserInfo request Login_0042 attempt 1 failed (VipHttpError); retrying in N ms',
      expect.stringContaining('request Login_0042 (attempt 2)'),
      'VIP getUserInfo response Login_0042: HTTP 200 in N ms',
    ]);
    for (const [, details] of lines) expect(details).toMatchObject({ operation: 'getUserInfo', requestId: 'Login_0042' });
    expect(lines[2]?.[1]).toMatchObject({ attempt: 1, error: expect.any(VipHttpError) });
  });
});

describe('the telemetry options', () => {
  it.each([
    [{ generateRequestId: 'vip_1234' }, 'generateRequestId must be a function'],
    [{ tracerProvider: true }, 'tracerProvider must be an OpenTelemetry TracerProvider (with getTracer()), or false'],
    [{ tracerProvider: { getTracer: 'no' } }, 'tracerProvider must be an OpenTelemetry TracerProvider (with getTracer()), or false'],
    [{ meterProvider: 'global' }, 'meterProvider must be an OpenTelemetry MeterProvider (with getMeter()), or false'],
    [{ tracerProvider: { getTracer: () => ({}) } }, 'the tracerProvider gave a tracer without startSpan()'],
    [
      { meterProvider: { getMeter: () => ({ createHistogram() {} }) } },
      'the meterProvider gave a meter without createHistogram and createCounter()',
    ],
    [{ tracerPovider: false }, 'tracerPovider is not an option; did you mean tracerProvider?'],
  ])('refuse %o when the client is built', (options, message) => {
    expect(() => new VipClient(options as never)).toThrow(new VipConfigurationError(message));
  });

  it('refuse a provider that throws, keeping its error as the cause', () => {
    const thrown = new Error('not configured');
    const build = () =>
      new VipClient({
        tracerProvider: {
          getTracer: () => {
            throw thrown;
          },
        },
      });
    expect(build).toThrow(VipConfigurationError);
    expect(() => build()).toThrow(expect.objectContaining({ cause: thrown }));
  });
});
