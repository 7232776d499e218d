/** Compile-time view of API 1.10: its fields are typed like the others, and its values join the open unions. */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AuthenticateCredentialsOutput,
  AuthenticateUserWithPushOutput,
  CredentialStatusChange,
  CredentialType,
  EvaluateRiskInput,
  GetCredentialInfoOutput,
  GetUserInfoInput,
  GetUserInfoOutput,
  PushAttributeKey,
  ResponseControl,
  SupportedApiVersion,
  UpdateCredentialInput,
  VipClientOptions,
} from 'vip-user-services';

describe('API 1.10 types', () => {
  it('offer 1.10 as an API version', () => {
    expectTypeOf<SupportedApiVersion>().toEqualTypeOf<'1.7' | '1.8' | '1.10'>();
    const options: VipClientOptions = { apiVersion: '1.10' };
    expectTypeOf(options).toMatchTypeOf<VipClientOptions>();
  });

  it('type the number challenge as an optional string on both push answers', () => {
    expectTypeOf<AuthenticateUserWithPushOutput['numbersChallengeValue']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<AuthenticateCredentialsOutput['numbersChallengeValue']>().toEqualTypeOf<string | undefined>();
  });

  it('type the query fields', () => {
    expectTypeOf<GetUserInfoInput['fidoInfo']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GetUserInfoInput['includePushEncryptKey']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GetUserInfoOutput['isPinExpired']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GetCredentialInfoOutput['SupportPushEncryption']>().toEqualTypeOf<boolean | undefined>();
    expectTypeOf<GetCredentialInfoOutput['publicKeys']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<EvaluateRiskInput['ResponseControl']>().toEqualTypeOf<ResponseControl | undefined>();
  });

  it('close the credential status an update may set', () => {
    expectTypeOf<UpdateCredentialInput['credentialStatus']>().toEqualTypeOf<CredentialStatusChange | undefined>();
    expectTypeOf<CredentialStatusChange>().toEqualTypeOf<'ENABLED' | 'DISABLED'>();
    const input: UpdateCredentialInput = {
      userId: 'alice',
      credentialId: 'VSMT12345678',
      credentialType: 'STANDARD_OTP',
      friendlyName: 'Phone',
      // @ts-expect-error: only ENABLED or DISABLED can be set
      credentialStatus: 'LOCKED',
    };
    expectTypeOf(input).toMatchTypeOf<UpdateCredentialInput>();
  });

  it('list the 1.10 values in the open unions', () => {
    expectTypeOf<'EMAIL_OTP' | 'BIOMETRIC' | 'SECURITY_KEY'>().toMatchTypeOf<CredentialType>();
    expectTypeOf<'PUSH_ENCRYPTION_ENABLED' | 'PUSH_ENABLED'>().toMatchTypeOf<PushAttributeKey>();
    expectTypeOf<'SOMETHING_NEWER'>().toMatchTypeOf<PushAttributeKey>();
  });
});
