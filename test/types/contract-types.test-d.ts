/**
 * Types that follow the contract: fields every successful answer carries are required in the outputs (outright, or
 * in the variant of the status that guarantees them), and inputs may leave out a required element that may be
 * empty. Whether optional inputs accept an explicit `undefined` only shows with `exactOptionalPropertyTypes` on:
 * exact-optional.test.ts checks that.
 */
import { describe, expectTypeOf, it } from 'vitest';
import type {
  AuthenticateCredentialsOutput,
  AuthenticateUserWithPushInput,
  AuthenticateUserWithPushOutput,
  CredentialType,
  EvaluateRiskOutput,
  PollPushStatusOutput,
  PushAuthData,
  PushDetail,
  PushTransactionStatus,
  SetTemporaryPasswordAttributesInput,
  TemporaryPasswordAttributes,
  VipClient,
} from 'vip-user-services';
import type { OperationPlan } from '../../src/core/plan.js';
import { OPERATIONS } from '../../src/generated/operations.js';

declare const vip: VipClient;

describe('outputs', () => {
  it('require the fields every success carries, whatever the status', () => {
    expectTypeOf<EvaluateRiskOutput['EventId']>().toEqualTypeOf<string>();
    expectTypeOf<EvaluateRiskOutput['Risky']>().toEqualTypeOf<boolean>();
    expectTypeOf<PollPushStatusOutput['transactionStatus']>().toEqualTypeOf<PushTransactionStatus[]>();
    expectTypeOf<EvaluateRiskOutput['requestId']>().toEqualTypeOf<string>();
    expectTypeOf<EvaluateRiskOutput['statusMessage']>().toEqualTypeOf<string>();
    // Only guaranteed with some statuses, or never: still optional.
    expectTypeOf<EvaluateRiskOutput['RiskReason']>().toEqualTypeOf<string | undefined>();
  });

  it('narrow to the fields a success status guarantees when the status is checked', async () => {
    const push = await vip.authenticateUserWithPush({ userId: 'alice' });
    expectTypeOf(push.status).toEqualTypeOf<'0000' | '6040'>();
    expectTypeOf(push.transactionId).toEqualTypeOf<string | undefined>();
    if (push.status === '6040') {
      expectTypeOf(push.transactionId).toEqualTypeOf<string>();
      expectTypeOf(push.pushDetail).toEqualTypeOf<PushDetail[]>();
    }

    const byCode = {} as AuthenticateCredentialsOutput;
    if (byCode.status === '0000') {
      expectTypeOf(byCode.credentialId).toEqualTypeOf<string>();
      // The open union intersected with itself is not syntactically CredentialType: check both directions instead.
      expectTypeOf(byCode.credentialType).toExtend<CredentialType>();
      expectTypeOf<undefined>().not.toExtend<typeof byCode.credentialType>();
      expectTypeOf(byCode.transactionId).toEqualTypeOf<string | undefined>();
    } else {
      expectTypeOf(byCode.status).toEqualTypeOf<'6040'>();
      expectTypeOf(byCode.transactionId).toEqualTypeOf<string>();
      expectTypeOf(byCode.credentialId).toEqualTypeOf<string | undefined>();
    }
  });

  it('refuse a status that is not a success of the operation (it would have thrown)', () => {
    const push = {} as AuthenticateUserWithPushOutput;
    // @ts-expect-error: 6009 throws AuthenticationFailedError, it never comes back as a result
    void (push.status === '6009');
  });
});

describe('inputs', () => {
  it('make a required element that may be empty optional; the client sends it empty', () => {
    expectTypeOf<{ userId: string }>().toExtend<AuthenticateUserWithPushInput>();
    expectTypeOf<AuthenticateUserWithPushInput['pushAuthData']>().toEqualTypeOf<PushAuthData | undefined>();
    expectTypeOf<{ userId: string }>().toExtend<SetTemporaryPasswordAttributesInput>();
    expectTypeOf<SetTemporaryPasswordAttributesInput['temporaryPasswordAttributes']>().toEqualTypeOf<
      TemporaryPasswordAttributes | undefined
    >();
  });

  it('keep real requirements required', () => {
    // @ts-expect-error: userId is required
    void vip.authenticateUserWithPush({});
    // @ts-expect-error: a code check still needs its otpAuthData (the type has a required otp)
    void vip.checkOtp({ userId: 'alice' });
  });
});

describe('plans', () => {
  it('type each OPERATIONS entry with its own name and list what each success status carries', () => {
    expectTypeOf(OPERATIONS.pollPushStatus.name).toEqualTypeOf<'pollPushStatus'>();
    expectTypeOf(OPERATIONS.pollPushStatus).toExtend<OperationPlan>();
    expectTypeOf<OperationPlan['presentOnSuccess']>().toEqualTypeOf<Readonly<Record<string, readonly string[]>>>();
  });
});
