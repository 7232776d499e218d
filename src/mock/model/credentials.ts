/** Bindings between users and credentials: addCredential, updateCredential, removeCredential, getCredentialInfo. */
import { checkCredentialCode, isNumericCode } from './code-check.js';
import { isStandardCredentialId, pushAttributesOf } from './credential-kinds.js';
import { failure, type Handler, INVALID_OTP_DETAIL, success } from './outcome.js';
import {
  type AccountState,
  type BindingRecord,
  CredentialTypes,
  enabledBindings,
  REGISTERED_TYPES,
  UNSUPPORTED_TYPES,
  type UserRecord,
} from './state.js';
import { userBindingDetailOf } from './views.js';

/** At most this many enabled bindings per user (6011)... */
const MAX_ENABLED_BINDINGS = 5;
/** ...and this many bindings in all (6012). */
const MAX_BINDINGS = 10;
// Characters VIP refuses in friendly names (602D).
const FORBIDDEN_NAME_CHARACTERS = /[$#!"/?\\*]/;

/** The status for a credential type the mock cannot work with: 600A (VIP type, not supported here) or 6006 (unknown). */
export function credentialTypeProblem(credentialType: string): string | undefined {
  if (UNSUPPORTED_TYPES.has(credentialType)) return '600A';
  if (credentialType !== CredentialTypes.standard && !REGISTERED_TYPES.has(credentialType)) return '6006';
  return undefined;
}

/** True when a friendly name contains a character VIP refuses. */
function isForbiddenFriendlyName(name: string | undefined): boolean {
  return name !== undefined && FORBIDDEN_NAME_CHARACTERS.test(name);
}

/**
 * addCredential: binds a credential to an ACTIVE user, optionally proving possession with a code. 6003, 601B,
 * 600A/6006 (type), 6004 (malformed standard ID), 6016 (SMS/voice/service not registered), 602D (name), 6006
 * (already bound with another type), 6025 (bound to another user), 6012/6011 (limits), 6009 (wrong proof code).
 */
export const addCredential: Handler<'addCredential'> = (input, context) => {
  const { account, now } = context;
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status !== 'ACTIVE') return failure('601B');
  const { credentialId, credentialType, friendlyName, trustedDevice } = input.credentialDetail;
  const typeProblem = credentialTypeProblem(credentialType);
  if (typeProblem !== undefined) return failure(typeProblem);
  if (credentialType === CredentialTypes.standard && !isStandardCredentialId(credentialId)) return failure('6004');
  if (REGISTERED_TYPES.has(credentialType) && account.registration(credentialType, credentialId) === undefined) return failure('6016');
  if (isForbiddenFriendlyName(friendlyName)) return failure('602D');
  const existing = user.bindings.get(credentialId);
  if (existing !== undefined && existing.credentialType !== credentialType) return failure('6006');
  if (account.holdersOf(credentialId).some((holder) => holder.user !== user)) return failure('6025');
  if (existing === undefined && user.bindings.size >= MAX_BINDINGS) return failure('6012');
  if (existing === undefined && enabledBindings(user).length >= MAX_ENABLED_BINDINGS) return failure('6011');
  if (input.otpAuthData !== undefined) {
    const check = checkCredentialCode(credentialType, credentialId, input.otpAuthData, context);
    if (check !== 'ok') return failure('6009', isNumericCode(input.otpAuthData.otp) ? INVALID_OTP_DETAIL : undefined);
  }
  if (existing !== undefined) {
    // Binding the same credential again only refreshes what the request says about it.
    existing.friendlyName = friendlyName ?? existing.friendlyName;
    existing.trustedDevice = trustedDevice ?? input.trustedDevice ?? existing.trustedDevice;
    return success();
  }
  user.bindings.set(credentialId, {
    credentialId,
    credentialType,
    friendlyName,
    trustedDevice: trustedDevice ?? input.trustedDevice,
    boundAt: now,
    lastAuthnTime: undefined,
    lastAuthnId: undefined,
    enabled: true,
  });
  return success();
};

/**
 * updateCredential: renames a binding and, from 1.10 on, enables or disables it (`credentialStatus`). 6003, 6007
 * (not bound), 6006 (other type), 602D (name), 6011 (enabling one more than the enabled-bindings limit).
 */
export const updateCredential: Handler<'updateCredential'> = (input, { account }) => {
  const found = findBinding(account, input);
  if ('status' in found) return found;
  if (isForbiddenFriendlyName(input.friendlyName)) return failure('602D');
  const { binding, user } = found;
  const enabling = input.credentialStatus === 'ENABLED' && !binding.enabled;
  if (enabling && enabledBindings(user).length >= MAX_ENABLED_BINDINGS) return failure('6011');
  binding.friendlyName = input.friendlyName;
  if (input.credentialStatus !== undefined) binding.enabled = input.credentialStatus === 'ENABLED';
  return success();
};

/** removeCredential: unbinds. 6003, 6007 (not bound), 6006 (other type). */
export const removeCredential: Handler<'removeCredential'> = (input, { account }) => {
  const found = findBinding(account, input);
  if ('status' in found) return found;
  found.user.bindings.delete(input.credentialId);
  return success();
};

/** The binding a request names, or VIP's answer when there is none: 6003 (no user), 6007 (not bound), 6006 (other type). */
function findBinding(
  account: AccountState,
  input: { userId: string; credentialId: string; credentialType: string },
): { user: UserRecord; binding: BindingRecord } | ReturnType<typeof failure> {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  const binding = user.bindings.get(input.credentialId);
  if (binding === undefined) return failure('6007');
  if (binding.credentialType !== input.credentialType) return failure('6006');
  return { user, binding };
}

/**
 * getCredentialInfo: a credential and the users it is bound to. 600A/6006 (type), 6004 when the credential is
 * neither bound nor registered, 6006 when it is bound with another type.
 */
export const getCredentialInfo: Handler<'getCredentialInfo'> = (input, { account }) => {
  const { credentialId, credentialType } = input;
  const typeProblem = credentialTypeProblem(credentialType);
  if (typeProblem !== undefined) return failure(typeProblem);
  const holders = account.holdersOf(credentialId);
  if (holders.length === 0 && account.registration(credentialType, credentialId) === undefined) return failure('6004');
  if (holders.some(({ binding }) => binding.credentialType !== credentialType)) return failure('6006');
  return success<'getCredentialInfo'>({
    credentialId,
    credentialType,
    credentialStatus: holders.length === 0 ? 'INACTIVE' : holders.some(({ binding }) => binding.enabled) ? 'ENABLED' : 'DISABLED',
    numBindings: holders.length,
    pushAttributes: (input.includePushAttributes ?? true) ? pushAttributesOf(credentialType, credentialId) : undefined,
    userBindingDetail: holders.map(({ user, binding }) => userBindingDetailOf(user, binding)),
    // 1.10 only. The mock's VIP Access apps never register a key for end-to-end encrypted pushes, so there is no
    // publicKeys either, whatever includePushEncryptKey asks.
    SupportPushEncryption: false,
  });
};
