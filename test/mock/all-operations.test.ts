/**
 * The client against the mock over mutual TLS: every one of the 24 operations succeeds once, with its typed result
 * read back through node-soap's serialisation and the client's parser.
 */
import type { OperationName } from 'vip-user-services';
import { OPERATIONS } from '../../src/generated/operations.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockPair, startPair } from './support.js';

const USER = 'ops.user@example.com';
const RENAMED = 'ops.renamed@example.com';
const PHONE = '15551230001';
const APP = 'VSMT00000001';
const HARDWARE = 'UBHE00000002';

let pair: MockPair;
let transactionId: string;
let riskyEventId: string;

beforeAll(async () => {
  pair = await startPair({ tls: true });
});

afterAll(async () => {
  await pair.close();
});

describe('every operation over mutual TLS', () => {
  it('serves its WSDLs and exposes the throwaway client certificate', () => {
    expect(pair.mock.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(pair.mock.tls?.ca).toContain('BEGIN CERTIFICATE');
    expect(pair.mock.tls?.clientCert).toContain('BEGIN CERTIFICATE');
    expect(pair.mock.tls?.clientKey).toContain('PRIVATE KEY');
    expect(pair.mock.tls?.clientPfx.length).toBeGreaterThan(100);
    expect(pair.vip.certificate?.subject).toContain('vip-mock-client');
  });

  it('getServerTime', async () => {
    const before = Date.now();
    const result = await pair.vip.getServerTime({});
    expect(result.status).toBe('0000');
    expect(result.timestamp).toBeInstanceOf(Date);
    expect(result.timestamp?.getTime()).toBeGreaterThanOrEqual(before - 1000);
  });

  it('createUser', async () => {
    const result = await pair.vip.createUser({ userId: USER, pin: '2468', forcePinChange: false });
    expect(result).toMatchObject({ status: '0000', statusMessage: 'Success.' });
  });

  it('updateUser (rename and PIN change)', async () => {
    const result = await pair.vip.updateUser({ userId: USER, newUserId: RENAMED, oldPin: '2468', newPin: '1357' });
    expect(result.status).toBe('0000');
  });

  it('clearUserPin', async () => {
    expect((await pair.vip.clearUserPin({ userId: RENAMED })).status).toBe('0000');
  });

  it('register (SMS number)', async () => {
    const result = await pair.vip.register({ smsDeliveryInfo: { phoneNumber: PHONE } });
    expect(result.status).toBe('0000');
  });

  it('addCredential (standard, with proof of possession, and SMS)', async () => {
    const app = await pair.vip.addCredential({
      userId: RENAMED,
      credentialDetail: { credentialId: APP, credentialType: 'STANDARD_OTP', friendlyName: 'Work phone' },
      otpAuthData: { otp: pair.mock.otp(APP) },
    });
    expect(app.status).toBe('0000');
    const sms = await pair.vip.addCredential({ userId: RENAMED, credentialDetail: { credentialId: PHONE, credentialType: 'SMS_OTP' } });
    expect(sms.status).toBe('0000');
    const token = await pair.vip.addCredential({
      userId: RENAMED,
      credentialDetail: { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' },
    });
    expect(token.status).toBe('0000');
  });

  it('updateCredential', async () => {
    const result = await pair.vip.updateCredential({
      userId: RENAMED,
      credentialId: APP,
      credentialType: 'STANDARD_OTP',
      friendlyName: 'Phone <new> & shiny',
    });
    expect(result.status).toBe('0000');
  });

  it('getUserInfo', async () => {
    const result = await pair.vip.getUserInfo({ userId: RENAMED, includePushAttributes: true, includeTokenInfo: true });
    expect(result).toMatchObject({
      status: '0000',
      userId: RENAMED,
      userStatus: 'ACTIVE',
      numBindings: 3,
      isPinSet: false,
      isTempPasswordSet: false,
    });
    expect(result.userCreationTime).toBeInstanceOf(Date);
    const app = result.credentialBindingDetail?.find((detail) => detail.credentialId === APP);
    expect(app?.credentialType).toBe('STANDARD_OTP');
    expect(app?.bindingDetail.friendlyName).toBe('Phone <new> & shiny');
    expect(app?.bindingDetail.bindStatus).toBe('ENABLED');
    expect(app?.bindingDetail.lastBindTime).toBeInstanceOf(Date);
    expect(app?.pushAttributes).toContainEqual({ Key: 'PUSH_ENABLED', Value: 'true' });
    expect(app?.tokenCategoryDetails).toEqual({ CategoryId: 70, FormFactor: 'MOBILE', MovingFactor: 'TIME', OtpGeneratedBy: 'SOFTWARE' });
    const sms = result.credentialBindingDetail?.find((detail) => detail.credentialId === PHONE);
    expect(sms?.tokenInfo?.TokenId).toEqual({ value: PHONE, type: 'SMS' });
    expect(sms?.pushAttributes).toBeUndefined();
  });

  it('getCredentialInfo', async () => {
    const result = await pair.vip.getCredentialInfo({ credentialId: APP, credentialType: 'STANDARD_OTP' });
    expect(result).toMatchObject({
      status: '0000',
      credentialId: APP,
      credentialType: 'STANDARD_OTP',
      credentialStatus: 'ENABLED',
      numBindings: 1,
    });
    expect(result.userBindingDetail).toEqual([
      expect.objectContaining({
        userId: RENAMED,
        userStatus: 'ACTIVE',
        bindingDetail: expect.objectContaining({ friendlyName: 'Phone <new> & shiny' }),
      }),
    ]);
  });

  it('authenticateUser', async () => {
    const result = await pair.vip.authenticateUser({ userId: RENAMED, otpAuthData: { otp: pair.mock.otp(APP) } });
    expect(result).toMatchObject({ status: '0000', credentialId: APP, credentialType: 'STANDARD_OTP' });
    expect(result.authnId).toMatch(/^[0-9A-F]{16}$/);
  });

  it('checkOtp', async () => {
    const result = await pair.vip.checkOtp({ userId: RENAMED, otpAuthData: { otp: pair.mock.otp(HARDWARE) } });
    expect(result).toMatchObject({ status: '0000', credentialId: HARDWARE, credentialType: 'STANDARD_OTP' });
  });

  it('authenticateCredentials (security code)', async () => {
    const result = await pair.vip.authenticateCredentials({
      credentials: [
        { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' },
        { credentialId: APP, credentialType: 'STANDARD_OTP' },
      ],
      otpAuthData: { otp: pair.mock.otp(APP) },
    });
    expect(result).toMatchObject({ status: '0000', credentialId: APP, credentialType: 'STANDARD_OTP' });
  });

  it('sendOtp', async () => {
    const result = await pair.vip.sendOtp({ userId: RENAMED, smsDeliveryInfo: { phoneNumber: PHONE } });
    expect(result.status).toBe('0000');
    expect(pair.mock.otp(PHONE)).toMatch(/^\d{6}$/);
  });

  it('authenticateUserWithPush', async () => {
    const result = await pair.vip.authenticateUserWithPush({
      userId: RENAMED,
      pushAuthData: {
        displayParameters: [{ Key: 'display.message.title', Value: 'Sign in?' }],
        requestParameters: [{ Key: 'includeDeviceInfo', Value: 'true' }],
      },
    });
    expect(result.status).toBe('6040');
    expect(result.statusMessage).toBe('Mobile push request sent.');
    expect(result.transactionId).toMatch(/^[0-9a-f]{16}$/);
    expect(result.pushDetail).toEqual([{ pushCredentialId: APP, pushSent: true }]);
    transactionId = result.transactionId as string;
  });

  it('pollPushStatus', async () => {
    const first = await pair.vip.pollPushStatus({ transactionId: [transactionId] });
    expect(first.status).toBe('0000');
    expect(first.transactionStatus).toEqual([{ transactionId, status: '7001', statusMessage: 'Mobile push request in progress.' }]);
    const second = await pair.vip.pollPushStatus({ transactionId: [transactionId, 'abcd0000ffff1111'] });
    const [approved, unknown] = second.transactionStatus ?? [];
    expect(approved).toMatchObject({ transactionId, status: '7000', credentialId: APP, credentialType: 'STANDARD_OTP' });
    expect(approved?.authnTime).toBeInstanceOf(Date);
    expect(approved?.deviceInfo).toContainEqual({ Key: 'os', Value: 'Android' });
    expect(unknown).toMatchObject({ transactionId: 'abcd0000ffff1111', status: '7005' });
  });

  it('evaluateRisk', async () => {
    const risky = await pair.vip.evaluateRisk({ UserId: RENAMED, Ip: '203.0.113.7', UserAgent: 'Mozilla/5.0' });
    expect(risky).toMatchObject({ status: '6009', Risky: true, RiskThreshold: 70 });
    expect(risky.RiskScore).toBeGreaterThanOrEqual(70);
    expect(risky.EventId).toMatch(/^\d{1,18}$/);
    riskyEventId = risky.EventId as string;
    const safe = await pair.vip.evaluateRisk({ UserId: RENAMED, Ip: '198.51.100.20', UserAgent: 'Mozilla/5.0' });
    expect(safe).toMatchObject({ status: '0000', Risky: false });
    expect(safe.RiskScore).toBeLessThan(70);
  });

  it('confirmRisk', async () => {
    expect((await pair.vip.confirmRisk({ UserId: RENAMED, EventId: riskyEventId, VerifyMethod: 'OTP' })).status).toBe('0000');
  });

  it('denyRisk', async () => {
    expect((await pair.vip.denyRisk({ UserId: RENAMED, EventId: riskyEventId, RememberDevice: true, FriendlyName: 'Laptop' })).status).toBe(
      '0000',
    );
  });

  it('setTemporaryPassword', async () => {
    const result = await pair.vip.setTemporaryPassword({ userId: RENAMED, temporaryPasswordAttributes: { oneTimeUseOnly: true } });
    expect(result.status).toBe('0000');
    expect(result.temporaryPassword).toMatch(/^\d{6}$/);
  });

  it('setTemporaryPasswordAttributes', async () => {
    const expirationTime = new Date(Date.now() + 2 * 3600_000);
    const result = await pair.vip.setTemporaryPasswordAttributes({
      userId: RENAMED,
      temporaryPasswordAttributes: { expirationTime, oneTimeUseOnly: false },
    });
    expect(result.status).toBe('0000');
  });

  it('getTemporaryPasswordAttributes', async () => {
    const result = await pair.vip.getTemporaryPasswordAttributes({ userId: RENAMED });
    expect(result.status).toBe('0000');
    expect(result.tempPwdAttributes?.oneTimeUseOnly).toBe(false);
    expect(result.tempPwdAttributes?.expirationTime).toBeInstanceOf(Date);
  });

  it('clearTemporaryPassword', async () => {
    expect((await pair.vip.clearTemporaryPassword({ userId: RENAMED })).status).toBe('0000');
  });

  it('removeCredential', async () => {
    expect((await pair.vip.removeCredential({ userId: RENAMED, credentialId: HARDWARE, credentialType: 'STANDARD_OTP' })).status).toBe(
      '0000',
    );
  });

  it('deleteUser', async () => {
    expect((await pair.vip.deleteUser({ userId: RENAMED })).status).toBe('0000');
  });

  it('received every one of the 24 operations', () => {
    const received = new Set(pair.mock.requests.map((request) => request.operation));
    expect([...received].sort()).toEqual((Object.keys(OPERATIONS) as OperationName[]).sort());
    expect(pair.mock.requests.every((request) => /^vip_\w+$/.test(request.requestId))).toBe(true);
  });
});
