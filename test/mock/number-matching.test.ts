/**
 * Number matching end to end: the real client on apiVersion 1.10 against the mock with the number-challenge policy
 * on, the test acting as the user's phone through `answerNumberChallenge`.
 */
import { DEMO_DATA, type MockServer, startMockServer } from 'vip-user-services/mock';
import { NumberChallengeFailedError, PushDeniedError, VipClient, VipTimeoutError } from 'vip-user-services';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { rejectionOf, startPair } from './support.js';

const ALICE = DEMO_DATA.alice;
const ALICE_CREDENTIAL = DEMO_DATA.aliceCredential;
const WAIT = { intervalMs: 5, timeoutMs: 10_000 };

let mock: MockServer;
let vip: VipClient;
let vip18: VipClient;
let close: () => Promise<void>;

beforeAll(async () => {
  const pair = await startPair({ seed: true, push: { numberChallenge: true } }, { apiVersion: '1.10' });
  ({ mock, vip, close } = pair);
  const tls = mock.tls as NonNullable<MockServer['tls']>;
  vip18 = new VipClient({ endpoint: mock.url, tls: { pfx: tls.clientPfx, passphrase: tls.pfxPassphrase, ca: tls.ca } });
});

beforeEach(() => {
  mock.reset();
});

afterAll(async () => {
  await vip18.close();
  await close();
});

/** Sends a push to Alice and returns its transaction ID and the number to show. */
async function pushToAlice(): Promise<{ transactionId: string; number: string }> {
  const push = await vip.authenticateUserWithPush({ userId: ALICE });
  expect(push.status).toBe('6040');
  if (push.status !== '6040' || push.numbersChallengeValue === undefined) throw new Error('no number challenge in the answer');
  return { transactionId: push.transactionId, number: push.numbersChallengeValue };
}

/** Another two-digit number than `number`. */
const otherThan = (number: string): string => (number === '42' ? '24' : '42');

describe('with the number-challenge policy on', () => {
  it('returns a two-digit number with the push, and approves once the phone picks it', async () => {
    const { transactionId, number } = await pushToAlice();
    expect(number).toMatch(/^[0-9]{2}$/);
    const waiting = vip.waitForPush(transactionId, WAIT);
    // The login page shows `number`; the user picks it on the phone.
    const pending = await vip.pollPushStatus({ transactionId: [transactionId] });
    expect(pending.transactionStatus[0]).toMatchObject({ status: '7001', detail: '7140', detailMessage: 'Numbers challenge pending.' });
    mock.answerNumberChallenge(transactionId, number);
    await expect(waiting).resolves.toMatchObject({ transactionId, status: '7000', credentialId: ALICE_CREDENTIAL });
  });

  it('fails the push with NumberChallengeFailedError when the phone picks another number', async () => {
    const { transactionId, number } = await pushToAlice();
    mock.answerNumberChallenge(transactionId, otherThan(number));
    const error = await rejectionOf(vip.waitForPush(transactionId, WAIT));
    expect(error).toBeInstanceOf(NumberChallengeFailedError);
    expect(error).toMatchObject({ code: '7141', transactionId });
    expect((error as Error).cause).toBeInstanceOf(PushDeniedError);
    expect((error as Error).cause).toMatchObject({ code: '7002', detail: '7141' });
  });

  it('keeps waiting until the number is picked', async () => {
    const { transactionId } = await pushToAlice();
    const error = await rejectionOf(vip.waitForPush(transactionId, { intervalMs: 5, timeoutMs: 100 }));
    expect(error).toBeInstanceOf(VipTimeoutError);
  });

  it('puts the number on authenticateCredentials with push too', async () => {
    const push = await vip.authenticateCredentials({
      credentials: [{ credentialId: ALICE_CREDENTIAL, credentialType: 'STANDARD_OTP' }],
      pushAuthData: {},
    });
    expect(push.status).toBe('6040');
    expect(push.numbersChallengeValue).toMatch(/^[0-9]{2}$/);
    if (push.status !== '6040' || push.numbersChallengeValue === undefined) return;
    mock.answerNumberChallenge(push.transactionId, push.numbersChallengeValue);
    await expect(vip.waitForPush(push.transactionId, WAIT)).resolves.toMatchObject({ status: '7000' });
  });

  it('lets a push the user denies end without a number', async () => {
    mock.setPushOutcome('deny');
    const { transactionId } = await pushToAlice();
    await expect(vip.waitForPush(transactionId, WAIT)).rejects.toBeInstanceOf(PushDeniedError);
  });

  it('gives a 1.8 client no number to show, so its pushes cannot be approved', async () => {
    const push = await vip18.authenticateUserWithPush({ userId: ALICE });
    expect(push).not.toHaveProperty('numbersChallengeValue');
    if (push.status !== '6040') throw new Error('the push was not sent');
    const error = await rejectionOf(vip18.waitForPush(push.transactionId, { intervalMs: 5, timeoutMs: 100 }));
    expect(error).toBeInstanceOf(VipTimeoutError);
  });
});

describe('the phone control', () => {
  it('refuses an unknown push, a push without a challenge, and a second answer', async () => {
    expect(() => mock.answerNumberChallenge('ffffffffffffffff', '42')).toThrow(
      'No push with the transaction ID "ffffffffffffffff" was sent',
    );
    const { transactionId, number } = await pushToAlice();
    mock.answerNumberChallenge(transactionId, number);
    expect(() => mock.answerNumberChallenge(transactionId, number)).toThrow(
      `The number challenge of push ${transactionId} was answered already`,
    );

    mock.setPushOutcome('approve', { numberChallenge: false });
    const plain = await vip.authenticateUserWithPush({ userId: ALICE });
    expect(plain).not.toHaveProperty('numbersChallengeValue');
    if (plain.status !== '6040') throw new Error('the push was not sent');
    expect(() => mock.answerNumberChallenge(plain.transactionId, '42')).toThrow('carries no number challenge');
    await expect(vip.waitForPush(plain.transactionId, WAIT)).resolves.toMatchObject({ status: '7000' });
  });

  it('turns the policy on and off at run time, and reset() restores the start option', async () => {
    mock.setPushOutcome('approve', { numberChallenge: false });
    expect(await vip.authenticateUserWithPush({ userId: ALICE })).not.toHaveProperty('numbersChallengeValue');
    mock.reset();
    expect((await vip.authenticateUserWithPush({ userId: ALICE })).numbersChallengeValue).toMatch(/^[0-9]{2}$/);
  });

  it('checks the switch', async () => {
    expect(() => mock.setPushOutcome('approve', { numberChallenge: 'yes' as unknown as boolean })).toThrow(
      'numberChallenge must be true or false, got yes',
    );
    await expect(startMockServer({ push: { numberChallenge: 1 as unknown as boolean } })).rejects.toThrow(
      'numberChallenge must be true or false, got 1',
    );
  });
});
