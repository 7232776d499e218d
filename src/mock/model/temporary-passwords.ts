/**
 * Temporary security codes: setTemporaryPassword, clearTemporaryPassword, setTemporaryPasswordAttributes and
 * getTemporaryPasswordAttributes. A code lasts one day unless told otherwise, at most 30 days.
 */
import { randomInt } from 'node:crypto';
import { failure, type Handler, success } from './outcome.js';
import type { AccountState, TemporaryPassword, UserRecord } from './state.js';

const DAY_MS = 24 * 3600_000;
const DEFAULT_LIFETIME_MS = DAY_MS;
const MAX_LIFETIME_MS = 30 * DAY_MS;

/** The user's temporary code if it has not expired (an expired one is forgotten). */
export function activeTemporaryPassword(user: UserRecord, now: Date): TemporaryPassword | undefined {
  const current = user.temporaryPassword;
  if (current !== undefined && current.expiresAt.getTime() <= now.getTime()) user.temporaryPassword = undefined;
  return user.temporaryPassword;
}

/** True when `expiresAt` lies in the future and no more than 30 days ahead (else VIP answers 601A). */
function isValidExpiry(expiresAt: Date, now: Date): boolean {
  const ahead = expiresAt.getTime() - now.getTime();
  return ahead > 0 && ahead <= MAX_LIFETIME_MS;
}

/**
 * setTemporaryPassword: stores the given code, or a generated one, and returns it. 6003 unknown user, 601B
 * disabled user, 601A expiry out of range. Delivery by SMS or voice is accepted and not performed.
 */
export const setTemporaryPassword: Handler<'setTemporaryPassword'> = (input, { account, now }) => {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status === 'DISABLED') return failure('601B');
  const attributes = input.temporaryPasswordAttributes ?? {};
  const expiresAt = attributes.expirationTime ?? new Date(now.getTime() + DEFAULT_LIFETIME_MS);
  if (!isValidExpiry(expiresAt, now)) return failure('601A');
  const code = input.temporaryPassword ?? String(randomInt(0, 1_000_000)).padStart(6, '0');
  user.temporaryPassword = { code, expiresAt, oneTimeUse: attributes.oneTimeUseOnly ?? false };
  return success<'setTemporaryPassword'>({ temporaryPassword: code });
};

/** clearTemporaryPassword: 6003 unknown user, 6017 when no code is set. */
export const clearTemporaryPassword: Handler<'clearTemporaryPassword'> = (input, { account, now }) => {
  const found = findTemporaryPassword(account, input.userId, now);
  if ('status' in found) return found;
  found.user.temporaryPassword = undefined;
  return success();
};

/** setTemporaryPasswordAttributes: changes expiry and/or one-time use. 6003, 6017 (no code), 601A (expiry). */
export const setTemporaryPasswordAttributes: Handler<'setTemporaryPasswordAttributes'> = (input, { account, now }) => {
  const found = findTemporaryPassword(account, input.userId, now);
  if ('status' in found) return found;
  // Present on every request that passed the request check; optional only in the SDK's input type (sent empty).
  const { expirationTime, oneTimeUseOnly } = input.temporaryPasswordAttributes ?? {};
  if (expirationTime !== undefined && !isValidExpiry(expirationTime, now)) return failure('601A');
  if (expirationTime !== undefined) found.code.expiresAt = expirationTime;
  if (oneTimeUseOnly !== undefined) found.code.oneTimeUse = oneTimeUseOnly;
  return success();
};

/** getTemporaryPasswordAttributes: expiry and one-time use of the code. 6003, 6017 (no code). */
export const getTemporaryPasswordAttributes: Handler<'getTemporaryPasswordAttributes'> = (input, { account, now }) => {
  const found = findTemporaryPassword(account, input.userId, now);
  if ('status' in found) return found;
  return success<'getTemporaryPasswordAttributes'>({
    tempPwdAttributes: { expirationTime: found.code.expiresAt, oneTimeUseOnly: found.code.oneTimeUse },
  });
};

/** The user's active code, or VIP's answer when there is none: 6003 (no user), 6017 (no code set). */
function findTemporaryPassword(
  account: AccountState,
  userId: string,
  now: Date,
): { user: UserRecord; code: TemporaryPassword } | ReturnType<typeof failure> {
  const user = account.user(userId);
  if (user === undefined) return failure('6003');
  const code = activeTemporaryPassword(user, now);
  if (code === undefined) return failure('6017');
  return { user, code };
}
