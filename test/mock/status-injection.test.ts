/**
 * Status rules: inject({ operation, status }) makes the mock answer any VIP status instead of running the
 * operation, in the operation's own response element with the requestId echoed, so VipClient raises the typed
 * error class of that status. Runs over mutual TLS like the other fault tests.
 */
import {
  AuthenticationFailedError,
  CredentialRevokedError,
  NoPushCredentialsError,
  PushError,
  VipInternalError,
  VipServiceError,
  VipStatus,
} from 'vip-user-services';
import { DEMO_DATA, startMockServer } from 'vip-user-services/mock';
import { describe, expect, it } from 'vitest';
import { rejectionOf, seededPairPerFile } from './support.js';

const { alice: ALICE, bob: BOB, aliceCredential: ALICE_APP } = DEMO_DATA;
const HARDWARE = 'UBHE55550000';

const pair = seededPairPerFile();

function bindHardwareToBob() {
  return pair().vip.addCredential({ userId: BOB, credentialDetail: { credentialId: HARDWARE, credentialType: 'STANDARD_OTP' } });
}

describe('an injected status', () => {
  it('600F on addCredential becomes CredentialRevokedError with the documented message, once; nothing is bound', async () => {
    pair().mock.inject({ operation: 'addCredential', status: '600F', times: 1 });
    const error = await rejectionOf(bindHardwareToBob());
    expect(error).toBeInstanceOf(CredentialRevokedError);
    expect(error).toMatchObject({ code: '600F', statusMessage: 'Credential is revoked.', detail: undefined, attempts: 1 });
    expect((await pair().vip.getUserInfo({ userId: BOB })).numBindings).toBe(0);
    // times: 1 is used up: the next call runs the operation.
    expect((await bindHardwareToBob()).status).toBe('0000');
    expect((await pair().vip.getUserInfo({ userId: BOB })).numBindings).toBe(1);
  });

  it('6041 on authenticateUserWithPush becomes NoPushCredentialsError, a PushError', async () => {
    pair().mock.inject({ operation: 'authenticateUserWithPush', status: VipStatus.NoPushCredentials });
    const error = await rejectionOf(pair().vip.authenticateUserWithPush({ userId: ALICE, pushAuthData: {} }));
    expect(error).toBeInstanceOf(NoPushCredentialsError);
    expect(error).toBeInstanceOf(PushError);
    expect(error).toMatchObject({ code: '6041', statusMessage: 'Unable to find mobile push enabled credentials.' });
  });

  it('echoes the requestId in the operation own response element', async () => {
    pair().mock.inject({ operation: 'getUserInfo', status: '6005' });
    const error = await rejectionOf(pair().vip.getUserInfo({ userId: ALICE }, { requestId: 'Trace0042' }));
    expect(error).toBeInstanceOf(VipInternalError);
    expect(error).toMatchObject({ requestId: 'Trace0042', code: '6005' });
    expect(pair().mock.requests.map((request) => request.requestId)).toEqual(['Trace0042', 'Trace0042', 'Trace0042']);
  });

  it('carries a chosen message, detail code and detail message', async () => {
    pair().mock.inject({
      operation: 'authenticateUser',
      status: '6009',
      statusMessage: 'Nope.',
      detail: '49B5',
      detailMessage: 'Try the next code',
    });
    const error = await rejectionOf(pair().vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: '123456' } }));
    expect(error).toBeInstanceOf(AuthenticationFailedError);
    expect(error).toMatchObject({ code: '6009', statusMessage: 'Nope.', detail: '49B5', detailMessage: 'Try the next code' });
  });

  it('fills in the mock text of a known detail code, and sends a lower-case code as written', async () => {
    pair().mock.inject({ operation: 'authenticateUser', status: '6009', detail: '49b5', times: 1 });
    const known = await rejectionOf(pair().vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: '123456' } }));
    expect(known).toMatchObject({ detail: '49B5', detailMessage: 'Failed with an invalid OTP' });
    pair().mock.inject({ operation: 'deleteUser', status: '600f', times: 1 });
    expect(await rejectionOf(pair().vip.deleteUser({ userId: BOB }))).toBeInstanceOf(CredentialRevokedError);
  });

  it('of a code VIP does not document reaches the client as a plain VipServiceError', async () => {
    pair().mock.inject({ operation: 'getServerTime', status: '6FFF' });
    const error = await rejectionOf(pair().vip.getServerTime({}, { timeoutMs: 5_000 }));
    expect(error).toBeInstanceOf(VipServiceError);
    expect(error).toMatchObject({ code: '6FFF', statusMessage: 'Unknown status.' });
  });

  it('may be a success code: the response then has the base fields only, and the operation does not run', async () => {
    pair().mock.inject({ operation: 'deleteUser', status: '0000', times: 1 });
    expect(await pair().vip.deleteUser({ userId: BOB })).toMatchObject({ status: '0000', statusMessage: 'Success.' });
    expect((await pair().vip.getUserInfo({ userId: BOB })).userStatus).toBe('ACTIVE');
  });

  it('without an operation answers every operation; times counts calls of any operation', async () => {
    pair().mock.inject({ status: '600F', times: 2 });
    expect(await rejectionOf(pair().vip.deleteUser({ userId: BOB }))).toBeInstanceOf(CredentialRevokedError);
    expect(
      await rejectionOf(pair().vip.authenticateUser({ userId: ALICE, otpAuthData: { otp: pair().mock.otp(ALICE_APP) } })),
    ).toBeInstanceOf(CredentialRevokedError);
    expect((await pair().vip.getUserInfo({ userId: BOB })).status).toBe('0000');
  });

  it('follows the rule order: an earlier rule for the same call wins, and removing it lets the next one act', async () => {
    const first = pair().mock.inject({ operation: 'deleteUser', status: '600F' });
    pair().mock.inject({ operation: 'deleteUser', fault: 'status6005' });
    expect(await rejectionOf(pair().vip.deleteUser({ userId: BOB }))).toBeInstanceOf(CredentialRevokedError);
    first();
    expect(await rejectionOf(pair().vip.deleteUser({ userId: BOB }, { timeoutMs: 5_000 }))).toBeInstanceOf(VipInternalError);
    pair().mock.clearFaults();
    expect((await pair().vip.deleteUser({ userId: BOB })).status).toBe('0000');
  });

  it('adds to latency rules', async () => {
    pair().mock.inject({ fault: 'latency', latencyMs: 20, times: 1 });
    pair().mock.inject({ operation: 'getUserInfo', status: '600F', times: 1 });
    expect(await rejectionOf(pair().vip.getUserInfo({ userId: BOB }))).toBeInstanceOf(CredentialRevokedError);
  });
});

describe('status rules', () => {
  it.each([
    [{ operation: 'nope' as never, status: '600F' }, 'Unknown operation "nope"'],
    [{ operation: 'addCredential' as const, status: '600' }, 'status must be four hexadecimal digits like \'600F\', got "600"'],
    [{ status: '60G0' }, 'status must be four hexadecimal digits'],
    [{ status: 600 as never }, 'status must be four hexadecimal digits'],
    [{ status: '600F', detail: '49B' }, 'detail must be four hexadecimal digits'],
    [{ status: '600F', statusMessage: 5 as never }, 'statusMessage must be a string'],
    [{ status: '600F', detailMessage: {} as never }, 'detailMessage must be a string'],
    [{ status: '600F', times: 0 }, 'times must be a whole number of at least 1'],
    [{ status: '600F', fault: 'hang' as never }, 'a rule names either a fault or a status, not both'],
    [{ operation: 'addCredential' as const } as never, 'a rule names either a fault or a status, got neither'],
  ])('refuse %j with a TypeError', (rule, message) => {
    expect(() => pair().mock.inject(rule)).toThrow(TypeError);
    expect(() => pair().mock.inject(rule)).toThrow(message);
  });

  it('are typed: a status or a fault, not both', () => {
    // @ts-expect-error a rule cannot name both a fault and a status
    expect(() => pair().mock.inject({ fault: 'hang', status: '600F' })).toThrow(TypeError);
    // @ts-expect-error latencyMs belongs to fault rules
    pair().mock.inject({ status: '600F', latencyMs: 5 })();
  });
});

describe('a status rule for a success that carries data', () => {
  it('is refused, since the client would rightly refuse an answer without that data', async () => {
    const mock = await startMockServer();
    try {
      expect(() => mock.inject({ operation: 'authenticateUserWithPush', status: '6040' })).toThrow(
        "authenticateUserWithPush answers 6040 with transactionId, pushDetail, which a status rule cannot make up; let the mock's model answer it",
      );
      expect(() => mock.inject({ status: '0000' })).toThrow(/with EventId, which a status rule cannot make up|with credentialId/);
      expect(() => mock.inject({ operation: 'getUserInfo', status: '0000' })).not.toThrow();
    } finally {
      await mock.close();
    }
  });
});
