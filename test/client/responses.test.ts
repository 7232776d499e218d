/**
 * Reading responses: tolerant where XML and VIP allow variation (unknown elements, absent optionals, case of hex
 * codes, time zones, character references, CDATA, envelope prefixes) and strict where the answer cannot be trusted
 * (another request's ID, no status, wrong element, badly typed values, Faults, HTML, broken XML, DTDs).
 */
import { describe, expect, it } from 'vitest';
import {
  CredentialAlreadyRegisteredError,
  CredentialTypeNotSupportedError,
  VipHttpError,
  VipProtocolError,
  VipSoapFaultError,
  type VipClient,
} from 'vip-user-services';
import { SOAP_ENV_NS, VIP_NS, soapEnvelope, soapFault, vipResponse } from '../helpers/soap-fixtures.js';
import { fakeClient, type FakeReply } from './fake-transport.js';

const RID = 'RESP_0001';

/** A client whose every call gets `reply`. */
function answering(reply: FakeReply): VipClient {
  return fakeClient(() => reply).vip;
}

/** getUserInfo answered with a 0000 response carrying `fieldsXml`. */
function userInfoWith(fieldsXml: string) {
  return answering(vipResponse('GetUserInfoResponse', RID, fieldsXml)).getUserInfo({ userId: 'alice' }, { requestId: RID });
}

async function rejection(call: Promise<unknown>): Promise<unknown> {
  return call.then(
    () => expect.unreachable('the call should have failed'),
    (error: unknown) => error,
  );
}

describe('tolerance', () => {
  it('ignores unknown elements and attributes at any depth', async () => {
    const output = await userInfoWith(`
      <userId extra="1">alice</userId>
      <futureField>something new</futureField>
      <numBindings>1</numBindings>
      <credentialBindingDetail>
        <credentialId>VSMT16261823</credentialId>
        <credentialType>STANDARD_OTP</credentialType>
        <fidoInfo><aaguid>x</aaguid></fidoInfo>
        <bindingDetail><bindStatus>ENABLED</bindStatus><lastBindTime>2017-08-15T01:20:00.000Z</lastBindTime><newFlag>true</newFlag></bindingDetail>
      </credentialBindingDetail>
      <isPinExpiredSoon>false</isPinExpiredSoon>`);
    expect(output).toEqual({
      requestId: RID,
      status: '0000',
      statusMessage: 'Success',
      userId: 'alice',
      numBindings: 1,
      credentialBindingDetail: [
        {
          credentialId: 'VSMT16261823',
          credentialType: 'STANDARD_OTP',
          bindingDetail: { bindStatus: 'ENABLED', lastBindTime: new Date('2017-08-15T01:20:00.000Z') },
        },
      ],
    });
  });

  it('leaves absent optional fields out of the output', async () => {
    const output = await userInfoWith('<numBindings>0</numBindings>');
    expect(output).toEqual({ requestId: RID, status: '0000', statusMessage: 'Success', numBindings: 0 });
    expect('userStatus' in output).toBe(false);
    expect('credentialBindingDetail' in output).toBe(false);
    expect(output.detail).toBeUndefined();
  });

  it('reads an empty complex element as an empty object', async () => {
    const output = await answering(
      vipResponse('GetTemporaryPasswordAttributesResponse', RID, '<tempPwdAttributes/>'),
    ).getTemporaryPasswordAttributes({ userId: 'alice' }, { requestId: RID });
    expect(output.tempPwdAttributes).toEqual({});
  });

  it('upper-cases a lower-case hex status and maps it to its class', async () => {
    const vip = answering(
      vipResponse('AddCredentialResponse', RID, '', { status: '600a', statusMessage: 'Credential type not supported.' }),
    );
    const error = await rejection(
      vip.addCredential({ userId: 'alice', credentialDetail: { credentialId: 'VSMT1234', credentialType: 'IA' } }, { requestId: RID }),
    );
    expect(error).toBeInstanceOf(CredentialTypeNotSupportedError);
    expect(error).toMatchObject({ code: '600A', requestId: RID, operation: 'addCredential' });
  });

  it('upper-cases lower-case detail codes, top level and per transaction', async () => {
    const registerError = await rejection(
      answering(
        vipResponse('RegisterResponse', RID, '', {
          status: '6026',
          statusMessage: 'Credential is already registered for this account.',
          detail: '4e1b',
          detailMessage: 'Token has already been activated.',
        }),
      ).register({ serviceOtpDeliveryInfo: { id: 'SVC0001' } }, { requestId: RID }),
    );
    expect(registerError).toBeInstanceOf(CredentialAlreadyRegisteredError);
    expect(registerError).toMatchObject({ detail: '4E1B' });

    const poll = await answering(
      vipResponse(
        'PollPushStatusResponse',
        RID,
        '<transactionStatus><transactionId>abcd1234</transactionId><status>700a</status><statusMessage>x</statusMessage><detail>71ab</detail></transactionStatus>',
      ),
    ).pollPushStatus({ transactionId: ['abcd1234'] }, { requestId: RID });
    expect(poll.transactionStatus).toEqual([{ transactionId: 'abcd1234', status: '700A', statusMessage: 'x', detail: '71AB' }]);
  });

  it.each([
    ['with Z', '2017-08-15T01:15:14.555Z', '2017-08-15T01:15:14.555Z'],
    ['with a negative offset', '2010-07-26T00:54:47.390-07:00', '2010-07-26T07:54:47.390Z'],
    ['with a positive half-hour offset', '2026-11-20T18:45:00+05:30', '2026-11-20T13:15:00.000Z'],
    ['without a zone (read as UTC)', '2026-11-20T13:15:00', '2026-11-20T13:15:00.000Z'],
    ['without a zone but with milliseconds', '2026-11-20T13:15:00.250', '2026-11-20T13:15:00.250Z'],
  ])('reads a dateTime %s', async (_what, wire, iso) => {
    const output = await answering(vipResponse('GetServerTimeResponse', RID, `<timestamp>${wire}</timestamp>`)).getServerTime(
      {},
      { requestId: RID },
    );
    expect(output.timestamp).toBeInstanceOf(Date);
    expect(output.timestamp?.toISOString()).toBe(iso);
  });

  it('decodes numeric character references and the predefined entities', async () => {
    const output = await userInfoWith('<userId>caf&#233; &#x1F600; R&amp;D &lt;a&gt; &quot;q&quot; &apos;s&apos; &amp;amp;</userId>');
    expect(output.userId).toBe('café 😀 R&D <a> "q" \'s\' &amp;');
  });

  it('reads CDATA text', async () => {
    const output = await userInfoWith('<userId><![CDATA[a<b & "c"]]></userId>');
    expect(output.userId).toBe('a<b & "c"');
  });

  it('keeps entity-like text inside CDATA literally', async () => {
    // CDATA content is never parsed for references: `&amp;` inside it is five characters, not `&`.
    const output = await userInfoWith('<userId><![CDATA[R&amp;D &#233;]]></userId>');
    expect(output.userId).toBe('R&amp;D &#233;');
  });

  it('accepts 1 and 0 as xs:boolean values', async () => {
    const output = await userInfoWith('<isPinSet>1</isPinSet><isTempPasswordSet>0</isTempPasswordSet>');
    expect(output).toMatchObject({ isPinSet: true, isTempPasswordSet: false });
  });

  it('accepts other envelope prefixes, a double-quoted declaration and no declaration', async () => {
    const element = `<GetServerTimeResponse xmlns="${VIP_NS}"><requestId>${RID}</requestId><status>0000</status><statusMessage>Success</statusMessage></GetServerTimeResponse>`;
    for (const body of [
      `<?xml version="1.0" encoding="utf-8"?><soap:Envelope xmlns:soap="${SOAP_ENV_NS}"><soap:Header/><soap:Body>${element}</soap:Body></soap:Envelope>`,
      `<env:Envelope xmlns:env="${SOAP_ENV_NS}"><env:Body>${element}</env:Body></env:Envelope>`,
      `<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body><ns2:GetServerTimeResponse xmlns:ns2="${VIP_NS}"><ns2:requestId>${RID}</ns2:requestId><ns2:status>0000</ns2:status><ns2:statusMessage>Success</ns2:statusMessage></ns2:GetServerTimeResponse></S:Body></S:Envelope>`,
    ]) {
      await expect(answering(body).getServerTime({}, { requestId: RID })).resolves.toEqual({
        requestId: RID,
        status: '0000',
        statusMessage: 'Success',
      });
    }
  });

  it('trims whitespace around codes, numbers, booleans and dates, which XSD collapses', async () => {
    const body = soapEnvelope(
      `<GetServerTimeResponse xmlns="${VIP_NS}">\n  <requestId>${RID}</requestId>\n  <status>\n0000\n</status>\n  <statusMessage>Success</statusMessage>\n  <timestamp> 2026-11-28T10:00:00Z </timestamp>\n</GetServerTimeResponse>`,
    );
    await expect(answering(body).getServerTime({}, { requestId: RID })).resolves.toEqual({
      requestId: RID,
      status: '0000',
      statusMessage: 'Success',
      timestamp: new Date('2026-11-28T10:00:00Z'),
    });
  });

  it('keeps whitespace inside text values, which xs:string preserves', async () => {
    const vip = answering(vipResponse('GetUserInfoResponse', RID, '<userId>  alice smith </userId><numBindings>\n 0 \n</numBindings>'));
    await expect(vip.getUserInfo({ userId: '  alice smith ' }, { requestId: RID })).resolves.toMatchObject({
      userId: '  alice smith ',
      numBindings: 0,
    });
  });

  it('treats a VIP response element carried by a 500 as an HTTP error: only a 2xx answers and only a Fault explains a 500', async () => {
    const vip = answering({
      status: 500,
      body: vipResponse('GetUserInfoResponse', RID, '', { status: '6005', statusMessage: 'Internal error.' }),
    });
    const error = await rejection(vip.getUserInfo({ userId: 'alice' }, { requestId: RID }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: 500, requestId: RID });
  });
});

describe('strictness', () => {
  /** The call's VipProtocolError, checked to name the check that fired (`message`), the operation and request ID. */
  async function protocolError(call: Promise<unknown>, message: RegExp): Promise<VipProtocolError> {
    const error = await rejection(call);
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error).toMatchObject({ operation: expect.any(String), requestId: RID });
    expect((error as Error).message).toMatch(message);
    return error as VipProtocolError;
  }

  it('rejects an answer to another request ID', async () => {
    const vip = answering(vipResponse('GetUserInfoResponse', 'SOMEONE_ELSE', '<userId>bob</userId>'));
    const error = await protocolError(
      vip.getUserInfo({ userId: 'alice' }, { requestId: RID }),
      /^GetUserInfoResponse answers request "SOMEONE_ELSE", not this one/,
    );
    expect(error.message).toContain('SOMEONE_ELSE');
    expect(error.operation).toBe('getUserInfo');
  });

  it('rejects an answer that does not echo any request ID', async () => {
    const body = soapEnvelope(
      `<GetServerTimeResponse xmlns="${VIP_NS}"><status>0000</status><statusMessage>Success</statusMessage></GetServerTimeResponse>`,
    );
    const error = await protocolError(
      answering(body).getServerTime({}, { requestId: RID }),
      /^GetServerTimeResponse answers no request, not this one/,
    );
    expect(error.message).toContain('answers no request');
  });

  it('rejects a response without a status', async () => {
    const body = soapEnvelope(
      `<GetServerTimeResponse xmlns="${VIP_NS}"><requestId>${RID}</requestId><statusMessage>Success</statusMessage></GetServerTimeResponse>`,
    );
    await protocolError(answering(body).getServerTime({}, { requestId: RID }), /^GetServerTimeResponse has no status \(/);
  });

  it('rejects an empty status', async () => {
    await protocolError(
      answering(vipResponse('GetServerTimeResponse', RID, '', { status: '' })).getServerTime({}, { requestId: RID }),
      /^GetServerTimeResponse has no status \(/,
    );
  });

  it('rejects a status that is not hexBinary', async () => {
    await protocolError(
      answering(vipResponse('GetServerTimeResponse', RID, '', { status: 'OK' })).getServerTime({}, { requestId: RID }),
      /^status should be hexadecimal \(/,
    );
  });

  it('rejects the wrong response element', async () => {
    const error = await protocolError(
      answering(vipResponse('GetServerTimeResponse', RID)).getUserInfo({ userId: 'alice' }, { requestId: RID }),
      /^expected GetUserInfoResponse in the SOAP Body, found GetServerTimeResponse \(namespace /,
    );
    expect(error.message).toContain('GetUserInfoResponse');
  });

  it('rejects an empty SOAP Body', async () => {
    await protocolError(
      answering(soapEnvelope('')).getServerTime({}, { requestId: RID }),
      /^expected GetServerTimeResponse in the SOAP Body, found nothing/,
    );
  });

  it('rejects a body that is not a SOAP envelope', async () => {
    await protocolError(
      answering(`<GetServerTimeResponse xmlns="${VIP_NS}"><status>0000</status></GetServerTimeResponse>`).getServerTime(
        {},
        { requestId: RID },
      ),
      /^the response is not a SOAP envelope \(its root element is GetServerTimeResponse/,
    );
    await protocolError(answering('OK').getServerTime({}, { requestId: RID }), /^the response is not well-formed XML: /);
  });

  it.each([
    ['a boolean', '<isPinSet>yes</isPinSet>', /^isPinSet should be a boolean \(/],
    ['an integer', '<numBindings>two</numBindings>', /^numBindings should be an integer \(/],
    ['a fractional integer', '<numBindings>1.5</numBindings>', /^numBindings should be an integer \(/],
    ['a dateTime', '<userCreationTime>yesterday</userCreationTime>', /^userCreationTime should be a valid xs:dateTime \(/],
    [
      'a dateTime with an impossible month',
      '<userCreationTime>2017-13-45T00:00:00Z</userCreationTime>',
      /^userCreationTime should be a valid xs:dateTime \(/,
    ],
    ['a date without a time', '<userCreationTime>2017-08-15</userCreationTime>', /^userCreationTime should be a valid xs:dateTime \(/],
    [
      'a nested boolean',
      '<credentialBindingDetail><credentialId>VSMT1234</credentialId><credentialType>IA</credentialType><bindingDetail><bindStatus>ENABLED</bindStatus><trustedDevice>maybe</trustedDevice><lastBindTime>2017-08-15T01:20:00Z</lastBindTime></bindingDetail></credentialBindingDetail>',
      /^credentialBindingDetail\[0\]\.bindingDetail\.trustedDevice should be a boolean \(/,
    ],
    ['a single field repeated', '<userId>alice</userId><userId>bob</userId>', /^userId appears 2 times but the contract allows one/],
    ['elements inside a text field', '<userId><first>alice</first></userId>', /^userId should be text, not elements/],
    [
      'text inside a complex field',
      '<credentialBindingDetail>just text</credentialBindingDetail>',
      /^credentialBindingDetail\[0\] should contain elements, not text/,
    ],
  ])('rejects an invalid value: %s', async (_what, fields, message) => {
    await protocolError(userInfoWith(fields), message);
  });

  it('turns a SOAP 1.1 Fault with HTTP 500 into VipSoapFaultError', async () => {
    const vip = answering({ status: 500, body: soapFault('S:Client', 'Unmarshalling Error: unexpected element userID') });
    const error = await rejection(vip.getUserInfo({ userId: 'alice' }, { requestId: RID }));
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error).toMatchObject({
      faultCode: 'S:Client',
      faultString: 'Unmarshalling Error: unexpected element userID',
      httpStatus: 500,
      operation: 'getUserInfo',
      requestId: RID,
    });
  });

  it('turns a Fault with escaped text and a detail into VipSoapFaultError', async () => {
    const vip = answering({ status: 500, body: soapFault('S:Server', 'a &lt; b &amp; c', '<code>E42</code>') });
    const error = await rejection(vip.getServerTime({}, { requestId: RID }));
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error).toMatchObject({ faultCode: 'S:Server', faultString: 'a < b & c', faultDetail: { code: 'E42' } });
  });

  it('turns an HTML 502 into VipHttpError with the status and an excerpt', async () => {
    const html = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1><p>nginx</p></body></html>';
    const vip = answering({ status: 502, headers: { 'content-type': 'text/html' }, body: html });
    const error = await rejection(vip.getServerTime({}, { requestId: RID }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: 502, requestId: RID, operation: 'getServerTime' });
    expect((error as VipHttpError).bodyExcerpt).toContain('502 Bad Gateway');
  });

  it('keeps only an excerpt of a long error page', async () => {
    const vip = answering({ status: 503, headers: { 'content-type': 'text/html' }, body: `<html>${'x'.repeat(10_000)}</html>` });
    const error = (await rejection(vip.getServerTime({}, { requestId: RID }))) as VipHttpError;
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error.bodyExcerpt.length).toBeLessThan(1000);
  });

  it('rejects truncated XML, saying where it ends', async () => {
    const full = vipResponse('GetUserInfoResponse', RID, '<userId>alice</userId><numBindings>0</numBindings>');
    const cuts: Array<[number, RegExp]> = [
      [full.length - 20, /^the response is not well-formed XML: it ends inside the end tag of <S:Body> \(/],
      [full.indexOf('<numBindings>') + 5, /^the response is not well-formed XML: it ends inside the <numB> tag \(/],
      [full.indexOf('<numBindings>') + '<numBindings>'.length, /^the response is not well-formed XML: it ends inside <numBindings> \(/],
    ];
    for (const [cut, message] of cuts) {
      await protocolError(answering(full.slice(0, cut)).getUserInfo({ userId: 'alice' }, { requestId: RID }), message);
    }
  });

  it('rejects a DOCTYPE with an external entity (XXE)', async () => {
    const body =
      '<?xml version="1.0"?><!DOCTYPE S:Envelope [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' +
      vipResponse('GetUserInfoResponse', RID, '<userId>&xxe;</userId>').replace(/^<\?xml[^>]*\?>/, '');
    const error = await protocolError(
      answering(body).getUserInfo({ userId: 'alice' }, { requestId: RID }),
      /not well-formed XML: it contains a DOCTYPE or entity declaration, which SOAP forbids/,
    );
    expect(error.message).not.toContain('root:');
  });

  it('rejects a billion-laughs entity bomb', async () => {
    const levels = Array.from({ length: 10 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const body =
      `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol0 "lol">${levels}]>` +
      vipResponse('GetUserInfoResponse', RID, '<userId>&lol10;</userId>').replace(/^<\?xml[^>]*\?>/, '');
    await protocolError(
      answering(body).getUserInfo({ userId: 'alice' }, { requestId: RID }),
      /not well-formed XML: it contains a DOCTYPE or entity declaration, which SOAP forbids/,
    );
  });

  it('rejects absurdly deep nesting', async () => {
    const deep = `${'<x>'.repeat(200)}y${'</x>'.repeat(200)}`;
    await protocolError(userInfoWith(`<futureField>${deep}</futureField>`), /not well-formed XML: it nests elements deeper than 64 levels/);
  });

  it('never lets element names pollute Object.prototype', async () => {
    const outcome = await userInfoWith(
      '<__proto__><polluted>yes</polluted></__proto__><constructor><prototype><polluted>yes</polluted></prototype></constructor>',
    ).catch((error: unknown) => error);
    expect(outcome instanceof VipProtocolError || (outcome as { status?: string }).status === '0000').toBe(true);
    expect((Object.prototype as Record<string, unknown>).polluted).toBeUndefined();
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('rejects a DOCTYPE even without entities', async () => {
    const body = `<!DOCTYPE S:Envelope>${vipResponse('GetServerTimeResponse', RID).replace(/^<\?xml[^>]*\?>/, '')}`;
    await protocolError(
      answering(body).getServerTime({}, { requestId: RID }),
      /not well-formed XML: it contains a DOCTYPE or entity declaration, which SOAP forbids/,
    );
  });
});

describe('fields VIP always sends with a success', () => {
  it('refuses a 6040 push answer without its transaction, instead of returning a result the types lie about', async () => {
    const vip = answering(vipResponse('AuthenticateUserWithPushResponse', RID, '', { status: '6040' }));
    const error = await rejection(vip.authenticateUserWithPush({ userId: 'alice' }, { requestId: RID }));
    expect(error).toBeInstanceOf(VipProtocolError);
    expect((error as Error).message).toMatch(
      /^AuthenticateUserWithPushResponse with status 6040 lacks transactionId, pushDetail, which VIP always sends/,
    );
  });

  it('refuses an evaluateRisk answer without its EventId', async () => {
    const vip = answering(vipResponse('EvaluateRiskResponse', RID, '<RiskScore>10</RiskScore>'));
    await expect(vip.evaluateRisk({ UserId: 'a', Ip: '198.51.100.7', UserAgent: 'x' }, { requestId: RID })).rejects.toThrow(
      /^EvaluateRiskResponse with status 0000 lacks EventId, which VIP always sends/,
    );
  });
});
