/**
 * The mock on the wire, with hand-written requests the client would never send: schema violations (600B),
 * forbidden friendly names (602D), whitespace kept in values, element order and namespace of responses, the
 * served API versions. Requests that name no operation are in soap-faults.test.ts.
 */
import { VIP_NAMESPACE } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
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

/** POSTs a SOAP envelope around `body` (prefix `v` is the VIP namespace) and returns the HTTP status and text. */
async function post(service: string, body: string, version = '1_8'): Promise<{ status: number; text: string }> {
  const envelope =
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:v="${VIP_NAMESPACE}">` +
    `<soapenv:Body>${body}</soapenv:Body></soapenv:Envelope>`;
  const response = await fetch(`${mock.url}/vipuserservices/${service}Service_${version}`, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
    body: envelope,
  });
  return { status: response.status, text: await response.text() };
}

/** The text of the first element with local name `name`. */
function element(xml: string, name: string): string | undefined {
  return new RegExp(`<(?:[\\w-]+:)?${name}>([^<]*)</(?:[\\w-]+:)?${name}>`).exec(xml)?.[1];
}

/** Local names of the response element's children, in order. */
function childOrder(xml: string, responseElement: string): string[] {
  const inner = new RegExp(`<(?:[\\w-]+:)?${responseElement}[^>]*>(.*)</(?:[\\w-]+:)?${responseElement}>`, 's').exec(xml)?.[1] ?? '';
  const names: string[] = [];
  let depth = 0;
  for (const match of inner.matchAll(/<(\/?)(?:[\w-]+:)?([\w]+)[^>]*?(\/?)>/g)) {
    if (match[1] === '/') depth--;
    else {
      if (depth === 0) names.push(match[2] as string);
      if (match[3] !== '/') depth++;
    }
  }
  return names;
}

describe('schema validation', () => {
  it.each([
    ['a missing required element', '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId></v:GetUserInfoRequest>', 'userId is required'],
    [
      'an unknown element',
      '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId><v:userId>a</v:userId><v:nickname>b</v:nickname></v:GetUserInfoRequest>',
      'nickname',
    ],
    [
      'a bad boolean',
      '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId><v:userId>a</v:userId><v:includeTokenInfo>yes</v:includeTokenInfo></v:GetUserInfoRequest>',
      'includeTokenInfo',
    ],
    [
      'an empty user ID',
      '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId><v:userId></v:userId></v:GetUserInfoRequest>',
      'userId is shorter',
    ],
    [
      'a request ID with a dash',
      '<v:GetUserInfoRequest><v:requestId>R-0001</v:requestId><v:userId>a</v:userId></v:GetUserInfoRequest>',
      'requestId does not match',
    ],
    [
      'a repeated single element',
      '<v:GetUserInfoRequest><v:requestId>R0001</v:requestId><v:userId>a</v:userId><v:userId>b</v:userId></v:GetUserInfoRequest>',
      'userId occurs 2 times',
    ],
  ])('answers 600B to %s, echoing the requestId and naming the rule', async (_case, body, reason) => {
    const { status, text } = await post('Query', body);
    expect(status).toBe(200);
    expect(element(text, 'status')).toBe('600B');
    expect(element(text, 'statusMessage')).toBe('Schema validation failed.');
    expect(element(text, 'detailMessage')).toContain(reason);
    expect(element(text, 'requestId')).toBe(body.includes('R-0001') ? 'R-0001' : 'R0001');
  });

  it('answers 600B to more than 20 transaction IDs and to a broken choice', async () => {
    const ids = Array.from({ length: 21 }, (_, index) => `<v:transactionId>tx${String(index).padStart(4, '0')}</v:transactionId>`).join('');
    const poll = await post('Query', `<v:PollPushStatusRequest><v:requestId>R0001</v:requestId>${ids}</v:PollPushStatusRequest>`);
    expect(element(poll.text, 'status')).toBe('600B');
    const register = await post('Management', '<v:RegisterRequest><v:requestId>R0002</v:requestId></v:RegisterRequest>');
    expect(element(register.text, 'status')).toBe('600B');
    expect(element(register.text, 'detailMessage')).toContain('exactly one of');
  });

  it('answers 602D to a friendly name with a character VIP refuses', async () => {
    const { text } = await post(
      'Management',
      '<v:AddCredentialRequest><v:requestId>R0003</v:requestId><v:userId>bob@example.com</v:userId>' +
        '<v:credentialDetail><v:credentialId>UBHE12121212</v:credentialId><v:credentialType>STANDARD_OTP</v:credentialType><v:friendlyName>a*b</v:friendlyName></v:credentialDetail>' +
        '</v:AddCredentialRequest>',
    );
    expect(element(text, 'status')).toBe('602D');
    expect(element(text, 'statusMessage')).toContain('Invalid friendly name');
  });
});

describe('responses', () => {
  it('keep leading and trailing spaces of values, and escape markup', async () => {
    const userId = '  spaced &amp; &lt;tagged&gt;  ';
    const created = await post(
      'Management',
      `<v:CreateUserRequest><v:requestId>R0004</v:requestId><v:userId>${userId}</v:userId></v:CreateUserRequest>`,
    );
    expect(element(created.text, 'status')).toBe('0000');
    const info = await post(
      'Query',
      `<v:GetUserInfoRequest><v:requestId>R0005</v:requestId><v:userId>${userId}</v:userId></v:GetUserInfoRequest>`,
    );
    expect(element(info.text, 'userId')).toBe(userId);
  });

  it.each([
    ['spaces', '   ', '   '],
    ['a tab and a newline as character references', '&#9;&#10; ', '\t\n '],
    ['a CDATA section of spaces', '<![CDATA[  ]]>', '  '],
  ])('keep values of whitespace alone (%s), which xs:string allows', async (_case, written, value) => {
    const created = await post(
      'Management',
      `<v:CreateUserRequest><v:requestId>R0010</v:requestId><v:userId>${written}</v:userId></v:CreateUserRequest>`,
    );
    expect(element(created.text, 'status')).toBe('0000');
    const info = await post(
      'Query',
      `<v:GetUserInfoRequest><v:requestId>R0011</v:requestId><v:userId>${written}</v:userId></v:GetUserInfoRequest>`,
    );
    expect(element(info.text, 'status')).toBe('0000');
    expect(
      element(info.text, 'userId')
        ?.replace(/&#x9;|&#9;/g, '\t')
        .replace(/&#xA;|&#10;/gi, '\n'),
    ).toBe(value);
    // The same user ID with other whitespace is another user.
    const other = await post(
      'Query',
      '<v:GetUserInfoRequest><v:requestId>R0012</v:requestId><v:userId> </v:userId></v:GetUserInfoRequest>',
    );
    expect(element(other.text, 'status')).toBe('6003');
  });

  it('keep whitespace alone in nested values', async () => {
    const credential = (name: string) =>
      `<v:credentialDetail><v:credentialId>UBHE12121212</v:credentialId><v:credentialType>STANDARD_OTP</v:credentialType><v:friendlyName>${name}</v:friendlyName></v:credentialDetail>`;
    const added = await post(
      'Management',
      `<v:AddCredentialRequest><v:requestId>R0013</v:requestId><v:userId>bob@example.com</v:userId>${credential('  ')}</v:AddCredentialRequest>`,
    );
    expect(element(added.text, 'status')).toBe('0000');
    const info = await post(
      'Query',
      '<v:GetUserInfoRequest><v:requestId>R0014</v:requestId><v:userId>bob@example.com</v:userId></v:GetUserInfoRequest>',
    );
    expect(element(info.text, 'friendlyName')).toBe('  ');
  });

  it('keep whitespace alone in repeated values, each in its place', async () => {
    const pair = (key: string, value: string) =>
      `<v:displayParameters><v:Key>${key}</v:Key><v:Value>${value}</v:Value></v:displayParameters>`;
    const sent = await post(
      'Authentication',
      '<v:AuthenticateUserWithPushRequest><v:requestId>R0015</v:requestId><v:userId>alice@example.com</v:userId>' +
        `<v:pushAuthData>${pair('title', ' ')}${pair(' ', 'x')}${pair('   ', '')}</v:pushAuthData></v:AuthenticateUserWithPushRequest>`,
    );
    // Key must have at least one character: a Key of spaces has some, an empty one would not.
    expect(element(sent.text, 'status')).toBe('6040');
  });

  it('put the response element in the VIP namespace with its children in schema order', async () => {
    const { text } = await post(
      'Query',
      '<v:GetUserInfoRequest><v:requestId>R0006</v:requestId><v:userId>alice@example.com</v:userId><v:includeTokenInfo>true</v:includeTokenInfo></v:GetUserInfoRequest>',
    );
    expect(text).toMatch(new RegExp(`<(\\w+:)?GetUserInfoResponse[^>]*xmlns(:\\w+)?="${VIP_NAMESPACE.replace(/[.]/g, '\\.')}"`));
    expect(childOrder(text, 'GetUserInfoResponse')).toEqual([
      'requestId',
      'status',
      'statusMessage',
      'userId',
      'userCreationTime',
      'userStatus',
      'numBindings',
      'credentialBindingDetail',
      'isPinSet',
      'isTempPasswordSet',
    ]);
    expect(childOrder(text, 'credentialBindingDetail')).toEqual([
      'credentialId',
      'credentialType',
      'credentialStatus',
      'tokenCategoryDetails',
      'tokenInfo',
      'bindingDetail',
      'pushAttributes',
      'pushAttributes',
      'pushAttributes',
    ]);
  });

  it('give 6001 for an unknown child account and success for CHILD01', async () => {
    const unknown = await post(
      'Query',
      '<v:GetServerTimeRequest><v:requestId>R0007</v:requestId><v:onBehalfOfAccountId>NOPE1</v:onBehalfOfAccountId></v:GetServerTimeRequest>',
    );
    expect(element(unknown.text, 'status')).toBe('6001');
    const child = await post(
      'Query',
      '<v:GetServerTimeRequest><v:requestId>R0008</v:requestId><v:onBehalfOfAccountId>CHILD01</v:onBehalfOfAccountId></v:GetServerTimeRequest>',
    );
    expect(element(child.text, 'status')).toBe('0000');
    expect(element(child.text, 'timestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
  });
});

describe('paths', () => {
  it('serve the 1.7 and 1.10 paths with the same behaviour', async () => {
    for (const version of ['1_7', '1_10']) {
      const { text } = await post('Query', '<v:GetServerTimeRequest><v:requestId>R0009</v:requestId></v:GetServerTimeRequest>', version);
      expect(element(text, 'status')).toBe('0000');
    }
  });
});
