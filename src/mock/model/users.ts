/** Users: createUser, updateUser, deleteUser, clearUserPin and getUserInfo. */
import { failure, type Handler, success } from './outcome.js';
import { userKey } from './state.js';
import { activeTemporaryPassword } from './temporary-passwords.js';
import { isPinExpired } from './user-verification.js';
import { credentialBindingDetailOf } from './views.js';

/** createUser: a new ACTIVE user; 6002 when the ID is taken (ignoring case). */
export const createUser: Handler<'createUser'> = (input, { account, now }) => {
  if (account.user(input.userId) !== undefined) return failure('6002');
  account.addUser(input.userId, now, input.pin, input.pin !== undefined && input.forcePinChange === true);
  return success();
};

/**
 * updateUser: rename, change the state (ACTIVE also unlocks) or the PIN. 6003 unknown user, 601F wrong old PIN,
 * 6002 when the new ID belongs to another user, 6015 for forcePinChange without a new PIN.
 */
export const updateUser: Handler<'updateUser'> = (input, { account }) => {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (input.forcePinChange === true && input.newPin === undefined) return failure('6015');
  if (input.oldPin !== undefined && input.oldPin !== user.pin) return failure('601F');
  if (input.newUserId !== undefined && userKey(input.newUserId) !== userKey(user.userId) && account.user(input.newUserId) !== undefined) {
    return failure('6002');
  }
  if (input.newUserId !== undefined) {
    account.users.delete(userKey(user.userId));
    user.userId = input.newUserId;
    account.users.set(userKey(user.userId), user);
  }
  if (input.newUserStatus !== undefined) {
    user.status = input.newUserStatus;
    if (input.newUserStatus === 'ACTIVE') user.failedAttempts = 0;
  }
  if (input.newPin !== undefined) {
    user.pin = input.newPin;
    user.forcePinChange = input.forcePinChange === true;
  }
  return success();
};

/** deleteUser: removes the user and every binding of the user; 6003 unknown user. */
export const deleteUser: Handler<'deleteUser'> = (input, { account }) => {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  account.users.delete(userKey(user.userId));
  return success();
};

/** clearUserPin: removes the PIN (a user without one stays without one); 6003 unknown user. */
export const clearUserPin: Handler<'clearUserPin'> = (input, { account }) => {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  user.pin = undefined;
  user.forcePinChange = false;
  return success();
};

/**
 * getUserInfo: the user's state and bindings; push attributes unless turned off, token details on request; from 1.10
 * on whether the PIN has expired. `fidoInfo` changes nothing: the mock has no FIDO authenticators.
 */
export const getUserInfo: Handler<'getUserInfo'> = (input, { account, now }) => {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  const options = { includePushAttributes: input.includePushAttributes ?? true, includeTokenInfo: input.includeTokenInfo ?? false };
  const bindings = [...user.bindings.values()];
  return success<'getUserInfo'>({
    userId: user.userId,
    userCreationTime: user.createdAt,
    userStatus: user.status,
    numBindings: bindings.length,
    credentialBindingDetail: bindings.map((binding) => credentialBindingDetailOf(binding, options)),
    isPinSet: user.pin !== undefined,
    isTempPasswordSet: activeTemporaryPassword(user, now) !== undefined,
    // 1.10 only; the answer leaves it out on older paths.
    isPinExpired: isPinExpired(user),
  });
};
