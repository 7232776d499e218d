/**
 * A user's record flattened like VIP Manager's "User Detail" report: one row per bound credential (a user without
 * credentials still gets one row), so lookups, audit exports and backups share one shape and one set of columns.
 */
import type { GetUserInfoOutput } from '../index.js';

/** One row of the User Detail report. */
export interface UserDetailRow {
  userId: string;
  userStatus: string | undefined;
  credentialId: string | undefined;
  credentialType: string | undefined;
  credentialStatus: string | undefined;
  friendlyName: string | undefined;
  /** `PUSH_ENABLED` from the binding's push attributes; undefined when VIP did not say (push attributes not asked). */
  pushEnabled: boolean | undefined;
  lastBindTime: Date | undefined;
  lastAuthnTime: Date | undefined;
}

/** The report's columns, in VIP Manager's order, with their CSV/table headings. */
export const USER_DETAIL_COLUMNS: readonly { readonly key: keyof UserDetailRow; readonly heading: string }[] = [
  { key: 'userId', heading: 'User ID' },
  { key: 'userStatus', heading: 'User Status' },
  { key: 'credentialId', heading: 'Credential ID' },
  { key: 'credentialType', heading: 'Credential Type' },
  { key: 'credentialStatus', heading: 'Credential Status' },
  { key: 'friendlyName', heading: 'Friendly Name' },
  { key: 'pushEnabled', heading: 'Push Enabled' },
  { key: 'lastBindTime', heading: 'Last Bind Time' },
  { key: 'lastAuthnTime', heading: 'Last Authentication Time' },
];

/**
 * Flattens a `getUserInfo` answer (ask it with `includePushAttributes: true` for the push column).
 * @param userId The ID that was looked up, used when VIP's answer leaves it out.
 */
export function userDetailRows(userId: string, info: GetUserInfoOutput): UserDetailRow[] {
  const user = { userId: info.userId ?? userId, userStatus: info.userStatus };
  const bindings = info.credentialBindingDetail ?? [];
  if (bindings.length === 0) {
    return [
      {
        ...user,
        credentialId: undefined,
        credentialType: undefined,
        credentialStatus: undefined,
        friendlyName: undefined,
        pushEnabled: undefined,
        lastBindTime: undefined,
        lastAuthnTime: undefined,
      },
    ];
  }
  return bindings.map((binding) => {
    const push = binding.pushAttributes?.find((attribute) => attribute.Key === 'PUSH_ENABLED');
    return {
      ...user,
      credentialId: binding.credentialId,
      credentialType: binding.credentialType,
      credentialStatus: binding.credentialStatus,
      friendlyName: binding.bindingDetail.friendlyName,
      pushEnabled: push === undefined ? undefined : push.Value.toLowerCase() === 'true',
      lastBindTime: binding.bindingDetail.lastBindTime,
      lastAuthnTime: binding.bindingDetail.lastAuthnTime,
    };
  });
}
