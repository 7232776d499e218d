import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  AuthenticationFailedError,
  AuthenticationError,
  PushDeniedError,
  UserError,
  UserNotFoundError,
  VipClient,
  VipConnectionError,
  VipHttpError,
  VipSoapFaultError,
} from 'vip-user-services';
import { httpError, type MockVipAgent, mockVipAgent, soapFault, vipReply, vipServiceUrl } from 'vip-user-services/testing';

let agent: MockVipAgent;
let vip: VipClient;

beforeEach(() => {
  agent = mockVipAgent();
  vip = new VipClient({ dispatcher: agent.dispatcher, retry: { baseDelayMs: 1, maxDelayMs: 1 } });
});

afterEach(async () => {
  await vip.close();
  await agent.close();
});

describe('mockVipAgent through the client dispatcher', () => {
  it('answers an operation with typed fields', async () => {
    agent.respond('getUserInfo', { userId: 'alice@example.com', userStatus: 'ACTIVE', numBindings: 1, isPinSet: true });
    const info = await vip.getUserInfo({ userId: 'alice@example.com' });
    expect(info).toMatchObject({ status: '0000', userId: 'alice@example.com', userStatus: 'ACTIVE', numBindings: 1, isPinSet: true });
    agent.assertNoPendingInterceptors();
  });

  it('is itself a dispatcher the client accepts', async () => {
    const direct = new VipClient({ dispatcher: agent });
    agent.respond('getServerTime', { timestamp: new Date('2026-11-28T00:00:00Z') });
    await expect(direct.getServerTime({})).resolves.toMatchObject({ timestamp: new Date('2026-11-28T00:00:00Z') });
  });

  it('fails a call with the error class and category of the status', async () => {
    agent.fail('authenticateUser', '6009', { detail: '49B5', detailMessage: 'Failed with an invalid OTP' });
    agent.fail('getUserInfo', '6003');
    const wrongCode = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '000000' } }).catch((e: unknown) => e);
    expect(wrongCode).toBeInstanceOf(AuthenticationFailedError);
    expect(wrongCode).toBeInstanceOf(AuthenticationError);
    expect(wrongCode).toMatchObject({ detail: '49B5', statusMessage: 'Authentication failed.' });
    const unknownUser = await vip.getUserInfo({ userId: 'ghost' }).catch((e: unknown) => e);
    expect(unknownUser).toBeInstanceOf(UserNotFoundError);
    expect(unknownUser).toBeInstanceOf(UserError);
  });

  it('tells operations on the same service apart by the request body', async () => {
    // Registered in the opposite order of the calls: each answer must still reach its own operation.
    agent.respond('evaluateRisk', { RiskScore: 10, EventId: '42' });
    agent.respond('authenticateUser', { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' });
    await expect(vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } })).resolves.toMatchObject({
      credentialId: 'VSMT12345678',
    });
    await expect(vip.evaluateRisk({ UserId: 'alice', Ip: '192.0.2.1', UserAgent: 'test' })).resolves.toMatchObject({ EventId: '42' });
  });

  it('sends a push (6040) and lets waitForPush see it approved after a pending poll', async () => {
    agent.respond(
      'authenticateUserWithPush',
      { transactionId: '2ae68a940ec4236b', pushDetail: [{ pushCredentialId: 'VSMT12345678', pushSent: true }] },
      { status: '6040' },
    );
    const pending = { transactionId: '2ae68a940ec4236b', status: '7001', statusMessage: 'Mobile push request in progress.' };
    const approved = {
      ...pending,
      status: '7000',
      statusMessage: 'Mobile push request approved by user.',
      credentialId: 'VSMT12345678',
      credentialType: 'STANDARD_OTP',
    };
    agent.respond('pollPushStatus', { transactionStatus: [pending] });
    agent.respond('pollPushStatus', { transactionStatus: [approved] });

    const sent = await vip.authenticateUserWithPush({ userId: 'alice', pushAuthData: {} });
    expect(sent).toMatchObject({ status: '6040', transactionId: '2ae68a940ec4236b', pushDetail: [{ pushSent: true }] });
    const result = await vip.waitForPush(sent.transactionId as string, { intervalMs: 5 });
    expect(result).toMatchObject({ status: '7000', credentialId: 'VSMT12345678' });
    expect(agent.requests('pollPushStatus')).toHaveLength(2);
  });

  it('turns a denied push into PushDeniedError', async () => {
    agent.respond('pollPushStatus', {
      transactionStatus: [{ transactionId: 'tx01', status: '7002', statusMessage: 'Mobile push request denied by user.' }],
    });
    await expect(vip.waitForPush('tx01', { intervalMs: 5 })).rejects.toBeInstanceOf(PushDeniedError);
  });

  it('gives evaluateRisk Risky true for 6009 and false for 0000', async () => {
    agent.respond('evaluateRisk', { RiskScore: 90, RiskThreshold: 70, EventId: '7' }, { status: '6009' });
    agent.respond('evaluateRisk', { RiskScore: 5, RiskThreshold: 70, EventId: '8' });
    const input = { UserId: 'alice', Ip: '192.0.2.1', UserAgent: 'test' };
    await expect(vip.evaluateRisk(input)).resolves.toMatchObject({ status: '6009', Risky: true, RiskScore: 90 });
    await expect(vip.evaluateRisk(input)).resolves.toMatchObject({ status: '0000', Risky: false, RiskScore: 5 });
  });

  it('serves an answer the given number of times, or for good', async () => {
    agent.respond('getServerTime', {}, { times: 2 });
    agent.fail('getServerTime', '6005', { persist: true });
    await vip.getServerTime({});
    await vip.getServerTime({});
    for (let i = 0; i < 2; i++)
      await expect(vip.getServerTime({}, { timeoutMs: 1000 })).rejects.toMatchObject({ code: '6005', attempts: 3 });
  });

  it('can hold an answer back for a while', async () => {
    agent.respond('getServerTime', {}, { delayMs: 20 });
    await expect(vip.getServerTime({})).resolves.toMatchObject({ status: '0000' });
  });

  it('records every request with its operation, requestId, URL and body', async () => {
    agent.respond('createUser');
    agent.respond('getUserInfo', { userId: 'bob' });
    const created = await vip.createUser({ userId: 'bob' }, { requestId: 'create_1' });
    await vip.getUserInfo({ userId: 'bob' }, { requestId: 'query_1' });
    expect(created.requestId).toBe('create_1');
    const requests = agent.requests();
    expect(requests.map(({ operation, requestId, url }) => ({ operation, requestId, url }))).toEqual([
      {
        operation: 'createUser',
        requestId: 'create_1',
        url: 'https://userservices-auth.vip.symantec.com/vipuserservices/ManagementService_1_8',
      },
      {
        operation: 'getUserInfo',
        requestId: 'query_1',
        url: 'https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8',
      },
    ]);
    expect(requests[0]?.body).toContain('<vip:userId>bob</vip:userId>');
    expect(agent.requests('getUserInfo')).toHaveLength(1);
  });

  it('plays back SOAP Faults and gateway errors, which reads retry', async () => {
    agent.intercept('getCredentialInfo').reply(500, soapFault('Internal Error'));
    await expect(vip.getCredentialInfo({ credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' })).rejects.toBeInstanceOf(
      VipSoapFaultError,
    );

    agent.intercept('getUserInfo').reply(503, httpError(503));
    agent.respond('getUserInfo', { userId: 'alice' });
    await expect(vip.getUserInfo({ userId: 'alice' })).resolves.toMatchObject({ userId: 'alice' });
    expect(agent.requests('getUserInfo')).toHaveLength(2);

    agent.intercept('createUser').reply(502, httpError(502));
    // createUser is not safe to send twice, so a gateway error is not retried.
    const error = await vip.createUser({ userId: 'carol' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: 502, attempts: 1 });
  });

  it('refuses requests nothing was registered for, and reports unused answers', async () => {
    await expect(vip.getServerTime({})).rejects.toBeInstanceOf(VipConnectionError);
    agent.respond('deleteUser');
    expect(() => agent.assertNoPendingInterceptors()).toThrow();
  });

  it('serves the endpoint the client under test uses', async () => {
    const custom = mockVipAgent({ endpoint: 'https://vip.example.test/base', apiVersion: '1.7' });
    const client = new VipClient({ dispatcher: custom, endpoint: 'https://vip.example.test/base', apiVersion: '1.7' });
    custom.respond('getServerTime');
    await expect(client.getServerTime({})).resolves.toMatchObject({ status: '0000' });
    expect(custom.requests()[0]?.url).toBe('https://vip.example.test/base/vipuserservices/QueryService_1_7');
    await custom.close();
  });
});

describe('vipReply in a plain undici MockAgent', () => {
  it('answers through .reply(status, replyFunction), echoing each requestId', async () => {
    const { MockAgent } = await import('undici');
    const plain = new MockAgent();
    plain.disableNetConnect();
    const url = vipServiceUrl('getServerTime');
    plain
      .get(url.origin)
      .intercept({ path: url.pathname, method: 'POST' })
      .reply(200, vipReply('getServerTime', { timestamp: new Date(0) }))
      .times(2);
    const client = new VipClient({ dispatcher: plain });
    await expect(client.getServerTime({}, { requestId: 'plain_1' })).resolves.toMatchObject({
      requestId: 'plain_1',
      timestamp: new Date(0),
    });
    await expect(client.getServerTime({}, { requestId: 'plain_2' })).resolves.toMatchObject({ requestId: 'plain_2' });
    await plain.close();
  });
});
