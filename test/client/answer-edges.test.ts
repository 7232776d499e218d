/**
 * What the client makes of an answer at the edges of its rules: which HTTP statuses can carry a result, the context
 * every error of a reading carries, how much of a refused answer's text is quoted, and what a Fault in another
 * encoding becomes.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, VipHttpError, VipProtocolError, VipServiceError, VipSoapFaultError } from 'vip-user-services';
import { requestIdOf, soapEnvelope, soapFault, VIP_NS, vipResponse } from '../helpers/soap-fixtures.js';
import { type FakeReply, fakeClient } from './fake-transport.js';

/** The error `getUserInfo` fails with when every request is answered by `reply`. */
async function failureOf(reply: (requestId: string) => FakeReply): Promise<Error & Record<string, unknown>> {
  const { vip } = fakeClient((request) => reply(requestIdOf(request.body)));
  return vip.getUserInfo({ userId: 'alice' }).then(
    () => expect.fail('expected the call to fail'),
    (error: Error & Record<string, unknown>) => error,
  );
}

/** The end every call error's message has: the operation and the call's request ID. */
function where(error: Record<string, unknown>): string {
  return ` (getUserInfo, requestId ${error.requestId as string})`;
}

describe('the HTTP status of an answer', () => {
  it('takes a result from any 2xx, 299 included', async () => {
    const { vip } = fakeClient((request) => ({ status: 299, body: vipResponse('GetUserInfoResponse', requestIdOf(request.body)) }));
    expect((await vip.getUserInfo({ userId: 'alice' })).status).toBe('0000');
  });

  it.each([199, 300])('refuses a success envelope that comes with HTTP %i', async (status) => {
    const error = await failureOf((requestId) => ({ status, body: vipResponse('GetUserInfoResponse', requestId) }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error.httpStatus).toBe(status);
  });
});

describe('the context of an error found while reading an answer', () => {
  it('is there for a body that is not UTF-8', async () => {
    const error = await failureOf(() => ({ status: 200, body: new Uint8Array([0x3c, 0xff, 0x3e]) }));
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error.message).toBe(`the response is not valid UTF-8${where(error)}`);
    expect(error).toMatchObject({ operation: 'getUserInfo', httpStatus: 200, attempts: 1 });
    expect(error.requestId).toEqual(expect.any(String));
  });

  it('is there for a success that lacks a field VIP always sends', async () => {
    const body = (requestId: string) =>
      soapEnvelope(`<GetUserInfoResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>0000</status></GetUserInfoResponse>`);
    const error = await failureOf(body);
    expect(error).toBeInstanceOf(VipProtocolError);
    expect(error.message).toBe(`GetUserInfoResponse with status 0000 lacks statusMessage, which VIP always sends${where(error)}`);
    expect(error).toMatchObject({ operation: 'getUserInfo', httpStatus: 200, attempts: 1 });
  });

  it('quotes at most 64 characters of a request ID that is not this call', async () => {
    const error = await failureOf(() => vipResponse('GetUserInfoResponse', 'R'.repeat(100)));
    expect(error.message).toBe(`GetUserInfoResponse answers request "${'R'.repeat(64)}", not this one${where(error)}`);
  });

  it('gives a refusal without a status message an empty one, and the documented message', async () => {
    const body = (requestId: string) =>
      soapEnvelope(`<GetUserInfoResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>6003</status></GetUserInfoResponse>`);
    const error = await failureOf(body);
    expect(error).toBeInstanceOf(VipServiceError);
    expect(error.statusMessage).toBe('');
    expect(error.message).toBe(`[6003] ${error.documentedMessage as string}${where(error)}`);
  });
});

describe('a Fault', () => {
  it('is read from a 500 in UTF-8', async () => {
    const error = await failureOf(() => ({ status: 500, body: soapFault('S:Server', 'boom') }));
    expect(error).toBeInstanceOf(VipSoapFaultError);
  });

  it('is not read from a 500 declared in another encoding: that answer is an HTTP error', async () => {
    const body = new TextEncoder().encode(soapFault('S:Server', 'boom'));
    const error = await failureOf(() => ({ status: 500, headers: { 'content-type': 'text/xml; charset=iso-8859-1' }, body }));
    expect(error).toBeInstanceOf(VipHttpError);
    expect(error.httpStatus).toBe(500);
  });
});

describe('the excerpt of a refused answer', () => {
  it('holds the first 300 characters of a long body given as bytes', async () => {
    const error = await failureOf(() => ({
      status: 503,
      headers: { 'content-type': 'text/plain' },
      body: new TextEncoder().encode('z'.repeat(5000)),
    }));
    expect(error.bodyExcerpt).toBe('z'.repeat(300));
  });

  it('is cut from the first 1,324 characters: a secret longer than that is masked to their end', async () => {
    const body = `${'x'.repeat(250)}<otp>${'1'.repeat(1100)}</otp>${'y'.repeat(100)}`;
    const error = await failureOf(() => ({ status: 503, headers: { 'content-type': 'text/plain' }, body }));
    expect(error.bodyExcerpt).toBe(`${'x'.repeat(250)}<otp>${REDACTED}`);
  });

  it.each([
    ['text', (text: string) => text],
    ['bytes (the window is 4 bytes a character, plus the same margin)', (text: string) => new TextEncoder().encode(text)],
  ])('shows what follows a secret whose end lies within those characters, given as %s', async (_as, encode) => {
    const body = encode(`${'x'.repeat(250)}<otp>${'1'.repeat(900)}</otp>${'y'.repeat(100)}`);
    const error = await failureOf(() => ({ status: 503, headers: { 'content-type': 'text/plain' }, body }));
    expect(error.bodyExcerpt).toBe(`${'x'.repeat(250)}<otp>${REDACTED}</otp>${'y'.repeat(29)}`);
  });
});
