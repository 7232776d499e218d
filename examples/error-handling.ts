/**
 * Error handling in a sign-in endpoint: one function turns anything the client throws into the HTTP answer your
 * application sends.
 *
 * In this example we:
 * - map the user's own mistakes to 400, 401 and 403, giving an unknown user the same answer as a wrong code,
 * - map what is worth retrying later (`error.retryable`: VIP busy, network, deadline) to 503 with Retry-After,
 * - map problems of our own setup (certificate, account policy, configuration) to 500, logged for the operators,
 * - provoke three of them: an unknown user, a malformed code, and a deadline too short to meet.
 *
 * Run: npx tsx examples/error-handling.ts
 */
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  AuthenticationFailedError,
  NoEnabledCredentialError,
  UserNotFoundError,
  UserStatusNotAllowedError,
  VipClient,
  VipError,
  VipValidationError,
} from 'vip-user-services';

// The endpoint and the account's client certificate come from the environment (see examples/README.md).
const env = process.env;
const read = (path: string | undefined) => (path ? readFileSync(path) : undefined);
const vip = new VipClient({
  endpoint: env.VIP_ENDPOINT, // unset: production VIP
  tls: env.VIP_CERT_P12
    ? { pfx: read(env.VIP_CERT_P12), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) }
    : { cert: read(env.VIP_CERT_PEM), key: read(env.VIP_KEY_PEM), passphrase: env.VIP_CERT_PASSPHRASE, ca: read(env.VIP_CA) },
});

/** What a sign-in endpoint answers. */
interface HttpAnswer {
  status: number;
  headers: Record<string, string>;
  body: { error: string; message: string };
}

/** Turns a failed second-factor check into the HTTP answer. Never puts VIP's text or the user's input in it. */
function httpAnswerFor(error: unknown): HttpAnswer {
  const answer = (status: number, code: string, message: string, headers: Record<string, string> = {}): HttpAnswer => ({
    status,
    headers,
    body: { error: code, message },
  });
  // Rejected before sending: the form holds something VIP would never accept (a code of two digits, say).
  if (error instanceof VipValidationError) return answer(400, 'invalid_input', `Check the ${error.field} field.`);
  // Wrong code (6009), unknown user (6003), nothing enrolled (6008): one answer, so the endpoint cannot be used to
  // find out which user IDs exist.
  if (error instanceof AuthenticationFailedError || error instanceof UserNotFoundError || error instanceof NoEnabledCredentialError) {
    return answer(401, 'wrong_code', 'The user name or the security code is not right.');
  }
  // 601B: locked after too many wrong codes, or disabled. The help desk unlocks with updateUser.
  if (error instanceof UserStatusNotAllowedError) return answer(403, 'locked', 'This account is locked. Contact the help desk.');
  // VIP 6005/6029, HTTP 502/503/504, connection failures, deadlines: the same request may work in a moment.
  if (error instanceof VipError && error.retryable) {
    return answer(503, 'try_later', 'Sign-in is unavailable for a moment. Try again.', { 'retry-after': '30' });
  }
  // Everything else is ours to fix: a revoked client certificate (600E), an account policy (6010), a bad option...
  // toJSON() holds no secrets: code, class, requestId (VIP's support can find the call by it), guidance.
  console.error('VIP call failed:', JSON.stringify(error instanceof VipError ? error : String(error)));
  return answer(500, 'server_error', 'Sign-in failed on our side. Try again later.');
}

/** Runs a second-factor check the way an endpoint would and prints the HTTP answer it would send. */
async function respond(what: string, check: () => Promise<unknown>): Promise<void> {
  try {
    await check();
    console.log(`${what} → 200 signed in`);
  } catch (error) {
    const { status, headers, body } = httpAnswerFor(error);
    console.log(`${what} → ${status} ${body.error} ${JSON.stringify(headers)} (${error instanceof Error ? error.name : 'unknown'})`);
  }
}

try {
  const nobody = `nobody-${randomBytes(4).toString('hex')}@example.com`;
  await respond('a user VIP does not know', () => vip.authenticateUser({ userId: nobody, otpAuthData: { otp: '123456' } }));
  await respond('a code of two digits', () => vip.authenticateUser({ userId: nobody, otpAuthData: { otp: '12' } }));
  // A deadline no network round trip can meet stands in for VIP being slow or unreachable.
  await respond('VIP too slow to answer', () => vip.getServerTime({}, { timeoutMs: 1, retry: false }));
} finally {
  await vip.close();
}
