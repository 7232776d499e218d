/**
 * The mock's API versions on the wire: each version's paths take only that version's elements (a 1.10 element on a
 * 1.8 path is a schema violation, 600B, as VIP's own schema check would make it), answer only with that version's
 * elements, and serve that version's WSDL.
 */
import { NoEnabledCredentialError, VIP_NAMESPACE, VipClient } from 'vip-user-services';
import { DEMO_DATA, type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

let mock: MockServer;

beforeAll(async () => {
  mock = await startMockServer({ seed: true });
});

beforeEach(() => {
  mock.reset();
});

afterAll(async () => {
  await mock.close();
});

/** POSTs a SOAP envelope around `body` (prefix `v` is the VIP namespace) to a service path and returns the text. */
async function post(service: string, version: string, body: string): Promise<string> {
  const envelope =
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="${VIP_NAMESPACE}">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  const response = await fetch(`${mock.url}/vipuserservices/${service}Service_${version}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body: envelope,
  });
  expect(response.status).toBe(200);
  return response.text();
}

/** The text of the first element with local name `name`, or undefined when there is none. */
function element(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:[\\w-]+:)?${name}>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1];
}

const GET_USER_INFO_WITH_FIDO =
  '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId><v:userId>alice@example.com</v:userId><v:fidoInfo>true</v:fidoInfo></v:GetUserInfoRequest>';

describe('requests', () => {
  it.each(['1_8', '1_7'])('refuse a 1.10 element on the %s paths with 600B naming it', async (version) => {
    const text = await post('Query', version, GET_USER_INFO_WITH_FIDO);
    expect(element(text, 'status')).toBe('600B');
    const apiVersion = version.replace('_', '.');
    expect(element(text, 'detailMessage')).toBe(
      `fidoInfo is not an element of GetUserInfoRequestType in API ${apiVersion} (it is new in 1.10)`,
    );
  });

  it('refuse a 1.10 element nested in a 1.8 one', async () => {
    const text = await post(
      'Authentication',
      '1_8',
      '<v:AuthenticateUserWithPushRequest><v:requestId>R0002</v:requestId><v:userId>alice@example.com</v:userId>' +
        '<v:pushAuthData><v:encryptedDisplayParameters><v:Key>k</v:Key><v:Value>v</v:Value></v:encryptedDisplayParameters></v:pushAuthData>' +
        '</v:AuthenticateUserWithPushRequest>',
    );
    expect(element(text, 'status')).toBe('600B');
    expect(element(text, 'detailMessage')).toContain(
      'pushAuthData.encryptedDisplayParameters is not an element of PushAuthDataType in API 1.8',
    );
  });

  it('take the 1.10 elements on the 1_10 paths', async () => {
    const text = await post('Query', '1_10', GET_USER_INFO_WITH_FIDO);
    expect(element(text, 'status')).toBe('0000');
  });
});

describe('answers', () => {
  it('carry the 1.10 fields the mock models only on the 1_10 paths', async () => {
    await post(
      'Management',
      '1_8',
      '<v:CreateUserRequest><v:requestId>R0003</v:requestId><v:userId>dora@example.com</v:userId><v:pin>Pin12345</v:pin><v:forcePinChange>true</v:forcePinChange></v:CreateUserRequest>',
    );
    const query = '<v:GetUserInfoRequest><v:requestId>R0004</v:requestId><v:userId>dora@example.com</v:userId></v:GetUserInfoRequest>';
    expect(element(await post('Query', '1_10', query), 'isPinExpired')).toBe('true');
    expect(element(await post('Query', '1_8', query), 'isPinExpired')).toBeUndefined();

    const credential =
      '<v:GetCredentialInfoRequest><v:requestId>R0005</v:requestId><v:credentialId>VSMT12345678</v:credentialId><v:credentialType>STANDARD_OTP</v:credentialType></v:GetCredentialInfoRequest>';
    expect(element(await post('Query', '1_10', credential), 'SupportPushEncryption')).toBe('false');
    expect(element(await post('Query', '1_8', credential), 'SupportPushEncryption')).toBeUndefined();
  });
});

describe('WSDLs', () => {
  it.each([
    ['1_10', 'vipuserservices-1.10.xsd'],
    ['1_8', 'vipuserservices-1.8.xsd'],
    ['1_7', 'vipuserservices-1.8.xsd'],
  ])('serve on the %s paths the contract that imports %s', async (version, schema) => {
    const response = await fetch(`${mock.url}/vipuserservices/QueryService_${version}?wsdl`);
    const text = await response.text();
    expect(text).toContain(`schemaLocation="${schema}"`);
    expect(text).toContain(`QueryService_${version === '1_10' ? '1_10' : '1_8'}"`);
  });
});

describe('credentialStatus of updateCredential (1.10)', () => {
  const credential = { credentialId: DEMO_DATA.aliceCredential, credentialType: 'STANDARD_OTP' } as const;
  const alice = { userId: DEMO_DATA.alice, ...credential };

  it('disables a binding, which then takes no part in sign-ins, and enables it again', async () => {
    const vip = new VipClient({ endpoint: mock.url, apiVersion: '1.10' });
    const update = (credentialStatus: 'ENABLED' | 'DISABLED') =>
      vip.updateCredential({ ...alice, friendlyName: 'Phone', credentialStatus });
    try {
      await update('DISABLED');
      const info = await vip.getUserInfo({ userId: alice.userId });
      expect(info.credentialBindingDetail?.[0]).toMatchObject({ credentialStatus: 'DISABLED', bindingDetail: { bindStatus: 'DISABLED' } });
      await expect(vip.getCredentialInfo(credential)).resolves.toMatchObject({ credentialStatus: 'DISABLED' });
      const otp = mock.otp(alice.credentialId);
      await expect(vip.authenticateUser({ userId: alice.userId, otpAuthData: { otp } })).rejects.toBeInstanceOf(NoEnabledCredentialError);
      await expect(vip.authenticateUserWithPush({ userId: alice.userId })).rejects.toBeInstanceOf(NoEnabledCredentialError);

      await update('ENABLED');
      await expect(vip.authenticateUser({ userId: alice.userId, otpAuthData: { otp } })).resolves.toMatchObject({ status: '0000' });
    } finally {
      await vip.close();
    }
  });
});
