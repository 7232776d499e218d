/**
 * The three recipes of docs/testing.md, copied here verbatim apart from merged imports and a describe block around
 * each, so a change that breaks them fails. Keep both in step: edit the guide's snippet and this copy together;
 * test/docs/testing-guide.test.ts fails while a line of the guide's snippets is missing here.
 */
import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationFailedError, PushDeniedError, UserNotFoundError, VipClient, VipHttpError } from 'vip-user-services';
import { startMockServer } from 'vip-user-services/mock';
import { mockVipAgent, requestMatcher, vipReply, vipServiceUrl } from 'vip-user-services/testing';

describe('docs/testing.md (a): the in-process mock server', () => {
  let mock: Awaited<ReturnType<typeof startMockServer>>;
  let vip: VipClient;

  beforeAll(async () => {
    // seed: alice@example.com with the VIP Access credential VSMT12345678, bob@example.com, carol@example.com (locked)
    mock = await startMockServer({ seed: true });
    vip = new VipClient({ endpoint: mock.url });
  });

  afterAll(async () => {
    await vip.close();
    await mock.close();
  });

  it('signs alice in with the code her app shows, and refuses a wrong one', async () => {
    const otp = mock.otp('VSMT12345678');
    await expect(vip.authenticateUser({ userId: 'alice@example.com', otpAuthData: { otp } })).resolves.toMatchObject({
      credentialId: 'VSMT12345678',
    });
    await expect(vip.authenticateUser({ userId: 'alice@example.com', otpAuthData: { otp } })).rejects.toBeInstanceOf(
      AuthenticationFailedError, // a code works once
    );
  });

  it('survives VIP being down', async () => {
    mock.inject({ operation: 'getUserInfo', fault: 'http503', times: 3 });
    await expect(vip.getUserInfo({ userId: 'bob@example.com' })).rejects.toBeInstanceOf(VipHttpError);
  });
});

describe('docs/testing.md (b): undici MockAgent through the dispatcher option', () => {
  // The code under test: your login step.
  async function checkCode(vip: VipClient, userId: string, otp: string): Promise<boolean> {
    try {
      await vip.authenticateUser({ userId, otpAuthData: { otp } });
      return true;
    } catch (error) {
      if (error instanceof AuthenticationFailedError) return false;
      throw error;
    }
  }

  const agent = mockVipAgent();
  const vip = new VipClient({ dispatcher: agent });
  afterAll(() => agent.close());

  it('accepts a right code', async () => {
    agent.respond('authenticateUser', { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' });
    await expect(checkCode(vip, 'alice', '123456')).resolves.toBe(true);
    expect(agent.requests('authenticateUser')[0]?.body).toContain('<vip:userId>alice</vip:userId>');
  });

  it('refuses a wrong code', async () => {
    agent.fail('authenticateUser', '6009', { detail: '49B5', detailMessage: 'Failed with an invalid OTP' });
    await expect(checkCode(vip, 'alice', '000000')).resolves.toBe(false);
  });

  it('reports a denied push', async () => {
    const pushDetail = [{ pushCredentialId: 'VSMT12345678', pushSent: true }];
    agent.respond('authenticateUserWithPush', { transactionId: 'tx_0001', pushDetail }, { status: '6040' });
    agent.respond('pollPushStatus', {
      transactionStatus: [{ transactionId: 'tx_0001', status: '7002', statusMessage: 'Mobile push request denied by user.' }],
    });
    const push = await vip.authenticateUserWithPush({ userId: 'alice', pushAuthData: {} });
    if (push.status !== '6040') throw new Error('the push was not sent');
    await expect(vip.waitForPush(push.transactionId, { intervalMs: 10 })).rejects.toBeInstanceOf(PushDeniedError);
  });
});

describe('docs/testing.md (c): nock through the fetch option', () => {
  // Looked up on every call, so nock's patched fetch is used whatever the import order.
  const vip = new VipClient({ fetch: (input, init) => fetch(input, init) });
  const query = vipServiceUrl('getUserInfo'); // https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8

  beforeAll(() => nock.disableNetConnect());
  afterEach(() => nock.cleanAll());
  afterAll(() => nock.restore());

  it('reads a user', async () => {
    nock(query.origin)
      .post(query.pathname, requestMatcher('getUserInfo')) // operations of one service share a URL
      .reply(200, vipReply('getUserInfo', { userId: 'alice', userStatus: 'ACTIVE', numBindings: 1 }));
    await expect(vip.getUserInfo({ userId: 'alice' })).resolves.toMatchObject({ userStatus: 'ACTIVE', numBindings: 1 });
  });

  it('reports an unknown user', async () => {
    nock(query.origin)
      .post(query.pathname)
      .reply(200, vipReply('getUserInfo', {}, { status: '6003' }));
    await expect(vip.getUserInfo({ userId: 'nobody' })).rejects.toBeInstanceOf(UserNotFoundError);
  });
});
