/**
 * No secret reaches telemetry: every span (name, attributes, events, status), every metric and every channel message
 * of calls that sent an OTP, a PIN and a temporary password is searched for them, including calls whose answers
 * quote them back (a status message, a SOAP Fault, a gateway's error page), retried calls, and an application hook
 * that copies the request body it sees onto the span. Spans and metrics hold no user ID either.
 */
import { tracingChannel, channel } from 'node:diagnostics_channel';
import { inspect } from 'node:util';
import { trace } from '@opentelemetry/api';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type SoapHttpRequest, type Transport, VipClient } from 'vip-user-services';
import { requestIdOf, soapFault, vipResponse } from '../helpers/soap-fixtures.js';
import { meterProvider, spanText, useOpenTelemetry } from './otel-harness.js';

const otel = useOpenTelemetry();

const OTP = '493817';
const OTP2 = '771204';
const PIN = 'Pin_8Xq4w';
const TEMPORARY_PASSWORD = '305521';
const USER_ID = 'jane.doe@example.com';
const SECRETS = [OTP, OTP2, PIN, TEMPORARY_PASSWORD];

/** The values of a request, as a server that quotes what it received would write them. */
const quoted = (request: SoapHttpRequest) => `you sent ${request.body.replace(/<[^>]*>/g, ' ')}`;

const published: string[] = [];
const record = (message: unknown) => published.push(inspect(message, { depth: 10, maxStringLength: Number.POSITIVE_INFINITY }));
const calls = tracingChannel('vip-user-services:call');
const subscribers = { start: record, end: record, asyncStart: record, asyncEnd: record, error: record };
beforeAll(() => {
  calls.subscribe(subscribers);
  channel('vip-user-services:retry').subscribe(record);
});
afterAll(() => {
  calls.unsubscribe(subscribers);
  channel('vip-user-services:retry').unsubscribe(record);
});

/** Answers each request in turn with one of these ways of quoting it back (the last repeats). */
function quotingTransport(): Transport {
  const element = (request: SoapHttpRequest) => `${/<vip:(\w+)Request>/.exec(request.body)?.[1]}Response`;
  const replies: Array<(request: SoapHttpRequest) => { status: number; body: string }> = [
    (request) => ({ status: 503, body: `<html>${quoted(request)}</html>` }),
    (request) => ({
      status: 200,
      body: vipResponse(element(request), requestIdOf(request.body), '', { status: '6009', statusMessage: quoted(request) }),
    }),
    (request) => ({ status: 500, body: soapFault('S:Client', quoted(request), `<detail>${quoted(request)}</detail>`) }),
    (request) => ({ status: 404, body: quoted(request) }),
    (request) => ({ status: 200, body: vipResponse(element(request), requestIdOf(request.body), '', { statusMessage: quoted(request) }) }),
  ];
  let next = 0;
  return {
    async send(request) {
      const reply = (replies[Math.min(next++, replies.length - 1)] as (request: SoapHttpRequest) => { status: number; body: string })(
        request,
      );
      return { ...reply, headers: { 'content-type': reply.status === 200 || reply.status === 500 ? 'text/xml' : 'text/html' } };
    },
  };
}

it('shows no OTP, PIN or password in any span, metric or channel message, and no user ID in spans or metrics', async () => {
  const meter = meterProvider();
  const vip = new VipClient({
    transport: quotingTransport(),
    tracerProvider: otel.tracerProvider,
    meterProvider: meter.provider,
    retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
  });
  // The same operations again with a hook that puts the redacted request body on the span (the documented opt-in).
  const optedIn = new VipClient({
    transport: quotingTransport(),
    tracerProvider: otel.tracerProvider,
    meterProvider: meter.provider,
    hooks: { onRequest: (event) => trace.getActiveSpan()?.setAttribute('app.request', event.body) },
  });
  for (const client of [vip, optedIn]) {
    const outcomes = [
      client.getServerTime({}),
      client.checkOtp({ userId: USER_ID, otpAuthData: { otp: OTP, otp2: OTP2 } }),
      client.authenticateUser({ userId: USER_ID, pin: PIN, otpAuthData: { otp: OTP } }),
      client.createUser({ userId: USER_ID, pin: PIN }),
      client.setTemporaryPassword({ userId: USER_ID, temporaryPassword: TEMPORARY_PASSWORD }),
      client.authenticateUser({ userId: USER_ID, pin: PIN, otpAuthData: { otp: OTP } }),
    ];
    await Promise.allSettled(outcomes);
  }

  const spans = otel.spans();
  expect(spans).toHaveLength(12);
  expect(spans.some((span) => span.events.length > 0)).toBe(true);
  expect(spans.some((span) => span.attributes['error.type'] !== undefined)).toBe(true);
  const metricText = inspect([...(await meter.metrics()).values()], { depth: 12, maxStringLength: Number.POSITIVE_INFINITY });
  const everything = [...spans.map(spanText), metricText, ...published];
  expect(published.length).toBeGreaterThan(0);
  for (const secret of SECRETS) expect(everything.filter((text) => text.includes(secret))).toEqual([]);

  const optedInSpans = spans.filter((span) => span.attributes['app.request'] !== undefined);
  expect(optedInSpans).toHaveLength(6);
  const notOptedIn = [...spans.filter((span) => !optedInSpans.includes(span)).map(spanText), metricText];
  expect(notOptedIn.filter((text) => text.includes(USER_ID))).toEqual([]);
});
