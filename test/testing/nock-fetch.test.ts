import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { AuthenticationFailedError, CredentialRevokedError, VipClient, VipConnectionError } from 'vip-user-services';
import { requestMatcher, vipReply, vipServiceUrl } from 'vip-user-services/testing';

// The client sends through this fetch; nock patches the global one, so the client must look it up per call.
const vip = new VipClient({ fetch: (input, init) => fetch(input, init), retry: false });
const auth = vipServiceUrl('authenticateUser');

beforeAll(() => nock.disableNetConnect());
afterEach(() => nock.cleanAll());
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('nock through the client fetch option', () => {
  it('answers with vipReply, echoing the requestId', async () => {
    const scope = nock(auth.origin)
      .post(auth.pathname)
      .reply(200, vipReply('authenticateUser', { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' }));
    const result = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } }, { requestId: 'nock_1' });
    expect(result).toMatchObject({ requestId: 'nock_1', status: '0000', credentialId: 'VSMT12345678' });
    expect(scope.isDone()).toBe(true);
  });

  it('routes by operation with requestMatcher and carries error statuses', async () => {
    nock(auth.origin)
      .post(auth.pathname, requestMatcher('checkOtp'))
      .reply(200, vipReply('checkOtp', {}, { status: '600F' }))
      .post(auth.pathname, requestMatcher('authenticateUser'))
      .reply(200, vipReply('authenticateUser', {}, { status: '6009', detail: '49B5' }));
    await expect(vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '654321' } })).rejects.toBeInstanceOf(
      AuthenticationFailedError,
    );
    await expect(vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '654321' } })).rejects.toBeInstanceOf(CredentialRevokedError);
  });

  it('fails as a connection error when nothing matches', async () => {
    await expect(vip.getServerTime({})).rejects.toBeInstanceOf(VipConnectionError);
  });
});
