/**
 * Second-factor sign-in with a security code, and what a login page does with each answer: a right code signs in,
 * a wrong one (AuthenticationFailedError, 6009) asks again, and a locked or disabled user
 * (UserStatusNotAllowedError, 601B) is sent to the help desk, who unlock them with updateUser.
 *
 * Run: npx tsx examples/sign-in-with-otp.ts
 * On real VIP it needs VIP_CREDENTIAL_ID and asks for one code. It skips the lock-out step there, since repeated
 * wrong codes would also count against your real credential.
 */
import * as assert from 'node:assert/strict';
import { AuthenticationFailedError, type VipClient, UserNotFoundError, UserStatusNotAllowedError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { createUserWithCredential } from './support/example-user.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Sign in with a security code, handling wrong codes and locked users';

/** What the login page does next. */
type SignInOutcome = 'signed in' | 'wrong code: ask again' | 'locked: contact the help desk' | 'unknown user: enrol first';

/** Checks a user's security code and maps VIP's answer to what the login page does next. */
async function signIn(vip: VipClient, userId: string, otp: string): Promise<SignInOutcome> {
  try {
    await vip.authenticateUser({ userId, otpAuthData: { otp } });
    return 'signed in';
  } catch (error) {
    // 6009; `error.detail` says why (49B5: the code is not valid). Never echo the code itself.
    if (error instanceof AuthenticationFailedError) return 'wrong code: ask again';
    // 601B: the user is LOCKED (too many failures) or DISABLED.
    if (error instanceof UserStatusNotAllowedError) return 'locked: contact the help desk';
    if (error instanceof UserNotFoundError) return 'unknown user: enrol first';
    throw error; // anything else (VIP unreachable...) is not the user's fault
  }
}

/** A code that is certainly wrong: the right one with its last digit changed. */
function wrongCodeFor(code: string): string {
  const last = Number(code.at(-1) ?? '0');
  return `${code.slice(0, -1)}${(last + 1) % 10}`;
}

export async function run(context: ExampleContext): Promise<void> {
  const { vip, step } = context;
  const user = await createUserWithCredential(context, 'sign-in');
  try {
    const code = await context.otp(user.credentialId);
    const first = await signIn(vip, user.userId, code);
    step(`right code → ${first}`);
    assert.equal(first, 'signed in');

    const second = await signIn(vip, user.userId, wrongCodeFor(code));
    step(`wrong code → ${second}`);
    assert.equal(second, 'wrong code: ask again');

    if (context.target === 'mock') {
      // VIP locks a user after a number of failed codes in a row (5 on the mock).
      let failures = 1;
      let outcome: SignInOutcome = second;
      while (outcome === 'wrong code: ask again' && failures < 10) {
        outcome = await signIn(vip, user.userId, wrongCodeFor(code));
        if (outcome === 'wrong code: ask again') failures++;
      }
      step(`after ${failures} wrong codes in a row the user is locked; the next attempt → ${outcome}`);
      assert.equal(outcome, 'locked: contact the help desk');
    } else {
      step('lock-out skipped on real VIP, to keep your credential unlocked');
    }

    // The help desk unlocks (or re-enables) a user by setting the status back to ACTIVE.
    await vip.updateUser({ userId: user.userId, newUserStatus: 'ACTIVE' });
    const { userStatus } = await vip.getUserInfo({ userId: user.userId });
    step(`help desk unlocked the user: status ${userStatus}`);
    assert.equal(userStatus, 'ACTIVE');
  } finally {
    await user.remove();
  }
}

await runWhenMain(import.meta.url, { title, run });
