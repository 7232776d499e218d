/**
 * A user lost their phone and calls the help desk, who give them a temporary security code.
 *
 * In this example we:
 * - look the user up with `getUserInfo` (status and credentials, for the help desk's screen),
 * - let VIP generate a one-time code valid for an hour with `setTemporaryPassword`,
 * - sign the user in with it, where a security code goes (`authenticateUser`),
 * - clear whatever is left with `clearTemporaryPassword` once the user has a new phone.
 *
 * Run: npx tsx examples/lost-phone.ts   (VIP_USER_ID: the user; the mock's demo user by default)
 * The code is a secret: this example never prints it. Hand it over on a channel you trust (a call back to a number
 * on file), never by e-mail or in a ticket.
 */
import { readFileSync } from 'node:fs';
import { TemporaryPasswordNotSetError, VipClient } from 'vip-user-services';

// The endpoint and the account's client certificate come from the environment (see examples/README.md).
const env = process.env;
const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
const vip = new VipClient({
  endpoint: env.VIP_ENDPOINT, // unset: production VIP
  tls: env.VIP_CERT_P12
    ? { pfx: read(env.VIP_CERT_P12), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) }
    : { cert: read(env.VIP_CERT_PEM), key: read(env.VIP_KEY_PEM), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) },
});

const userId = env.VIP_USER_ID ?? 'alice@example.com';
const ONE_HOUR_MS = 60 * 60 * 1000;

try {
  const user = await vip.getUserInfo({ userId });
  const credentials = (user.credentialBindingDetail ?? []).map((binding) => `${binding.credentialId} (${binding.credentialType})`);
  console.log(`${userId} is ${user.userStatus}; credentials: ${credentials.join(', ') || 'none'}`);

  // Without `temporaryPassword` VIP generates the code (six digits) and returns it. Expiry: at most 30 days ahead.
  const { temporaryPassword } = await vip.setTemporaryPassword({
    userId,
    temporaryPasswordAttributes: { expirationTime: new Date(Date.now() + ONE_HOUR_MS), oneTimeUseOnly: true },
  });
  if (temporaryPassword === undefined) throw new Error('VIP did not return the code it generated');
  const { tempPwdAttributes } = await vip.getTemporaryPasswordAttributes({ userId });
  console.log(
    `temporary code set, valid until ${tempPwdAttributes?.expirationTime?.toISOString()}, ` +
      `one-time: ${tempPwdAttributes?.oneTimeUseOnly}; read it to the user over a verified channel`,
  );

  // The user types it into the login form like any security code.
  await vip.authenticateUser({ userId, otpAuthData: { otp: temporaryPassword } });
  console.log('the user signed in with the temporary code');

  // Once the user has enrolled a new phone (see provision-user.ts) and the lost one is removed (removeCredential),
  // no temporary code should stay behind. A one-time code is gone after its use: VIP then answers 6017.
  try {
    await vip.clearTemporaryPassword({ userId });
    console.log('cleared the temporary code');
  } catch (error) {
    if (!(error instanceof TemporaryPasswordNotSetError)) throw error;
    console.log('no temporary code left to clear: it was used up');
  }
} finally {
  await vip.close();
}
