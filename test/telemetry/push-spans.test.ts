/**
 * waitForPush under telemetry: one INTERNAL span over the wait, with the pollPushStatus calls made for it as its
 * children, even when several waits share the client's poller.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import { describe, expect, it } from 'vitest';
import { describeStatus, PushDeniedError, type SoapHttpRequest, VipAbortError, VipClient } from 'vip-user-services';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';
import { isChildOf, useOpenTelemetry } from './otel-harness.js';

const otel = useOpenTelemetry();

/** A Query service answering polls from a script per transaction (the last status repeats), recording each poll. */
function pushService(script: Record<string, string[]>) {
  const polls: Array<{ requestId: string; transactionIds: string[] }> = [];
  const transport = {
    async send(request: SoapHttpRequest) {
      const requestId = requestIdOf(request.body);
      const transactionIds = [...request.body.matchAll(/<vip:transactionId>([^<]+)</g)].map((m) => m[1] as string);
      polls.push({ requestId, transactionIds });
      const statuses = transactionIds
        .map((id) => {
          const steps = script[id] ?? ['7005'];
          const status = (steps.length > 1 ? steps.shift() : steps[0]) as string;
          return `<transactionStatus><transactionId>${id}</transactionId><status>${status}</status><statusMessage>s</statusMessage></transactionStatus>`;
        })
        .join('');
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: vipResponse('PollPushStatusResponse', requestId, statuses) };
    },
  };
  const vip = new VipClient({ transport, tracerProvider: otel.tracerProvider, meterProvider: false });
  return { vip, polls };
}

const waitSpans = () => otel.spans().filter((span) => span.name === 'vip.waitForPush');
const pollSpans = () => otel.spans().filter((span) => span.name === 'QueryService/pollPushStatus');

describe('the span of waitForPush', () => {
  it('is an INTERNAL span over every poll, which are its children, ending with the approved status', async () => {
    const { vip, polls } = pushService({ aaaa1111bbbb2222: ['7001', '7001', '7000'] });
    await otel.inSpan('POST /login', () => vip.waitForPush('aaaa1111bbbb2222', { intervalMs: 2 }));

    const [wait, ...others] = waitSpans();
    expect(others).toEqual([]);
    expect(wait?.kind).toBe(SpanKind.INTERNAL);
    expect(wait?.attributes).toEqual({ 'vip.push.transaction_id': 'aaaa1111bbbb2222', 'vip.push.status': '7000' });
    expect(wait?.status.code).toBe(SpanStatusCode.UNSET);
    expect(isChildOf(wait as ReadableSpan, otel.span('POST /login'))).toBe(true);
    expect(pollSpans()).toHaveLength(polls.length);
    expect(polls).toHaveLength(3);
    for (const poll of pollSpans()) expect(isChildOf(poll, wait as ReadableSpan)).toBe(true);
  });

  it('ends as an error with the push status when the push is denied', async () => {
    const { vip } = pushService({ aaaa1111bbbb2222: ['7002'] });
    await expect(vip.waitForPush('aaaa1111bbbb2222', { intervalMs: 2 })).rejects.toBeInstanceOf(PushDeniedError);
    const [wait] = waitSpans();
    expect(wait?.attributes).toMatchObject({ 'vip.push.status': '7002', 'error.type': '7002' });
    expect(wait?.status).toEqual({ code: SpanStatusCode.ERROR, message: `VIP status 7002: ${describeStatus('7002')?.message}` });
  });

  it('ends as an abort when the signal fires, and records no transaction ID that does not look like one', async () => {
    const { vip } = pushService({ aaaa1111bbbb2222: ['7001'] });
    const aborting = new AbortController();
    const waiting = vip.waitForPush('aaaa1111bbbb2222', { intervalMs: 2, signal: aborting.signal });
    setTimeout(() => aborting.abort(), 10);
    await expect(waiting).rejects.toBeInstanceOf(VipAbortError);
    await expect(vip.waitForPush('not a transaction')).rejects.toThrow();

    const [aborted, refused] = waitSpans();
    expect(aborted?.attributes).toEqual({ 'vip.push.transaction_id': 'aaaa1111bbbb2222', 'error.type': 'VipAbortError' });
    expect(aborted?.status.code).toBe(SpanStatusCode.ERROR);
    expect(refused?.attributes).toEqual({ 'error.type': 'VipValidationError' });
  });

  it('gets the polls made for its transaction when other waits share the poller', async () => {
    const { vip, polls } = pushService({ aaaa1111bbbb2222: ['7001', '7001', '7001', '7001', '7000'], cccc3333dddd4444: ['7000'] });
    const first = vip.waitForPush('aaaa1111bbbb2222', { intervalMs: 5 });
    // The second wait arms the shared timer from its own context, while the first still has polls to come.
    await new Promise((resolve) => setTimeout(resolve, 7));
    await vip.waitForPush('cccc3333dddd4444', { intervalMs: 5 });
    await first;

    const waits = new Map(waitSpans().map((span) => [span.attributes['vip.push.transaction_id'], span]));
    expect(waits.size).toBe(2);
    expect(pollSpans()).toHaveLength(polls.length);
    for (const poll of pollSpans()) {
      const asked = polls.find((p) => p.requestId === poll.attributes['vip.request_id'])?.transactionIds ?? [];
      const parent = [...waits.values()].find((wait) => isChildOf(poll, wait));
      expect(asked).toContain(parent?.attributes['vip.push.transaction_id']);
    }
  });
});
