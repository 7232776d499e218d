/**
 * Sign-in with a security code, the second factor after the password.
 *
 * In this example we:
 * - take the code the user typed (from VIP Access, a hardware token or an SMS),
 * - check it with `authenticateUser`,
 * - turn VIP's answer into what the login page does next.
 *
 * Run: npx tsx examples/sign-in-with-otp.ts   (VIP_USER_ID: who signs in; the mock's demo user by default)
 */
import { readFileSync } from 'node:fs';
import {
  AuthenticationFailedError,
  NoEnabledCredentialError,
  UserNotFoundError,
  UserStatusNotAllowedError,
  VipClient,
} from 'vip-user-services';
import { codeTypedBy } from './support/end-user.js';

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
// In your application the code comes from the login form, after the password was checked.
const otp = await codeTypedBy(userId);

try {
  const result = await vip.authenticateUser({ userId, otpAuthData: { otp } });
  console.log(`signed in: the code came from ${result.credentialType} credential ${result.credentialId}`);
} catch (error) {
  // 6009: wrong, expired or already used code; `error.detail` says which (49B5: not valid). Never log the code.
  if (error instanceof AuthenticationFailedError) console.log(`wrong code (${error.detail ?? 'no detail'}): ask again`);
  // 601B: the user is locked (too many wrong codes in a row) or disabled by an administrator.
  else if (error instanceof UserStatusNotAllowedError) console.log('account locked or disabled: send the user to the help desk');
  // 6003 / 6008: VIP knows no such user, or the user has no enabled credential yet.
  else if (error instanceof UserNotFoundError || error instanceof NoEnabledCredentialError) console.log('not enrolled: start enrolment');
  // Anything else (VIP unreachable, a certificate problem...) is not the user's fault: let it reach your error page.
  else throw error;
} finally {
  await vip.close();
}
