/** How the mock's records appear in query responses (getUserInfo, getCredentialInfo). */
import type { BindingDetail, CredentialBindingDetail, UserBindingDetail } from '../../generated/types.js';
import { pushAttributesOf, tokenDetailsOf } from './credential-kinds.js';
import type { BindingRecord, UserRecord } from './state.js';

/** The bindingDetail element of a binding, enabled unless updateCredential (1.10) disabled it. */
function bindingDetailOf(binding: BindingRecord): BindingDetail {
  return {
    bindStatus: binding.enabled ? 'ENABLED' : 'DISABLED',
    friendlyName: binding.friendlyName,
    trustedDevice: binding.trustedDevice,
    lastBindTime: binding.boundAt,
    lastAuthnTime: binding.lastAuthnTime,
    lastAuthnId: binding.lastAuthnId,
  };
}

/** One credentialBindingDetail of getUserInfo. */
export function credentialBindingDetailOf(
  binding: BindingRecord,
  options: { includePushAttributes: boolean; includeTokenInfo: boolean },
): CredentialBindingDetail {
  const tokenDetails = options.includeTokenInfo ? tokenDetailsOf(binding.credentialType, binding.credentialId, binding.boundAt) : {};
  return {
    credentialId: binding.credentialId,
    credentialType: binding.credentialType,
    credentialStatus: binding.enabled ? 'ENABLED' : 'DISABLED',
    ...tokenDetails,
    bindingDetail: bindingDetailOf(binding),
    pushAttributes: options.includePushAttributes ? pushAttributesOf(binding.credentialType, binding.credentialId) : undefined,
  };
}

/** One userBindingDetail of getCredentialInfo. */
export function userBindingDetailOf(user: UserRecord, binding: BindingRecord): UserBindingDetail {
  return { userId: user.userId, userStatus: user.status, bindingDetail: bindingDetailOf(binding) };
}
