/**
 * API 1.10 through the client: its service paths, the exact envelopes of the fields 1.10 adds (in the order the
 * contract gives them), the refusal of those fields with an older `apiVersion` before anything is sent, 1.10 answers
 * read and typed, and 1.8-shaped requests left byte for byte as they were.
 */
import { describe, expect, it } from 'vitest';
import { type OperationName, type VipClient, VipValidationError } from 'vip-user-services';
import { callOperation, OPERATION_SAMPLES } from '../helpers/operation-samples.js';
import { requestEnvelope } from '../helpers/soap-fixtures.js';
import { echoing, fakeClient } from './fake-transport.js';

const V110 = { apiVersion: '1.10' } as const;
const CREDENTIAL = { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' } as const;

/** Sends one call with apiVersion 1.10 and returns the envelope that went out (the bare answer to it may not satisfy the call). */
async function sentEnvelope(call: (vip: VipClient) => Promise<unknown>): Promise<string> {
  const { vip, transport } = fakeClient(undefined, V110);
  await call(vip).catch(() => undefined);
  expect(transport.requests).toHaveLength(1);
  return transport.bodies[0] as string;
}

describe("apiVersion '1.10'", () => {
  it('sends every service to its _1_10 path', async () => {
    const { vip, transport } = fakeClient(undefined, V110);
    await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } });
    await vip.createUser({ userId: 'alice' });
    await vip.getServerTime();
    expect(transport.requests.map((r) => r.url)).toEqual([
      'https://userservices-auth.vip.symantec.com/vipuserservices/AuthenticationService_1_10',
      'https://userservices-auth.vip.symantec.com/vipuserservices/ManagementService_1_10',
      'https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_10',
    ]);
    expect(vip.config.apiVersion).toBe('1.10');
  });

  it.each(Object.keys(OPERATION_SAMPLES) as OperationName[])('writes %s without 1.10 fields exactly as 1.8 does', async (name) => {
    const bodies: string[] = [];
    for (const apiVersion of ['1.8', '1.10'] as const) {
      const { vip, transport } = fakeClient(undefined, { apiVersion });
      await callOperation(vip, name, OPERATION_SAMPLES[name], { requestId: 'SAME_ID_01' }).catch(() => undefined);
      bodies.push(transport.bodies[0] as string);
    }
    expect(bodies[0]).toMatch(/^<\?xml /);
    expect(bodies[1]).toBe(bodies[0]);
  });
});

describe('the envelopes of the 1.10 fields, in contract order', () => {
  it('getUserInfo: fidoInfo after iaInfo, includePushEncryptKey last', async () => {
    const body = await sentEnvelope((vip) =>
      // Keys out of wire order on purpose: the contract decides the order, not the object.
      vip.getUserInfo(
        {
          includePushEncryptKey: true,
          includeTokenInfo: true,
          includePushAttributes: false,
          fidoInfo: true,
          iaInfo: false,
          userId: 'alice',
        },
        { requestId: 'GUI_110' },
      ),
    );
    expect(body).toBe(
      requestEnvelope(`
        <vip:GetUserInfoRequest>
          <vip:requestId>GUI_110</vip:requestId>
          <vip:userId>alice</vip:userId>
          <vip:iaInfo>false</vip:iaInfo>
          <vip:fidoInfo>true</vip:fidoInfo>
          <vip:includePushAttributes>false</vip:includePushAttributes>
          <vip:includeTokenInfo>true</vip:includeTokenInfo>
          <vip:includePushEncryptKey>true</vip:includePushEncryptKey>
        </vip:GetUserInfoRequest>`),
    );
  });

  it('getCredentialInfo: includeTokenInfo and includePushEncryptKey after includePushAttributes', async () => {
    const body = await sentEnvelope((vip) =>
      vip.getCredentialInfo(
        { includePushEncryptKey: false, includeTokenInfo: true, includePushAttributes: true, ...CREDENTIAL },
        { requestId: 'GCI_110' },
      ),
    );
    expect(body).toBe(
      requestEnvelope(`
        <vip:GetCredentialInfoRequest>
          <vip:requestId>GCI_110</vip:requestId>
          <vip:credentialId>VSMT12345678</vip:credentialId>
          <vip:credentialType>STANDARD_OTP</vip:credentialType>
          <vip:includePushAttributes>true</vip:includePushAttributes>
          <vip:includeTokenInfo>true</vip:includeTokenInfo>
          <vip:includePushEncryptKey>false</vip:includePushEncryptKey>
        </vip:GetCredentialInfoRequest>`),
    );
  });

  it('updateCredential: credentialStatus last', async () => {
    const body = await sentEnvelope((vip) =>
      vip.updateCredential(
        { credentialStatus: 'DISABLED', friendlyName: 'Old phone', userId: 'alice', ...CREDENTIAL },
        { requestId: 'UPC_110' },
      ),
    );
    expect(body).toBe(
      requestEnvelope(`
        <vip:UpdateCredentialRequest>
          <vip:requestId>UPC_110</vip:requestId>
          <vip:userId>alice</vip:userId>
          <vip:credentialId>VSMT12345678</vip:credentialId>
          <vip:credentialType>STANDARD_OTP</vip:credentialType>
          <vip:friendlyName>Old phone</vip:friendlyName>
          <vip:credentialStatus>DISABLED</vip:credentialStatus>
        </vip:UpdateCredentialRequest>`),
    );
  });

  it('evaluateRisk: ResponseControl after KeyValuePairs, IncludeRequestContext before IncludeFingerprintDetails', async () => {
    const body = await sentEnvelope((vip) =>
      vip.evaluateRisk(
        {
          ResponseControl: { IncludeFingerprintDetails: false, IncludeRequestContext: true },
          KeyValuePairs: [{ Key: 'external.user.id', Value: '42' }],
          IAAuthData: 'fingerprint',
          UserAgent: 'Mozilla/5.0',
          Ip: '198.51.100.7',
          UserId: 'alice',
        },
        { requestId: 'EVR_110' },
      ),
    );
    expect(body).toBe(
      requestEnvelope(`
        <vip:EvaluateRiskRequest>
          <vip:requestId>EVR_110</vip:requestId>
          <vip:UserId>alice</vip:UserId>
          <vip:Ip>198.51.100.7</vip:Ip>
          <vip:UserAgent>Mozilla/5.0</vip:UserAgent>
          <vip:IAAuthData>fingerprint</vip:IAAuthData>
          <vip:KeyValuePairs><vip:Key>external.user.id</vip:Key><vip:Value>42</vip:Value></vip:KeyValuePairs>
          <vip:ResponseControl>
            <vip:IncludeRequestContext>true</vip:IncludeRequestContext>
            <vip:IncludeFingerprintDetails>false</vip:IncludeFingerprintDetails>
          </vip:ResponseControl>
        </vip:EvaluateRiskRequest>`),
    );
  });

  it('authenticateCredentials: encryptedDisplayParameters after requestParameters in pushAuthData', async () => {
    const body = await sentEnvelope((vip) =>
      vip.authenticateCredentials(
        {
          credentials: [CREDENTIAL],
          pushAuthData: {
            encryptedDisplayParameters: [{ Key: 'display.message.text', Value: 'Sign in to Example?' }],
            requestParameters: [{ Key: 'request.timeout', Value: '120' }],
          },
        },
        { requestId: 'ACR_110' },
      ),
    );
    expect(body).toBe(
      requestEnvelope(`
        <vip:AuthenticateCredentialsRequest>
          <vip:requestId>ACR_110</vip:requestId>
          <vip:credentials><vip:credentialId>VSMT12345678</vip:credentialId><vip:credentialType>STANDARD_OTP</vip:credentialType></vip:credentials>
          <vip:pushAuthData>
            <vip:requestParameters><vip:Key>request.timeout</vip:Key><vip:Value>120</vip:Value></vip:requestParameters>
            <vip:encryptedDisplayParameters><vip:Key>display.message.text</vip:Key><vip:Value>Sign in to Example?</vip:Value></vip:encryptedDisplayParameters>
          </vip:pushAuthData>
        </vip:AuthenticateCredentialsRequest>`),
    );
  });

  it('accepts the 1.10 credential types as any other value of the open union', async () => {
    const body = await sentEnvelope((vip) =>
      vip.getCredentialInfo({ credentialId: 'EML12345678', credentialType: 'EMAIL_OTP' }, { requestId: 'GCI_EML' }),
    );
    expect(body).toContain('<vip:credentialType>EMAIL_OTP</vip:credentialType>');
  });

  it('still checks the closed values of a 1.10 field', async () => {
    const { vip, transport } = fakeClient(undefined, V110);
    const bad = { userId: 'alice', ...CREDENTIAL, friendlyName: 'x', credentialStatus: 'LOCKED' as 'ENABLED' };
    await expect(vip.updateCredential(bad)).rejects.toMatchObject({ field: 'credentialStatus', rule: 'enumeration' });
    expect(transport.requests).toHaveLength(0);
  });
});

/** Every 1.10 request field, reached through the call that sends it. */
const NEW_FIELDS: Array<[field: string, call: (vip: VipClient) => Promise<unknown>]> = [
  ['fidoInfo', (vip) => vip.getUserInfo({ userId: 'alice', fidoInfo: true })],
  ['includePushEncryptKey', (vip) => vip.getUserInfo({ userId: 'alice', includePushEncryptKey: false })],
  ['includeTokenInfo', (vip) => vip.getCredentialInfo({ ...CREDENTIAL, includeTokenInfo: true })],
  ['includePushEncryptKey', (vip) => vip.getCredentialInfo({ ...CREDENTIAL, includePushEncryptKey: true })],
  ['credentialStatus', (vip) => vip.updateCredential({ userId: 'alice', ...CREDENTIAL, friendlyName: 'x', credentialStatus: 'ENABLED' })],
  ['ResponseControl', (vip) => vip.evaluateRisk({ UserId: 'alice', Ip: '198.51.100.7', UserAgent: 'UA', ResponseControl: {} })],
  [
    'pushAuthData.encryptedDisplayParameters',
    (vip) => vip.authenticateCredentials({ credentials: [CREDENTIAL], pushAuthData: { encryptedDisplayParameters: [] } }),
  ],
  [
    'pushAuthData.encryptedDisplayParameters',
    (vip) => vip.authenticateUserWithPush({ userId: 'alice', pushAuthData: { encryptedDisplayParameters: [{ Key: 'k', Value: 'v' }] } }),
  ],
];

describe('a 1.10 field with an older apiVersion', () => {
  describe.each(['1.8', '1.7', undefined] as const)('apiVersion %s', (apiVersion) => {
    it.each(NEW_FIELDS)('refuses %s before sending anything', async (field, call) => {
      const { vip, transport } = fakeClient(undefined, apiVersion === undefined ? {} : { apiVersion });
      const error = await call(vip).then(
        () => expect.unreachable('the call should have been refused'),
        (reason: unknown) => reason,
      );
      expect(error).toBeInstanceOf(VipValidationError);
      expect(error).toMatchObject({ field, rule: 'version' });
      expect((error as Error).message).toContain(`${field} needs apiVersion '1.10' (this client uses '${apiVersion ?? '1.8'}')`);
      expect(transport.requests).toHaveLength(0);
    });
  });

  it('is not refused when the field is left undefined', async () => {
    const { vip, transport } = fakeClient();
    await vip.getUserInfo({ userId: 'alice', fidoInfo: undefined });
    expect(transport.bodies[0]).not.toContain('fidoInfo');
  });
});

describe('1.10 answers', () => {
  it('carry the number challenge of a push', async () => {
    const { vip } = fakeClient(
      echoing(
        'AuthenticateUserWithPushResponse',
        '<transactionId>2ae68a940ec4236b</transactionId><pushDetail><pushCredentialId>VSMT12345678</pushCredentialId><pushSent>true</pushSent></pushDetail><numbersChallengeValue>47</numbersChallengeValue>',
        { status: '6040', statusMessage: 'Mobile push request sent.' },
      ),
      V110,
    );
    const push = await vip.authenticateUserWithPush({ userId: 'alice' });
    expect(push).toMatchObject({ status: '6040', transactionId: '2ae68a940ec4236b', numbersChallengeValue: '47' });
  });

  it('carry the number challenge of authenticateCredentials with push', async () => {
    const { vip } = fakeClient(
      echoing(
        'AuthenticateCredentialsResponse',
        '<transactionId>2ae68a940ec4236b</transactionId><pushDetail><pushCredentialId>VSMT12345678</pushCredentialId><pushSent>true</pushSent></pushDetail><numbersChallengeValue>05</numbersChallengeValue>',
        { status: '6040', statusMessage: 'Mobile push request sent.' },
      ),
      V110,
    );
    const push = await vip.authenticateCredentials({ credentials: [CREDENTIAL], pushAuthData: {} });
    expect(push.numbersChallengeValue).toBe('05');
  });

  it('read isPinExpired of getUserInfo as a boolean, and the 1.10 values of the open unions', async () => {
    const { vip } = fakeClient(
      echoing(
        'GetUserInfoResponse',
        `<userId>alice</userId>
         <credentialBindingDetail>
           <credentialId>EML12345678</credentialId><credentialType>EMAIL_OTP</credentialType><credentialStatus>LOCKED</credentialStatus>
           <bindingDetail><bindStatus>ENABLED</bindStatus><lastBindTime>2026-01-02T03:04:05.000Z</lastBindTime></bindingDetail>
           <pushAttributes><Key>PUSH_ENCRYPTION_ENABLED</Key><Value>true</Value></pushAttributes>
         </credentialBindingDetail>
         <isPinSet>true</isPinSet><isPinExpired>1</isPinExpired>`,
      ),
      V110,
    );
    const info = await vip.getUserInfo({ userId: 'alice', fidoInfo: true });
    expect(info.isPinExpired).toBe(true);
    expect(info.credentialBindingDetail?.[0]).toMatchObject({
      credentialType: 'EMAIL_OTP',
      credentialStatus: 'LOCKED',
      pushAttributes: [{ Key: 'PUSH_ENCRYPTION_ENABLED', Value: 'true' }],
    });
  });

  it('read SupportPushEncryption (also spelled supportPushEncryption) and publicKeys of getCredentialInfo', async () => {
    for (const name of ['SupportPushEncryption', 'supportPushEncryption']) {
      const { vip } = fakeClient(
        echoing(
          'GetCredentialInfoResponse',
          `<credentialId>VSMT12345678</credentialId><${name}>true</${name}><publicKeys>TUlJQklq</publicKeys>`,
        ),
        V110,
      );
      const info = await vip.getCredentialInfo({ ...CREDENTIAL, includePushEncryptKey: true });
      expect(info, name).toMatchObject({ SupportPushEncryption: true, publicKeys: 'TUlJQklq' });
      expect(info).not.toHaveProperty('supportPushEncryption');
    }
  });

  it('are read the same way by a 1.8 client (unknown elements were always tolerated)', async () => {
    const { vip } = fakeClient(echoing('GetUserInfoResponse', '<userId>alice</userId><isPinExpired>false</isPinExpired>'));
    await expect(vip.getUserInfo({ userId: 'alice' })).resolves.toMatchObject({ isPinExpired: false });
  });
});
