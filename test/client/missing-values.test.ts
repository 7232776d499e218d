/**
 * Required values as users actually get them wrong: a value that is `undefined` or `null` where a required one
 * belongs (an unset variable, `process.env.X`) is named as such, unlike a field that was simply left out.
 */
import { describe, expect, it } from 'vitest';
import { type VipClient, VipValidationError } from 'vip-user-services';
import { fakeClient } from './fake-transport.js';

// The inputs below break the static types on purpose, as untyped callers do; `loose` lets them through.
const loose = <T>(value: unknown): T => value as T;

interface MissingCase {
  title: string;
  call: (vip: VipClient) => Promise<unknown>;
  field: string;
  message: string;
}

const CASES: MissingCase[] = [
  {
    title: 'an undefined transaction id in the list',
    call: (vip) => vip.pollPushStatus({ transactionId: loose([undefined]) }),
    field: 'transactionId[0]',
    message: 'transactionId[0] is required (got undefined)',
  },
  {
    title: 'a null transaction id after a valid one',
    call: (vip) => vip.pollPushStatus({ transactionId: loose(['2ae68a940ec4236b', null]) }),
    field: 'transactionId[1]',
    message: 'transactionId[1] is required (got null)',
  },
  {
    title: 'a hole in the list',
    // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the case
    call: (vip) => vip.pollPushStatus({ transactionId: loose([, '2ae68a940ec4236b']) }),
    field: 'transactionId[0]',
    message: 'transactionId[0] is required (got an empty array slot)',
  },
  {
    title: 'an undefined user id',
    call: (vip) => vip.getUserInfo({ userId: loose(undefined) }),
    field: 'userId',
    message: 'userId is required (got undefined)',
  },
  {
    title: 'a null user id',
    call: (vip) => vip.deleteUser({ userId: loose(null) }),
    field: 'userId',
    message: 'userId is required (got null)',
  },
  {
    title: 'a user id left out',
    call: (vip) => vip.deleteUser(loose({})),
    field: 'userId',
    message: 'userId is required',
  },
  {
    title: 'an undefined code inside otpAuthData',
    call: (vip) => vip.checkOtp({ userId: 'alice', otpAuthData: { otp: loose(undefined) } }),
    field: 'otpAuthData.otp',
    message: 'otpAuthData.otp is required (got undefined)',
  },
  {
    title: 'an undefined credential in the list',
    call: (vip) => vip.authenticateCredentials({ credentials: loose([undefined]), otpAuthData: { otp: '123456' } }),
    field: 'credentials[0]',
    message: 'credentials[0] is required (got undefined)',
  },
];

describe.each(CASES)('$title', ({ call, field, message }) => {
  it(`fails with "${message}" (rule required) and sends nothing`, async () => {
    const { vip, transport } = fakeClient();
    const error = await call(vip).then(
      () => expect.unreachable('the call should have been rejected'),
      (rejected: unknown) => rejected,
    );
    expect(error).toBeInstanceOf(VipValidationError);
    expect(error).toMatchObject({ field, rule: 'required' });
    // The message ends with the field's own wording: nothing about types for a value that is simply missing.
    expect((error as Error).message).toMatch(new RegExp(`: ${message.replace(/[[\]().]/g, '\\$&')}$`));
    expect(transport.requests).toHaveLength(0);
  });
});
