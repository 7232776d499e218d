/**
 * One test per rule of the response reader: what it decodes, what it refuses and why, through the public client.
 * Each refused case names the check that fired, so deleting a check fails its test.
 */
import { describe, expect, it } from 'vitest';
import { VipHttpError, VipProtocolError, VipSoapFaultError } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, SOAP_ENV_NS, soapEnvelope, VIP_NS } from '../helpers/soap-fixtures.js';

const SOAP_12_NS = 'http://www.w3.org/2003/05/soap-envelope';

/** A GetUserInfoResponse whose fields after the status are `fieldsXml`, echoing the request ID. */
function userInfo(requestId: string, fieldsXml: string): string {
  return soapEnvelope(
    `<GetUserInfoResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>0000</status>` +
      `<statusMessage>Success</statusMessage>${fieldsXml}</GetUserInfoResponse>`,
  );
}

function answering(
  reply: (requestId: string) => string | { status?: number; body: string | Uint8Array; headers?: Record<string, string> },
) {
  return fakeClient((request) => reply(requestIdOf(request.body))).vip;
}

async function rejection(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.fail('expected the call to fail'),
    (error: unknown) => error,
  );
}

async function protocolError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await rejection(promise);
  expect(error).toBeInstanceOf(VipProtocolError);
  expect((error as Error).message).toMatch(message);
}

describe('character encoding', () => {
  it('refuses bytes that are not UTF-8 instead of replacing them (Jos\\uFFFD would address another user)', async () => {
    const vip = answering((id) => ({
      body: Buffer.concat([
        Buffer.from(userInfo(id, '<userId>Jos').split('<userId>Jos')[0] as string),
        Buffer.from('<userId>Jos\xe9</userId>', 'latin1'),
        Buffer.from('</GetUserInfoResponse></S:Body></S:Envelope>'),
      ]),
    }));
    await protocolError(vip.getUserInfo({ userId: 'José' }), /^the response is not valid UTF-8/);
  });

  it('refuses a charset other than UTF-8 declared in the content type', async () => {
    const vip = answering((id) => ({ body: Buffer.from(userInfo(id, '')), headers: { 'content-type': 'text/xml; charset=ISO-8859-1' } }));
    await protocolError(vip.getUserInfo({ userId: 'alice' }), /^the response is declared as iso-8859-1; VIP responses must be UTF-8/);
  });

  it('refuses an encoding other than UTF-8 declared in the XML declaration', async () => {
    const vip = answering((id) => ({ body: Buffer.from(userInfo(id, '').replace("encoding='UTF-8'", "encoding='ISO-8859-1'")) }));
    await protocolError(vip.getUserInfo({ userId: 'alice' }), /declares the encoding ISO-8859-1; VIP responses must be UTF-8/);
  });

  it.each([
    ['text/xml;charset=ISO-8859-1', 'iso-8859-1'],
    ['text/xml; charset = "windows-1252"', 'windows-1252'],
    ['text/xml; CHARSET=Shift_JIS; action=x', 'shift_jis'],
    ['text/xml; charset="latin 1"', 'an unknown charset'],
    ['text/xml; charset="<b>utf-16"', 'an unknown charset'],
  ])('reads the charset of %j and refuses it (%s)', async (contentType, named) => {
    const vip = answering((id) => ({ body: Buffer.from(userInfo(id, '')), headers: { 'content-type': contentType } }));
    await protocolError(
      vip.getUserInfo({ userId: 'alice' }),
      new RegExp(`^the response is declared as ${named}; VIP responses must be UTF-8`),
    );
  });

  it('takes an empty charset parameter as no charset', async () => {
    const vip = answering((id) => ({
      body: Buffer.from(userInfo(id, '<userId>alice</userId>')),
      headers: { 'content-type': 'text/xml; charset=""' },
    }));
    await expect(vip.getUserInfo({ userId: 'alice' })).resolves.toMatchObject({ userId: 'alice' });
  });

  it('accepts UTF-8 with a byte-order mark, a quoted charset and no declaration at all', async () => {
    const body = (id: string) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(userInfo(id, '<userId>Zoë</userId>'))]);
    await expect(
      answering((id) => ({ body: body(id), headers: { 'content-type': 'text/xml; charset="utf-8"' } })).getUserInfo({ userId: 'Zoë' }),
    ).resolves.toMatchObject({ userId: 'Zoë' });
    const bare = (id: string) => userInfo(id, '<userId>Zoë</userId>').replace(/^<\?xml[^>]*>/, '');
    await expect(answering((id) => ({ body: Buffer.from(bare(id)), headers: {} })).getUserInfo({ userId: 'Zoë' })).resolves.toMatchObject({
      userId: 'Zoë',
    });
  });
});

describe('text', () => {
  it('joins text and CDATA in document order', async () => {
    const vip = answering((id) => userInfo(id, '<userId>a<![CDATA[b&amp;]]>c&amp;d</userId>'));
    await expect(vip.getUserInfo({ userId: 'x' })).resolves.toMatchObject({ userId: 'ab&amp;c&d' });
  });

  it('drops comments and processing instructions inside text', async () => {
    const vip = answering((id) => userInfo(id, '<userId>ali<!-- x -->c<?pi y?>e</userId>'));
    await expect(vip.getUserInfo({ userId: 'x' })).resolves.toMatchObject({ userId: 'alice' });
  });

  it('normalises line ends in text but keeps a carriage return written as a reference', async () => {
    const vip = answering((id) => userInfo(id, '<userId>a\r\nb\rc&#13;d</userId>'));
    await expect(vip.getUserInfo({ userId: 'x' })).resolves.toMatchObject({ userId: 'a\nb\nc\rd' });
  });

  it.each([
    ['a NUL character reference', '&#0;', /character reference to a character that XML 1.0 forbids/],
    ['a surrogate character reference', '&#xD800;', /character reference to a character that XML 1.0 forbids/],
    ['a reference beyond Unicode', '&#x110000;', /character reference to a character that XML 1.0 forbids/],
    ['a raw control character', '\u0001', /a character that XML 1.0 forbids/],
    ['U+FFFE', '\uFFFE', /a character that XML 1.0 forbids/],
    ['an unpaired surrogate', '\uD800x', /a character that XML 1.0 forbids/],
    ['an undeclared entity', '&nbsp;', /undeclared entity or a bare '&' in text/],
    ['a bare ampersand', 'a & b', /undeclared entity or a bare '&' in text/],
    ["']]>' in text", 'a]]>b', /']]>' in text/],
  ])('refuses %s as not well-formed', async (_name, text, message) => {
    const vip = answering((id) => userInfo(id, `<userId>${text}</userId>`));
    await protocolError(vip.getUserInfo({ userId: 'x' }), new RegExp(`^the response is not well-formed XML: .*${message.source}`));
  });

  it('keeps a string field exactly, whitespace included', async () => {
    const vip = answering((id) => userInfo(id, '<userId> \talice \n</userId>'));
    await expect(vip.getUserInfo({ userId: 'x' })).resolves.toMatchObject({ userId: ' \talice \n' });
  });
});

describe('markup', () => {
  it.each([
    [
      'a DOCTYPE',
      (b: string) => b.replace('<S:Envelope', '<!DOCTYPE x [<!ENTITY e "x">]><S:Envelope'),
      /DOCTYPE or entity declaration, which SOAP forbids/,
    ],
    ['a markup declaration inside an element', (b: string) => b.replace('<status>', '<!ELEMENT x ANY><status>'), /markup declaration/],
    ['an unterminated processing instruction', (b: string) => b.replace('<status>', '<?pi '), /unterminated processing instruction/],
    [
      'CDATA outside the root element',
      (b: string) => `<![CDATA[x]]>${b.replace(/^<\?xml[^>]*>/, '')}`,
      /CDATA section outside the root element/,
    ],
    ['an XML declaration that is not first', (b: string) => ` ${b}`, /XML declaration that is not at the very start/],
    ['< inside an attribute value', (b: string) => b.replace('<S:Body>', '<S:Body a="<">'), /'<' in an attribute value/],
    ['a repeated attribute', (b: string) => b.replace('<S:Body>', '<S:Body a="1" a="2">'), /repeats the attribute a/],
    [
      'an undeclared namespace prefix',
      (b: string) => b.replace('<status>0000</status>', '<x:status>0000</x:status>'),
      /undeclared namespace prefix x/,
    ],
    [
      'a digit-leading prefix',
      (b: string) => b.replace('<status>0000</status>', '<1x:status>0000</1x:status>'),
      /tag without a valid name/,
    ],
    ["'--' inside a comment", (b: string) => b.replace('<status>', '<!-- a -- b --><status>'), /'--' inside a comment/],
    ['deep nesting', (b: string) => b.replace('<status>', `${'<a>'.repeat(70)}${'</a>'.repeat(70)}<status>`), /deeper than 64 levels/],
  ])('refuses %s', async (_name, mutate, message) => {
    const vip = answering((id) => mutate(userInfo(id, '')));
    await protocolError(vip.getUserInfo({ userId: 'x' }), message);
  });

  it('accepts tabs and carriage returns around the root, quoted > in attributes and an entity-decoded attribute', async () => {
    const vip = answering(
      (id) =>
        `\t\r\n${userInfo(
          id,
          '<credentialBindingDetail><credentialId>VSMT1</credentialId><credentialType>STANDARD_OTP</credentialType><credentialStatus>ENABLED</credentialStatus></credentialBindingDetail>',
        )
          .replace(/^<\?xml[^>]*>/, '')
          .replace('<S:Body>', '<S:Body data-x="a>b">')}\r\n\t`,
    );
    await expect(vip.getUserInfo({ userId: 'x' })).resolves.toMatchObject({ status: '0000' });
  });
});

describe('values', () => {
  it.each([
    ['2024-02-29T10:00:00Z', '2024-02-29T10:00:00.000Z'],
    ['2024-02-28T23:30:00-01:00', '2024-02-29T00:30:00.000Z'],
    ['2024-02-28T24:00:00Z', '2024-02-29T00:00:00.000Z'],
    ['0099-01-01T00:00:00', '0099-01-01T00:00:00.000Z'],
    ['2026-11-29T10:00:00.123456+14:00', '2026-11-28T20:00:00.123Z'],
    ['2026-11-29T10:00:00-14:00', '2026-11-30T00:00:00.000Z'],
    ['2026-11-29T10:00:00+01:59', '2026-11-29T08:01:00.000Z'],
    ['2026-11-29T10:00:00.1Z', '2026-11-29T10:00:00.100Z'],
    ['2026-11-29T10:00:00.05Z', '2026-11-29T10:00:00.050Z'],
    ['2024-02-28T24:00:00.000Z', '2024-02-29T00:00:00.000Z'],
    ['2000-02-29T00:00:00Z', '2000-02-29T00:00:00.000Z'],
    ['0001-01-01T00:00:00Z', '0001-01-01T00:00:00.000Z'],
    ['10000-01-01T00:00:00Z', '+010000-01-01T00:00:00.000Z'],
    ['275759-12-31T00:00:00Z', '+275759-12-31T00:00:00.000Z'],
    ...['01', '03', '05', '07', '08', '10', '12'].map((month) => [`2026-${month}-31T00:00:00Z`, `2026-${month}-31T00:00:00.000Z`]),
    ...['04', '06', '09', '11'].map((month) => [`2026-${month}-30T00:00:00Z`, `2026-${month}-30T00:00:00.000Z`]),
  ])('reads the dateTime %s as %s', async (text, iso) => {
    const vip = answering((id) => userInfo(id, `<userCreationTime>${text}</userCreationTime>`));
    const result = await vip.getUserInfo({ userId: 'x' });
    expect(result.userCreationTime?.toISOString()).toBe(iso);
  });

  it.each([
    '2024-02-30T10:00:00Z',
    '2023-02-29T10:00:00Z',
    '2024-13-01T10:00:00Z',
    '2024-04-31T10:00:00Z',
    '2024-01-01T25:00:00Z',
    '2024-01-01T24:00:01Z',
    '2024-01-01T10:60:00Z',
    '2024-01-01T10:00:60Z',
    '2024-01-01T10:00:00+15:00',
    '2024-01-01T10:00:00+01:60',
    '0000-01-01T00:00:00Z',
    '02024-01-01T00:00:00Z',
    '2024-01-01',
    '1900-02-29T00:00:00Z',
    '2100-02-29T00:00:00Z',
    '2024-06-31T00:00:00Z',
    '2024-09-31T00:00:00Z',
    '2024-11-31T00:00:00Z',
    '2024-00-10T00:00:00Z',
    '2024-01-00T00:00:00Z',
    '2024-01-01T24:30:00Z',
    '2024-01-01T24:00:30Z',
    '2024-01-01T24:00:00.5Z',
    '2024-01-01T24:00:00.10Z',
    '2024-01-01T10:00:00+14:30',
    '2024-01-01T10:00:00+1400',
    '275760-01-01T00:00:00Z',
  ])('refuses the impossible dateTime %s', async (text) => {
    const vip = answering((id) => userInfo(id, `<userCreationTime>${text}</userCreationTime>`));
    await protocolError(vip.getUserInfo({ userId: 'x' }), /^userCreationTime should be a valid xs:dateTime/);
  });

  it.each([
    ['2147483647', 2147483647],
    ['-2147483648', -2147483648],
    [' +7 ', 7],
  ])('reads the xs:int %s', async (text, value) => {
    const vip = answering((id) => userInfo(id, `<numBindings>${text}</numBindings>`));
    await expect(vip.getUserInfo({ userId: 'x' })).resolves.toMatchObject({ numBindings: value });
  });

  it.each([
    ['2147483648', /is outside the range of xs:int/],
    ['-2147483649', /is outside the range of xs:int/],
    ['99999999999999999999999', /should be an integer/],
    ['0x10', /should be an integer/],
    ['7\u00A0', /should be an integer/],
  ])('refuses the xs:int %s', async (text, message) => {
    const vip = answering((id) => userInfo(id, `<numBindings>${text}</numBindings>`));
    await protocolError(vip.getUserInfo({ userId: 'x' }), new RegExp(`^numBindings ${message.source}`));
  });

  it.each(['constructor', 'toString', 'TRUE', 'yes'])('refuses %s as a boolean', async (text) => {
    const vip = answering((id) => userInfo(id, `<isPinSet>${text}</isPinSet>`));
    await protocolError(vip.getUserInfo({ userId: 'x' }), /^isPinSet should be a boolean/);
  });

  it('decodes an attribute value', async () => {
    const binding =
      '<credentialBindingDetail><credentialId>VSMT12345678</credentialId><credentialType>STANDARD_OTP</credentialType>' +
      '<tokenInfo><TokenId type="SERIAL&#95;NUMBER&amp;x">VSMT12345678</TokenId><Adapter>OATH_TIME</Adapter><TokenStatus>ENABLED</TokenStatus>' +
      '<ExpirationDate>2030-01-01T00:00:00Z</ExpirationDate><LastUpdate>2026-01-01T00:00:00Z</LastUpdate></tokenInfo>' +
      '<bindingDetail><bindStatus>ENABLED</bindStatus></bindingDetail></credentialBindingDetail>';
    const vip = answering((id) => userInfo(id, binding));
    const result = await vip.getUserInfo({ userId: 'x' });
    expect(result.credentialBindingDetail?.[0]?.tokenInfo?.TokenId).toEqual({ value: 'VSMT12345678', type: 'SERIAL_NUMBER&x' });
  });

  it('reads an empty complex element as an empty object', async () => {
    const vip = answering((id) =>
      soapEnvelope(
        `<AuthenticateUserWithPushResponse xmlns="${VIP_NS}"><requestId>${id}</requestId><status>6040</status><statusMessage>Mobile push request sent</statusMessage><transactionId>2ae68a940ec4236b</transactionId><pushDetail/></AuthenticateUserWithPushResponse>`,
      ),
    );
    await expect(vip.authenticateUserWithPush({ userId: 'alice', pushAuthData: {} })).resolves.toMatchObject({ pushDetail: {} });
  });
});

describe('namespaces', () => {
  it('ignores a field of another namespace, even with the name of one of ours', async () => {
    const vip = answering((id) => userInfo(id, '<x:userId xmlns:x="urn:not-vip">mallory</x:userId><userId>alice</userId>'));
    await expect(vip.getUserInfo({ userId: 'alice' })).resolves.toMatchObject({ userId: 'alice' });
    const only = answering((id) => userInfo(id, '<userId xmlns="urn:not-vip">mallory</userId>'));
    expect(await only.getUserInfo({ userId: 'alice' })).not.toHaveProperty('userId');
  });

  it("reads fields under any prefix bound to VIP's namespace", async () => {
    const vip = answering((id) => userInfo(id, `<v:userId xmlns:v="${VIP_NS}">alice</v:userId>`));
    await expect(vip.getUserInfo({ userId: 'alice' })).resolves.toMatchObject({ userId: 'alice' });
  });

  it('refuses a response element of another namespace', async () => {
    const vip = answering((id) => userInfo(id, '').replace(`xmlns="${VIP_NS}"`, 'xmlns="urn:not-vip"'));
    await protocolError(
      vip.getUserInfo({ userId: 'x' }),
      /^expected GetUserInfoResponse in the SOAP Body, found GetUserInfoResponse \(namespace urn:not-vip\)/,
    );
  });

  it('refuses an envelope that is not SOAP', async () => {
    const vip = answering((id) => userInfo(id, '').replaceAll(SOAP_ENV_NS, 'urn:not-soap'));
    await protocolError(
      vip.getUserInfo({ userId: 'x' }),
      /^the response is not a SOAP envelope \(its root element is Envelope \(namespace urn:not-soap\)\)/,
    );
  });

  it('reports a SOAP 1.2 envelope clearly and reads a SOAP 1.2 Fault', async () => {
    const vip = answering((id) => userInfo(id, '').replaceAll(SOAP_ENV_NS, SOAP_12_NS));
    await protocolError(vip.getUserInfo({ userId: 'x' }), /SOAP 1.2 envelope; VIP User Services answers in SOAP 1.1/);
    const fault = answering(() => ({
      status: 500,
      body: `<e:Envelope xmlns:e="${SOAP_12_NS}"><e:Body><e:Fault><e:Code><e:Value>e:Receiver</e:Value></e:Code><e:Reason><e:Text xml:lang="en">down</e:Text></e:Reason></e:Fault></e:Body></e:Envelope>`,
    }));
    const error = await rejection(fault.getUserInfo({ userId: 'x' }));
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error).toMatchObject({ faultCode: 'e:Receiver', faultString: 'down', httpStatus: 500 });
  });

  it('reads a Fault without code or string', async () => {
    const vip = answering(() => ({ status: 500, body: soapEnvelope('<S:Fault/>') }));
    await expect(vip.getUserInfo({ userId: 'x' })).rejects.toMatchObject({ faultCode: 'unknown', faultString: 'no fault string' });
  });
});

describe('the SOAP Body', () => {
  it('refuses the response element twice', async () => {
    const vip = answering((id) => {
      const one = `<GetUserInfoResponse xmlns="${VIP_NS}"><requestId>${id}</requestId><status>0000</status><statusMessage>ok</statusMessage></GetUserInfoResponse>`;
      return soapEnvelope(one + one);
    });
    await protocolError(vip.getUserInfo({ userId: 'x' }), /^the SOAP Body holds 2 GetUserInfoResponse elements/);
  });

  it('refuses another element beside the response', async () => {
    const vip = answering((id) => userInfo(id, '').replace('</S:Body>', '<Other/></S:Body>'));
    await protocolError(vip.getUserInfo({ userId: 'x' }), /^the SOAP Body holds other elements besides GetUserInfoResponse/);
  });

  it('names what it found instead of the expected element', async () => {
    const vip = answering(() => soapEnvelope(`<GetServerTimeResponse xmlns="${VIP_NS}"/>`));
    await protocolError(
      vip.getUserInfo({ userId: 'x' }),
      /^expected GetUserInfoResponse in the SOAP Body, found GetServerTimeResponse \(namespace /,
    );
    const empty = answering(() => soapEnvelope(''));
    await protocolError(empty.getUserInfo({ userId: 'x' }), /^expected GetUserInfoResponse in the SOAP Body, found nothing/);
  });

  it('refuses an envelope without a Body', async () => {
    const vip = answering(() => `<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Header/></S:Envelope>`);
    await protocolError(vip.getUserInfo({ userId: 'x' }), /^the response is a SOAP envelope without a Body/);
  });
});

describe('HTTP status', () => {
  it.each([307, 404, 400, 502, 999])('a %i is an HTTP error even when its body is a success', async (status) => {
    const vip = answering((id) => ({ status, body: userInfo(id, '<userId>alice</userId>') }));
    const error = await rejection(vip.getUserInfo({ userId: 'alice' }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: status });
  });

  it('a 500 with a Fault is the Fault; a 500 without one is an HTTP error', async () => {
    const fault = answering(() => ({
      status: 500,
      body: soapEnvelope('<S:Fault><faultcode>S:Server</faultcode><faultstring>boom</faultstring></S:Fault>'),
    }));
    await expect(fault.getUserInfo({ userId: 'x' })).rejects.toMatchObject({ name: 'VipSoapFaultError', faultString: 'boom' });
    const html = answering(() => ({ status: 500, body: '<html>oops</html>' }));
    await expect(html.getUserInfo({ userId: 'x' })).rejects.toMatchObject({
      name: 'VipHttpError',
      httpStatus: 500,
      bodyExcerpt: '<html>oops</html>',
    });
  });

  it('a 200 with a Fault is the Fault', async () => {
    const vip = answering(() => soapEnvelope('<S:Fault><faultcode>S:Server</faultcode><faultstring>boom</faultstring></S:Fault>'));
    await expect(vip.getUserInfo({ userId: 'x' })).rejects.toMatchObject({ name: 'VipSoapFaultError', httpStatus: 200 });
  });
});
