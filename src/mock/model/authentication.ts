/** Security-code authentication: authenticateUser, checkOtp and authenticateCredentials. */
import type { CredentialDefinition } from '../../generated/types.js';
import { checkCredentialCode } from './code-check.js';
import { credentialTypeProblem } from './credentials.js';
import { failure, type Handler, type HandlerContext, type Outcome, success } from './outcome.js';
import { sendPush } from './push.js';
import { isPinExpired, isWrongPin, matchUserCode, newAuthnId, recordFailure, recordSuccess, wrongCode } from './user-verification.js';

/**
 * authenticateUser: checks a code (or the temporary security code) and the PIN when one is sent. 6003 unknown
 * user, 601B not ACTIVE, 6015 no code, 6008 no credential, 6009 wrong code (49B5) or PIN; `lockoutThreshold`
 * failures in a row lock the user. A success with a real credential also clears the temporary code.
 */
export const authenticateUser: Handler<'authenticateUser'> = (input, context) => {
  const user = context.account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status !== 'ACTIVE') return failure('601B');
  if (input.otpAuthData === undefined) return failure('6015');
  if (isWrongPin(user, input.pin)) {
    recordFailure(user, context);
    return failure('6009');
  }
  const match = matchUserCode(user, input.otpAuthData, context, true);
  if (match.kind === 'noCredential') return failure('6008');
  if (match.kind === 'wrong') {
    recordFailure(user, context);
    return wrongCode(input.otpAuthData.otp);
  }
  const authnId = newAuthnId();
  const pinExpired = isPinExpired(user);
  if (match.kind === 'temporaryPassword') {
    recordSuccess(user, undefined, context, authnId);
    return success<'authenticateUser'>({ authnId, isPinExpired: pinExpired });
  }
  recordSuccess(user, match.binding, context, authnId);
  user.temporaryPassword = undefined;
  return success<'authenticateUser'>({
    credentialId: match.binding.credentialId,
    credentialType: match.binding.credentialType,
    authnId,
    isPinExpired: pinExpired,
  });
};

/**
 * checkOtp: checks a code against the user's credentials, even when the user is LOCKED, without counting towards
 * the lockout. 6003, 601B (DISABLED), 6008 (no credential), 6009 (wrong code, 49B5).
 */
export const checkOtp: Handler<'checkOtp'> = (input, context) => {
  const user = context.account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status === 'DISABLED') return failure('601B');
  const match = matchUserCode(user, input.otpAuthData, context, false);
  if (match.kind === 'noCredential') return failure('6008');
  if (match.kind !== 'credential') return wrongCode(input.otpAuthData.otp);
  const authnId = newAuthnId();
  return success<'checkOtp'>({ credentialId: match.binding.credentialId, credentialType: match.binding.credentialType, authnId });
};

/** Why a list of credentials cannot be authenticated, if it cannot: type (600A/6006), unknown (6004), user state (601B). */
function credentialsProblem(credentials: readonly CredentialDefinition[], context: HandlerContext): string | undefined {
  for (const { credentialId, credentialType } of credentials) {
    const typeProblem = credentialTypeProblem(credentialType);
    if (typeProblem !== undefined) return typeProblem;
    const holders = context.account.holdersOf(credentialId);
    const known =
      holders.some(({ binding }) => binding.credentialType === credentialType) ||
      context.account.registration(credentialType, credentialId);
    if (!known) return '6004';
    if (holders.some(({ user }) => user.status !== 'ACTIVE')) return '601B';
  }
  return undefined;
}

/**
 * authenticateCredentials: checks a code against up to five named credentials (0000 with the matching one, 6009
 * otherwise), or sends a push to those that accept one (6040; 6043 when none does). 600A/6006 (type), 6004
 * (credential neither bound nor registered), 601B (bound to a user who is not ACTIVE).
 */
export const authenticateCredentials: Handler<'authenticateCredentials'> = (input, context): Outcome<'authenticateCredentials'> => {
  const problem = credentialsProblem(input.credentials, context);
  if (problem !== undefined) return failure(problem);
  if (input.pushAuthData !== undefined) return sendPush(input.credentials, undefined, input.pushAuthData, context, '6043');
  const { otpAuthData } = input;
  for (const { credentialId, credentialType } of input.credentials) {
    if (checkCredentialCode(credentialType, credentialId, otpAuthData, context) !== 'ok') continue;
    const authnId = newAuthnId();
    for (const { user, binding } of context.account.holdersOf(credentialId)) recordSuccess(user, binding, context, authnId);
    return success<'authenticateCredentials'>({ credentialId, credentialType });
  }
  return wrongCode(otpAuthData.otp);
};
