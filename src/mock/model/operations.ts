/** Every operation's handler, by operation name: the mock's complete behaviour table. */
import type { OperationName } from '../../generated/operations.js';
import { authenticateCredentials, authenticateUser, checkOtp } from './authentication.js';
import { addCredential, getCredentialInfo, removeCredential, updateCredential } from './credentials.js';
import { type Handler, success } from './outcome.js';
import { register, sendOtp } from './phone-credentials.js';
import { authenticateUserWithPush, pollPushStatus } from './push.js';
import { confirmRisk, denyRisk, evaluateRisk } from './risk.js';
import {
  clearTemporaryPassword,
  getTemporaryPasswordAttributes,
  setTemporaryPassword,
  setTemporaryPasswordAttributes,
} from './temporary-passwords.js';
import { clearUserPin, createUser, deleteUser, getUserInfo, updateUser } from './users.js';

/** getServerTime: the mock's clock. */
const getServerTime: Handler<'getServerTime'> = (_input, { now }) => success<'getServerTime'>({ timestamp: now });

/** The handler of each of the 24 operations. */
export const HANDLERS: { readonly [N in OperationName]: Handler<N> } = {
  authenticateUser,
  authenticateUserWithPush,
  authenticateCredentials,
  checkOtp,
  evaluateRisk,
  confirmRisk,
  denyRisk,
  createUser,
  updateUser,
  deleteUser,
  clearUserPin,
  addCredential,
  updateCredential,
  removeCredential,
  setTemporaryPassword,
  clearTemporaryPassword,
  setTemporaryPasswordAttributes,
  sendOtp,
  register,
  getServerTime,
  getUserInfo,
  getCredentialInfo,
  getTemporaryPasswordAttributes,
  pollPushStatus,
};
