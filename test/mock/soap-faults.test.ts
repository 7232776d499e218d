/**
 * Requests that name no operation of the service they reach: each gets a well-formed SOAP 1.1 Fault (HTTP 500,
 * text/xml; charset=utf-8) whose faultstring says what was wrong, both on the raw wire and through VipClient
 * (VipSoapFaultError). A SOAPAction header is ignored, as VIP ignores it.
 */
import { gzipSync } from 'node:zlib';
import { VIP_NAMESPACE, VipClient, VipSoapFaultError } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parseXml, type XmlElement } from '../../src/xml/xml-parser.js';
import { rejectionOf } from './support.js';

const SOAP_11 = 'http://schemas.xmlsoap.org/soap/envelope/';

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

function envelope(body: string, soapNamespace = SOAP_11): string {
  return (
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="${soapNamespace}" xmlns:v="${VIP_NAMESPACE}">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`
  );
}

const GET_USER_INFO = '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId><v:userId>alice@example.com</v:userId></v:GetUserInfoRequest>';

interface Answer {
  status: number;
  contentType: string | null;
  text: string;
  headers: Headers;
}

async function answerOf(response: Response): Promise<Answer> {
  return {
    status: response.status,
    contentType: response.headers.get('content-type'),
    text: await response.text(),
    headers: response.headers,
  };
}

async function send(path: string, init: RequestInit = {}, base = mock.url): Promise<Answer> {
  return answerOf(
    await fetch(`${base}${path}`, {
      method: 'POST',
      ...init,
      headers: { 'content-type': 'text/xml; charset=utf-8', ...(init.headers as Record<string, string> | undefined) },
    }),
  );
}

function child(element: XmlElement | undefined, local: string): XmlElement | undefined {
  return element?.children.find((candidate) => candidate.local === local);
}

/** Checks that `answer` is a well-formed SOAP 1.1 Fault envelope and returns its faultcode and faultstring. */
function faultOf(answer: Answer, httpStatus = 500): { code: string; text: string } {
  expect(answer.status).toBe(httpStatus);
  expect(answer.contentType).toBe('text/xml; charset=utf-8');
  const root = parseXml(answer.text, { maxDepth: 10 });
  expect({ local: root.local, namespace: root.namespace }).toEqual({ local: 'Envelope', namespace: SOAP_11 });
  const body = child(root, 'Body');
  expect(body?.namespace).toBe(SOAP_11);
  const fault = child(body, 'Fault');
  expect(fault?.namespace).toBe(SOAP_11);
  // SOAP 1.1 puts faultcode and faultstring in no namespace.
  expect(fault?.children.map((element) => [element.local, element.namespace])).toEqual([
    ['faultcode', ''],
    ['faultstring', ''],
  ]);
  return { code: child(fault, 'faultcode')?.text ?? '', text: child(fault, 'faultstring')?.text ?? '' };
}

describe('a request that names no operation of the service', () => {
  it('posted to the wrong service gets a Fault naming the right one', async () => {
    const answer = await send('/vipuserservices/AuthenticationService_1_8', { body: envelope(GET_USER_INFO) });
    expect(faultOf(answer)).toEqual({
      code: 'soap:Client',
      text: 'getUserInfo is an operation of the QueryService, not the AuthenticationService: post GetUserInfoRequest to /vipuserservices/QueryService_1_8.',
    });
    expect(mock.requests).toHaveLength(0);
  });

  it('names the path under the version the client used', async () => {
    const answer = await send('/vipuserservices/QueryService_1_10', {
      body: envelope('<v:CreateUserRequest><v:requestId>R0001</v:requestId><v:userId>x</v:userId></v:CreateUserRequest>'),
    });
    expect(faultOf(answer).text).toContain('post CreateUserRequest to /vipuserservices/ManagementService_1_10');
  });

  it('with an unknown request element gets a Fault listing the elements the service takes', async () => {
    const { code, text } = faultOf(
      await send('/vipuserservices/QueryService_1_8', {
        body: envelope('<v:GetUserPinRequest><v:requestId>R0001</v:requestId></v:GetUserPinRequest>'),
      }),
    );
    expect(code).toBe('soap:Client');
    expect(text).toBe(
      '"GetUserPinRequest" is not a request of the VIP QueryService. The QueryService takes GetServerTimeRequest, GetUserInfoRequest, ' +
        'GetCredentialInfoRequest, GetTemporaryPasswordAttributesRequest, PollPushStatusRequest.',
    );
  });

  it('named after the operation rather than its request element gets a hint', async () => {
    const { text } = faultOf(
      await send('/vipuserservices/QueryService_1_8', {
        body: envelope('<v:getUserInfo><v:requestId>R0001</v:requestId></v:getUserInfo>'),
      }),
    );
    expect(text).toContain('The request element of getUserInfo is GetUserInfoRequest.');
  });

  it('in another namespace gets a Fault naming the VIP namespace', async () => {
    const body =
      '<GetUserInfoRequest xmlns="http://schemas.verisign.com/vip/2011/04/vipuserservices"><requestId>R0001</requestId></GetUserInfoRequest>';
    const { text } = faultOf(await send('/vipuserservices/QueryService_1_8', { body: envelope(body) }));
    expect(text).toBe(
      'The request element "GetUserInfoRequest" is in namespace "http://schemas.verisign.com/vip/2011/04/vipuserservices"; ' +
        `VIP request elements are in namespace ${VIP_NAMESPACE}.`,
    );
  });

  it('with an empty Body, or two elements in it, gets a Fault', async () => {
    expect(faultOf(await send('/vipuserservices/QueryService_1_8', { body: envelope('') })).text).toContain(
      'The SOAP Body holds no element',
    );
    expect(faultOf(await send('/vipuserservices/QueryService_1_8', { body: envelope(GET_USER_INFO + GET_USER_INFO) })).text).toContain(
      'The SOAP Body holds 2 elements',
    );
  });

  it('reaches VipClient as VipSoapFaultError with the text', async () => {
    const vip = new VipClient({
      endpoint: mock.url,
      endpoints: { Query: `${mock.url}/vipuserservices/AuthenticationService_1_8` },
      retry: false,
    });
    try {
      const error = await rejectionOf(vip.getUserInfo({ userId: 'alice@example.com' }));
      expect(error).toBeInstanceOf(VipSoapFaultError);
      expect(error).toMatchObject({ faultCode: 'soap:Client', httpStatus: 500 });
      expect((error as VipSoapFaultError).faultString).toContain(
        'getUserInfo is an operation of the QueryService, not the AuthenticationService',
      );
    } finally {
      await vip.close();
    }
  });
});

describe('a path the mock does not serve', () => {
  it.each([['/vipuserservices/QueryService_1_9'], ['/'], ['/vipuserservices/QueryService']])(
    '%s gets a Fault listing the served paths',
    async (path) => {
      const { code, text } = faultOf(await send(path, { body: envelope(GET_USER_INFO) }));
      expect(code).toBe('soap:Client');
      expect(text).toBe(
        `No VIP service at ${JSON.stringify(path)}. The mock serves /vipuserservices/{Authentication,Management,Query}Service_1_8 ` +
          '(also under _1_7 and _1_10), each WSDL at ?wsdl.',
      );
    },
  );

  it('reaches a client configured with a service URL the mock does not serve as VipSoapFaultError', async () => {
    const vip = new VipClient({ endpoints: { Query: `${mock.url}/vipuserservices/QueryService_1_9` }, retry: false });
    try {
      const error = await rejectionOf(vip.getServerTime({}));
      expect(error).toBeInstanceOf(VipSoapFaultError);
      expect((error as VipSoapFaultError).faultString).toContain('No VIP service at "/vipuserservices/QueryService_1_9"');
    } finally {
      await vip.close();
    }
  });

  it('quotes a strange path harmlessly', async () => {
    const { text } = faultOf(await send(`/${'x'.repeat(300)}%3C%26`, { body: 'x' }));
    expect(text).toMatch(/^No VIP service at "\/x{119}\.\.\."\./);
  });
});

describe('the SOAPAction header', () => {
  it.each([['"urn:getUserInfo"'], ['getServerTime'], ['"http://example.com/anything"'], ['""']])(
    'is ignored, as VIP ignores it (%s): the Body decides the operation',
    async (soapAction) => {
      const answer = await send('/vipuserservices/QueryService_1_8', {
        body: envelope(GET_USER_INFO),
        headers: { soapaction: soapAction },
      });
      expect(answer.status).toBe(200);
      expect(answer.contentType).toBe('text/xml; charset=utf-8');
      const response = child(child(parseXml(answer.text, { maxDepth: 20 }), 'Body'), 'GetUserInfoResponse');
      expect(child(response, 'status')?.text).toBe('0000');
      expect(child(response, 'userId')?.text).toBe('alice@example.com');
      expect(mock.requests.map((request) => request.operation)).toEqual(['getUserInfo']);
    },
  );
});

describe('a body that is not a SOAP 1.1 envelope', () => {
  it.each([
    ['truncated XML', '<soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/"><soapenv:Body><oops', 'it ends inside'],
    ['an undeclared prefix', '<soapenv:Envelope><soapenv:Body/></soapenv:Envelope>', 'undeclared namespace prefix soapenv'],
    ['an empty body', '', 'it has no root element'],
    ['plain text', 'hello', 'text outside the root element'],
    ['a DOCTYPE', `<!DOCTYPE x [<!ENTITY e "e">]>${envelope(GET_USER_INFO)}`, 'DOCTYPE'],
    ['an undeclared entity', envelope(GET_USER_INFO.replace('alice', '&alice;')), 'undeclared entity'],
  ])('%s gets a Fault saying it is not well-formed', async (_case, body, reason) => {
    const { code, text } = faultOf(await send('/vipuserservices/QueryService_1_8', { body }));
    expect(code).toBe('soap:Client');
    expect(text).toMatch(/^The request is not well-formed XML: /);
    expect(text).toContain(reason);
    expect(mock.requests).toHaveLength(0);
  });

  it('a SOAP 1.2 envelope gets a VersionMismatch Fault', async () => {
    const { code, text } = faultOf(
      await send('/vipuserservices/QueryService_1_8', { body: envelope(GET_USER_INFO, 'http://www.w3.org/2003/05/soap-envelope') }),
    );
    expect(code).toBe('soap:VersionMismatch');
    expect(text).toContain('SOAP 1.2');
  });

  it('another root element gets a Fault naming it', async () => {
    const { text } = faultOf(
      await send('/vipuserservices/QueryService_1_8', {
        body: GET_USER_INFO.replace('<v:GetUserInfoRequest>', `<v:GetUserInfoRequest xmlns:v="${VIP_NAMESPACE}">`),
      }),
    );
    expect(text).toContain('not a SOAP 1.1 envelope: its root element is "GetUserInfoRequest"');
  });

  it('an encoding other than UTF-8 gets a Fault', async () => {
    const latin1 = envelope(GET_USER_INFO).replace('encoding="UTF-8"', 'encoding="ISO-8859-1"');
    expect(faultOf(await send('/vipuserservices/QueryService_1_8', { body: latin1 })).text).toContain('the mock reads UTF-8 only');
    const invalid = Buffer.concat([Buffer.from(envelope(GET_USER_INFO).slice(0, 60)), Buffer.from([0xff, 0xfe])]);
    expect(faultOf(await send('/vipuserservices/QueryService_1_8', { body: invalid })).text).toContain('not valid UTF-8');
  });

  it('a body over 1 MiB gets a Fault', async () => {
    const { text } = faultOf(await send('/vipuserservices/QueryService_1_8', { body: 'x'.repeat(1024 * 1024 + 1) }));
    expect(text).toContain('larger than 1048576 bytes');
  });

  it('a gzipped request is read; an unknown content encoding gets a Fault', async () => {
    const zipped = await send('/vipuserservices/QueryService_1_8', {
      body: gzipSync(envelope(GET_USER_INFO)),
      headers: { 'content-encoding': 'gzip' },
    });
    expect(zipped.status).toBe(200);
    const corrupt = await send('/vipuserservices/QueryService_1_8', { body: 'not gzip', headers: { 'content-encoding': 'gzip' } });
    expect(faultOf(corrupt).text).toBe('The request body is declared as gzip but cannot be gunzipped.');
    const brotli = await send('/vipuserservices/QueryService_1_8', {
      body: envelope(GET_USER_INFO),
      headers: { 'content-encoding': 'br' },
    });
    expect(faultOf(brotli).text).toContain('Content-Encoding');
  });
});

describe('HTTP methods', () => {
  it('GET ?wsdl serves the WSDL; other methods get 405 with a Fault', async () => {
    const wsdl = await fetch(`${mock.url}/vipuserservices/QueryService_1_8?wsdl`);
    expect(await wsdl.text()).toContain('QueryServicePort');
    const answer = await answerOf(await fetch(`${mock.url}/vipuserservices/QueryService_1_8`));
    expect(faultOf(answer, 405).text).toBe('QueryService takes SOAP requests by POST (and GET ?wsdl for its WSDL), not "GET".');
    expect(answer.headers.get('allow')).toBe('POST, GET');
    const put = await send('/vipuserservices/QueryService_1_8', { method: 'PUT', body: envelope(GET_USER_INFO) });
    expect(faultOf(put, 405).text).toContain('not "PUT"');
  });
});

describe('the answer to a request with another Content-Type', () => {
  it('is still labelled text/xml; charset=utf-8', async () => {
    const answer = await send('/vipuserservices/QueryService_1_8', {
      body: envelope(GET_USER_INFO),
      headers: { 'content-type': 'text/xml; charset=ISO-8859-1' },
    });
    expect(answer.status).toBe(200);
    expect(answer.contentType).toBe('text/xml; charset=utf-8');
  });
});

describe('a failure inside the mock', () => {
  it('becomes a Server Fault naming the operation', async () => {
    let broken = false;
    const fragile = await startMockServer({
      now: () => {
        if (broken) throw new Error('the clock stopped');
        return Date.now();
      },
    });
    try {
      broken = true;
      const body = envelope('<v:GetServerTimeRequest><v:requestId>R0001</v:requestId></v:GetServerTimeRequest>');
      const fault = faultOf(await send('/vipuserservices/QueryService_1_8', { body }, fragile.url));
      expect(fault).toEqual({ code: 'soap:Server', text: 'The VIP mock failed while answering getServerTime: the clock stopped' });
    } finally {
      await fragile.close();
    }
  });
});
