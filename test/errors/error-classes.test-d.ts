import { describe, expectTypeOf, it } from 'vitest';
import type * as vip from 'vip-user-services';
import { CredentialRevokedError, PushDeniedError, VipServiceError, VipStatus, type VipStatusName } from 'vip-user-services';

type Exports = typeof vip;
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
/** The VipStatus names that have a class `${name}Error`. */
type ErrorName = { [Name in VipStatusName]: `${Name}Error` extends keyof Exports ? Name : never }[VipStatusName];
type ClassOf<Name extends ErrorName> = Exports[`${Name}Error` & keyof Exports];
type InstanceField<Class, Field extends string> = Class extends abstract new (
  ...args: never
) => infer Instance
  ? Field extends keyof Instance
    ? Instance[Field]
    : never
  : never;

describe('per-code error classes', () => {
  it('narrow code to its literal and the guidance to string', () => {
    const error = new CredentialRevokedError({ status: '600F', statusMessage: 'Credential is revoked.' });
    expectTypeOf(error.code).toEqualTypeOf<'600F'>();
    expectTypeOf(error.solution).toEqualTypeOf<string>();
    expectTypeOf(error.documentedMessage).toEqualTypeOf<string>();
    expectTypeOf(error.documentedCause).toEqualTypeOf<string>();
    expectTypeOf<typeof CredentialRevokedError.code>().toEqualTypeOf<'600F'>();
    expectTypeOf(VipStatus.CredentialRevoked).toEqualTypeOf<typeof CredentialRevokedError.code>();
    expectTypeOf(new PushDeniedError({ status: '7002', statusMessage: '' }).code).toEqualTypeOf<'7002'>();
  });

  it('leave VipServiceError, which also stands for undocumented codes, with string and undefined', () => {
    const error = new VipServiceError({ status: '6ABC', statusMessage: 'Something new.' });
    expectTypeOf(error.code).toEqualTypeOf<string>();
    expectTypeOf(error.solution).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.documentedMessage).toEqualTypeOf<string | undefined>();
    expectTypeOf(error.documentedCause).toEqualTypeOf<string | undefined>();
  });

  it('exist for every VipStatus name except the five codes that are not errors', () => {
    expectTypeOf<Exclude<VipStatusName, ErrorName>>().toEqualTypeOf<
      'Success' | 'PushSent' | 'PushApproved' | 'PushInProgress' | 'NumberChallengePending'
    >();
  });

  it('carry, statically and on instances, exactly the code VipStatus gives their name', () => {
    type Mismatched = {
      [Name in ErrorName]: Equal<ClassOf<Name>['code'], (typeof VipStatus)[Name]> extends true
        ? Equal<InstanceField<ClassOf<Name>, 'code'>, (typeof VipStatus)[Name]> extends true
          ? Equal<InstanceField<ClassOf<Name>, 'solution'>, string> extends true
            ? never
            : Name
          : Name
        : Name;
    }[ErrorName];
    expectTypeOf<Mismatched>().toEqualTypeOf<never>();
  });
});
