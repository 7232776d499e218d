/**
 * Enrolment: a new VIP user with the VIP Access credential they just installed.
 *
 * In this example we:
 * - create the user with `createUser`, treating "already exists" as done (enrolment scripts get run again),
 * - bind the credential with `addCredential`, proven by the code it shows right now,
 * - read the user back with `getUserInfo`.
 *
 * Run: npx tsx examples/provision-user.ts
 * VIP_NEW_USER_ID: the user to create (a random example-...@example.com by default); VIP_CREDENTIAL_ID: the
 * credential ID shown in VIP Access (asked at the terminal when unset). The user stays; to undo, call deleteUser
 * (VIP then also deactivates the credentials that are bound to no other user).
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { UserAlreadyExistsError, VipClient } from 'vip-user-services';
import { codeTypedBy, typedBy } from './support/end-user.js';

// The endpoint and the account's client certificate come from the environment (see examples/README.md).
const env = process.env;
const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
const vip = new VipClient({
  endpoint: env.VIP_ENDPOINT, // unset: production VIP
  tls: env.VIP_CERT_P12
    ? { pfx: read(env.VIP_CERT_P12), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) }
    : { cert: read(env.VIP_CERT_PEM), key: read(env.VIP_KEY_PEM), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) },
});

const userId = env.VIP_NEW_USER_ID ?? `example-${randomBytes(4).toString('hex')}@example.com`;
// VIP Access shows it under "Credential ID": four letters and eight digits, e.g. VSMT12345678.
const credentialId = env.VIP_CREDENTIAL_ID ?? (await typedBy('Credential ID shown in VIP Access: '));

try {
  try {
    await vip.createUser({ userId });
    console.log(`created user ${userId}`);
  } catch (error) {
    if (!(error instanceof UserAlreadyExistsError)) throw error; // 6002: created by an earlier run
    console.log(`user ${userId} exists already`);
  }

  // The current code proves the user holds the credential; without otpAuthData VIP binds it on trust.
  const otp = await codeTypedBy(userId, credentialId);
  await vip.addCredential({
    userId,
    credentialDetail: { credentialId, credentialType: 'STANDARD_OTP', friendlyName: 'Work phone' },
    otpAuthData: { otp },
  });
  console.log(`bound ${credentialId} to ${userId} as "Work phone"`);

  const user = await vip.getUserInfo({ userId });
  console.log(`${userId}: ${user.userStatus}, ${user.numBindings} credential(s)`);
  for (const binding of user.credentialBindingDetail ?? []) {
    const { friendlyName, bindStatus, lastBindTime } = binding.bindingDetail;
    console.log(
      `  ${binding.credentialId} ${binding.credentialType} "${friendlyName ?? ''}" ${bindStatus} since ${lastBindTime.toISOString()}`,
    );
  }
} finally {
  await vip.close();
}
