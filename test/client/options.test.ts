/**
 * Client options: where each service's requests go (default host, API version, overrides, base paths), which
 * options are refused at construction, the account a call acts for, and the observability hooks and logger, which
 * must only ever see redacted bodies.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  DEFAULT_ENDPOINT,
  REDACTED,
  VipClient,
  VipConfigurationError,
  type VipClientOptions,
  type VipRequestEvent,
  type VipResponseEvent,
} from 'vip-user-services';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';
import { FakeTransport, fakeClient, succeeding, type Responder } from './fake-transport.js';

/** Sends one call per service and returns the URLs used, by service. */
async function serviceUrls(options: Omit<VipClientOptions, 'transport'>): Promise<Record<string, string | undefined>> {
  const { vip, transport } = fakeClient(succeeding(), options);
  await vip.authenticateUser({ userId: 'alice' });
  await vip.deleteUser({ userId: 'alice' });
  await vip.getServerTime({});
  const [authentication, management, query] = transport.requests.map((request) => request.url);
  return { Authentication: authentication, Management: management, Query: query };
}

describe('service URLs', () => {
  it('default to the production host and the 1.8 paths', async () => {
    expect(DEFAULT_ENDPOINT).toBe('https://userservices-auth.vip.symantec.com');
    expect(await serviceUrls({})).toEqual({
      Authentication: 'https://userservices-auth.vip.symantec.com/vipuserservices/AuthenticationService_1_8',
      Management: 'https://userservices-auth.vip.symantec.com/vipuserservices/ManagementService_1_8',
      Query: 'https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8',
    });
  });

  it("follow apiVersion '1.7'", async () => {
    expect(await serviceUrls({ apiVersion: '1.7' })).toEqual({
      Authentication: 'https://userservices-auth.vip.symantec.com/vipuserservices/AuthenticationService_1_7',
      Management: 'https://userservices-auth.vip.symantec.com/vipuserservices/ManagementService_1_7',
      Query: 'https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_7',
    });
  });

  it('follow another endpoint host', async () => {
    expect(await serviceUrls({ endpoint: 'https://pilot-userservices-auth.vip.symantec.com' })).toEqual({
      Authentication: 'https://pilot-userservices-auth.vip.symantec.com/vipuserservices/AuthenticationService_1_8',
      Management: 'https://pilot-userservices-auth.vip.symantec.com/vipuserservices/ManagementService_1_8',
      Query: 'https://pilot-userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8',
    });
  });

  it.each(['https://gw.example.com/vip', 'https://gw.example.com/vip/', new URL('https://gw.example.com/vip/')])(
    'keep the base path of endpoint %s',
    async (endpoint) => {
      expect(await serviceUrls({ endpoint })).toEqual({
        Authentication: 'https://gw.example.com/vip/vipuserservices/AuthenticationService_1_8',
        Management: 'https://gw.example.com/vip/vipuserservices/ManagementService_1_8',
        Query: 'https://gw.example.com/vip/vipuserservices/QueryService_1_8',
      });
    },
  );

  it('keep a port and allow plain http (for a local mock server)', async () => {
    const urls = await serviceUrls({ endpoint: 'http://127.0.0.1:8443' });
    expect(urls.Query).toBe('http://127.0.0.1:8443/vipuserservices/QueryService_1_8');
  });

  it('take a per-service override from endpoints, leaving the others on endpoint', async () => {
    expect(
      await serviceUrls({
        endpoint: 'https://vip.example.com',
        endpoints: { Query: 'https://query.example.com/custom/QueryService', Management: new URL('https://mgmt.example.com/m') },
      }),
    ).toEqual({
      Authentication: 'https://vip.example.com/vipuserservices/AuthenticationService_1_8',
      Management: 'https://mgmt.example.com/m',
      Query: 'https://query.example.com/custom/QueryService',
    });
  });
});

describe('invalid options', () => {
  const transport = new FakeTransport();

  it.each<[string, Omit<VipClientOptions, 'transport'>]>([
    ['an endpoint that is not a URL', { endpoint: 'not a url' }],
    ['an endpoint with another scheme', { endpoint: 'ftp://vip.example.com' }],
    ['an endpoints override that is not a URL', { endpoints: { Query: 'query service' } }],
    ['an endpoints override with another scheme', { endpoints: { Authentication: 'file:///etc/hosts' } }],
    ["apiVersion '1_8'", { apiVersion: '1_8' }],
    ["apiVersion 'v1.8'", { apiVersion: 'v1.8' }],
    ["apiVersion '1'", { apiVersion: '1' }],
    ["apiVersion '1.8.0'", { apiVersion: '1.8.0' }],
    ['an empty apiVersion', { apiVersion: '' }],
    ['timeoutMs 0', { timeoutMs: 0 }],
    ['a negative timeoutMs', { timeoutMs: -5 }],
    ['timeoutMs NaN', { timeoutMs: Number.NaN }],
    ['timeoutMs Infinity', { timeoutMs: Number.POSITIVE_INFINITY }],
    ['an onBehalfOfAccountId of 2 characters', { onBehalfOfAccountId: 'ab' }],
    ['an onBehalfOfAccountId with a dash', { onBehalfOfAccountId: 'child-01' }],
    ['an onBehalfOfAccountId of 51 characters', { onBehalfOfAccountId: 'a'.repeat(51) }],
  ])('refuse %s with VipConfigurationError', (_what, options) => {
    expect(() => new VipClient({ ...options, transport })).toThrow(VipConfigurationError);
  });

  it('refuse a per-call timeoutMs of 0 before sending anything', async () => {
    const { vip, transport: fake } = fakeClient();
    await expect(vip.getServerTime({}, { timeoutMs: 0 })).rejects.toBeInstanceOf(VipConfigurationError);
    expect(fake.requests).toHaveLength(0);
  });

  it('enforce the per-call timeoutMs, and the client one otherwise, on a transport that never answers', async () => {
    const { vip } = fakeClient(() => new Promise(() => undefined), { timeoutMs: 60 });
    await expect(vip.getServerTime({})).rejects.toMatchObject({ name: 'VipTimeoutError', timeoutMs: 60 });
    await expect(vip.getServerTime({}, { timeoutMs: 30 })).rejects.toMatchObject({ name: 'VipTimeoutError', timeoutMs: 30 });
  });
});

describe('close', () => {
  it('closes the transport', async () => {
    const { vip, transport } = fakeClient();
    await vip.close();
    expect(transport.closed).toBe(true);
  });
});

describe('onBehalfOfAccountId', () => {
  const accountOf = (body: string | undefined) => /<vip:onBehalfOfAccountId>([^<]*)</.exec(body ?? '')?.[1];

  it('is sent after requestId on every call when set on the client, and overridden per call', async () => {
    const { vip, transport } = fakeClient(succeeding(), { onBehalfOfAccountId: 'Parent4Child1' });
    await vip.getUserInfo({ userId: 'alice' }, { requestId: 'OBO_0001' });
    await vip.createUser({ userId: 'alice' }, { onBehalfOfAccountId: 'OtherChild2' });
    await vip.authenticateUser({ userId: 'alice' });

    expect(transport.bodies[0]).toContain(
      '<vip:GetUserInfoRequest><vip:requestId>OBO_0001</vip:requestId><vip:onBehalfOfAccountId>Parent4Child1</vip:onBehalfOfAccountId><vip:userId>',
    );
    expect(transport.bodies.map(accountOf)).toEqual(['Parent4Child1', 'OtherChild2', 'Parent4Child1']);
  });

  it('is left out when neither the client nor the call sets it', async () => {
    const { vip, transport } = fakeClient();
    await vip.getServerTime({});
    expect(transport.bodies[0]).not.toContain('onBehalfOfAccountId');
  });
});

describe('hooks and logger', () => {
  interface SecretCase {
    title: string;
    secrets: string[];
    responder: Responder;
    call: (vip: VipClient) => Promise<unknown>;
  }

  const SECRET_CASES: SecretCase[] = [
    {
      title: 'authenticateUser (OTP, second OTP, PIN)',
      secrets: ['918273', '645372', 'Pin#4821'],
      responder: succeeding(),
      call: (vip) => vip.authenticateUser({ userId: 'alice', pin: 'Pin#4821', otpAuthData: { otp: '918273', otp2: '645372' } }),
    },
    {
      title: 'updateUser (old and new PIN)',
      secrets: ['OldPin2468', 'NewPin9135'],
      responder: succeeding(),
      call: (vip) => vip.updateUser({ userId: 'alice', oldPin: 'OldPin2468', newPin: 'NewPin9135' }),
    },
    {
      title: 'setTemporaryPassword (code in request and response, gateway password)',
      secrets: ['731946', 'GwPassw0rd!'],
      responder: (request) =>
        vipResponse('SetTemporaryPasswordResponse', requestIdOf(request.body), '<temporaryPassword>731946</temporaryPassword>'),
      call: (vip) =>
        vip.setTemporaryPassword({
          userId: 'alice',
          temporaryPassword: '731946',
          smsDeliveryInfo: { phoneNumber: '15555550100', gatewayAcctInfo: { Id: 'gw', Password: 'GwPassw0rd!' } },
        }),
    },
    {
      title: 'setTemporaryPassword (code generated by VIP)',
      secrets: ['602817'],
      responder: (request) =>
        vipResponse('SetTemporaryPasswordResponse', requestIdOf(request.body), '<temporaryPassword>602817</temporaryPassword>'),
      call: (vip) => vip.setTemporaryPassword({ userId: 'alice' }),
    },
    {
      title: 'register (code in the response)',
      secrets: ['552211'],
      responder: (request) => vipResponse('RegisterResponse', requestIdOf(request.body), '<otp>552211</otp>'),
      call: (vip) => vip.register({ serviceOtpDeliveryInfo: { id: 'SVC0001' } }),
    },
    {
      title: 'a response secret written as CDATA',
      secrets: ['384756'],
      responder: (request) =>
        vipResponse('SetTemporaryPasswordResponse', requestIdOf(request.body), '<temporaryPassword><![CDATA[384756]]></temporaryPassword>'),
      call: (vip) => vip.setTemporaryPassword({ userId: 'alice' }),
    },
  ];

  it.each(SECRET_CASES)(
    'hand only redacted bodies to onRequest, onResponse and logger.debug: $title',
    async ({ secrets, responder, call }) => {
      const requests: VipRequestEvent[] = [];
      const responses: VipResponseEvent[] = [];
      const debug = vi.fn();
      const { vip, transport } = fakeClient(responder, {
        hooks: { onRequest: (event) => requests.push(event), onResponse: (event) => responses.push(event) },
        logger: { debug },
      });
      await call(vip);

      // The wire itself carries the secrets in the request; only what observers see is masked.
      const observed = JSON.stringify({ requests, responses, debug: debug.mock.calls });
      for (const secret of secrets) expect(observed).not.toContain(secret);
      expect(observed).toContain(REDACTED);
      expect(requests).toHaveLength(1);
      expect(responses).toHaveLength(1);
      expect(debug).toHaveBeenCalledTimes(2);
      // Redaction replaces the secret values and nothing else.
      let expected = transport.bodies[0] ?? '';
      for (const secret of secrets) expected = expected.replaceAll(`>${secret}<`, `>${REDACTED}<`);
      expect(requests[0]?.body).toBe(expected);
    },
  );

  it('give events the operation, requestId, attempt, URL, HTTP status and a duration', async () => {
    const onRequest = vi.fn<(event: VipRequestEvent) => void>();
    const onResponse = vi.fn<(event: VipResponseEvent) => void>();
    const { vip } = fakeClient(succeeding(), { hooks: { onRequest, onResponse } });
    await vip.getUserInfo({ userId: 'alice' }, { requestId: 'HOOK_0001' });

    expect(onRequest).toHaveBeenCalledOnce();
    expect(onRequest.mock.calls[0]?.[0]).toMatchObject({
      operation: 'getUserInfo',
      requestId: 'HOOK_0001',
      attempt: 1,
      url: 'https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8',
      body: expect.stringContaining('<vip:userId>alice</vip:userId>'),
    });
    expect(onResponse).toHaveBeenCalledOnce();
    const response = onResponse.mock.calls[0]?.[0];
    expect(response).toMatchObject({ operation: 'getUserInfo', requestId: 'HOOK_0001', attempt: 1, httpStatus: 200 });
    expect(response?.body).toContain('<GetUserInfoResponse');
    expect(typeof response?.durationMs).toBe('number');
    expect(response?.durationMs).toBeGreaterThanOrEqual(0);
  });

  it.each(['onRequest', 'onResponse'] as const)('call %s when it is the only hook', async (name) => {
    const hook = vi.fn();
    const { vip } = fakeClient(succeeding(), { hooks: { [name]: hook } });
    await vip.getServerTime({}, { requestId: 'HOOK_0003' });
    expect(hook).toHaveBeenCalledOnce();
    expect(hook.mock.calls[0]?.[0]).toMatchObject({ operation: 'getServerTime', requestId: 'HOOK_0003', attempt: 1 });
  });

  it('measure durationMs from sending the request to reading the answer', async () => {
    const onResponse = vi.fn<(event: VipResponseEvent) => void>();
    const answer = succeeding();
    const slow: Responder = async (request) => {
      await new Promise((resolve) => setTimeout(resolve, 60));
      return answer(request);
    };
    const { vip } = fakeClient(slow, { hooks: { onResponse } });
    await vip.getServerTime({}, { requestId: 'HOOK_0004' });
    const durationMs = onResponse.mock.calls[0]?.[0].durationMs ?? -1;
    expect(durationMs).toBeGreaterThanOrEqual(50);
    expect(durationMs).toBeLessThan(5000);
  });

  it('hand logger.debug the event as details: redacted body, operation, request, attempt, status and duration', async () => {
    const debug = vi.fn();
    const { vip } = fakeClient(succeeding(), { logger: { debug } });
    await vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '918273' } }, { requestId: 'LOG_0003' });
    const [request, response] = debug.mock.calls;
    expect(request?.[0]).toBe(
      'VIP checkOtp request LOG_0003 (attempt 1) -> https://userservices-auth.vip.symantec.com/vipuserservices/AuthenticationService_1_8',
    );
    expect(request?.[1]).toMatchObject({
      operation: 'checkOtp',
      requestId: 'LOG_0003',
      attempt: 1,
      url: expect.stringContaining('AuthenticationService_1_8'),
    });
    expect(request?.[1].body).toContain(`<vip:otp>${REDACTED}</vip:otp>`);
    expect(response?.[0]).toMatch(/^VIP checkOtp response LOG_0003: HTTP 200 in \d+\.\d ms$/);
    expect(response?.[1]).toMatchObject({
      operation: 'checkOtp',
      requestId: 'LOG_0003',
      attempt: 1,
      httpStatus: 200,
      durationMs: expect.any(Number),
    });
    expect(JSON.stringify(debug.mock.calls)).not.toContain('918273');
  });

  it('send the unredacted body on the wire', async () => {
    const { vip, transport } = fakeClient(succeeding(), { hooks: { onRequest: () => undefined } });
    await vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '918273' } });
    expect(transport.bodies[0]).toContain('<vip:otp>918273</vip:otp>');
  });

  const boom = () => {
    throw new Error('observer failure');
  };

  it('never let a throwing hook break the call', async () => {
    const { vip } = fakeClient(succeeding(), { hooks: { onRequest: boom, onResponse: boom }, logger: { debug: vi.fn() } });
    await expect(vip.getServerTime({}, { requestId: 'HOOK_0002' })).resolves.toMatchObject({ requestId: 'HOOK_0002', status: '0000' });
  });

  it('never let a throwing logger break the call', async () => {
    // By the time the response is logged the request has been processed (an OTP consumed), so the result must
    // still reach the caller.
    const debug = (message: string) => {
      if (message.includes(' response ')) boom();
    };
    const { vip, transport } = fakeClient(succeeding(), { logger: { debug } });
    await expect(vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '918273' } }, { requestId: 'LOG_0002' })).resolves.toMatchObject({
      requestId: 'LOG_0002',
      status: '0000',
    });
    expect(transport.requests).toHaveLength(1);
  });

  it('call logger.debug with a readable line naming the operation and request', async () => {
    const debug = vi.fn();
    const { vip } = fakeClient(succeeding(), { logger: { debug } });
    await vip.getServerTime({}, { requestId: 'LOG_0001' });
    const lines = debug.mock.calls.map((args) => String(args[0]));
    expect(lines).toHaveLength(2);
    for (const line of lines) {
      expect(line).toContain('getServerTime');
      expect(line).toContain('LOG_0001');
    }
  });
});
