/**
 * Sign-in with a push to VIP Access, the number to match on the login page, and a security code when push is not
 * possible.
 *
 * In this example we:
 * - send a push with `authenticateUserWithPush` (VIP answers 6040: sent),
 * - show the two-digit number when VIP sends one (the VIP Manager policy "Require Number Challenge", API 1.10),
 * - wait for the phone's answer with `waitForPush` (a poll every 3 s, for at most 120 s),
 * - refuse a denied push or a wrong number, and fall back to a security code when push is unavailable or unanswered.
 *
 * Run: npx tsx examples/push-with-fallback.ts   (VIP_USER_ID: who signs in; the mock's demo user by default)
 * Keep pushes rare: once more than five pushes were sent to a user, VIP locks their push for an hour.
 */
import { readFileSync } from 'node:fs';
import {
  AuthenticationFailedError,
  NumberChallengeFailedError,
  PushDeniedError,
  PushError,
  VipClient,
  VipTimeoutError,
} from 'vip-user-services';
import { codeTypedBy, numberPickedBy } from './support/end-user.js';

// The endpoint and the account's client certificate come from the environment (see examples/README.md).
const env = process.env;
const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
const vip = new VipClient({
  endpoint: env.VIP_ENDPOINT, // unset: production VIP
  tls: env.VIP_CERT_P12
    ? { pfx: read(env.VIP_CERT_P12), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) }
    : { cert: read(env.VIP_CERT_PEM), key: read(env.VIP_KEY_PEM), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) },
  apiVersion: '1.10', // the number to match exists in API 1.10 only
});

const userId = env.VIP_USER_ID ?? 'alice@example.com';

/** 'approved', 'refused', or 'use a code' when push cannot decide. */
async function signInWithPush(): Promise<'approved' | 'refused' | 'use a code'> {
  try {
    const push = await vip.authenticateUserWithPush({
      userId,
      pushAuthData: { displayParameters: [{ Key: 'display.message.text', Value: 'Sign in to Example from Firefox on Linux?' }] },
    });
    if (push.status !== '6040') return 'use a code'; // no push went out
    if (push.numbersChallengeValue !== undefined) {
      // Your login page shows the number while it waits; the user must pick the same one on the phone.
      console.log(`login page: "Open VIP Access and pick ${push.numbersChallengeValue}"`);
      await numberPickedBy(userId, push.transactionId, push.numbersChallengeValue);
    }
    const approval = await vip.waitForPush(push.transactionId);
    console.log(`push approved on credential ${approval.credentialId ?? '(not named)'}`);
    return 'approved';
  } catch (error) {
    // The user said no, or picked another number: maybe someone else started this sign-in. Do not offer a code.
    if (error instanceof PushDeniedError || error instanceof NumberChallengeFailedError) return 'refused';
    // No push device (6041), push switched off (602E), not sent (6042), expired (7004), no answer in time: ask for a code.
    if (error instanceof PushError || error instanceof VipTimeoutError) {
      console.log(`push did not work (${error.name}): asking for a security code instead`);
      return 'use a code';
    }
    throw error;
  }
}

/** The fallback: the code shown in VIP Access, or sent by SMS or voice. */
async function signInWithCode(): Promise<boolean> {
  try {
    await vip.authenticateUser({ userId, otpAuthData: { otp: await codeTypedBy(userId) } });
    return true;
  } catch (error) {
    if (error instanceof AuthenticationFailedError) return false;
    throw error;
  }
}

try {
  const byPush = await signInWithPush();
  const signedIn = byPush === 'approved' || (byPush === 'use a code' && (await signInWithCode()));
  console.log(signedIn ? `signed in: ${userId}` : `sign-in refused for ${userId}`);
} finally {
  await vip.close();
}
