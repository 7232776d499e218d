/**
 * Catching errors: by class for the codes you handle specially (CredentialRevokedError, UserNotFoundError...),
 * by category for the rest (CredentialError, UserError, ServiceUnavailableError...), and reading the guidance
 * every VIP status error carries (`solution`, `retryable`). Input mistakes fail before anything is sent.
 *
 * Run: npx tsx examples/error-handling.ts (needs nothing else on real VIP; the outage step runs on the mock only).
 */
import * as assert from 'node:assert/strict';
import {
  CredentialError,
  CredentialNotBoundError,
  CredentialRevokedError,
  describeStatus,
  errorClassForStatus,
  ServiceUnavailableError,
  UserAlreadyExistsError,
  UserError,
  UserNotFoundError,
  VipCallError,
  VipConnectionError,
  VipHttpError,
  VipServiceError,
  VipValidationError,
} from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Catching errors by class and by category';

/** One place that turns any failure into what the application does about it. */
function advise(error: unknown): string {
  // Narrowest first: the codes this application treats specially...
  if (error instanceof CredentialRevokedError) return 'credential revoked: ask the user to enrol a new one';
  if (error instanceof UserNotFoundError) return 'no such user: offer enrolment';
  // ...then whole categories, with VIP's documented advice for the rest.
  if (error instanceof CredentialError) return `credential problem (${error.code}): ${error.solution}`;
  if (error instanceof UserError) return `user problem (${error.code}): ${error.solution}`;
  if (error instanceof ServiceUnavailableError)
    return `VIP is having trouble (${error.code}, retryable, gave up after ${error.attempts} attempts): try later`;
  if (error instanceof VipServiceError) return `VIP refused (${error.code}): ${error.solution ?? error.statusMessage}`;
  // No VIP status at all: our input, the network, or something between us and VIP.
  if (error instanceof VipValidationError) return `invalid input in ${error.field} (${error.rule}); nothing was sent`;
  if (error instanceof VipHttpError) return `HTTP ${error.httpStatus} from something in front of VIP`;
  if (error instanceof VipConnectionError) return 'cannot reach VIP';
  if (error instanceof VipCallError) return `the call failed: ${error.message}`;
  throw error;
}

/** Runs a call that should fail, checks it failed with `expected`, and prints the advice. */
async function expectFailure(
  context: ExampleContext,
  what: string,
  call: () => Promise<unknown>,
  expected: new (...args: never[]) => Error,
): Promise<void> {
  const error = await call().then(
    () => undefined,
    (failure: unknown) => failure,
  );
  assert.ok(error instanceof expected, `${what}: expected ${expected.name}, got ${String(error)}`);
  context.step(`${what}: ${error.name} → ${advise(error)}`);
}

export async function run(context: ExampleContext): Promise<void> {
  const { vip, mock, step } = context;
  const userId = context.newUserId('errors');
  await vip.createUser({ userId });
  try {
    await expectFailure(context, 'unknown user', () => vip.getUserInfo({ userId: context.newUserId('nobody') }), UserNotFoundError);
    await expectFailure(context, 'duplicate user', () => vip.createUser({ userId }), UserAlreadyExistsError);
    await expectFailure(
      context,
      'removing a credential the user does not have',
      () => vip.removeCredential({ userId, credentialId: 'VSMT99999999', credentialType: 'STANDARD_OTP' }),
      CredentialNotBoundError,
    );
    await expectFailure(
      context,
      'a 2-digit security code',
      () => vip.authenticateUser({ userId, otpAuthData: { otp: '12' } }),
      VipValidationError,
    );

    if (mock) {
      // Rehearse an outage: VIP answers 6005 three times. getServerTime is a read, so the client retries it first.
      mock.inject({ operation: 'getServerTime', fault: 'status6005', times: 3 });
      await expectFailure(context, 'VIP internal error on every attempt', () => vip.getServerTime({}), ServiceUnavailableError);
    }

    // Codes you cannot easily provoke can still be looked up: class, category and guidance.
    const revoked = errorClassForStatus('600F');
    const guidance = describeStatus('600F');
    assert.equal(revoked, CredentialRevokedError);
    step(`600F would be ${revoked?.name} (a ${guidance?.category}): "${guidance?.message}" → ${guidance?.solution}`);
  } finally {
    await vip.deleteUser({ userId });
  }
}

await runWhenMain(import.meta.url, { title, run });
