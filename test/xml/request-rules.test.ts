/**
 * One test per rule of the request writer that the per-field validation table does not reach: shapes (Proxy,
 * arrays where one value belongs, non-objects where an object belongs), the length facets' exact messages, dates
 * outside XML Schema's four-digit years, enumerations, and inputs whose getters throw. Each case names the check
 * that fired and proves nothing was sent.
 */
import { describe, expect, it } from 'vitest';
import { VipValidationError } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import type { VipClient } from 'vip-user-services';

/** Runs `call` on a fresh client and returns its validation error, checking that nothing reached the wire. */
async function refusal(call: (vip: VipClient) => Promise<unknown>): Promise<VipValidationError> {
  const { vip, transport } = fakeClient();
  const error = await call(vip).then(
    () => expect.fail('the call should have been refused'),
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(VipValidationError);
  expect(transport.requests).toHaveLength(0);
  return error as VipValidationError;
}

/** Runs `call` and returns the body it sent. */
async function sentBody(call: (vip: VipClient) => Promise<unknown>): Promise<string> {
  const { vip, transport } = fakeClient();
  await call(vip).catch(() => undefined);
  expect(transport.requests).toHaveLength(1);
  return transport.bodies[0] ?? '';
}

const loose = <T>(value: unknown) => value as T;

describe('shapes', () => {
  it('refuses a Proxy as the input and as a nested object', async () => {
    const input = await refusal((vip) => vip.getUserInfo(new Proxy({ userId: 'alice' }, {})));
    expect(input).toMatchObject({ field: 'input', rule: 'type' });
    expect(input.message).toBe('getUserInfo: input must be a plain object or array, not a Proxy');
    const nested = await refusal((vip) => vip.checkOtp({ userId: 'alice', otpAuthData: new Proxy({ otp: '123456' }, {}) }));
    expect(nested.message).toBe('checkOtp: otpAuthData must be a plain object or array, not a Proxy');
  });

  it('refuses an array where one value belongs', async () => {
    const error = await refusal((vip) => vip.getUserInfo(loose({ userId: ['alice'] })));
    expect(error).toMatchObject({ field: 'userId', rule: 'type' });
    expect(error.message).toBe('getUserInfo: userId takes a single value, not an array');
  });

  it.each([
    ['a Date', new Date()],
    ['a string', '123456'],
  ])('refuses %s where an object belongs', async (_what, value) => {
    const error = await refusal((vip) => vip.checkOtp(loose({ userId: 'alice', otpAuthData: value })));
    expect(error).toMatchObject({ field: 'otpAuthData', rule: 'type' });
    expect(error.message).toBe('checkOtp: otpAuthData must be an object');
  });

  it('refuses an array as an item of a repeated object field', async () => {
    const credential = { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' };
    const error = await refusal((vip) =>
      vip.authenticateCredentials(loose({ credentials: [[credential]], otpAuthData: { otp: '123456' } })),
    );
    expect(error).toMatchObject({ field: 'credentials[0]', rule: 'type' });
    expect(error.message).toBe('authenticateCredentials: credentials[0] must be an object');
  });

  it('says which input property could not be read without keeping what the getter threw', async () => {
    const input = {
      get userId(): string {
        throw new Error('secret-in-getter-4711');
      },
    };
    const error = await refusal((vip) => vip.getUserInfo(input));
    expect(error).toMatchObject({ field: 'input', rule: 'unreadable', operation: 'getUserInfo' });
    expect(error.message).toBe('getUserInfo: the input could not be read (a property getter threw)');
    expect(error.cause).toBeUndefined();
  });
});

describe('length facets', () => {
  it.each([
    ['empty', '', 'minLength', 'userId must be 1 to 128 characters long (got 0)'],
    ['129 characters', 'a'.repeat(129), 'maxLength', 'userId must be 1 to 128 characters long (got 129)'],
    ['129 characters beyond the BMP', '😀'.repeat(129), 'maxLength', 'userId must be 1 to 128 characters long (got 129)'],
  ])('refuses a user ID that is %s', async (_what, userId, rule, message) => {
    const error = await refusal((vip) => vip.getUserInfo({ userId }));
    expect(error).toMatchObject({ field: 'userId', rule });
    expect(error.message).toBe(`getUserInfo: ${message}`);
  });

  it.each(['a', 'a'.repeat(128), '😀'.repeat(128)])('sends a user ID of the allowed length (%#)', async (userId) => {
    expect(await sentBody((vip) => vip.getUserInfo({ userId }))).toContain(`<vip:userId>${userId}</vip:userId>`);
  });

  it('counts an exact length in characters', async () => {
    const short = await refusal((vip) => vip.setTemporaryPassword({ userId: 'alice', temporaryPassword: '12345' }));
    expect(short).toMatchObject({ field: 'temporaryPassword', rule: 'length' });
    expect(short.message).toBe('setTemporaryPassword: temporaryPassword must be exactly 6 characters long (got 5)');
    const long = await refusal((vip) => vip.setTemporaryPassword({ userId: 'alice', temporaryPassword: '1234567' }));
    expect(long.message).toBe('setTemporaryPassword: temporaryPassword must be exactly 6 characters long (got 7)');
  });
});

describe('values', () => {
  it('refuses a value outside an enumeration, listing the allowed ones', async () => {
    const error = await refusal((vip) => vip.updateUser(loose({ userId: 'alice', newUserStatus: 'FROZEN' })));
    expect(error).toMatchObject({ field: 'newUserStatus', rule: 'enumeration' });
    expect(error.message).toBe('updateUser: newUserStatus must be one of ACTIVE, DISABLED, LOCKED');
  });

  const expiring = (expirationTime: Date) => (vip: VipClient) =>
    vip.setTemporaryPassword({ userId: 'alice', temporaryPasswordAttributes: { expirationTime } });

  it.each([
    ['year 0', new Date('0000-06-01T00:00:00Z')],
    ['a year before 0', new Date('-000001-06-01T00:00:00Z')],
    ['year 10000', new Date('+010000-01-01T00:00:00Z')],
  ])('refuses a date in %s, which XML Schema dates cannot carry', async (_what, date) => {
    const error = await refusal(expiring(date));
    expect(error).toMatchObject({ field: 'temporaryPasswordAttributes.expirationTime', rule: 'range' });
    expect(error.message).toBe('setTemporaryPassword: temporaryPasswordAttributes.expirationTime must fall in the years 0001 to 9999');
  });

  it.each([
    ['0001-01-01T00:00:00.000Z', new Date('0001-01-01T00:00:00Z')],
    ['9999-12-31T23:59:59.999Z', new Date('9999-12-31T23:59:59.999Z')],
  ])('sends the edge date %s', async (iso, date) => {
    expect(await sentBody(expiring(date))).toContain(`<vip:expirationTime>${iso}</vip:expirationTime>`);
  });
});
