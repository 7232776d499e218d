import { describe, expectTypeOf, it } from 'vitest';
import {
  type CredentialRevokedError,
  type PushDeniedError,
  type UserError,
  VipStatus,
  errorClassForStatus,
  type ServiceErrorCategory,
  type VipStatusCode,
} from '../../src/errors/index.js';

describe('status code types', () => {
  it('gives VipStatus literal code types', () => {
    expectTypeOf(VipStatus.CredentialRevoked).toEqualTypeOf<'600F'>();
    expectTypeOf(VipStatus.Success).toEqualTypeOf<'0000'>();
    expectTypeOf(VipStatus.PushInProgress).toEqualTypeOf<'7001'>();
    expectTypeOf<VipStatusCode>().toExtend<string>();
    expectTypeOf<'600F'>().toExtend<VipStatusCode>();
    // @ts-expect-error: only documented names exist
    void VipStatus.NotARealStatus;
  });

  it('exposes the code and category of each class statically', () => {
    expectTypeOf<typeof CredentialRevokedError.code>().toEqualTypeOf<'600F'>();
    expectTypeOf<typeof UserError.category>().toEqualTypeOf<'UserError'>();
    expectTypeOf<typeof CredentialRevokedError.category>().toEqualTypeOf<'CredentialError'>();
    type ClassStatics = { readonly code: VipStatusCode; readonly category: ServiceErrorCategory };
    expectTypeOf(errorClassForStatus('600F')).toExtend<ClassStatics | undefined>();
  });

  it('types the transaction ID on push outcomes only', () => {
    expectTypeOf<PushDeniedError['transactionId']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CredentialRevokedError>().not.toHaveProperty('transactionId');
  });
});
