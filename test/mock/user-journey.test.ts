/**
 * A user's life against the mock, over mutual TLS, checking each status on the way: create, register, bind,
 * authenticate, wrong and replayed codes, push approve and deny, SMS code, lockout, unlock, delete.
 */
import {
  AuthenticationFailedError,
  CredentialAlreadyRegisteredError,
  PushDeniedError,
  UserAlreadyExistsError,
  UserNotFoundError,
  UserStatusNotAllowedError,
} from 'vip-user-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockPair, rejectionOf, startPair } from './support.js';

const USER = 'journey@example.com';
const APP = 'SYMC87654321';
const PHONE = '15550001111';
const LOCKOUT = 3;
const FAST_PUSH_WAIT = { intervalMs: 10, timeoutMs: 5_000 };

let pair: MockPair;

beforeAll(async () => {
  pair = await startPair({ tls: true, lockoutThreshold: LOCKOUT, push: { outcome: 'approve', pendingPolls: 2 } });
});

afterAll(async () => {
  await pair.close();
});

/** A six-digit code that differs from the valid one. */
function wrongCode(valid: string): string {
  return valid === '000000' ? '111111' : '000000';
}

describe('a user journey', () => {
  let usedCode: string;

  it('creates the user once; a second create is 6002', async () => {
    expect((await pair.vip.createUser({ userId: USER })).status).toBe('0000');
    const error = await rejectionOf(pair.vip.createUser({ userId: USER }));
    expect(error).toBeInstanceOf(UserAlreadyExistsError);
    expect(error).toMatchObject({ code: '6002', statusMessage: 'User already exists.' });
  });

  it('registers an SMS number once; a second register is 6026 with detail 4E1B', async () => {
    expect((await pair.vip.register({ smsDeliveryInfo: { phoneNumber: PHONE } })).status).toBe('0000');
    const error = await rejectionOf(pair.vip.register({ smsDeliveryInfo: { phoneNumber: PHONE } }));
    expect(error).toBeInstanceOf(CredentialAlreadyRegisteredError);
    expect(error).toMatchObject({ code: '6026', detail: '4E1B' });
  });

  it('binds a VIP Access app and the SMS number', async () => {
    const app = await pair.vip.addCredential({
      userId: USER,
      credentialDetail: { credentialId: APP, credentialType: 'STANDARD_OTP', friendlyName: 'iPhone' },
    });
    expect(app.status).toBe('0000');
    const sms = await pair.vip.addCredential({
      userId: USER,
      credentialDetail: { credentialId: PHONE, credentialType: 'SMS_OTP', friendlyName: 'Mobile' },
    });
    expect(sms.status).toBe('0000');
    expect((await pair.vip.getUserInfo({ userId: USER })).numBindings).toBe(2);
  });

  it('authenticates with the current code', async () => {
    usedCode = pair.mock.otp(APP);
    const result = await pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: usedCode } });
    expect(result).toMatchObject({ status: '0000', credentialId: APP, credentialType: 'STANDARD_OTP' });
  });

  it('rejects a wrong code with 6009 and detail 49B5', async () => {
    const error = await rejectionOf(pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: wrongCode(pair.mock.otp(APP)) } }));
    expect(error).toBeInstanceOf(AuthenticationFailedError);
    expect(error).toMatchObject({ code: '6009', detail: '49B5', detailMessage: 'Failed with an invalid OTP', attempts: 1 });
  });

  it('rejects a replay of the code already used with 6009', async () => {
    const error = await rejectionOf(pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: usedCode } }));
    expect(error).toBeInstanceOf(AuthenticationFailedError);
    expect(error).toMatchObject({ code: '6009' });
  });

  it('approves a push after the pending polls (waitForPush)', async () => {
    const sent = await pair.vip.authenticateUserWithPush({ userId: USER, pushAuthData: {} });
    expect(sent.status).toBe('6040');
    const result = await pair.vip.waitForPush(sent.transactionId as string, FAST_PUSH_WAIT);
    expect(result).toMatchObject({ status: '7000', credentialId: APP, credentialType: 'STANDARD_OTP' });
    const polls = pair.mock.requests.filter((request) => request.operation === 'pollPushStatus');
    expect(polls).toHaveLength(3);
  });

  it('reports a denied push as PushDeniedError (7002)', async () => {
    pair.mock.setPushOutcome('deny', { pendingPolls: 0 });
    const sent = await pair.vip.authenticateUserWithPush({ userId: USER, pushAuthData: {} });
    const error = await rejectionOf(pair.vip.waitForPush(sent.transactionId as string, FAST_PUSH_WAIT));
    expect(error).toBeInstanceOf(PushDeniedError);
    expect(error).toMatchObject({ code: '7002', transactionId: sent.transactionId });
    pair.mock.setPushOutcome('approve');
  });

  it('authenticates with a code sent by SMS', async () => {
    expect((await pair.vip.sendOtp({ userId: USER })).status).toBe('0000');
    const result = await pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: pair.mock.otp(PHONE) } });
    expect(result).toMatchObject({ status: '0000', credentialId: PHONE, credentialType: 'SMS_OTP' });
  });

  it(`locks the user after ${LOCKOUT} failures in a row; then even a valid code gives 601B`, async () => {
    for (let attempt = 1; attempt <= LOCKOUT; attempt++) {
      const error = await rejectionOf(pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: wrongCode(pair.mock.otp(APP)) } }));
      expect(error).toBeInstanceOf(AuthenticationFailedError);
    }
    expect((await pair.vip.getUserInfo({ userId: USER })).userStatus).toBe('LOCKED');
    const locked = await rejectionOf(pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: pair.mock.otp(APP) } }));
    expect(locked).toBeInstanceOf(UserStatusNotAllowedError);
    expect(locked).toMatchObject({ code: '601B', statusMessage: 'Operation not allowed in current user status.' });
    const push = await rejectionOf(pair.vip.authenticateUserWithPush({ userId: USER, pushAuthData: {} }));
    expect(push).toBeInstanceOf(UserStatusNotAllowedError);
  });

  it('still checks codes with checkOtp while the user is locked', async () => {
    const result = await pair.vip.checkOtp({ userId: USER, otpAuthData: { otp: pair.mock.otp(APP) } });
    expect(result).toMatchObject({ status: '0000', credentialId: APP });
  });

  it('unlocks with updateUser ACTIVE, after which sign-in works', async () => {
    expect((await pair.vip.updateUser({ userId: USER, newUserStatus: 'ACTIVE' })).status).toBe('0000');
    expect((await pair.vip.getUserInfo({ userId: USER })).userStatus).toBe('ACTIVE');
    const result = await pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: pair.mock.otp(APP) } });
    expect(result.status).toBe('0000');
  });

  it('deletes the user; later calls give 6003', async () => {
    expect((await pair.vip.deleteUser({ userId: USER })).status).toBe('0000');
    const info = await rejectionOf(pair.vip.getUserInfo({ userId: USER }));
    expect(info).toBeInstanceOf(UserNotFoundError);
    expect(info).toMatchObject({ code: '6003' });
    const auth = await rejectionOf(pair.vip.authenticateUser({ userId: USER, otpAuthData: { otp: pair.mock.otp(APP) } }));
    expect(auth).toBeInstanceOf(UserNotFoundError);
  });
});
