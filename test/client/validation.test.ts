/**
 * Local validation: every contract rule rejects with a `VipValidationError` naming the field and the rule, before
 * anything is sent; values XML 1.0 can carry are accepted and escaped; secrets never reach the error.
 */
import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import { InvalidFriendlyNameError, VipValidationError, type VipClient } from 'vip-user-services';
import { requestEnvelope, vipResponse } from '../helpers/soap-fixtures.js';
import { fakeClient } from './fake-transport.js';

interface RejectionCase {
  title: string;
  call: (vip: VipClient) => Promise<unknown>;
  field: string;
  rule: string;
}

const OTP = { otp: '123456' };
const SMS = { phoneNumber: '15555550100' };
const VOICE = { phoneNumber: '15555550100' };
const CREDENTIAL = { credentialId: 'VSST26824187', credentialType: 'STANDARD_OTP' };
const ANY_FIELDS = (n: number) => Array.from({ length: n }, (_, i) => ({ Key: `k${i}`, Value: `v${i}` }));
// The inputs below break the static types on purpose; `loose` lets them through to the runtime checks.
const loose = <T>(value: unknown): T => value as T;

const CASES: RejectionCase[] = [
  // Required fields, top level and nested.
  { title: 'missing userId', call: (vip) => vip.authenticateUser(loose({ otpAuthData: OTP })), field: 'userId', rule: 'required' },
  { title: 'null userId', call: (vip) => vip.deleteUser(loose({ userId: null })), field: 'userId', rule: 'required' },
  {
    title: 'missing nested otp',
    call: (vip) => vip.checkOtp(loose({ userId: 'alice', otpAuthData: {} })),
    field: 'otpAuthData.otp',
    rule: 'required',
  },
  {
    title: 'missing required complex field',
    call: (vip) => vip.addCredential(loose({ userId: 'alice' })),
    field: 'credentialDetail',
    rule: 'required',
  },
  {
    title: 'missing credentialType in the second credential',
    call: (vip) => vip.authenticateCredentials(loose({ credentials: [CREDENTIAL, { credentialId: 'VSST00000001' }], otpAuthData: OTP })),
    field: 'credentials[1].credentialType',
    rule: 'required',
  },
  {
    title: 'missing Value in a nested key/value pair',
    call: (vip) =>
      vip.authenticateUserWithPush(loose({ userId: 'alice', pushAuthData: { displayParameters: [{ Key: 'display.message.text' }] } })),
    field: 'pushAuthData.displayParameters[0].Value',
    rule: 'required',
  },
  { title: 'empty transactionId list', call: (vip) => vip.pollPushStatus({ transactionId: [] }), field: 'transactionId', rule: 'required' },
  {
    title: 'missing phoneNumber in smsDeliveryInfo',
    call: (vip) => vip.register(loose({ smsDeliveryInfo: {} })),
    field: 'smsDeliveryInfo.phoneNumber',
    rule: 'required',
  },

  // Lengths and patterns.
  { title: 'userId of 129 characters', call: (vip) => vip.getUserInfo({ userId: 'u'.repeat(129) }), field: 'userId', rule: 'maxLength' },
  { title: 'empty userId', call: (vip) => vip.getUserInfo({ userId: '' }), field: 'userId', rule: 'minLength' },
  {
    title: 'userId of 128 emoji counts code points, not UTF-16 units (129 is too long)',
    call: (vip) => vip.getUserInfo({ userId: '😀'.repeat(129) }),
    field: 'userId',
    rule: 'maxLength',
  },
  {
    title: 'credentialId of 3 characters',
    call: (vip) => vip.getCredentialInfo({ credentialId: 'VSS', credentialType: 'STANDARD_OTP' }),
    field: 'credentialId',
    rule: 'minLength',
  },
  {
    title: 'credentialId of 101 characters',
    call: (vip) => vip.getCredentialInfo({ credentialId: 'V'.repeat(101), credentialType: 'STANDARD_OTP' }),
    field: 'credentialId',
    rule: 'maxLength',
  },
  {
    title: 'credentialId with a dash',
    call: (vip) => vip.removeCredential({ userId: 'alice', credentialId: 'VSST-2682', credentialType: 'STANDARD_OTP' }),
    field: 'credentialId',
    rule: 'pattern',
  },
  {
    title: 'nested credentialId with a space',
    call: (vip) => vip.addCredential({ userId: 'alice', credentialDetail: { credentialId: 'VSST 2682', credentialType: 'STANDARD_OTP' } }),
    field: 'credentialDetail.credentialId',
    rule: 'pattern',
  },
  {
    title: 'OTP of 5 characters',
    call: (vip) => vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '12345' } }),
    field: 'otpAuthData.otp',
    rule: 'minLength',
  },
  {
    title: 'OTP of 11 characters',
    call: (vip) => vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '12345678901' } }),
    field: 'otpAuthData.otp',
    rule: 'maxLength',
  },
  {
    title: 'OTP with a non-alphanumeric character',
    call: (vip) => vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123-45' } }),
    field: 'otpAuthData.otp',
    rule: 'pattern',
  },
  {
    title: 'second OTP too short',
    call: (vip) => vip.addCredential({ userId: 'alice', credentialDetail: CREDENTIAL, otpAuthData: { otp: '123456', otp2: '12' } }),
    field: 'otpAuthData.otp2',
    rule: 'minLength',
  },
  { title: 'PIN of 3 characters', call: (vip) => vip.createUser({ userId: 'alice', pin: '123' }), field: 'pin', rule: 'minLength' },
  {
    title: 'temporary password of 5 digits',
    call: (vip) => vip.setTemporaryPassword({ userId: 'alice', temporaryPassword: '12345' }),
    field: 'temporaryPassword',
    rule: 'length',
  },
  {
    title: 'temporary password of 7 digits',
    call: (vip) => vip.setTemporaryPassword({ userId: 'alice', temporaryPassword: '1234567' }),
    field: 'temporaryPassword',
    rule: 'length',
  },
  {
    title: 'temporary password with a letter',
    call: (vip) => vip.setTemporaryPassword({ userId: 'alice', temporaryPassword: '12345a' }),
    field: 'temporaryPassword',
    rule: 'pattern',
  },
  ...[
    ['4 digits', '1234'],
    ['21 digits', '1'.repeat(21)],
    ['a leading +', '+15555550100'],
    ['spaces', '1 555 555 0100'],
    ['an empty extension', '15555550100x'],
    ['an extension of 21 characters', `15555550100x${'1'.repeat(21)}`],
    ['a letter in the extension', '15555550100x12a'],
    ['an upper-case X', '15555550100X12'],
  ].map(
    ([what, phoneNumber]): RejectionCase => ({
      title: `phone number with ${what}`,
      call: (vip) => vip.sendOtp({ userId: 'alice', smsDeliveryInfo: { phoneNumber: phoneNumber as string } }),
      field: 'smsDeliveryInfo.phoneNumber',
      rule: 'pattern',
    }),
  ),
  {
    title: 'voice phone number with a dash',
    call: (vip) => vip.register({ voiceDeliveryInfo: { phoneNumber: '555-0100' } }),
    field: 'voiceDeliveryInfo.phoneNumber',
    rule: 'pattern',
  },
  {
    title: 'empty friendly name',
    call: (vip) =>
      vip.updateCredential({ userId: 'alice', credentialId: 'VSST26824187', credentialType: 'STANDARD_OTP', friendlyName: '' }),
    field: 'friendlyName',
    rule: 'minLength',
  },
  {
    title: 'friendly name of 126 characters',
    call: (vip) => vip.denyRisk({ UserId: 'alice', EventId: '123', FriendlyName: 'n'.repeat(126) }),
    field: 'FriendlyName',
    rule: 'maxLength',
  },
  {
    title: 'IPv6 address for Ip',
    call: (vip) => vip.evaluateRisk({ UserId: 'alice', Ip: '2001:db8::1', UserAgent: 'ua' }),
    field: 'Ip',
    rule: 'pattern',
  },
  {
    title: 'Ip octet over 255',
    call: (vip) => vip.evaluateRisk({ UserId: 'alice', Ip: '10.0.0.256', UserAgent: 'ua' }),
    field: 'Ip',
    rule: 'pattern',
  },
  {
    title: 'EventId with a letter',
    call: (vip) => vip.confirmRisk({ UserId: 'alice', EventId: '12a' }),
    field: 'EventId',
    rule: 'pattern',
  },
  {
    title: 'transactionId of 17 characters',
    call: (vip) => vip.pollPushStatus({ transactionId: ['a'.repeat(17)] }),
    field: 'transactionId[0]',
    rule: 'maxLength',
  },
  {
    title: 'key/value Value of 251 characters',
    call: (vip) => vip.confirmRisk({ UserId: 'alice', EventId: '1', KeyValuePairs: [{ Key: 'k', Value: 'v'.repeat(251) }] }),
    field: 'KeyValuePairs[0].Value',
    rule: 'maxLength',
  },

  // Closed enumerations.
  {
    title: 'newUserStatus ENABLED (not in the enum)',
    call: (vip) => vip.updateUser(loose({ userId: 'alice', newUserStatus: 'ENABLED' })),
    field: 'newUserStatus',
    rule: 'enumeration',
  },
  {
    title: 'newUserStatus in lower case',
    call: (vip) => vip.updateUser(loose({ userId: 'alice', newUserStatus: 'active' })),
    field: 'newUserStatus',
    rule: 'enumeration',
  },

  // Value types.
  { title: 'a number for userId', call: (vip) => vip.getUserInfo(loose({ userId: 42 })), field: 'userId', rule: 'type' },
  {
    title: 'a string for a boolean',
    call: (vip) => vip.getUserInfo(loose({ userId: 'alice', includeTokenInfo: 'true' })),
    field: 'includeTokenInfo',
    rule: 'type',
  },
  {
    title: 'a number for a boolean',
    call: (vip) => vip.createUser(loose({ userId: 'alice', forcePinChange: 1 })),
    field: 'forcePinChange',
    rule: 'type',
  },
  {
    title: 'a string for a Date',
    call: (vip) =>
      vip.setTemporaryPasswordAttributes(
        loose({ userId: 'alice', temporaryPasswordAttributes: { expirationTime: '2027-01-01T00:00:00Z' } }),
      ),
    field: 'temporaryPasswordAttributes.expirationTime',
    rule: 'type',
  },
  {
    title: 'a number for a Date',
    call: (vip) =>
      vip.setTemporaryPasswordAttributes(loose({ userId: 'alice', temporaryPasswordAttributes: { expirationTime: 1_800_000_000_000 } })),
    field: 'temporaryPasswordAttributes.expirationTime',
    rule: 'type',
  },
  {
    title: 'an invalid Date',
    call: (vip) =>
      vip.setTemporaryPasswordAttributes({ userId: 'alice', temporaryPasswordAttributes: { expirationTime: new Date('not a date') } }),
    field: 'temporaryPasswordAttributes.expirationTime',
    rule: 'type',
  },
  {
    title: 'a string for an object',
    call: (vip) => vip.checkOtp(loose({ userId: 'alice', otpAuthData: '123456' })),
    field: 'otpAuthData',
    rule: 'type',
  },
  {
    title: 'a Date for an object',
    call: (vip) => vip.checkOtp(loose({ userId: 'alice', otpAuthData: new Date() })),
    field: 'otpAuthData',
    rule: 'type',
  },
  {
    title: 'a string for a repeated field',
    call: (vip) => vip.pollPushStatus(loose({ transactionId: '2ae68a940ec4236b' })),
    field: 'transactionId',
    rule: 'type',
  },
  {
    title: 'an array for a single field',
    call: (vip) => vip.checkOtp(loose({ userId: 'alice', otpAuthData: [OTP] })),
    field: 'otpAuthData',
    rule: 'type',
  },
  { title: 'null as the input', call: (vip) => vip.deleteUser(loose(null)), field: 'input', rule: 'type' },
  { title: 'an array as the input', call: (vip) => vip.deleteUser(loose([])), field: 'input', rule: 'type' },

  // maxOccurs.
  {
    title: '21 transactionIds',
    call: (vip) => vip.pollPushStatus({ transactionId: Array.from({ length: 21 }, (_, i) => `txn${i}`) }),
    field: 'transactionId',
    rule: 'maxOccurs',
  },
  {
    title: '6 credentials',
    call: (vip) => vip.authenticateCredentials({ credentials: Array.from({ length: 6 }, () => CREDENTIAL), otpAuthData: OTP }),
    field: 'credentials',
    rule: 'maxOccurs',
  },
  {
    title: '21 display parameters',
    call: (vip) => vip.authenticateUserWithPush({ userId: 'alice', pushAuthData: { displayParameters: ANY_FIELDS(21) } }),
    field: 'pushAuthData.displayParameters',
    rule: 'maxOccurs',
  },

  // Choices.
  {
    title: 'register with no delivery info',
    call: (vip) => vip.register(loose({})),
    field: 'smsDeliveryInfo, voiceDeliveryInfo, serviceOtpDeliveryInfo',
    rule: 'choice',
  },
  {
    title: 'register with two delivery infos',
    call: (vip) => vip.register(loose({ smsDeliveryInfo: SMS, voiceDeliveryInfo: VOICE })),
    field: 'smsDeliveryInfo, voiceDeliveryInfo, serviceOtpDeliveryInfo',
    rule: 'choice',
  },
  {
    title: 'sendOtp with SMS and voice',
    call: (vip) => vip.sendOtp(loose({ userId: 'alice', smsDeliveryInfo: SMS, voiceDeliveryInfo: VOICE })),
    field: 'smsDeliveryInfo, voiceDeliveryInfo',
    rule: 'choice',
  },
  {
    title: 'setTemporaryPassword with SMS and voice',
    call: (vip) => vip.setTemporaryPassword(loose({ userId: 'alice', smsDeliveryInfo: SMS, voiceDeliveryInfo: VOICE })),
    field: 'smsDeliveryInfo, voiceDeliveryInfo',
    rule: 'choice',
  },
  {
    title: 'authenticateCredentials with both OTP and push data',
    call: (vip) => vip.authenticateCredentials(loose({ credentials: [CREDENTIAL], otpAuthData: OTP, pushAuthData: {} })),
    field: 'otpAuthData, pushAuthData',
    rule: 'choice',
  },
  {
    title: 'authenticateCredentials with neither OTP nor push data',
    call: (vip) => vip.authenticateCredentials(loose({ credentials: [CREDENTIAL] })),
    field: 'otpAuthData, pushAuthData',
    rule: 'choice',
  },

  // Unknown names.
  {
    title: 'a typo in a field name (userID)',
    call: (vip) => vip.getUserInfo(loose({ userID: 'alice' })),
    field: 'userID',
    rule: 'unknown',
  },
  {
    title: 'a typo in a nested field name',
    call: (vip) => vip.checkOtp(loose({ userId: 'alice', otpAuthData: { OTP: '123456' } })),
    field: 'otpAuthData.OTP',
    rule: 'unknown',
  },
  {
    title: 'requestId inside the input',
    call: (vip) => vip.getUserInfo(loose({ userId: 'alice', requestId: 'REQ_0001' })),
    field: 'requestId',
    rule: 'unknown',
  },
  {
    title: 'onBehalfOfAccountId inside the input',
    call: (vip) => vip.getUserInfo(loose({ userId: 'alice', onBehalfOfAccountId: 'ChildAcct01' })),
    field: 'onBehalfOfAccountId',
    rule: 'unknown',
  },
  {
    title: 'a field of another operation',
    call: (vip) => vip.deleteUser(loose({ userId: 'alice', pin: '1234' })),
    field: 'pin',
    rule: 'unknown',
  },

  // Characters XML 1.0 cannot carry.
  { title: 'NUL in a string', call: (vip) => vip.getUserInfo({ userId: 'ali\u0000ce' }), field: 'userId', rule: 'xmlChar' },
  { title: 'backspace in a string', call: (vip) => vip.getUserInfo({ userId: 'ali\u0008ce' }), field: 'userId', rule: 'xmlChar' },
  { title: 'a lone high surrogate', call: (vip) => vip.getUserInfo({ userId: 'ali\uD800ce' }), field: 'userId', rule: 'xmlChar' },
  { title: 'a lone low surrogate', call: (vip) => vip.getUserInfo({ userId: '\uDC00alice' }), field: 'userId', rule: 'xmlChar' },
  { title: 'U+FFFF', call: (vip) => vip.getUserInfo({ userId: 'alice\uFFFF' }), field: 'userId', rule: 'xmlChar' },
  {
    title: 'a control character in a nested value',
    call: (vip) => vip.confirmRisk({ UserId: 'alice', EventId: '1', KeyValuePairs: [{ Key: 'k', Value: 'a\u001Fb' }] }),
    field: 'KeyValuePairs[0].Value',
    rule: 'xmlChar',
  },

  // Caller-supplied request IDs and per-call accounts.
  { title: 'requestId of 3 characters', call: (vip) => vip.getServerTime({}, { requestId: 'abc' }), field: 'requestId', rule: 'minLength' },
  { title: 'empty requestId', call: (vip) => vip.getServerTime({}, { requestId: '' }), field: 'requestId', rule: 'minLength' },
  { title: 'requestId with a dash', call: (vip) => vip.getServerTime({}, { requestId: 'req-0001' }), field: 'requestId', rule: 'pattern' },
  {
    title: 'requestId of 41 characters',
    call: (vip) => vip.getServerTime({}, { requestId: 'r'.repeat(41) }),
    field: 'requestId',
    rule: 'maxLength',
  },
  {
    title: 'per-call onBehalfOfAccountId of 2 characters',
    call: (vip) => vip.getServerTime({}, { onBehalfOfAccountId: 'ab' }),
    field: 'onBehalfOfAccountId',
    rule: 'minLength',
  },
  {
    title: 'per-call onBehalfOfAccountId with a dash',
    call: (vip) => vip.getServerTime({}, { onBehalfOfAccountId: 'child-01' }),
    field: 'onBehalfOfAccountId',
    rule: 'pattern',
  },
  {
    title: 'per-call onBehalfOfAccountId of 51 characters',
    call: (vip) => vip.getServerTime({}, { onBehalfOfAccountId: 'a'.repeat(51) }),
    field: 'onBehalfOfAccountId',
    rule: 'maxLength',
  },
];

async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('the call should have been rejected'),
    (error: unknown) => error,
  );
}

/** The client, and the name of the last method called on it (the operation a validation error must name). */
function recordingClient() {
  const { vip, transport } = fakeClient();
  const called: string[] = [];
  const recording = new Proxy(vip, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver);
      if (typeof value !== 'function') return value;
      called.push(String(property));
      return value.bind(target);
    },
  });
  return { vip: recording, transport, called };
}

describe.each(CASES)('rejects $title', ({ call, field, rule }) => {
  it(`with VipValidationError(${field}, ${rule}) naming the operation, and sends nothing`, async () => {
    const { vip, transport, called } = recordingClient();
    const error = await rejection(call(vip));
    expect(error).toBeInstanceOf(VipValidationError);
    expect(error).toMatchObject({ field, rule, operation: called.at(-1) });
    expect((error as Error).message.startsWith(`${called.at(-1)}: `)).toBe(true);
    for (const name of field.split(', ')) expect((error as Error).message).toContain(name.replace(/\[\d+\]$/, ''));
    expect(transport.requests).toHaveLength(0);
  });
});

describe('choice rules say which of their two failures happened', () => {
  it.each([
    [
      'none given where one is required',
      (vip: VipClient) => vip.register(loose({})),
      /: exactly one of smsDeliveryInfo, voiceDeliveryInfo, serviceOtpDeliveryInfo is required$/,
    ],
    [
      'two given where one is required',
      (vip: VipClient) => vip.register(loose({ smsDeliveryInfo: SMS, voiceDeliveryInfo: VOICE })),
      /: exactly one of smsDeliveryInfo, voiceDeliveryInfo, serviceOtpDeliveryInfo is required \(got 2\)$/,
    ],
    [
      'two given where at most one may be',
      (vip: VipClient) => vip.sendOtp(loose({ userId: 'alice', smsDeliveryInfo: SMS, voiceDeliveryInfo: VOICE })),
      /: at most one of smsDeliveryInfo, voiceDeliveryInfo may be given \(got 2\)$/,
    ],
  ])('%s', async (_title, call, message) => {
    const { vip } = fakeClient();
    const error = await rejection(call(vip));
    expect((error as Error).message).toMatch(message);
  });

  it('accepts none where at most one may be given', async () => {
    const { vip, transport } = fakeClient();
    await vip.sendOtp(loose({ userId: 'alice' })).catch(() => undefined);
    expect(transport.requests).toHaveLength(1);
  });
});

describe('accepted values', () => {
  it('sends tab, line feed and emoji as they are and carriage return as &#13;', async () => {
    const { vip, transport } = fakeClient();
    await vip.getUserInfo({ userId: 'a\tb\nc😀d\re' }, { requestId: 'CHARS_0001' });
    expect(transport.bodies[0]).toBe(
      requestEnvelope(
        '<vip:GetUserInfoRequest><vip:requestId>CHARS_0001</vip:requestId><vip:userId>a\tb\nc😀d&#13;e</vip:userId></vip:GetUserInfoRequest>',
      ),
    );
  });

  it('accepts the boundary lengths (128-character userId, 6- and 10-character OTPs, 40-character requestId)', async () => {
    const { vip, transport } = fakeClient();
    await vip.authenticateUser(
      { userId: 'u'.repeat(128), otpAuthData: { otp: '123456', otp2: 'ABCDEFGH12' } },
      { requestId: 'r'.repeat(40) },
    );
    await vip.getUserInfo({ userId: '😀'.repeat(128) }, { requestId: 'EMOJI_128' });
    expect(transport.requests).toHaveLength(2);
  });

  it('accepts phone numbers with an extension of pause and key characters', async () => {
    const { vip, transport } = fakeClient();
    await vip.sendOtp({ userId: 'alice', voiceDeliveryInfo: { phoneNumber: '15555550100x1,2.#*' } });
    await vip.sendOtp({ userId: 'alice', smsDeliveryInfo: { phoneNumber: '12345678901234567890' } });
    expect(transport.bodies[0]).toContain('<vip:phoneNumber>15555550100x1,2.#*</vip:phoneNumber>');
    expect(transport.bodies[1]).toContain('<vip:phoneNumber>12345678901234567890</vip:phoneNumber>');
  });

  it('accepts credential IDs with , # . * and requestIds with underscores', async () => {
    const { vip, transport } = fakeClient();
    await vip.getCredentialInfo({ credentialId: 'A,B#C.D*', credentialType: 'SMS_OTP' }, { requestId: 'req_0001_x' });
    expect(transport.bodies[0]).toContain('<vip:credentialId>A,B#C.D*</vip:credentialId>');
  });

  it('accepts credential types the 1.8 contract does not list (the type is open)', async () => {
    const { vip, transport } = fakeClient();
    await vip.getCredentialInfo({ credentialId: 'FIDO0001', credentialType: 'SECURITY_KEY' });
    expect(transport.bodies[0]).toContain('<vip:credentialType>SECURITY_KEY</vip:credentialType>');
  });
});

/*
 * Friendly names: VIP refuses $ # ! " / ? \ and * with status 602D. The contract encodes that rule as a pattern on
 * FriendlyNameType (a documented rule, not a facet of VIP's own schema), so such names are rejected before sending.
 */
describe('friendly names with characters VIP refuses ($ # ! " / ? \\ *)', () => {
  const REFUSED = ['$', '#', '!', '"', '/', '?', '\\', '*'];

  it.each(REFUSED)('rejects %s before sending', async (character) => {
    const { vip, transport } = fakeClient();
    const error = await rejection(
      vip.updateCredential(
        { userId: 'alice', credentialId: 'VSST26824187', credentialType: 'STANDARD_OTP', friendlyName: `Phone ${character} 1` },
        { requestId: 'FRIENDLY_01' },
      ),
    );
    expect(error).toBeInstanceOf(VipValidationError);
    expect(error).toMatchObject({ field: 'friendlyName', rule: 'pattern' });
    expect(transport.bodies).toHaveLength(0);
  });

  it('applies the same rule to the PascalCase FriendlyName of denyRisk', async () => {
    const { vip, transport } = fakeClient();
    const error = await rejection(vip.denyRisk({ UserId: 'alice', EventId: '123', FriendlyName: 'Home?' }));
    expect(error).toMatchObject({ field: 'FriendlyName', rule: 'pattern' });
    expect(transport.bodies).toHaveLength(0);
  });

  it("maps VIP's 602D answer to InvalidFriendlyNameError", async () => {
    const { vip } = fakeClient(() =>
      vipResponse('UpdateCredentialResponse', 'FRIENDLY_02', '', { status: '602D', statusMessage: 'Invalid friendly name.' }),
    );
    const error = await rejection(
      vip.updateCredential(
        { userId: 'alice', credentialId: 'VSST26824187', credentialType: 'STANDARD_OTP', friendlyName: 'Phone 1' },
        { requestId: 'FRIENDLY_02' },
      ),
    );
    expect(error).toBeInstanceOf(InvalidFriendlyNameError);
    expect(error).toMatchObject({ code: '602D', operation: 'updateCredential', requestId: 'FRIENDLY_02' });
  });
});

describe('dates', () => {
  it('rejects a date that xs:dateTime cannot carry (year after 9999)', async () => {
    const { vip, transport } = fakeClient();
    const error = await rejection(
      vip.setTemporaryPasswordAttributes({
        userId: 'alice',
        temporaryPasswordAttributes: { expirationTime: new Date('+010000-01-01T00:00:00Z') },
      }),
    );
    expect(error).toMatchObject({ field: 'temporaryPasswordAttributes.expirationTime', rule: 'range' });
    expect(transport.bodies).toHaveLength(0);
  });
});

describe('secrets in validation errors', () => {
  const SECRET_CASES: { title: string; secret: string; call: (vip: VipClient, secret: string) => Promise<unknown> }[] = [
    {
      title: 'an OTP with a forbidden character',
      secret: '12345!',
      call: (vip, s) => vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: s } }),
    },
    {
      title: 'a second OTP that is too long',
      secret: '98765432109',
      call: (vip, s) => vip.checkOtp({ userId: 'alice', otpAuthData: { otp: '123456', otp2: s } }),
    },
    { title: 'a PIN that is too short', secret: 'Zq9', call: (vip, s) => vip.createUser({ userId: 'alice', pin: s }) },
    { title: 'a new PIN with a NUL', secret: 'Pin\u0000Secret', call: (vip, s) => vip.updateUser({ userId: 'alice', newPin: s }) },
    {
      title: 'a temporary password with letters',
      secret: '48a9b1',
      call: (vip, s) => vip.setTemporaryPassword({ userId: 'alice', temporaryPassword: s }),
    },
    {
      title: 'a gateway password that is too long',
      secret: `gwPass${'x'.repeat(60)}`,
      call: (vip, s) =>
        vip.sendOtp({ userId: 'alice', smsDeliveryInfo: { phoneNumber: '15555550100', gatewayAcctInfo: { Id: 'gw', Password: s } } }),
    },
  ];

  it.each(SECRET_CASES)('never shows $title in the message, JSON or inspect output', async ({ secret, call }) => {
    const { vip, transport } = fakeClient();
    const error = await rejection(call(vip, secret));
    expect(error).toBeInstanceOf(VipValidationError);
    expect((error as Error).message).not.toContain(secret);
    expect(JSON.stringify(error)).not.toContain(secret);
    expect(inspect(error, { depth: 10 })).not.toContain(secret);
    expect(String((error as Error).stack)).not.toContain(secret);
    expect(transport.requests).toHaveLength(0);
  });
});
