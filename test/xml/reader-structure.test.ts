/**
 * The response reader's structural rules, each case naming the check that fired: text where elements belong, fields
 * repeated beyond the contract, names the contract also accepts, attributes of attributed values, the SOAP Body's
 * shape (text, a Fault beside other elements, a Fault of another namespace, the response twice), SOAP 1.2 Faults in
 * full, and Fault details turned into plain data with secrets masked.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, VipProtocolError, VipSoapFaultError } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, soapEnvelope, VIP_NS } from '../helpers/soap-fixtures.js';

const SOAP_12_NS = 'http://www.w3.org/2003/05/soap-envelope';

function answering(reply: (requestId: string) => string | { status?: number; body: string }) {
  return fakeClient((request) => reply(requestIdOf(request.body))).vip;
}

/** A `<element>` response in VIP's namespace: the request ID, a 0000 status, then `fieldsXml`. */
function response(element: string, requestId: string, fieldsXml: string): string {
  return `<${element} xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>0000</status><statusMessage>Success</statusMessage>${fieldsXml}</${element}>`;
}

async function failure(promise: Promise<unknown>): Promise<Error> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error as Error,
  );
}

async function protocolError(promise: Promise<unknown>, message: string): Promise<void> {
  const error = await failure(promise);
  expect(error).toBeInstanceOf(VipProtocolError);
  expect(error.message.replace(/ \(\w+, requestId \w+\)$/, '')).toBe(message);
}

const userInfo = (fieldsXml: string) =>
  answering((id) => soapEnvelope(response('GetUserInfoResponse', id, fieldsXml))).getUserInfo({ userId: 'x' });

const BINDING = (inner: string) =>
  `<credentialBindingDetail><credentialId>VSMT1234</credentialId><credentialType>STANDARD_OTP</credentialType>${inner}` +
  '<bindingDetail><bindStatus>ENABLED</bindStatus><lastBindTime>2026-01-01T00:00:00Z</lastBindTime></bindingDetail></credentialBindingDetail>';

describe('fields', () => {
  it('refuses text in the response element itself, naming it', async () => {
    await protocolError(userInfo('stray text'), 'GetUserInfoResponse should contain elements, not text');
  });

  it('refuses elements inside a nested text field, naming its full path', async () => {
    await protocolError(
      userInfo(`${BINDING('')}${BINDING('<credentialStatus><b>x</b></credentialStatus>')}`),
      'credentialBindingDetail[1].credentialStatus should be text, not elements',
    );
  });

  it('refuses a nested single field given twice, naming its path and count', async () => {
    await protocolError(
      userInfo(
        BINDING(
          '<credentialStatus>ENABLED</credentialStatus><credentialStatus>DISABLED</credentialStatus><credentialStatus>X</credentialStatus>',
        ),
      ),
      'credentialBindingDetail[0].credentialStatus appears 3 times but the contract allows one',
    );
  });

  it('refuses a repeated field beyond its maximum, counting only its own elements', async () => {
    const attribute = (key: string) => `<pushAttributes><Key>${key}</Key><Value>v</Value></pushAttributes>`;
    const attributes = Array.from({ length: 21 }, (_, i) => attribute(`K${i}`)).join('');
    const foreign = '<x:pushAttributes xmlns:x="urn:other"><Key>x</Key></x:pushAttributes><other/>';
    await protocolError(
      userInfo(BINDING(`${foreign}${attributes}`)),
      'credentialBindingDetail[0].pushAttributes appears 21 times but the contract allows 20',
    );
    const twenty = await userInfo(BINDING(`${foreign}${Array.from({ length: 20 }, (_, i) => attribute(`K${i}`)).join('')}`));
    expect(twenty.credentialBindingDetail?.[0]?.pushAttributes).toHaveLength(20);
  });

  it('reads a field under the other name the contract accepts, and prefers the schema name when both come', async () => {
    const signIn = (fieldsXml: string) =>
      answering((id) => soapEnvelope(response('AuthenticateUserResponse', id, fieldsXml))).authenticateUser({
        userId: 'x',
        otpAuthData: { otp: '123456' },
      });
    const byAlias = await signIn('<lastAuthnId>AUTH1234</lastAuthnId>');
    expect(byAlias).toMatchObject({ authnId: 'AUTH1234' });
    expect(byAlias).not.toHaveProperty('lastAuthnId');
    for (const order of [
      '<authnId>SCHEMA01</authnId><lastAuthnId>ALIAS001</lastAuthnId>',
      '<lastAuthnId>ALIAS001</lastAuthnId><authnId>SCHEMA01</authnId>',
    ]) {
      expect((await signIn(order)).authnId).toBe('SCHEMA01');
    }
    await protocolError(
      signIn('<authnId>SCHEMA01</authnId><authnId>SCHEMA02</authnId>'),
      'authnId appears 2 times but the contract allows one',
    );
    await protocolError(
      signIn('<lastAuthnId>ALIAS001</lastAuthnId><authnId>SCHEMA01</authnId><authnId>SCHEMA02</authnId>'),
      'authnId appears 2 times but the contract allows one',
    );
  });

  it("reads an attributed value's text and its unqualified attribute, not a namespaced one of the same name", async () => {
    const tokenInfo = (tokenId: string) =>
      `<tokenInfo>${tokenId}<Adapter>OATH_TIME</Adapter><TokenStatus>ENABLED</TokenStatus>` +
      '<ExpirationDate>2030-01-01T00:00:00Z</ExpirationDate><LastUpdate>2026-01-01T00:00:00Z</LastUpdate></tokenInfo>';
    const read = async (tokenId: string) => (await userInfo(BINDING(tokenInfo(tokenId)))).credentialBindingDetail?.[0]?.tokenInfo?.TokenId;
    expect(await read('<TokenId type="SMT">VSMT1234</TokenId>')).toEqual({ value: 'VSMT1234', type: 'SMT' });
    expect(await read('<TokenId xmlns:x="urn:x" x:type="NO" other="1">VSMT1234</TokenId>')).toEqual({ value: 'VSMT1234' });
  });

  it('refuses a detail code that is not hexadecimal, naming it', async () => {
    await protocolError(userInfo('<detail>ZZ</detail>'), 'detail should be hexadecimal');
  });
});

describe('the SOAP Body', () => {
  const body = (inner: string) => answering(() => soapEnvelope(inner)).getUserInfo({ userId: 'x' });

  it('refuses text in the Body', async () => {
    await protocolError(body('text'), 'the SOAP Body holds text');
  });

  it('refuses a Fault beside other elements', async () => {
    await protocolError(body('<S:Fault><faultstring>x</faultstring></S:Fault><other/>'), 'the SOAP Body holds a Fault and other elements');
  });

  it('does not take a Fault of another namespace for a SOAP Fault', async () => {
    await protocolError(
      body('<x:Fault xmlns:x="urn:other"><faultstring>x</faultstring></x:Fault>'),
      'expected GetUserInfoResponse in the SOAP Body, found Fault (namespace urn:other)',
    );
  });

  it('names an element without a namespace as it is', async () => {
    await protocolError(body('<GetUserInfoResponse/>'), 'expected GetUserInfoResponse in the SOAP Body, found GetUserInfoResponse');
    await protocolError(
      answering(() => '<Envelope/>').getUserInfo({ userId: 'x' }),
      'the response is not a SOAP envelope (its root element is Envelope)',
    );
  });

  it('counts the response element given twice, and tells that apart from other elements beside it', async () => {
    const vip = answering((id) => soapEnvelope(response('GetUserInfoResponse', id, '').repeat(2)));
    await protocolError(vip.getUserInfo({ userId: 'x' }), 'the SOAP Body holds 2 GetUserInfoResponse elements');
    const three = answering((id) => soapEnvelope(response('GetUserInfoResponse', id, '').repeat(3)));
    await protocolError(three.getUserInfo({ userId: 'x' }), 'the SOAP Body holds 3 GetUserInfoResponse elements');
    for (const other of ['<GetUserInfoResponse xmlns="urn:other"/>', `<Other xmlns="${VIP_NS}"/>`]) {
      const mixed = answering((id) => soapEnvelope(response('GetUserInfoResponse', id, '') + other));
      await protocolError(mixed.getUserInfo({ userId: 'x' }), 'the SOAP Body holds other elements besides GetUserInfoResponse');
    }
  });
});

describe('Faults', () => {
  const fault12 = (inner: string) =>
    answering(() => ({
      status: 500,
      body: `<e:Envelope xmlns:e="${SOAP_12_NS}"><e:Body><e:Fault>${inner}</e:Fault></e:Body></e:Envelope>`,
    }));

  it('reads a SOAP 1.2 Fault with its detail', async () => {
    const error = await failure(
      fault12(
        '<e:Code><e:Value>e:Sender</e:Value></e:Code><e:Reason><e:Text>bad</e:Text></e:Reason><e:Detail><code>E1</code></e:Detail>',
      ).getUserInfo({
        userId: 'x',
      }),
    );
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error).toMatchObject({ faultCode: 'e:Sender', faultString: 'bad', faultDetail: { code: 'E1' } });
  });

  it('reads a SOAP 1.2 Fault without code, reason or detail', async () => {
    const error = await failure(fault12('').getUserInfo({ userId: 'x' }));
    expect(error).toMatchObject({ faultCode: 'unknown', faultString: 'no fault string', faultDetail: undefined });
    const empty = await failure(fault12('<e:Code/><e:Reason/>').getUserInfo({ userId: 'x' }));
    expect(empty).toMatchObject({ faultCode: 'unknown', faultString: 'no fault string' });
  });

  it('turns a detail into plain, ordinary data: repeats become arrays, secrets are masked, odd names stay own properties', async () => {
    const detail =
      '<detail><item>1</item><item>2</item><item>3</item><one>x</one><otp>123456</otp><nested><pin>9999</pin><a>b</a></nested><__proto__>p</__proto__></detail>';
    const vip = answering(() => ({
      status: 500,
      body: soapEnvelope(`<S:Fault><faultcode>S:Server</faultcode><faultstring>f</faultstring>${detail}</S:Fault>`),
    }));
    const error = (await failure(vip.getUserInfo({ userId: 'x' }))) as VipSoapFaultError;
    const faultDetail = error.faultDetail as Record<string, unknown>;
    expect(Object.keys(faultDetail)).toEqual(['item', 'one', 'otp', 'nested', '__proto__']);
    expect(faultDetail).toMatchObject({ item: ['1', '2', '3'], one: 'x', otp: REDACTED, nested: { pin: REDACTED, a: 'b' } });
    expect(Object.getOwnPropertyDescriptor(faultDetail, '__proto__')).toEqual({
      value: 'p',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(Object.getOwnPropertyDescriptor(faultDetail, 'one')).toEqual({
      value: 'x',
      enumerable: true,
      writable: true,
      configurable: true,
    });
    expect(JSON.stringify(error)).not.toMatch(/123456|9999/);
  });
});
