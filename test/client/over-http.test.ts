/**
 * A few operations through real HTTP plumbing instead of the fake transport: undici's MockAgent behind the
 * `dispatcher` option (the production path, `undici.request`), and nock behind the `fetch` option (global fetch).
 * Checks the method, path, SOAP headers and exact body on the wire, and that answers come back typed.
 */
import nock from 'nock';
import { MockAgent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { UserAlreadyExistsError, VipClient, VipSoapFaultError } from 'vip-user-services';
import { requestEnvelope, soapFault, vipResponse } from '../helpers/soap-fixtures.js';

const ORIGIN = 'https://userservices-auth.vip.symantec.com';

interface Captured {
  body?: string;
  headers?: Record<string, string>;
}

/** A MockAgent that refuses real connections, answering one POST on `path` and recording what it received. */
function mockVip(path: string, status: number, responseBody: string): { agent: MockAgent; seen: Captured } {
  const agent = new MockAgent();
  agent.disableNetConnect();
  const seen: Captured = {};
  agent
    .get(ORIGIN)
    .intercept({
      path,
      method: 'POST',
      headers: (headers) => {
        seen.headers = headers;
        return true;
      },
      body: (body) => {
        seen.body = body;
        return true;
      },
    })
    .reply(status, responseBody, { headers: { 'content-type': 'text/xml;charset=utf-8' } });
  return { agent, seen };
}

describe('through undici MockAgent (dispatcher option)', () => {
  it('sends getUserInfo to the Query service with SOAP 1.1 headers and reads the answer', async () => {
    const { agent, seen } = mockVip(
      '/vipuserservices/QueryService_1_8',
      200,
      vipResponse(
        'GetUserInfoResponse',
        'HTTP_0001',
        '<userId>zoë@example.com</userId><userStatus>ACTIVE</userStatus><numBindings>0</numBindings>',
      ),
    );
    const vip = new VipClient({ dispatcher: agent, retry: false });
    const output = await vip.getUserInfo({ userId: 'zoë@example.com' }, { requestId: 'HTTP_0001' });

    expect(output).toEqual({
      requestId: 'HTTP_0001',
      status: '0000',
      statusMessage: 'Success',
      userId: 'zoë@example.com',
      userStatus: 'ACTIVE',
      numBindings: 0,
    });
    expect(seen.headers?.['content-type']).toBe('text/xml; charset=utf-8');
    expect(seen.headers?.soapaction).toBe('""');
    expect(seen.body).toBe(
      requestEnvelope(
        '<vip:GetUserInfoRequest><vip:requestId>HTTP_0001</vip:requestId><vip:userId>zoë@example.com</vip:userId></vip:GetUserInfoRequest>',
      ),
    );
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('sends authenticateUser to the Authentication service', async () => {
    const { agent, seen } = mockVip(
      '/vipuserservices/AuthenticationService_1_8',
      200,
      vipResponse(
        'AuthenticateUserResponse',
        'HTTP_0002',
        '<credentialId>VSST26824187</credentialId><credentialType>STANDARD_OTP</credentialType>',
      ),
    );
    const vip = new VipClient({ dispatcher: agent, retry: false });
    const output = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } }, { requestId: 'HTTP_0002' });

    expect(output).toEqual({
      requestId: 'HTTP_0002',
      status: '0000',
      statusMessage: 'Success',
      credentialId: 'VSST26824187',
      credentialType: 'STANDARD_OTP',
    });
    expect(seen.headers?.soapaction).toBe('""');
    expect(seen.body).toBe(
      requestEnvelope(
        '<vip:AuthenticateUserRequest><vip:requestId>HTTP_0002</vip:requestId><vip:userId>alice</vip:userId>' +
          '<vip:otpAuthData><vip:otp>123456</vip:otp></vip:otpAuthData></vip:AuthenticateUserRequest>',
      ),
    );
    agent.assertNoPendingInterceptors();
    await agent.close();
  });

  it('turns a Management failure status into its error class', async () => {
    const { agent } = mockVip(
      '/vipuserservices/ManagementService_1_8',
      200,
      vipResponse('CreateUserResponse', 'HTTP_0003', '', { status: '6002', statusMessage: 'User already exists.' }),
    );
    const vip = new VipClient({ dispatcher: agent, retry: false });
    const error = await vip.createUser({ userId: 'alice' }, { requestId: 'HTTP_0003' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UserAlreadyExistsError);
    expect(error).toMatchObject({ code: '6002', requestId: 'HTTP_0003', operation: 'createUser' });
    await agent.close();
  });

  it('turns an HTTP 500 SOAP Fault into VipSoapFaultError', async () => {
    const { agent } = mockVip('/vipuserservices/QueryService_1_8', 500, soapFault('S:Server', 'Internal Error'));
    const vip = new VipClient({ dispatcher: agent, retry: false });
    const error = await vip.getServerTime({}, { requestId: 'HTTP_0004' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error).toMatchObject({ faultCode: 'S:Server', faultString: 'Internal Error', httpStatus: 500, requestId: 'HTTP_0004' });
    await agent.close();
  });
});

describe('through nock (fetch option)', () => {
  beforeAll(() => {
    nock.disableNetConnect();
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
  afterAll(() => {
    nock.enableNetConnect();
    nock.restore();
  });

  it('sends getServerTime to https://vip.test/vipuserservices/QueryService_1_8', async () => {
    const expected = requestEnvelope('<vip:GetServerTimeRequest><vip:requestId>NOCK_0001</vip:requestId></vip:GetServerTimeRequest>');
    const scope = nock('https://vip.test', { reqheaders: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' } })
      .post('/vipuserservices/QueryService_1_8', (body) => body === expected)
      .reply(200, vipResponse('GetServerTimeResponse', 'NOCK_0001', '<timestamp>2026-11-20T13:15:30.123Z</timestamp>'), {
        'content-type': 'text/xml',
      });
    const vip = new VipClient({ endpoint: 'https://vip.test', fetch: globalThis.fetch, retry: false });

    const output = await vip.getServerTime({}, { requestId: 'NOCK_0001' });
    expect(output).toEqual({
      requestId: 'NOCK_0001',
      status: '0000',
      statusMessage: 'Success',
      timestamp: new Date('2026-11-20T13:15:30.123Z'),
    });
    expect(scope.isDone()).toBe(true);
  });

  it('sends authenticateUserWithPush and accepts 6040 as success', async () => {
    const expected = requestEnvelope(
      '<vip:AuthenticateUserWithPushRequest><vip:requestId>NOCK_0002</vip:requestId><vip:userId>bob</vip:userId>' +
        '<vip:pushAuthData></vip:pushAuthData></vip:AuthenticateUserWithPushRequest>',
    );
    const scope = nock('https://vip.test')
      .post('/vipuserservices/AuthenticationService_1_8', (body) => body === expected)
      .reply(
        200,
        vipResponse(
          'AuthenticateUserWithPushResponse',
          'NOCK_0002',
          '<transactionId>2ae68a940ec4236b</transactionId><pushDetail><pushCredentialId>VSMB11112222</pushCredentialId><pushSent>true</pushSent></pushDetail>',
          { status: '6040', statusMessage: 'Mobile push request sent' },
        ),
      );
    const vip = new VipClient({ endpoint: 'https://vip.test', fetch: globalThis.fetch, retry: false });

    const output = await vip.authenticateUserWithPush({ userId: 'bob', pushAuthData: {} }, { requestId: 'NOCK_0002' });
    expect(output.status).toBe('6040');
    expect(output.transactionId).toBe('2ae68a940ec4236b');
    expect(output.pushDetail).toEqual([{ pushCredentialId: 'VSMB11112222', pushSent: true }]);
    expect(scope.isDone()).toBe(true);
  });

  it('sends pollPushStatus with repeated transactionId elements', async () => {
    const expected = requestEnvelope(
      '<vip:PollPushStatusRequest><vip:requestId>NOCK_0003</vip:requestId>' +
        '<vip:transactionId>2ae68a940ec4236b</vip:transactionId><vip:transactionId>c0ffee0123456789</vip:transactionId></vip:PollPushStatusRequest>',
    );
    const scope = nock('https://vip.test')
      .post('/vipuserservices/QueryService_1_8', (body) => body === expected)
      .reply(
        200,
        vipResponse(
          'PollPushStatusResponse',
          'NOCK_0003',
          '<transactionStatus><transactionId>2ae68a940ec4236b</transactionId><status>7000</status><statusMessage>Mobile push request approved by user</statusMessage></transactionStatus>' +
            '<transactionStatus><transactionId>c0ffee0123456789</transactionId><status>7004</status><statusMessage>Mobile push request expired</statusMessage></transactionStatus>',
        ),
      );
    const vip = new VipClient({ endpoint: 'https://vip.test', fetch: globalThis.fetch, retry: false });

    const output = await vip.pollPushStatus({ transactionId: ['2ae68a940ec4236b', 'c0ffee0123456789'] }, { requestId: 'NOCK_0003' });
    expect(output.transactionStatus?.map((t) => [t.transactionId, t.status])).toEqual([
      ['2ae68a940ec4236b', '7000'],
      ['c0ffee0123456789', '7004'],
    ]);
    expect(scope.isDone()).toBe(true);
  });
});
