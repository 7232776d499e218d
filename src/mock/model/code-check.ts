/** Checking one security code against one credential, whatever its type. */
import type { OtpAuthData } from '../../generated/types.js';
import type { HandlerContext } from './outcome.js';
import { CredentialTypes } from './state.js';

/** The result of a code check: accepted, a code that was valid but is used up, or simply wrong. */
export type CodeCheck = 'ok' | 'replayed' | 'wrong';

/**
 * Checks `otpAuthData` against a credential. Standard and service credentials carry time-based codes; SMS and
 * voice credentials accept the last code sent to them. An accepted code cannot be used again.
 */
export function checkCredentialCode(
  credentialType: string,
  credentialId: string,
  otpAuthData: OtpAuthData,
  context: HandlerContext,
): CodeCheck {
  const nowMs = context.now.getTime();
  if (credentialType === CredentialTypes.sms || credentialType === CredentialTypes.voice) {
    return context.otp.checkSent(credentialId, otpAuthData.otp, nowMs) ? 'ok' : 'wrong';
  }
  if (credentialType === CredentialTypes.standard || credentialType === CredentialTypes.service) {
    return context.otp.checkTimeBased(credentialId, otpAuthData.otp, otpAuthData.otp2, nowMs);
  }
  return 'wrong';
}

/** Security codes are digits; VIP reports a code with other characters as failed without a detail code. */
export function isNumericCode(otp: string): boolean {
  return /^[0-9]+$/.test(otp);
}
