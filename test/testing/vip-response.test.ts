import { describe, expect, it } from 'vitest';
import {
  type GetUserInfoOutput,
  type SoapHttpRequest,
  type Transport,
  AuthenticationFailedError,
  UserNotFoundError,
  VipClient,
  VipHttpError,
  VipProtocolError,
  VipSoapFaultError,
} from 'vip-user-services';
import { httpError, soapFault, vipErrorResponse, vipReply, vipResponse, vipServiceUrl, requestMatcher } from 'vip-user-services/testing';

const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

/** A client whose transport answers every request with `answer(requestBody)`, and the bodies it was sent. */
function clientAnswering(answer: (body: string) => { status?: number; body: string }) {
  const sent: string[] = [];
  const transport: Transport = {
    async send(request: SoapHttpRequest) {
      sent.push(request.body);
      const { status = 200, body } = answer(request.body);
      return { status, headers: { 'content-type': 'text/xml' }, body };
    },
    async close() {},
  };
  return { vip: new VipClient({ transport, retry: false }), sent };
}

describe('vipResponse', () => {
  it('writes the envelope the way VIP does', () => {
    const xml = vipResponse('getServerTime', { timestamp: new Date('2026-11-28T10:00:00.000Z') }, { requestId: 'req_1' });
    expect(xml).toBe(
      `<?xml version='1.0' encoding='UTF-8'?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body>` +
        `<GetServerTimeResponse xmlns="${NS}"><requestId>req_1</requestId><status>0000</status><statusMessage>Success.</statusMessage>` +
        '<timestamp>2026-11-28T10:00:00.000Z</timestamp></GetServerTimeResponse></S:Body></S:Envelope>',
    );
  });

  it('writes children in schema order, whatever the order of the keys', () => {
    const xml = vipResponse('authenticateUser', {
      isPinExpired: false,
      authnId: 'AUTH1234',
      credentialType: 'STANDARD_OTP',
      credentialId: 'VSMT12345678',
    });
    const positions = ['<status>', '<credentialId>', '<credentialType>', '<authnId>', '<isPinExpired>'].map((tag) => xml.indexOf(tag));
    expect(positions.every((position) => position > 0)).toBe(true);
    expect([...positions].sort((a, b) => a - b)).toEqual(positions);
  });

  it('round-trips every kind of value through the client', async () => {
    const fields = {
      userId: 'ålice & <bob> "quoted" \u{1F600}',
      userCreationTime: new Date('2017-08-15T01:15:14.555Z'),
      userStatus: 'LOCKED',
      numBindings: 2,
      credentialBindingDetail: [
        {
          credentialId: 'VSMT12345678',
          credentialType: 'STANDARD_OTP',
          tokenCategoryDetails: { CategoryId: 70, FormFactor: 'MOBILE', MovingFactor: 'TIME', OtpGeneratedBy: 'SOFTWARE' },
          tokenInfo: {
            TokenId: { value: 'VSMT12345678', type: 'SMS' },
            Adapter: 'OATH_TIME',
            TokenStatus: 'ENABLED',
            ExpirationDate: new Date('2030-01-01T00:00:00.000Z'),
            LastUpdate: new Date('2026-01-01T00:00:00.000Z'),
            Owner: true,
          },
          bindingDetail: { bindStatus: 'ENABLED', friendlyName: "Alice's <phone>", lastBindTime: new Date('2026-02-03T04:05:06.789Z') },
          pushAttributes: [
            { Key: 'PUSH_ENABLED', Value: 'true' },
            { Key: 'PUSH_PLATFORM', Value: 'IPHONE' },
          ],
        },
        { credentialId: 'SMS15555550100', credentialType: 'SMS_OTP', bindingDetail: { bindStatus: 'DISABLED', lastBindTime: new Date(0) } },
      ],
      isPinSet: false,
      isTempPasswordSet: true,
    } satisfies Partial<GetUserInfoOutput>;
    const { vip } = clientAnswering((body) => ({ body: vipReply('getUserInfo', fields)(body) }));
    const result = await vip.getUserInfo({ userId: 'alice' });
    expect(result).toEqual({ ...fields, requestId: expect.any(String), status: '0000', statusMessage: 'Success.' });
  });

  it('writes a dateTime given as text as it is, for offsets or deliberately odd values', async () => {
    const { vip } = clientAnswering((body) => ({
      body: vipReply('getServerTime', { timestamp: '2010-07-26T00:54:47.390-07:00' as never })(body),
    }));
    await expect(vip.getServerTime({})).resolves.toMatchObject({ timestamp: new Date('2010-07-26T07:54:47.390Z') });
  });

  it('refuses a success status without the fields VIP always sends with it', () => {
    expect(() => vipResponse('authenticateUserWithPush', { transactionId: '2ae68a940ec4236b' }, { status: '6040' })).toThrow(
      'authenticateUserWithPush answers 6040 with pushDetail (VIP always sends them): give them in the fields',
    );
    expect(() => vipResponse('evaluateRisk', {})).toThrow(
      'evaluateRisk answers 0000 with EventId (VIP always sends them): give them in the fields',
    );
    // A failure status carries nothing more.
    expect(vipResponse('authenticateUserWithPush', {}, { status: '6041' })).toContain('<status>6041</status>');
  });

  it('uses the documented message of the status unless one is given', () => {
    const push = { transactionId: '2ae68a940ec4236b', pushDetail: [{ pushCredentialId: 'VSMT12345678', pushSent: true }] };
    expect(vipResponse('authenticateUserWithPush', push, { status: '6040' })).toContain(
      '<statusMessage>Mobile push request sent.</statusMessage>',
    );
    expect(vipResponse('getUserInfo', {}, { status: '6003', statusMessage: 'User does not exist.' })).toContain(
      '<statusMessage>User does not exist.</statusMessage>',
    );
    expect(vipResponse('getUserInfo', {}, { status: '9999' })).toContain('<status>9999</status><statusMessage></statusMessage>');
  });

  it('echoes the requestId it is given, which the client checks', async () => {
    const { vip } = clientAnswering(() => ({ body: vipResponse('getServerTime', {}, { requestId: 'fixed_1' }) }));
    await expect(vip.getServerTime({}, { requestId: 'fixed_1' })).resolves.toMatchObject({ requestId: 'fixed_1', status: '0000' });
    await expect(vip.getServerTime({}, { requestId: 'other_2' })).rejects.toBeInstanceOf(VipProtocolError);
  });

  it('leaves requestId out when none is given, which the client refuses', async () => {
    const xml = vipResponse('getServerTime');
    expect(xml).not.toContain('requestId');
    const { vip } = clientAnswering(() => ({ body: xml }));
    await expect(vip.getServerTime({})).rejects.toBeInstanceOf(VipProtocolError);
  });

  it('rejects what the response cannot carry', () => {
    const bad = (run: () => unknown) => expect(run).toThrow(TypeError);
    bad(() => vipResponse('noSuchOperation' as 'getUserInfo'));
    bad(() => vipResponse('getUserInfo', { nickname: 'x' } as never));
    bad(() => vipResponse('getUserInfo', { status: '6003' } as never));
    bad(() => vipResponse('getUserInfo', { isPinSet: 'yes' } as never));
    bad(() => vipResponse('getUserInfo', { numBindings: 1.5 }));
    bad(() => vipResponse('getUserInfo', { userCreationTime: new Date('nonsense') }));
    bad(() => vipResponse('getUserInfo', { userId: 'bell \u0007' }));
    bad(() => vipResponse('getUserInfo', { credentialBindingDetail: { credentialId: 'x' } } as never));
    bad(() => vipResponse('getUserInfo', { userId: ['a', 'b'] } as never));
    bad(() => vipResponse('getUserInfo', { credentialBindingDetail: ['text'] } as never));
  });
});

describe('vipErrorResponse', () => {
  it('carries the status, its documented message and the detail, which the client turns into the error class', async () => {
    const xml = vipErrorResponse('authenticateUser', '6009', {
      requestId: 'req_6009',
      detail: '49B5',
      detailMessage: 'Failed with an invalid OTP',
    });
    expect(xml).toContain('<status>6009</status><statusMessage>Authentication failed.</statusMessage><detail>49B5</detail>');
    const { vip } = clientAnswering(() => ({ body: xml }));
    const error = await vip
      .authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } }, { requestId: 'req_6009' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AuthenticationFailedError);
    expect(error).toMatchObject({ code: '6009', detail: '49B5', detailMessage: 'Failed with an invalid OTP' });
  });
});

describe('vipReply', () => {
  const request =
    '<soapenv:Envelope><soapenv:Body><vip:GetUserInfoRequest><vip:requestId>abc_123</vip:requestId></vip:GetUserInfoRequest></soapenv:Body></soapenv:Envelope>';

  it('echoes the requestId of a request given as text, as undici options, or as nock arguments', () => {
    const reply = vipReply('getUserInfo', { userStatus: 'ACTIVE' });
    const echoed = '<requestId>abc_123</requestId>';
    expect(reply(request)).toContain(echoed);
    expect(reply({ body: request })).toContain(echoed);
    expect(reply({ body: Buffer.from(request) })).toContain(echoed);
    expect(reply('/vipuserservices/QueryService_1_8', request)).toContain(echoed);
  });

  it('keeps a requestId forced through the options', () => {
    expect(vipReply('getUserInfo', {}, { requestId: 'forced' })(request)).toContain('<requestId>forced</requestId>');
  });

  it('fails where it is defined when the fields do not fit', () => {
    expect(() => vipReply('getUserInfo', { unknown: 1 } as never)).toThrow(TypeError);
  });

  it('answers each request of a real client with its own requestId', async () => {
    const { vip, sent } = clientAnswering((body) => ({ body: vipReply('getUserInfo', {}, { status: '6003' })(body) }));
    for (let i = 0; i < 2; i++) await expect(vip.getUserInfo({ userId: 'ghost' })).rejects.toBeInstanceOf(UserNotFoundError);
    expect(sent).toHaveLength(2);
  });
});

describe('soapFault and httpError', () => {
  it('give a SOAP Fault the client reads as VipSoapFaultError', async () => {
    const { vip } = clientAnswering(() => ({ status: 500, body: soapFault('Server is <busy>', { faultCode: 'S:Client', detail: 'x' }) }));
    const error = await vip.getServerTime({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipSoapFaultError);
    expect(error).toMatchObject({ faultCode: 'S:Client', faultString: 'Server is <busy>', httpStatus: 500 });
  });

  it('give an HTML error page the client reads as VipHttpError', async () => {
    expect(httpError(503)).toContain('503 Service Unavailable');
    const { vip } = clientAnswering(() => ({ status: 502, body: httpError() }));
    const error = await vip.getServerTime({}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error).toMatchObject({ httpStatus: 502 });
    expect(() => httpError(42)).toThrow(RangeError);
  });
});

describe('vipServiceUrl and requestMatcher', () => {
  it('give the URL the client posts each operation to', () => {
    expect(vipServiceUrl('getUserInfo').href).toBe('https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8');
    expect(vipServiceUrl('createUser', { endpoint: 'http://127.0.0.1:8080/base/', apiVersion: '1.7' }).href).toBe(
      'http://127.0.0.1:8080/base/vipuserservices/ManagementService_1_7',
    );
    expect(vipServiceUrl('checkOtp', { endpoints: { Authentication: 'https://vip.example.test/auth' } }).href).toBe(
      'https://vip.example.test/auth',
    );
  });

  it('matches request bodies by the operation they call, with or without prefixes', () => {
    const isAuthenticateUser = requestMatcher('authenticateUser');
    expect(isAuthenticateUser('<e:Envelope><e:Body><v:AuthenticateUserRequest><v:requestId>a</v:requestId>')).toBe(true);
    expect(isAuthenticateUser('<Envelope><Body><AuthenticateUserRequest xmlns="x">')).toBe(true);
    expect(isAuthenticateUser(Buffer.from('<AuthenticateUserRequest>'))).toBe(true);
    expect(isAuthenticateUser('<AuthenticateUserWithPushRequest>')).toBe(false);
    expect(isAuthenticateUser({ json: true })).toBe(false);
    expect(() => requestMatcher('nope' as 'checkOtp')).toThrow(TypeError);
  });
});
