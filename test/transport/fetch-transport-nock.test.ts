import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VipConnectionError, VipTimeoutError } from '../../src/errors/request-errors.js';
import { FetchTransport } from '../../src/transport/fetch-transport.js';
import { answerOf, SAMPLE_ENVELOPE, soapRequest, send } from './soap-request.js';

const ORIGIN = 'https://userservices-auth.vip.symantec.com';
const PATH = '/vipuserservices/AuthenticationService_1_8';
const URL_ = `${ORIGIN}${PATH}`;

beforeAll(() => {
  nock.disableNetConnect();
});
afterEach(() => {
  nock.cleanAll();
});
afterAll(() => {
  nock.enableNetConnect();
  nock.restore();
});

describe('FetchTransport intercepted by nock', () => {
  it('receives a canned reply, with the SOAP headers and body matched by nock', async () => {
    const scope = nock(ORIGIN, {
      reqheaders: { soapaction: '""', 'content-type': 'text/xml; charset=utf-8', accept: 'text/xml' },
    })
      .post(PATH, (body) => body === SAMPLE_ENVELOPE)
      .reply(200, '<AuthenticateUserResponse/>', { 'content-type': 'text/xml; charset=utf-8' });
    const response = await send(new FetchTransport(), soapRequest(URL_));
    expect(answerOf(response)).toEqual({
      status: 200,
      headers: { 'content-type': 'text/xml; charset=utf-8' },
      body: '<AuthenticateUserResponse/>',
    });
    expect(scope.isDone()).toBe(true);
  });

  it('maps replyWithError({ code: "ECONNRESET" }) to VipConnectionError', async () => {
    nock(ORIGIN).post(PATH).replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    const error = await send(new FetchTransport(), soapRequest(URL_)).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ code: 'ECONNRESET', requestNotSent: false, operation: 'getUserInfo' });
  });

  it("maps nock's NetConnectNotAllowedError to VipConnectionError that sent nothing", async () => {
    const error = await send(new FetchTransport(), soapRequest('https://unmocked.example.test/ws')).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ code: 'ENETUNREACH', requestNotSent: true });
    expect((error as Error).message).toMatch(/^Could not connect to unmocked\.example\.test/);
  });

  it('keeps a secret-bearing body out of the error when no interceptor matches', async () => {
    nock(ORIGIN).post('/some/other/path').reply(200, '<x/>');
    const body = SAMPLE_ENVELOPE.replace('req_0001', '<otp>493017</otp>');
    const error = await send(new FetchTransport(), soapRequest(URL_, { body })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VipConnectionError);
    expect(error).toMatchObject({ code: 'ERR_NOCK_NO_MATCH' });
    expect(JSON.stringify((error as VipConnectionError).toJSON())).not.toContain('493017');
  });

  it('times out a delayed nock reply with VipTimeoutError', async () => {
    nock(ORIGIN).post(PATH).delay(2_000).reply(200, '<late/>');
    const error = await send(new FetchTransport(), soapRequest(URL_, { timeoutMs: 100 })).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(VipTimeoutError);
  });
});
