/**
 * The mock's behaviour table, through the client: which inputs give which VIP statuses (and so which error
 * classes). Runs over plain HTTP against the seeded demo data; the README's behaviour table mirrors these cases.
 */
import {
  AuthenticationFailedError,
  CredentialNotBoundError,
  CredentialTypeNotSupportedError,
  EnabledBindingsLimitError,
  InvalidAccountError,
  InvalidCredentialIdError,
  InvalidCredentialTypeError,
  InvalidExpirationDateError,
  InvalidInputError,
  InvalidUserPinError,
  MultiUserCredentialDisabledError,
  NoEnabledCredentialError,
  NoPushCredentialsError,
  PushExpiredError,
  PushNotSupportedError,
  RiskEventNotFoundError,
  RiskEventNotRiskyError,
  TemporaryPasswordNotSetError,
  TokenNotRegisteredError,
  UserAlreadyExistsError,
  UserNotFoundError,
  UserStatusNotAllowedError,
  type VipServiceError,
} from 'vip-user-services';
import { DEMO_DATA } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type MockPair, rejectionOf, startPair } from './support.js';

const { alice: ALICE, bob: BOB, carol: CAROL, aliceCredential: ALICE_APP } = DEMO_DATA;
const HARDWARE = 'UBHE55550000';
const DAY_MS = 24 * 3600_000;

let pair: MockPair;
let clock = Date.UTC(2026, 5, 1, 12, 0, 0);

beforeAll(async () => {
  pair = await startPair({ tls: false, seed: true, now: () => clock });
});

beforeEach(() => {
  pair.mock.reset();
  clock += 10 * 60_000;
});

afterAll(async () => {
  await pair.close();
});

/** Expects `promise` to fail with `errorClass` carrying `code` (and `detail`, when given). */
async function expectStatus(
  promise: Promise<unknown>,
  errorClass: abstract new (...args: never[]) => VipServiceError,
  code: string,
  detail?: string,
) {
  const error = await rejectionOf(promise);
  expect(error).toBeInstanceOf(errorClass);
  expect((error as VipServiceError).code).toBe(code);
  expect((error as VipServiceError).detail).toBe(detail);
}

describe('users', () => {
  it('compares user IDs without regard to case, and keeps them as created', async () => {
    await expectStatus(pair.vip.createUser({ userId: 'Alice@Example.COM' }), UserAlreadyExistsError, '6002');
    expect((await pair.vip.getUserInfo({ userId: 'ALICE@EXAMPLE.COM' })).userId).toBe(ALICE);
  });

  it('updateUser: 6003 unknown user, 601F wrong old PIN, 6015 forcePinChange without a PIN, 6002 rename onto another user', async () => {
    await expectStatus(pair.vip.updateUser({ userId: 'nobody@example.com', newUserStatus: 'DISABLED' }), UserNotFoundError, '6003');
    await pair.vip.createUser({ userId: 'pin@example.com', pin: '1234' });
    await expectStatus(pair.vip.updateUser({ userId: 'pin@example.com', oldPin: '9999', newPin: '5678' }), InvalidUserPinError, '601F');
    await expectStatus(pair.vip.updateUser({ userId: 'pin@example.com', forcePinChange: true }), InvalidInputError, '6015');
    await expectStatus(pair.vip.updateUser({ userId: 'pin@example.com', newUserId: BOB }), UserAlreadyExistsError, '6002');
  });

  it('deleteUser and clearUserPin: 6003 for an unknown user', async () => {
    await expectStatus(pair.vip.deleteUser({ userId: 'nobody@example.com' }), UserNotFoundError, '6003');
    await expectStatus(pair.vip.clearUserPin({ userId: 'nobody@example.com' }), UserNotFoundError, '6003');
  });

  it('getUserInfo reports PIN and state changes', async () => {
    await pair.vip.createUser({ userId: 'pin@example.com', pin: '1234' });
    expect((await pair.vip.getUserInfo({ userId: 'pin@example.com' })).isPinSet).toBe(true);
    await pair.vip.clearUserPin({ userId: 'pin@example.com' });
    expect((await pair.vip.getUserInfo({ userId: 'pin@example.com' })).isPinSet).toBe(false);
    await pair.vip.updateUser({ userId: 'pin@example.com', newUserStatus: 'DISABLED' });
    expect((await pair.vip.getUserInfo({ userId: 'pin@example.com' })).userStatus).toBe('DISABLED');
  });

  it('authenticateUser: 601B for a LOCKED or DISABLED user, 6008 without credentials, 6015 without a code', async () => {
    await expectStatus(pair.vip.authenticateUser({ userId: CAROL, otpAuthData: { otp: '123456' } }), UserStatusNotAllowedError, '601B');
    await pair.vip.updateUser({ userId: ALICE, newUserStatus: 'DISABLED' });
    await expectStatus(
      pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair.mock.otp(ALICE_APP) } }),
      UserStatusNotAllowedError,
      '601B',
    );
    await expectStatus(pair.vip.authenticateUser({ userId: BOB, otpAuthData: { otp: '123456' } }), NoEnabledCredentialError, '6008');
    await expectStatus(pair.vip.authenticateUser({ userId: BOB }), InvalidInputError, '6015');
  });

  it('authenticateUser: a wrong PIN or a non-numeric code is 6009 without a detail code', async () => {
    await pair.vip.updateUser({ userId: ALICE, newPin: '1234' });
    await expectStatus(
      pair.vip.authenticateUser({ userId: ALICE, pin: '0000', otpAuthData: { otp: pair.mock.otp(ALICE_APP) } }),
      AuthenticationFailedError,
      '6009',
    );
    await expectStatus(pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: 'ABCDEF' } }), AuthenticationFailedError, '6009');
    const result = await pair.vip.authenticateUser({ userId: ALICE, pin: '1234', otpAuthData: { otp: pair.mock.otp(ALICE_APP) } });
    expect(result).toMatchObject({ status: '0000', isPinExpired: false });
  });

  it('accepts a code from the previous time step, and the next one after a step passes', async () => {
    const early = pair.mock.otp(ALICE_APP);
    clock += 30_000;
    expect((await pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: early } })).status).toBe('0000');
    clock += 30_000;
    expect(pair.mock.otp(ALICE_APP)).not.toBe(early);
    expect((await pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair.mock.otp(ALICE_APP) } })).status).toBe('0000');
  });

  it('rejects a code two steps old', async () => {
    const old = pair.mock.otp(ALICE_APP);
    clock += 60_000;
    await expectStatus(pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: old } }), AuthenticationFailedError, '6009', '49B5');
  });
});

describe('credentials', () => {
  it('addCredential: 6016 unregistered SMS, 6004 malformed standard ID, 600A unsupported and 6006 unknown types', async () => {
    await expectStatus(
      pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: '15550009999', credentialType: 'SMS_OTP' } }),
      TokenNotRegisteredError,
      '6016',
    );
    await expectStatus(
      pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: 'ABC12345', credentialType: 'STANDARD_OTP' } }),
      InvalidCredentialIdError,
      '6004',
    );
    await expectStatus(
      pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: 'CERT0001', credentialType: 'CERTIFICATE' } }),
      CredentialTypeNotSupportedError,
      '600A',
    );
    await expectStatus(
      pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: HARDWARE, credentialType: 'MAGIC_OTP' } }),
      InvalidCredentialTypeError,
      '6006',
    );
  });

  it("addCredential: 6025 for another user's credential, 601B for a locked user, 6009 for a wrong proof code", async () => {
    await expectStatus(
      pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: ALICE_APP, credentialType: 'STANDARD_OTP' } }),
      MultiUserCredentialDisabledError,
      '6025',
    );
    await expectStatus(
      pair.vip.addCredential({ userId: CAROL, credentialDetail: { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' } }),
      UserStatusNotAllowedError,
      '601B',
    );
    const wrong = pair.mock.otp(HARDWARE) === '000000' ? '111111' : '000000';
    await expectStatus(
      pair.vip.addCredential({
        userId: BOB,
        credentialDetail: { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' },
        otpAuthData: { otp: wrong },
      }),
      AuthenticationFailedError,
      '6009',
      '49B5',
    );
  });

  it('binding the same credential again keeps one binding and takes the new friendly name', async () => {
    await pair.vip.addCredential({
      userId: ALICE,
      credentialDetail: { credentialId: ALICE_APP, credentialType: 'STANDARD_OTP', friendlyName: 'Renamed' },
    });
    const info = await pair.vip.getUserInfo({ userId: ALICE });
    expect(info.numBindings).toBe(1);
    expect(info.credentialBindingDetail?.[0]?.bindingDetail.friendlyName).toBe('Renamed');
  });

  it('addCredential: the sixth enabled binding is 6011', async () => {
    for (let index = 0; index < 5; index++) {
      const added = await pair.vip.addCredential({
        userId: BOB,
        credentialDetail: { credentialId: `UBHE0000000${index}`, credentialType: 'STANDARD_OTP' },
      });
      expect(added.status).toBe('0000');
    }
    await expectStatus(
      pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: 'UBHE00000009', credentialType: 'STANDARD_OTP' } }),
      EnabledBindingsLimitError,
      '6011',
    );
    expect((await pair.vip.getUserInfo({ userId: BOB })).numBindings).toBe(5);
  });

  it('removeCredential/updateCredential: 6007 when not bound, 6006 for the wrong type; getCredentialInfo: 6004 when unknown', async () => {
    await expectStatus(
      pair.vip.removeCredential({ userId: BOB, credentialId: ALICE_APP, credentialType: 'STANDARD_OTP' }),
      CredentialNotBoundError,
      '6007',
    );
    await expectStatus(
      pair.vip.updateCredential({ userId: BOB, credentialId: ALICE_APP, credentialType: 'STANDARD_OTP', friendlyName: 'x' }),
      CredentialNotBoundError,
      '6007',
    );
    await expectStatus(
      pair.vip.removeCredential({ userId: ALICE, credentialId: ALICE_APP, credentialType: 'SMS_OTP' }),
      InvalidCredentialTypeError,
      '6006',
    );
    await expectStatus(
      pair.vip.getCredentialInfo({ credentialId: HARDWARE, credentialType: 'STANDARD_OTP' }),
      InvalidCredentialIdError,
      '6004',
    );
  });

  it('a registered but unbound number is INACTIVE; voice and service credentials authenticate', async () => {
    await pair.vip.register({ voiceDeliveryInfo: { phoneNumber: '15550007777' } });
    await pair.vip.register({ serviceOtpDeliveryInfo: { id: 'SERVICE42' } });
    const inactive = await pair.vip.getCredentialInfo({ credentialId: '15550007777', credentialType: 'VOICE_OTP' });
    expect(inactive).toMatchObject({ credentialStatus: 'INACTIVE', numBindings: 0 });
    await pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: '15550007777', credentialType: 'VOICE_OTP' } });
    await pair.vip.sendOtp({ userId: BOB, voiceDeliveryInfo: { phoneNumber: '15550007777' } });
    expect((await pair.vip.authenticateUser({ userId: BOB, otpAuthData: { otp: pair.mock.otp('15550007777') } })).credentialType).toBe(
      'VOICE_OTP',
    );
    const service = await pair.vip.authenticateCredentials({
      credentials: [{ credentialId: 'SERVICE42', credentialType: 'SERVICE_OTP' }],
      otpAuthData: { otp: pair.mock.otp('SERVICE42') },
    });
    expect(service).toMatchObject({ status: '0000', credentialId: 'SERVICE42' });
  });

  it('authenticateCredentials: 6009 (49B5) when no listed credential accepts the code; 601B when one belongs to a locked user', async () => {
    const valid = pair.mock.otp(ALICE_APP);
    await expectStatus(
      pair.vip.authenticateCredentials({
        credentials: [{ credentialId: ALICE_APP, credentialType: 'STANDARD_OTP' }],
        otpAuthData: { otp: valid === '000000' ? '111111' : '000000' },
      }),
      AuthenticationFailedError,
      '6009',
      '49B5',
    );
    await pair.vip.updateUser({ userId: ALICE, newUserStatus: 'LOCKED' });
    await expectStatus(
      pair.vip.authenticateCredentials({
        credentials: [{ credentialId: ALICE_APP, credentialType: 'STANDARD_OTP' }],
        otpAuthData: { otp: valid },
      }),
      UserStatusNotAllowedError,
      '601B',
    );
  });

  it('sendOtp: 6008 without an SMS or voice credential, 6007 for a number not bound to the user', async () => {
    await expectStatus(pair.vip.sendOtp({ userId: ALICE }), NoEnabledCredentialError, '6008');
    await expectStatus(
      pair.vip.sendOtp({ userId: ALICE, smsDeliveryInfo: { phoneNumber: '15550001234' } }),
      CredentialNotBoundError,
      '6007',
    );
  });

  it('deleteUser frees the credential for another user', async () => {
    await pair.vip.deleteUser({ userId: ALICE });
    const added = await pair.vip.addCredential({
      userId: BOB,
      credentialDetail: { credentialId: ALICE_APP, credentialType: 'STANDARD_OTP' },
    });
    expect(added.status).toBe('0000');
  });
});

describe('push', () => {
  it('6008 without credentials, 6041 with only hardware tokens', async () => {
    await expectStatus(pair.vip.authenticateUserWithPush({ userId: BOB, pushAuthData: {} }), NoEnabledCredentialError, '6008');
    await pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' } });
    await expectStatus(pair.vip.authenticateUserWithPush({ userId: BOB, pushAuthData: {} }), NoPushCredentialsError, '6041');
  });

  it('authenticateCredentials with push: 6040 for an app, 6043 for a hardware token, 6004 for an unknown credential', async () => {
    const sent = await pair.vip.authenticateCredentials({
      credentials: [{ credentialId: ALICE_APP, credentialType: 'STANDARD_OTP' }],
      pushAuthData: {},
    });
    expect(sent).toMatchObject({ status: '6040', pushDetail: [{ pushCredentialId: ALICE_APP, pushSent: true }] });
    await pair.vip.addCredential({ userId: BOB, credentialDetail: { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' } });
    await expectStatus(
      pair.vip.authenticateCredentials({ credentials: [{ credentialId: HARDWARE, credentialType: 'STANDARD_OTP' }], pushAuthData: {} }),
      PushNotSupportedError,
      '6043',
    );
    await expectStatus(
      pair.vip.authenticateCredentials({
        credentials: [{ credentialId: 'VSMT99990000', credentialType: 'STANDARD_OTP' }],
        otpAuthData: { otp: '123456' },
      }),
      InvalidCredentialIdError,
      '6004',
    );
  });

  it("'expire' ends in PushExpiredError; 'never' stays 7001; an unknown transaction is 7005", async () => {
    pair.mock.setPushOutcome('expire', { pendingPolls: 0 });
    const expiring = await pair.vip.authenticateUserWithPush({ userId: ALICE, pushAuthData: {} });
    const error = await rejectionOf(pair.vip.waitForPush(expiring.transactionId as string, { intervalMs: 5, timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(PushExpiredError);
    pair.mock.setPushOutcome('never');
    const pending = await pair.vip.authenticateUserWithPush({ userId: ALICE, pushAuthData: {} });
    for (let poll = 0; poll < 3; poll++) {
      const status = await pair.vip.pollPushStatus({ transactionId: [pending.transactionId as string] });
      expect(status.transactionStatus?.[0]?.status).toBe('7001');
    }
    const unknown = await pair.vip.pollPushStatus({ transactionId: ['0000111122223333'] });
    expect(unknown.transactionStatus?.[0]).toMatchObject({ status: '7005', statusMessage: 'Mobile push request not found.' });
  });

  it('deviceInfo comes back only when includeDeviceInfo was asked for', async () => {
    pair.mock.setPushOutcome('approve', { pendingPolls: 0 });
    const plain = await pair.vip.authenticateUserWithPush({ userId: ALICE, pushAuthData: {} });
    const approved = await pair.vip.pollPushStatus({ transactionId: [plain.transactionId as string] });
    expect(approved.transactionStatus?.[0]).toMatchObject({ status: '7000', credentialId: ALICE_APP });
    expect(approved.transactionStatus?.[0]?.deviceInfo).toBeUndefined();
  });
});

describe('temporary security codes', () => {
  it('a one-time code signs in once; afterwards the user has no code left (6008)', async () => {
    const set = await pair.vip.setTemporaryPassword({
      userId: BOB,
      temporaryPassword: '482913',
      temporaryPasswordAttributes: { oneTimeUseOnly: true },
    });
    expect(set.temporaryPassword).toBe('482913');
    expect((await pair.vip.getUserInfo({ userId: BOB })).isTempPasswordSet).toBe(true);
    const result = await pair.vip.authenticateUser({ userId: BOB, otpAuthData: { otp: '482913' } });
    expect(result.status).toBe('0000');
    expect(result.credentialId).toBeUndefined();
    await expectStatus(pair.vip.authenticateUser({ userId: BOB, otpAuthData: { otp: '482913' } }), NoEnabledCredentialError, '6008');
  });

  it('a reusable code works until it expires (default one day)', async () => {
    const { temporaryPassword } = await pair.vip.setTemporaryPassword({ userId: ALICE });
    const code = temporaryPassword as string;
    expect((await pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: code } })).status).toBe('0000');
    expect((await pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: code } })).status).toBe('0000');
    clock += DAY_MS + 1;
    await expectStatus(pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: code } }), AuthenticationFailedError, '6009', '49B5');
    await expectStatus(pair.vip.getTemporaryPasswordAttributes({ userId: ALICE }), TemporaryPasswordNotSetError, '6017');
  });

  it('signing in with a real credential clears the temporary code', async () => {
    await pair.vip.setTemporaryPassword({ userId: ALICE, temporaryPassword: '111222' });
    await pair.vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair.mock.otp(ALICE_APP) } });
    expect((await pair.vip.getUserInfo({ userId: ALICE })).isTempPasswordSet).toBe(false);
  });

  it('601A for an expiry in the past or more than 30 days ahead; 601B for a disabled user; 6017 without a code', async () => {
    const past = new Date(clock - 1000);
    const tooFar = new Date(clock + 31 * DAY_MS);
    await expectStatus(
      pair.vip.setTemporaryPassword({ userId: BOB, temporaryPasswordAttributes: { expirationTime: past } }),
      InvalidExpirationDateError,
      '601A',
    );
    await expectStatus(
      pair.vip.setTemporaryPassword({ userId: BOB, temporaryPasswordAttributes: { expirationTime: tooFar } }),
      InvalidExpirationDateError,
      '601A',
    );
    await pair.vip.setTemporaryPassword({ userId: BOB, temporaryPasswordAttributes: { expirationTime: new Date(clock + 30 * DAY_MS) } });
    await expectStatus(
      pair.vip.setTemporaryPasswordAttributes({ userId: BOB, temporaryPasswordAttributes: { expirationTime: tooFar } }),
      InvalidExpirationDateError,
      '601A',
    );
    await pair.vip.updateUser({ userId: BOB, newUserStatus: 'DISABLED' });
    await expectStatus(pair.vip.setTemporaryPassword({ userId: BOB }), UserStatusNotAllowedError, '601B');
    await expectStatus(pair.vip.clearTemporaryPassword({ userId: ALICE }), TemporaryPasswordNotSetError, '6017');
    await expectStatus(
      pair.vip.setTemporaryPasswordAttributes({ userId: ALICE, temporaryPasswordAttributes: { oneTimeUseOnly: true } }),
      TemporaryPasswordNotSetError,
      '6017',
    );
  });
});

describe('risk', () => {
  it('evaluateRisk is deterministic from its inputs; a curl user agent is risky', async () => {
    const input = { UserId: ALICE, Ip: '192.0.2.10', UserAgent: 'Mozilla/5.0 (X11)' };
    const first = await pair.vip.evaluateRisk(input);
    const second = await pair.vip.evaluateRisk(input);
    expect(first).toMatchObject({ status: '0000', Risky: false, RiskScore: second.RiskScore });
    expect(first.EventId).not.toBe(second.EventId);
    const curl = await pair.vip.evaluateRisk({ ...input, UserAgent: 'curl/8.5.0' });
    expect(curl).toMatchObject({ status: '6009', Risky: true, RiskReason: 'Suspicious user agent' });
  });

  it('confirmRisk/denyRisk: 6023 for an unknown event or another user, 6024 for an event that was not risky', async () => {
    await expectStatus(pair.vip.confirmRisk({ UserId: ALICE, EventId: '123' }), RiskEventNotFoundError, '6023');
    const risky = await pair.vip.evaluateRisk({ UserId: ALICE, Ip: '203.0.113.9', UserAgent: 'Mozilla/5.0' });
    await expectStatus(pair.vip.denyRisk({ UserId: BOB, EventId: risky.EventId as string }), RiskEventNotFoundError, '6023');
    const safe = await pair.vip.evaluateRisk({ UserId: ALICE, Ip: '192.0.2.10', UserAgent: 'Mozilla/5.0' });
    await expectStatus(pair.vip.denyRisk({ UserId: ALICE, EventId: safe.EventId as string }), RiskEventNotRiskyError, '6024');
  });
});

describe('accounts', () => {
  it('CHILD01 has its own users; any other account ID is 6001', async () => {
    const child = { onBehalfOfAccountId: 'CHILD01' };
    await expectStatus(pair.vip.getUserInfo({ userId: ALICE }, child), UserNotFoundError, '6003');
    expect((await pair.vip.createUser({ userId: ALICE }, child)).status).toBe('0000');
    expect((await pair.vip.getUserInfo({ userId: ALICE }, child)).numBindings).toBe(0);
    expect((await pair.vip.getUserInfo({ userId: ALICE })).numBindings).toBe(1);
    await expectStatus(pair.vip.getServerTime({}, { onBehalfOfAccountId: 'OTHER42' }), InvalidAccountError, '6001');
    expect(pair.mock.requests.at(-1)).toMatchObject({ operation: 'getServerTime', onBehalfOfAccountId: 'OTHER42' });
  });
});
