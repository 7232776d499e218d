/**
 * Push sign-in: VIP sends a notification to the user's VIP Access app (status 6040 and a transaction ID), then
 * `waitForPush` polls until the user approves (resolves) or denies (PushDeniedError), the push expires
 * (PushExpiredError), or you stop waiting with an AbortController (VipAbortError), e.g. when the user picks
 * "enter a code instead".
 *
 * Run: npx tsx examples/push-approval.ts
 * On real VIP it needs VIP_CREDENTIAL_ID to be a VIP Access app with push: approve or deny the push on the phone.
 */
import * as assert from 'node:assert/strict';
import { PushDeniedError, PushExpiredError, VipAbortError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { createUserWithCredential } from './support/example-user.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Push approval with waitForPush, and cancelling the wait';

type PushOutcome = 'approved' | 'denied' | 'expired' | 'cancelled';

/** Sends a push to `userId` and waits for the answer, or until `signal` fires. */
async function signInWithPush(context: ExampleContext, userId: string, signal?: AbortSignal): Promise<PushOutcome> {
  const push = await context.vip.authenticateUserWithPush({
    userId,
    pushAuthData: {
      // What the phone shows, and how long the push stays valid (seconds).
      displayParameters: [
        { Key: 'display.message.title', Value: 'Sign in to Example' },
        { Key: 'display.message.text', Value: 'Approve the sign-in from Firefox on Linux?' },
      ],
      requestParameters: [{ Key: 'request.timeout', Value: '120' }],
    },
  });
  // A push that went out answers 6040, which the client counts as success.
  const transactionId = push.transactionId;
  if (transactionId === undefined) throw new Error('VIP sent no transaction ID for the push');
  context.step(`push sent (status ${push.status}), transaction ${transactionId}`);
  try {
    const approval = await context.vip.waitForPush(transactionId, { intervalMs: context.pushPollIntervalMs, timeoutMs: 130_000, signal });
    context.step(`approved on ${approval.credentialId ?? 'the device'}`);
    return 'approved';
  } catch (error) {
    if (error instanceof PushDeniedError) return 'denied';
    if (error instanceof PushExpiredError) return 'expired';
    if (error instanceof VipAbortError) return 'cancelled';
    throw error;
  }
}

export async function run(context: ExampleContext): Promise<void> {
  const { mock, step } = context;
  const user = await createUserWithCredential(context, 'push');
  try {
    if (context.target === 'vip') step('approve (or deny) the push on your phone');
    mock?.setPushOutcome('approve'); // the mock's stand-in for the user tapping "Approve"
    const approved = await signInWithPush(context, user.userId);
    step(`first push: ${approved}`);
    if (mock) assert.equal(approved, 'approved');

    if (mock) {
      mock.setPushOutcome('deny');
      const denied = await signInWithPush(context, user.userId);
      step(`second push: ${denied} (PushDeniedError): sign-in refused`);
      assert.equal(denied, 'denied');
    }

    // The user never answers and clicks "use a code instead": stop waiting. The push itself stays on the phone
    // until it expires; only our polling stops.
    if (context.target === 'vip') step('ignore the next push: the wait is cancelled after 5 seconds');
    mock?.setPushOutcome('never');
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), mock ? 1000 : 5000);
    const cancelled = await signInWithPush(context, user.userId, controller.signal).finally(() => clearTimeout(timer));
    step(`third push: ${cancelled} (VipAbortError) after the user chose another method`);
    if (mock) assert.equal(cancelled, 'cancelled');
  } finally {
    mock?.setPushOutcome('approve');
    await user.remove();
  }
}

await runWhenMain(import.meta.url, { title, run });
