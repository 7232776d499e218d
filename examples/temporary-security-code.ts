/**
 * Temporary security codes, for a user who lost their phone: the help desk sets a code (VIP can generate it),
 * the user signs in with it instead of a credential's code, and the help desk clears it once the user has a new
 * credential. A one-time code works once; clearing a code that is not there gives TemporaryPasswordNotSetError.
 *
 * Run: npx tsx examples/temporary-security-code.ts
 * On real VIP it needs VIP_CREDENTIAL_ID (bound to the example user, standing in for the lost phone). The codes are
 * secrets: this example never prints them.
 */
import * as assert from 'node:assert/strict';
import { randomInt } from 'node:crypto';
import { AuthenticationFailedError, TemporaryPasswordNotSetError, VipServiceError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { createUserWithCredential } from './support/example-user.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Temporary security code: set, use, clear';

const HOUR_MS = 60 * 60 * 1000;

export async function run(context: ExampleContext): Promise<void> {
  const { vip, step } = context;
  const user = await createUserWithCredential(context, 'temporary-code');
  const { userId } = user;
  step('the user has lost that phone and calls the help desk');
  try {
    // No temporaryPassword given: VIP generates a 6-digit code and returns it, to hand over on a verified channel.
    const { temporaryPassword } = await vip.setTemporaryPassword({
      userId,
      temporaryPasswordAttributes: { expirationTime: new Date(Date.now() + HOUR_MS), oneTimeUseOnly: true },
    });
    if (temporaryPassword === undefined) throw new Error('VIP returned no generated code');
    step('VIP generated a one-time code valid for an hour (not shown: it is a secret)');

    const { tempPwdAttributes } = await vip.getTemporaryPasswordAttributes({ userId });
    step(
      `getTemporaryPasswordAttributes: expires ${tempPwdAttributes?.expirationTime?.toISOString()}, one-time use ${tempPwdAttributes?.oneTimeUseOnly}`,
    );
    assert.equal(tempPwdAttributes?.oneTimeUseOnly, true);

    // The temporary code goes where a credential's security code would.
    await vip.authenticateUser({ userId, otpAuthData: { otp: temporaryPassword } });
    step('signed in with the temporary code');
    const reuse = await vip.authenticateUser({ userId, otpAuthData: { otp: temporaryPassword } }).catch((error: unknown) => error);
    assert.ok(reuse instanceof VipServiceError, `a reused one-time code should fail, got ${String(reuse)}`);
    if (context.target === 'mock')
      assert.ok(reuse instanceof AuthenticationFailedError, `expected AuthenticationFailedError, got ${String(reuse)}`);
    step(`using it a second time fails with ${reuse.name} (${reuse.code}): it was one-time`);

    // Or choose the code yourself (exactly 6 digits), e.g. to read it out on the phone, and change its validity.
    const ownCode = String(randomInt(0, 1_000_000)).padStart(6, '0');
    await vip.setTemporaryPassword({ userId, temporaryPassword: ownCode });
    await vip.setTemporaryPasswordAttributes({
      userId,
      temporaryPasswordAttributes: { expirationTime: new Date(Date.now() + 24 * HOUR_MS), oneTimeUseOnly: false },
    });
    step('set a code of our own, then made it valid for a day and reusable');

    // The user has a new phone: remove the temporary code.
    await vip.clearTemporaryPassword({ userId });
    step('cleared the temporary code');
    const again = await vip.clearTemporaryPassword({ userId }).catch((error: unknown) => error);
    assert.ok(again instanceof TemporaryPasswordNotSetError, `clearing twice should fail, got ${String(again)}`);
    step(`clearing it again gives ${again.name} (${again.code}): nothing left to clear`);
  } finally {
    await user.remove();
  }
}

await runWhenMain(import.meta.url, { title, run });
