/**
 * Number matching (VIP User Services 1.10): with the VIP Manager policy "Require Number Challenge" on, a push answer
 * carries a two-digit number (`numbersChallengeValue`). The login page shows it, and the user must pick the same
 * number in VIP Access before the push can be approved, so a user who gets a push they did not start (push fatigue)
 * cannot approve it by reflex. The field exists only in API 1.10, which the client speaks when asked to
 * (`apiVersion: '1.10'`); the default, 1.8, refuses 1.10 fields before sending anything.
 *
 * Run: npx tsx examples/number-matching.ts
 * On real VIP it needs VIP_CREDENTIAL_ID to be a VIP Access app with push, and the number challenge policy on for the
 * account: pick the number shown here on the phone. Without the policy VIP sends no number and the push works as before.
 */
import * as assert from 'node:assert/strict';
import { NumberChallengeFailedError, PushDeniedError, type VipClient, VipValidationError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { createUserWithCredential } from './support/example-user.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Number matching for push (API 1.10): show the number, then wait';

type SignInResult = 'approved' | 'wrong number' | 'denied';

/**
 * What a login page does: send the push, show the number (when VIP sent one), then wait for the phone's answer.
 * `showNumber` stands for the page: it renders the number while the wait goes on.
 */
async function signInWithPush(
  context: ExampleContext,
  vip: VipClient,
  userId: string,
  showNumber: (transactionId: string, number: string) => void,
): Promise<SignInResult> {
  const push = await vip.authenticateUserWithPush({
    userId,
    pushAuthData: { displayParameters: [{ Key: 'display.message.text', Value: 'Sign in to Example?' }] },
  });
  // A push that went out answers 6040; only then are the transaction ID and the number there.
  if (push.status !== '6040') throw new Error(`the push was not sent (status ${push.status})`);
  const { transactionId, numbersChallengeValue } = push;
  if (numbersChallengeValue === undefined) context.step('VIP sent no number: the number challenge policy is off for this account');
  else showNumber(transactionId, numbersChallengeValue);
  try {
    await vip.waitForPush(transactionId, { intervalMs: context.pushPollIntervalMs, timeoutMs: 130_000 });
    return 'approved';
  } catch (error) {
    // A wrong number is the user refusing a push they may not have started: treat it like a denial.
    if (error instanceof NumberChallengeFailedError) return 'wrong number';
    if (error instanceof PushDeniedError) return 'denied';
    throw error;
  }
}

export async function run(context: ExampleContext): Promise<void> {
  const { mock, step } = context;
  const user = await createUserWithCredential(context, 'number-matching');
  // The number arrives only on the 1.10 paths, so this client opts in.
  const vip = context.newClient({ apiVersion: '1.10' });
  try {
    // The mock's stand-in for the account policy "Require Number Challenge".
    mock?.setPushOutcome('approve', { numberChallenge: true });

    const approved = await signInWithPush(context, vip, user.userId, (transactionId, number) => {
      step(`login page shows: "Open VIP Access and pick ${number}"`);
      if (context.target === 'vip') step('pick that number on your phone');
      // The mock's stand-in for the user picking the number shown.
      mock?.answerNumberChallenge(transactionId, number);
    });
    step(`first push: ${approved}`);
    if (mock) assert.equal(approved, 'approved');

    if (mock) {
      const refused = await signInWithPush(context, vip, user.userId, (transactionId, number) => {
        const other = number === '42' ? '24' : '42';
        step(`login page shows ${number}; the user picks ${other} on the phone`);
        mock.answerNumberChallenge(transactionId, other);
      });
      step(`second push: ${refused} (NumberChallengeFailedError, 7141): sign-in refused`);
      assert.equal(refused, 'wrong number');
    }

    // The default client (API 1.8) refuses a 1.10 field before sending anything, naming the version it needs.
    const error = await context.vip.getUserInfo({ userId: user.userId, fidoInfo: true }).catch((failure: unknown) => failure);
    assert.ok(error instanceof VipValidationError && error.rule === 'version', `expected a version error, got ${String(error)}`);
    step(`a 1.10 field on an API 1.8 client: ${error.message}`);
  } finally {
    mock?.setPushOutcome('approve', { numberChallenge: false });
    await vip.close();
    await user.remove();
  }
}

await runWhenMain(import.meta.url, { title, run });
