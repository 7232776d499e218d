/**
 * Compile-time contract of the client: method inputs and outputs, open versus closed enumerations, choices, and the
 * mistakes the types must refuse (each `@ts-expect-error` fails the typecheck if the line ever compiles).
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  VipClient,
  AuthenticateCredentialsOutput,
  AuthenticateUserInput,
  AuthenticateUserOutput,
  AuthenticateUserWithPushOutput,
  CredentialBindingDetail,
  CredentialType,
  EvaluateRiskOutput,
  GetServerTimeOutput,
  GetUserInfoOutput,
  PollPushStatusOutput,
  PushAttribute,
  PushTransactionStatus,
  RegisterInput,
  SetTemporaryPasswordInput,
  TokenId,
  UpdateUserInput,
  UserStatus,
  VipCallOptions,
} from 'vip-user-services';

declare const vip: VipClient;

describe('method signatures', () => {
  it('return the operation output types', () => {
    expectTypeOf(vip.authenticateUser).parameter(0).toEqualTypeOf<AuthenticateUserInput>();
    expectTypeOf(vip.authenticateUser).parameter(1).toEqualTypeOf<VipCallOptions | undefined>();
    expectTypeOf(vip.authenticateUser).returns.toEqualTypeOf<Promise<AuthenticateUserOutput>>();
    expectTypeOf(vip.authenticateUserWithPush).returns.toEqualTypeOf<Promise<AuthenticateUserWithPushOutput>>();
    expectTypeOf(vip.authenticateCredentials).returns.toEqualTypeOf<Promise<AuthenticateCredentialsOutput>>();
    expectTypeOf(vip.evaluateRisk).returns.toEqualTypeOf<Promise<EvaluateRiskOutput>>();
    expectTypeOf(vip.getUserInfo).returns.toEqualTypeOf<Promise<GetUserInfoOutput>>();
    expectTypeOf(vip.getServerTime).returns.toEqualTypeOf<Promise<GetServerTimeOutput>>();
    expectTypeOf(vip.pollPushStatus).returns.toEqualTypeOf<Promise<PollPushStatusOutput>>();
  });

  it('type output fields as strings, numbers, booleans, Dates and arrays', () => {
    expectTypeOf<AuthenticateUserOutput['status']>().toEqualTypeOf<string>();
    expectTypeOf<AuthenticateUserOutput['requestId']>().toEqualTypeOf<string>();
    expectTypeOf<AuthenticateUserOutput['detail']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AuthenticateUserOutput['isPinExpired']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<AuthenticateUserOutput['pinExpirationTime']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<GetUserInfoOutput['userCreationTime']>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<GetUserInfoOutput['numBindings']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<GetUserInfoOutput['credentialBindingDetail']>().toEqualTypeOf<CredentialBindingDetail[] | undefined>();
    expectTypeOf<GetUserInfoOutput['userStatus']>().toEqualTypeOf<UserStatus | undefined>();
    expectTypeOf<CredentialBindingDetail['bindingDetail']['lastBindTime']>().toEqualTypeOf<Date>();
    expectTypeOf<CredentialBindingDetail['pushAttributes']>().toEqualTypeOf<PushAttribute[] | undefined>();
    expectTypeOf<NonNullable<CredentialBindingDetail['tokenInfo']>['TokenId']>().toEqualTypeOf<TokenId>();
    expectTypeOf<EvaluateRiskOutput['Risky']>().toEqualTypeOf<boolean>();
    expectTypeOf<EvaluateRiskOutput['RiskScore']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<PollPushStatusOutput['transactionStatus']>().toEqualTypeOf<PushTransactionStatus[]>();
    expectTypeOf<PushTransactionStatus['status']>().toEqualTypeOf<string>();
    expectTypeOf<AuthenticateUserWithPushOutput['pushDetail']>().toEqualTypeOf<
      { pushCredentialId: string; pushSent: boolean }[] | undefined
    >();
  });

  it('take the base fields from the call options, not the input', () => {
    expectTypeOf<VipCallOptions>().toHaveProperty('requestId');
    expectTypeOf<VipCallOptions>().toHaveProperty('onBehalfOfAccountId');
    expectTypeOf<VipCallOptions['signal']>().toEqualTypeOf<AbortSignal | undefined>();
    expectTypeOf<AuthenticateUserInput>().not.toHaveProperty('requestId');
    expectTypeOf<AuthenticateUserInput>().not.toHaveProperty('onBehalfOfAccountId');
  });
});

describe('enumerations', () => {
  it('keep CredentialType open to values later VIP releases add', () => {
    expectTypeOf<'STANDARD_OTP'>().toExtend<CredentialType>();
    expectTypeOf<'SECURITY_KEY'>().toExtend<CredentialType>();
    expectTypeOf<string>().toExtend<CredentialType>();
  });

  it('keep UserStatus closed', () => {
    expectTypeOf<UserStatus>().toEqualTypeOf<'ACTIVE' | 'DISABLED' | 'LOCKED'>();
    expectTypeOf<'ENABLED'>().not.toExtend<UserStatus>();
    expectTypeOf<string>().not.toExtend<UserStatus>();
  });
});

describe('inputs the types accept', () => {
  it('accept realistic calls', () => {
    void vip.authenticateUser(
      { userId: 'alice', otpAuthData: { otp: '123456' } },
      { requestId: 'REQ_0001', onBehalfOfAccountId: 'Child01' },
    );
    void vip.getCredentialInfo({ credentialId: 'FIDO0001', credentialType: 'SECURITY_KEY' });
    void vip.updateUser({ userId: 'alice', newUserStatus: 'ACTIVE' });
    void vip.register({ voiceDeliveryInfo: { phoneNumber: '15555550100', Language: 'en-us' } });
    void vip.sendOtp({ userId: 'alice' });
    void vip.setTemporaryPassword({ userId: 'alice', temporaryPasswordAttributes: { expirationTime: new Date(), oneTimeUseOnly: true } });
    void vip.authenticateCredentials({ credentials: [{ credentialId: 'VSMB1111', credentialType: 'STANDARD_OTP' }], pushAuthData: {} });
    void vip.pollPushStatus({ transactionId: ['2ae68a940ec4236b'] });
    void vip.getServerTime({});
  });

  it('model choices as unions of exclusive members', () => {
    expectTypeOf<{ smsDeliveryInfo: { phoneNumber: string } }>().toExtend<RegisterInput>();
    expectTypeOf<{ smsDeliveryInfo: { phoneNumber: string }; voiceDeliveryInfo: { phoneNumber: string } }>().not.toExtend<RegisterInput>();
    expectTypeOf<{ userId: string }>().toExtend<SetTemporaryPasswordInput>();
    expectTypeOf<{ userId: string; newUserStatus: 'ENABLED' }>().not.toExtend<UpdateUserInput>();
  });
});

describe('mistakes the types refuse', () => {
  it('refuse wrong names, missing fields, wrong value types, double choices, enum typos and base fields', () => {
    // @ts-expect-error: the field is userId, not userID
    void vip.getUserInfo({ userID: 'alice' });
    // @ts-expect-error: userId is required
    void vip.deleteUser({});
    // @ts-expect-error: otp is required inside otpAuthData
    void vip.checkOtp({ userId: 'alice', otpAuthData: {} });
    // @ts-expect-error: userId is a string
    void vip.getUserInfo({ userId: 42 });
    // @ts-expect-error: includeTokenInfo is a boolean
    void vip.getUserInfo({ userId: 'alice', includeTokenInfo: 'true' });
    // @ts-expect-error: expirationTime is a Date
    void vip.setTemporaryPasswordAttributes({ userId: 'alice', temporaryPasswordAttributes: { expirationTime: '2027-01-01T00:00:00Z' } });
    // @ts-expect-error: register takes exactly one delivery info
    void vip.register({ smsDeliveryInfo: { phoneNumber: '15555550100' }, voiceDeliveryInfo: { phoneNumber: '15555550100' } });
    // @ts-expect-error: register needs one delivery info
    void vip.register({});
    // @ts-expect-error: authenticateCredentials takes a code or a push, not both
    void vip.authenticateCredentials({ credentials: [], otpAuthData: { otp: '123456' }, pushAuthData: {} });
    // @ts-expect-error: ENABLED is not a user status (ACTIVE is)
    void vip.updateUser({ userId: 'alice', newUserStatus: 'ENABLED' });
    // @ts-expect-error: requestId belongs in the call options
    void vip.getUserInfo({ userId: 'alice', requestId: 'REQ_0001' });
    // @ts-expect-error: onBehalfOfAccountId belongs in the call options
    void vip.getUserInfo({ userId: 'alice', onBehalfOfAccountId: 'Child01' });
    // @ts-expect-error: transactionId is a list
    void vip.pollPushStatus({ transactionId: '2ae68a940ec4236b' });
    // @ts-expect-error: unknown call option
    void vip.getServerTime({}, { requestID: 'REQ_0001' });
  });

  it('refuse reading a field the output does not have', () => {
    const output = {} as GetUserInfoOutput;
    // @ts-expect-error: outputs have no credentials field (it is credentialBindingDetail)
    void output.credentials;
  });
});
