/**
 * Required elements whose type has no required content: sent empty when the input leaves them out, byte for byte
 * what `{}` sends, in their place in schema order.
 */
import { describe, expect, it } from 'vitest';
import { echoing, fakeClient } from './fake-transport.js';
import { requestEnvelope } from '../helpers/soap-fixtures.js';

// Some inputs below break the static types on purpose, as untyped callers do; `loose` lets them through.
const loose = <T>(value: unknown): T => value as T;

describe('a required element that may be empty', () => {
  const PUSH_SENT = `<transactionId>2ae68a940ec4236b</transactionId><pushDetail><pushCredentialId>VSMT12345678</pushCredentialId><pushSent>true</pushSent></pushDetail>`;
  const PUSH_REQUEST = requestEnvelope(`
    <vip:AuthenticateUserWithPushRequest>
      <vip:requestId>PUSH_0001</vip:requestId>
      <vip:userId>alice</vip:userId>
      <vip:pushAuthData></vip:pushAuthData>
    </vip:AuthenticateUserWithPushRequest>`);

  it.each([
    ['left out', {}],
    ['undefined', { pushAuthData: undefined }],
    ['null', { pushAuthData: null }],
    ['empty', { pushAuthData: {} }],
  ])('is sent empty when pushAuthData is %s', async (_title, extra) => {
    const { vip, transport } = fakeClient(echoing('AuthenticateUserWithPushResponse', PUSH_SENT, { status: '6040' }));
    const result = await vip.authenticateUserWithPush(loose({ userId: 'alice', ...extra }), { requestId: 'PUSH_0001' });
    expect(transport.bodies).toEqual([PUSH_REQUEST]);
    expect(result).toMatchObject({ status: '6040', transactionId: '2ae68a940ec4236b' });
  });

  it('keeps its place in schema order, before authContext', async () => {
    const { vip, transport } = fakeClient(echoing('AuthenticateUserWithPushResponse', PUSH_SENT, { status: '6040' }));
    await vip.authenticateUserWithPush(
      { userId: 'alice', authContext: { params: [{ Key: 'authLevel.level', Value: '2' }] } },
      { requestId: 'PUSH_0002' },
    );
    expect(transport.bodies[0]).toBe(
      requestEnvelope(`
        <vip:AuthenticateUserWithPushRequest>
          <vip:requestId>PUSH_0002</vip:requestId>
          <vip:userId>alice</vip:userId>
          <vip:pushAuthData></vip:pushAuthData>
          <vip:authContext><vip:params><vip:Key>authLevel.level</vip:Key><vip:Value>2</vip:Value></vip:params></vip:authContext>
        </vip:AuthenticateUserWithPushRequest>`),
    );
  });

  it('applies to every such element of the contract: temporaryPasswordAttributes too', async () => {
    const { vip, transport } = fakeClient();
    await vip.setTemporaryPasswordAttributes({ userId: 'alice' }, { requestId: 'TEMP_0001' });
    expect(transport.bodies[0]).toBe(
      requestEnvelope(`
        <vip:SetTemporaryPasswordAttributesRequest>
          <vip:requestId>TEMP_0001</vip:requestId>
          <vip:userId>alice</vip:userId>
          <vip:temporaryPasswordAttributes></vip:temporaryPasswordAttributes>
        </vip:SetTemporaryPasswordAttributesRequest>`),
    );
  });

  it('is still a choice member like any other in authenticateCredentials: one of the two must be given', async () => {
    const { vip, transport } = fakeClient();
    const error = await vip
      .authenticateCredentials(loose({ credentials: [{ credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' }] }))
      .catch((rejected: unknown) => rejected);
    expect(error).toMatchObject({ name: 'VipValidationError', field: 'otpAuthData, pushAuthData', rule: 'choice' });
    expect(transport.requests).toHaveLength(0);
  });
});
