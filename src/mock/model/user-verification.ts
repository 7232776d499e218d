/**
 * The rules shared by the operations that authenticate a user: which of the user's codes match, and how failures
 * count towards the lockout and successes reset it.
 */
import { randomBytes } from 'node:crypto';
import type { OtpAuthData } from '../../generated/types.js';
import { checkCredentialCode, isNumericCode } from './code-check.js';
import { failure, type HandlerContext, INVALID_OTP_DETAIL, type Outcome } from './outcome.js';
import { type BindingRecord, enabledBindings, type UserRecord } from './state.js';
import { activeTemporaryPassword } from './temporary-passwords.js';

/** Which code of the user matched, if any. */
export type UserCodeMatch =
  | { kind: 'credential'; binding: BindingRecord }
  | { kind: 'temporaryPassword' }
  | { kind: 'noCredential' }
  | { kind: 'wrong' };

/**
 * Tries `otpAuthData` against the user's temporary security code (when allowed) and every enabled credential.
 * A temporary code marked one-time-use is spent by a match.
 */
export function matchUserCode(
  user: UserRecord,
  otpAuthData: OtpAuthData,
  context: HandlerContext,
  allowTemporaryPassword: boolean,
): UserCodeMatch {
  const temporary = allowTemporaryPassword ? activeTemporaryPassword(user, context.now) : undefined;
  if (temporary !== undefined && temporary.code === otpAuthData.otp) {
    if (temporary.oneTimeUse) user.temporaryPassword = undefined;
    return { kind: 'temporaryPassword' };
  }
  const bindings = enabledBindings(user);
  if (bindings.length === 0 && temporary === undefined) return { kind: 'noCredential' };
  for (const binding of bindings) {
    if (checkCredentialCode(binding.credentialType, binding.credentialId, otpAuthData, context) === 'ok')
      return { kind: 'credential', binding };
  }
  return { kind: 'wrong' };
}

/** A new authentication ID (16 upper-case hex digits). */
export function newAuthnId(): string {
  return randomBytes(8).toString('hex').toUpperCase();
}

/** Records a successful authentication with `binding`: resets the failure count and stamps the binding. */
export function recordSuccess(user: UserRecord, binding: BindingRecord | undefined, context: HandlerContext, authnId: string): void {
  user.failedAttempts = 0;
  if (binding === undefined) return;
  binding.lastAuthnTime = context.now;
  binding.lastAuthnId = authnId;
}

/** Counts a failed authentication and locks the user at the threshold. */
export function recordFailure(user: UserRecord, context: HandlerContext): void {
  user.failedAttempts++;
  if (user.failedAttempts >= context.settings.lockoutThreshold) user.status = 'LOCKED';
}

/** The answer to a wrong code: 6009, with detail 49B5 unless the code was not even numeric. */
export function wrongCode(otp: string): Outcome {
  return failure('6009', isNumericCode(otp) ? INVALID_OTP_DETAIL : undefined);
}

/** True when a PIN was sent that does not match the user's PIN. */
export function isWrongPin(user: UserRecord, pin: string | undefined): boolean {
  return pin !== undefined && user.pin !== undefined && pin !== user.pin;
}

/** Whether the user's PIN counts as expired: the mock expires a PIN that must be changed; none without a PIN. */
export function isPinExpired(user: UserRecord): boolean | undefined {
  return user.pin === undefined ? undefined : user.forcePinChange;
}
