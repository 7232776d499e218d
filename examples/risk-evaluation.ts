/**
 * Risk-based sign-in with VIP Intelligent Authentication: ask for a second factor only when the sign-in looks risky.
 *
 * In this example we:
 * - score a sign-in (after the password check) from its IP address and browser with `evaluateRisk`,
 * - let a sign-in that is not risky through, and challenge a risky one with a security code,
 * - tell VIP how the challenge went: `denyRisk` (it was the user) or `confirmRisk` (it was not).
 *
 * Run: npx tsx examples/risk-evaluation.ts   (VIP_USER_ID: who signs in; the mock's demo user by default)
 * The account needs the Intelligent Authentication policy in VIP Manager; without it VIP answers 6022.
 */
import { readFileSync } from 'node:fs';
import { AuthenticationFailedError, IaServiceUnavailableError, RiskError, VipClient } from 'vip-user-services';
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
// What your web server knows about the sign-in: the client's address and its User-Agent header (IPv4 up to API 1.8).
// This one comes from a documentation network (203.0.113.0/24), which the mock treats as risky.
const signIn = { ip: '203.0.113.50', userAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0' };

/** Checks the code the user types; false for a wrong one. */
async function passesChallenge(): Promise<boolean> {
  try {
    await vip.authenticateUser({ userId, otpAuthData: { otp: await codeTypedBy(userId) } });
    return true;
  } catch (error) {
    if (error instanceof AuthenticationFailedError) return false;
    throw error;
  }
}

try {
  // A risky sign-in is a result, not an error: VIP answers status 6009 and the client returns `Risky: true`.
  const risk = await vip.evaluateRisk({ UserId: userId, Ip: signIn.ip, UserAgent: signIn.userAgent });
  console.log(`risk score ${risk.RiskScore ?? '?'} (threshold ${risk.RiskThreshold ?? '?'}): ${risk.Risky ? 'risky' : 'not risky'}`);
  if (!risk.Risky) {
    console.log('signed in with the password alone');
  } else if (await passesChallenge()) {
    // It was the user: VIP learns from it. RememberDevice: true would also trust this device from now on.
    await vip.denyRisk({ UserId: userId, EventId: risk.EventId, VerifyMethod: 'OTP' });
    console.log('challenge passed, reported with denyRisk: signed in');
  } else {
    await vip.confirmRisk({ UserId: userId, EventId: risk.EventId, VerifyMethod: 'OTP' });
    console.log('challenge failed, reported with confirmRisk: sign-in refused');
  }
} catch (error) {
  // 6022: Intelligent Authentication is off for the account; 6029: it is down. Then always ask for the second factor.
  if (error instanceof RiskError || error instanceof IaServiceUnavailableError) {
    console.log(`risk evaluation unavailable (${error.code}): ask every user for a second factor`);
  } else throw error;
} finally {
  await vip.close();
}
