/** One valid input for each of the 24 operations, for tests that run the same scenario through every operation. */
import type { OperationInputs, OperationName } from 'vip-user-services';

const USER = 'alice@example.com';
const CREDENTIAL = { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' } as const;
const SMS = { smsDeliveryInfo: { phoneNumber: '15555550100' } };
const IN_AN_HOUR = { expirationTime: new Date('2030-01-01T00:00:00Z'), oneTimeUseOnly: true };

export const OPERATION_SAMPLES: { [N in OperationName]: OperationInputs[N] } = {
  authenticateUser: { userId: USER, otpAuthData: { otp: '123456' } },
  authenticateUserWithPush: { userId: USER, pushAuthData: {} },
  authenticateCredentials: { credentials: [CREDENTIAL], otpAuthData: { otp: '123456' } },
  checkOtp: { userId: USER, otpAuthData: { otp: '123456' } },
  evaluateRisk: { UserId: USER, Ip: '198.51.100.7', UserAgent: 'Mozilla/5.0' },
  confirmRisk: { UserId: USER, EventId: '123456789012' },
  denyRisk: { UserId: USER, EventId: '123456789012' },
  createUser: { userId: USER },
  updateUser: { userId: USER, newUserStatus: 'ACTIVE' },
  deleteUser: { userId: USER },
  clearUserPin: { userId: USER },
  addCredential: { userId: USER, credentialDetail: { ...CREDENTIAL, friendlyName: 'Work phone' }, otpAuthData: { otp: '123456' } },
  updateCredential: { userId: USER, ...CREDENTIAL, friendlyName: 'Work phone' },
  removeCredential: { userId: USER, ...CREDENTIAL },
  setTemporaryPassword: { userId: USER, temporaryPasswordAttributes: IN_AN_HOUR, ...SMS },
  clearTemporaryPassword: { userId: USER },
  setTemporaryPasswordAttributes: { userId: USER, temporaryPasswordAttributes: IN_AN_HOUR },
  sendOtp: { userId: USER, ...SMS },
  register: { ...SMS },
  getServerTime: {},
  getUserInfo: { userId: USER },
  getCredentialInfo: { ...CREDENTIAL },
  getTemporaryPasswordAttributes: { userId: USER },
  pollPushStatus: { transactionId: ['2ae68a940ec4236b'] },
};

/** Calls `name` on `vip` with `input`, for tests that loop over operations. */
export function callOperation(
  vip: { [N in OperationName]: (input: never, options?: never) => Promise<unknown> },
  name: OperationName,
  input: object,
  options?: object,
): Promise<unknown> {
  return (vip[name] as (input: object, options?: object) => Promise<unknown>).call(vip, input, options);
}
