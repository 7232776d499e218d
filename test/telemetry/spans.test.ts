/**
 * Tracing through @opentelemetry/api, seen through the OpenTelemetry SDK's in-memory exporter: one CLIENT span per
 * call, retries and backoff included, with the RPC conventions' attributes, the SDK's success semantics, an event
 * per retry, the undici attempts beneath it, and one span over each waitForPush.
 */
import { subscribe, unsubscribe } from 'node:diagnostics_channel';
import { SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { describe, expect, it } from 'vitest';
import { type SoapHttpRequest, type Transport, VipClient, type VipClientOptions } from 'vip-user-services';
import { echoing, type FakeReply, fakeClient } from '../client/fake-transport.js';
import { requestIdOf, soapFault, vipResponse } from '../helpers/soap-fixtures.js';
import { startHttpServer } from '../transport/local-server.js';
import { isChildOf, useOpenTelemetry } from './otel-harness.js';

const otel = useOpenTelemetry();
const traced = { tracerProvider: otel.tracerProvider, meterProvider: false } as const;

/** A transport that answers with `replies` in turn (the last one repeats), echoing each request's ID. */
function scripted(...replies: Array<(request: SoapHttpRequest) => FakeReply | Promise<FakeReply>>): Transport {
  let next = 0;
  return {
    async send(request) {
      const reply = (replies[Math.min(next++, replies.length - 1)] as (request: SoapHttpRequest) => FakeReply | Promise<FakeReply>)(
        request,
      );
      const answer = await reply;
      return typeof answer === 'string'
        ? { status: 200, headers: { 'content-type': 'text/xml' }, body: answer }
        : { status: answer.status ?? 200, headers: answer.headers ?? { 'content-type': 'text/xml' }, body: answer.body };
    },
  };
}

const serviceUnavailable = (): FakeReply => ({ status: 503, headers: { 'content-type': 'text/html' }, body: '<html>busy</html>' });
const userInfo = (request: SoapHttpRequest): FakeReply => vipResponse('GetUserInfoResponse', requestIdOf(request.body));

describe('the span of a call', () => {
  it('is a CLIENT span named after rpc.method, under the caller span, with the conventions attributes', async () => {
    const { vip } = fakeClient(echoing('GetUserInfoResponse'), traced);
    const output = await otel.inSpan('GET /account', () => vip.getUserInfo({ userId: 'alice@example.com' }));

    const span = otel.span('QueryService/getUserInfo');
    expect(span.kind).toBe(SpanKind.CLIENT);
    expect(span.attributes).toEqual({
      'rpc.system.name': 'soap',
      'rpc.method': 'QueryService/getUserInfo',
      'server.address': 'userservices-auth.vip.symantec.com',
      'server.port': 443,
      'vip.request_id': output.requestId,
      'rpc.response.status_code': '0000',
      'vip.attempts': 1,
    });
    expect(span.status).toEqual({ code: SpanStatusCode.UNSET });
    expect(span.events).toEqual([]);
    expect(isChildOf(span, otel.span('GET /account'))).toBe(true);
  });

  it('names the service of each operation and the port of the endpoint', async () => {
    const { vip } = fakeClient(undefined, { ...traced, endpoint: 'https://vip.example.test:8443' });
    await vip.createUser({ userId: 'alice' });
    await vip.getServerTime({});
    await vip.deleteUser({ userId: 'alice' }, { requestId: 'Ticket_4711' });
    expect(otel.span('ManagementService/createUser').attributes).toMatchObject({
      'server.address': 'vip.example.test',
      'server.port': 8443,
    });
    expect(otel.span('QueryService/getServerTime').attributes['rpc.method']).toBe('QueryService/getServerTime');
    expect(otel.span('QueryService/getServerTime').attributes).toMatchObject({ 'server.address': 'vip.example.test', 'server.port': 8443 });
    expect(otel.span('ManagementService/deleteUser').attributes['vip.request_id']).toBe('Ticket_4711');
  });

  it.each([
    ['http://[::1]', '::1', 80],
    ['http://127.0.0.1', '127.0.0.1', 80],
    ['https://[2001:db8::1]:9443', '2001:db8::1', 9443],
  ])('names the server of %s without brackets and with its default port', async (endpoint, address, port) => {
    const { vip } = fakeClient(undefined, { ...traced, endpoint, allowInsecureHttp: true });
    await vip.getServerTime({});
    expect(otel.span('QueryService/getServerTime').attributes).toMatchObject({ 'server.address': address, 'server.port': port });
  });

  it('counts 6040 (push sent), a poll finding 7001 and a risky evaluateRisk (6009) as results, not errors', async () => {
    const transport = scripted(
      (r) =>
        vipResponse(
          'AuthenticateUserWithPushResponse',
          requestIdOf(r.body),
          '<transactionId>2ae68a940ec4236b</transactionId><pushDetail><pushCredentialId>VSMT1</pushCredentialId><pushSent>true</pushSent></pushDetail>',
          { status: '6040', statusMessage: 'Mobile push request sent' },
        ),
      (r) =>
        vipResponse(
          'PollPushStatusResponse',
          requestIdOf(r.body),
          '<transactionStatus><transactionId>2ae68a940ec4236b</transactionId><status>7001</status><statusMessage>In progress</statusMessage></transactionStatus>',
        ),
      (r) =>
        vipResponse('EvaluateRiskResponse', requestIdOf(r.body), '<EventId>123456789012</EventId>', {
          status: '6009',
          statusMessage: 'Risky',
        }),
    );
    const vip = new VipClient({ ...traced, transport });
    await vip.authenticateUserWithPush({ userId: 'alice', pushAuthData: {} });
    await vip.pollPushStatus({ transactionId: ['2ae68a940ec4236b'] });
    const risk = await vip.evaluateRisk({ UserId: 'alice', Ip: '198.51.100.7', UserAgent: 'Mozilla/5.0' });

    expect(risk.Risky).toBe(true);
    for (const [name, status] of [
      ['AuthenticationService/authenticateUserWithPush', '6040'],
      ['QueryService/pollPushStatus', '0000'],
      ['AuthenticationService/evaluateRisk', '6009'],
    ] as const) {
      const span = otel.span(name);
      expect(span.status.code, name).toBe(SpanStatusCode.UNSET);
      expect(span.attributes['rpc.response.status_code'], name).toBe(status);
      expect(span.attributes, name).not.toHaveProperty('error.type');
    }
  });
});

describe('a failed call', () => {
  type Case = {
    error: string;
    status?: string;
    attempts: number;
    description: string | RegExp;
    transport: Transport;
    call?: (vip: VipClient) => Promise<unknown>;
    options?: Partial<VipClientOptions>;
  };
  const neverAnswers: Transport = { send: () => new Promise(() => undefined) };
  const cases: Record<string, Case> = {
    'a VIP status that is an error': {
      error: '6009',
      status: '6009',
      attempts: 1,
      description: 'VIP status 6009: Authentication failed.',
      transport: scripted((r) =>
        vipResponse('AuthenticateUserResponse', requestIdOf(r.body), '', {
          status: '6009',
          statusMessage: 'Authentication failed for alice',
        }),
      ),
      call: (vip) => vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } }),
    },
    'a VIP status that VIP does not document': {
      error: '6FFF',
      status: '6FFF',
      attempts: 1,
      description: 'VIP status 6FFF: an undocumented status',
      transport: scripted((r) =>
        vipResponse('GetUserInfoResponse', requestIdOf(r.body), '', { status: '6FFF', statusMessage: 'New thing for alice' }),
      ),
    },
    'a SOAP Fault with a long code': {
      error: 'VipSoapFaultError',
      attempts: 1,
      description: `SOAP Fault S:${'x'.repeat(62)}`,
      transport: scripted(() => ({ status: 500, body: soapFault(`S:${'x'.repeat(100)}`, 'boom') })),
    },
    'an HTTP error': {
      error: 'VipHttpError',
      attempts: 1,
      description: 'HTTP 404 without a SOAP response',
      transport: scripted(() => ({ status: 404, headers: { 'content-type': 'text/html' }, body: 'Not here' })),
    },
    'a SOAP Fault': {
      error: 'VipSoapFaultError',
      attempts: 1,
      description: 'SOAP Fault S:Server',
      transport: scripted(() => ({ status: 500, body: soapFault('S:Server', 'Cannot process alice@example.com') })),
    },
    'an answer that is not a VIP message': {
      error: 'VipProtocolError',
      attempts: 1,
      description: /not well-formed XML/,
      transport: scripted(() => '<GetUserInfoResponse'),
    },
    'a connection failure': {
      error: 'VipConnectionError',
      attempts: 1,
      description: /refused/,
      transport: {
        send: () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' })),
      },
      options: { retry: false },
    },
    'a timeout': {
      error: 'VipTimeoutError',
      attempts: 1,
      description: /20 ms/,
      transport: neverAnswers,
      options: { timeoutMs: 20, retry: false },
    },
    'an input refused before sending': {
      error: 'VipValidationError',
      attempts: 0,
      description: /userId is required/,
      transport: neverAnswers,
      call: (vip) => vip.getUserInfo({} as never),
    },
    'an abort': {
      error: 'VipAbortError',
      attempts: 1,
      description: /aborted/,
      transport: neverAnswers,
      call: (vip) => vip.getUserInfo({ userId: 'alice' }, { signal: AbortSignal.timeout(10) }),
    },
  };

  it.each(Object.entries(cases))('%s: status Error, error.type, the attempts, and a description of the SDK', async (_name, c) => {
    const vip = new VipClient({ ...traced, ...c.options, transport: c.transport });
    const call = c.call ?? ((client: VipClient) => client.getUserInfo({ userId: 'alice' }));
    await expect(call(vip)).rejects.toThrow();

    const [span, ...others] = otel.spans();
    expect(others).toEqual([]);
    expect(span?.attributes['error.type']).toBe(c.error);
    expect(span?.attributes['rpc.response.status_code']).toBe(c.status);
    expect(span?.attributes['vip.attempts']).toBe(c.attempts);
    expect(span?.status.code).toBe(SpanStatusCode.ERROR);
    // A string is the whole description, not a part of it.
    expect(span?.status.message).toEqual(typeof c.description === 'string' ? c.description : expect.stringMatching(c.description));
  });
});

describe('a tracer of another vendor', () => {
  it('gets no attribute without a value: a call that VIP never answered ends without rpc.response.status_code', async () => {
    const ended: Record<string, unknown>[] = [];
    const span = {
      isRecording: () => true,
      setAttributes: (attributes: Record<string, unknown>) => ended.push({ ...attributes }),
      setAttribute: () => span,
      setStatus: () => span,
      addEvent: () => span,
      end: () => undefined,
    };
    const tracerProvider = { getTracer: () => ({ startSpan: () => span, startActiveSpan: () => undefined }) };
    const refused = () => Promise.reject(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' }));
    const vip = new VipClient({
      tracerProvider: tracerProvider as never,
      meterProvider: false,
      retry: false,
      transport: { send: refused },
    });
    await expect(vip.getUserInfo({ userId: 'alice' })).rejects.toThrow('refused');
    expect(ended).toStrictEqual([{ 'vip.attempts': 1 }]);
  });
});

describe('retries', () => {
  it('stay inside the one span, as an event per retry with the attempt, the delay and the reason', async () => {
    const transport = scripted(serviceUnavailable, serviceUnavailable, userInfo);
    const retries: number[] = [];
    const vip = new VipClient({
      ...traced,
      transport,
      retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
      hooks: { onRetry: (event) => retries.push(event.delayMs) },
    });
    await vip.getUserInfo({ userId: 'alice' });

    const span = otel.span('QueryService/getUserInfo');
    expect(span.attributes['vip.attempts']).toBe(3);
    expect(span.status.code).toBe(SpanStatusCode.UNSET);
    expect(span.attributes).not.toHaveProperty('error.type');
    expect(span.events.map((event) => [event.name, event.attributes])).toEqual(
      retries.map((delayMs, index) => [
        'vip.retry',
        {
          'vip.attempt': index + 1,
          'vip.retry.delay_ms': delayMs,
          'error.type': 'VipHttpError',
          'vip.retry.reason': 'HTTP 503 without a SOAP response',
        },
      ]),
    );
    expect(retries).toHaveLength(2);
  });

  it('that run out end the span with the last error', async () => {
    const vip = new VipClient({
      ...traced,
      transport: scripted(serviceUnavailable),
      retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 },
    });
    await expect(vip.getUserInfo({ userId: 'alice' })).rejects.toThrow('HTTP 503');
    const span = otel.span('QueryService/getUserInfo');
    expect(span.events).toHaveLength(1);
    expect(span.attributes).toMatchObject({ 'vip.attempts': 2, 'error.type': 'VipHttpError' });
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
  });
});

describe('the HTTP attempts of the SDK transport', () => {
  it('start with the call span active, where undici instrumentation makes its HTTP spans children of it', async () => {
    let requests = 0;
    const server = await startHttpServer((_request, response, body) => {
      requests++;
      if (requests === 1) {
        response.writeHead(503, { 'content-type': 'text/html' }).end('busy');
        return;
      }
      response.writeHead(200, { 'content-type': 'text/xml' }).end(vipResponse('GetUserInfoResponse', requestIdOf(body.toString())));
    });
    // What @opentelemetry/instrumentation-undici does on this channel: start the HTTP span in the active context.
    const activeAtRequest: Array<string | undefined> = [];
    const onCreate = () => activeAtRequest.push(trace.getActiveSpan()?.spanContext().spanId);
    subscribe('undici:request:create', onCreate);
    const vip = new VipClient({ ...traced, endpoint: server.origin, retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } });
    try {
      await vip.getUserInfo({ userId: 'alice' });
    } finally {
      unsubscribe('undici:request:create', onCreate);
      await vip.close();
      await server.close();
    }
    const span = otel.span('QueryService/getUserInfo');
    expect(activeAtRequest).toEqual([span.spanContext().spanId, span.spanContext().spanId]);
    expect(span.attributes).toMatchObject({ 'server.address': '127.0.0.1', 'server.port': server.port, 'vip.attempts': 2 });
  });
});

describe('what is recorded beyond the defaults', () => {
  it('is up to the application: hooks run with the call span active, and see the redacted event', async () => {
    const { vip } = fakeClient(echoing('GetUserInfoResponse'), {
      ...traced,
      hooks: {
        onRequest: (event) => trace.getActiveSpan()?.setAttribute('app.body_length', event.body.length),
        onResponse: (event) => trace.getActiveSpan()?.setAttribute('app.http_status', event.httpStatus),
      },
    });
    await vip.getUserInfo({ userId: 'alice' });
    expect(otel.span('QueryService/getUserInfo').attributes).toMatchObject({
      'app.body_length': expect.any(Number),
      'app.http_status': 200,
    });
  });
});

describe('which tracer provider', () => {
  it('is the global one when none is given, and none at all with tracerProvider: false', async () => {
    trace.setGlobalTracerProvider(otel.tracerProvider);
    try {
      await fakeClient(echoing('GetServerTimeResponse')).vip.getServerTime({});
      await fakeClient(echoing('GetServerTimeResponse'), { tracerProvider: false }).vip.getServerTime({}, { requestId: 'not_traced' });
    } finally {
      trace.disable();
    }
    const spans = otel.spans();
    expect(spans.map((span) => span.name)).toEqual(['QueryService/getServerTime']);
    expect(spans[0]?.attributes['vip.request_id']).not.toBe('not_traced');
  });

  it('is asked for the tracer of vip-user-services and its version', async () => {
    const scopes: unknown[] = [];
    new VipClient({
      tracerProvider: {
        getTracer: (...scope) => {
          scopes.push(scope);
          return otel.tracerProvider.getTracer('x');
        },
      },
    });
    const { VERSION } = await import('vip-user-services');
    expect(scopes).toEqual([['vip-user-services', VERSION]]);
  });
});
