/**
 * Provisioning: create a VIP user, bind the VIP Access credential they installed (proving they hold it with a
 * current security code), rename the binding, and read the user back.
 *
 * Run: npx tsx examples/provision-user.ts
 * On real VIP it needs VIP_CREDENTIAL_ID (a VIP Access credential you hold) and asks for its current code.
 */
import * as assert from 'node:assert/strict';
import { UserAlreadyExistsError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Provision a user and bind a credential';

export async function run(context: ExampleContext): Promise<void> {
  const { vip, step } = context;
  const userId = context.newUserId('provision');
  const credentialId = context.standardCredentialId();

  await vip.createUser({ userId });
  step(`created user ${userId}`);
  try {
    // Provisioning scripts get re-run: "already exists" means the work is done, not that it failed.
    await vip.createUser({ userId });
  } catch (error) {
    if (!(error instanceof UserAlreadyExistsError)) throw error;
    step('creating the same user again gives UserAlreadyExistsError (6002): treat it as already provisioned');
  }

  try {
    // A code from the credential proves the user really holds it; without one VIP binds it on trust.
    const otp = await context.otp(credentialId);
    await vip.addCredential({
      userId,
      credentialDetail: { credentialId, credentialType: 'STANDARD_OTP', friendlyName: 'Work phone' },
      otpAuthData: { otp },
    });
    step(`bound ${credentialId} as "Work phone", proven with a current security code`);

    await vip.updateCredential({ userId, credentialId, credentialType: 'STANDARD_OTP', friendlyName: "Alex's iPhone" });
    step('renamed the binding to "Alex\'s iPhone"');

    const info = await vip.getUserInfo({ userId, includePushAttributes: true });
    assert.equal(info.userStatus, 'ACTIVE');
    assert.equal(info.numBindings, 1);
    for (const binding of info.credentialBindingDetail ?? []) {
      const { bindStatus, friendlyName, lastBindTime } = binding.bindingDetail;
      assert.equal(friendlyName, "Alex's iPhone");
      step(
        `getUserInfo: ${info.userStatus}, ${binding.credentialId} (${binding.credentialType}) ${bindStatus} "${friendlyName}" since ${lastBindTime.toISOString()}`,
      );
    }
  } finally {
    // Deleting a user removes its bindings too; the example leaves nothing behind.
    await vip.deleteUser({ userId });
    step('deleted the example user again');
  }
}

await runWhenMain(import.meta.url, { title, run });
