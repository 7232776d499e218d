/** Behaviour that comes from the contracts' sdk: annotations and shapes rather than from the wire format alone. */
import { expect, it } from 'vitest';
import { type Transport, VipClient } from 'vip-user-services';

const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

/** A client whose every call is answered with `element` holding `inner` after the base fields. */
function answering(element: string, inner: string): VipClient {
  const transport: Transport = {
    async send(request) {
      const requestId = /<vip:requestId>([^<]+)</.exec(request.body)?.[1];
      const body = `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><${element} xmlns="${NS}"><requestId>${requestId}</requestId><status>0000</status><statusMessage>Success</statusMessage>${inner}</${element}></S:Body></S:Envelope>`;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body };
    },
    async close() {},
  };
  return new VipClient({ transport });
}

it('reads authnId under the name the documentation uses, lastAuthnId', async () => {
  const vip = answering('AuthenticateUserResponse', '<credentialId>VSMT12345678</credentialId><lastAuthnId>0123456789ABCDEF</lastAuthnId>');
  await expect(vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } })).resolves.toMatchObject({
    authnId: '0123456789ABCDEF',
  });
});

it('prefers the schema name when both appear', async () => {
  const vip = answering('AuthenticateUserResponse', '<authnId>FROM_SCHEMA_NAME</authnId><lastAuthnId>FROM_DOC_NAME</lastAuthnId>');
  const result = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456' } });
  expect(result.authnId).toBe('FROM_SCHEMA_NAME');
  expect(result).not.toHaveProperty('lastAuthnId');
});

it('lets an operation without required fields be called with no input at all', async () => {
  const vip = answering('GetServerTimeResponse', '<timestamp>2026-11-28T10:00:00.000Z</timestamp>');
  await expect(vip.getServerTime()).resolves.toMatchObject({ timestamp: new Date('2026-11-28T10:00:00.000Z') });
});
