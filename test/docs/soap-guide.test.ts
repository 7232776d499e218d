/**
 * docs/soap.md's wire examples are real: the request envelope, posted as the page says (path, headers), gets a
 * success from the mock server, which parses it with node-soap against the contracts; the answer has the elements
 * the page shows. Its facts (namespace, headers) match the client's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIP_NAMESPACE } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { codeBlocks, readPage } from './markdown.js';

const page = readPage('docs/soap.md');
const [request, response] = codeBlocks('docs/soap.md', page).filter((block) => block.language === 'xml');

/** The distinct element paths of an XML text, local names only (`Envelope/Body/GetUserInfoResponse/status`...). */
function elementPaths(xml: string): string[] {
  const paths = new Set<string>();
  const stack: string[] = [];
  for (const match of xml.matchAll(/<(\/?)(?:[\w-]+:)?([\w-]+)[^>]*?(\/?)>/g)) {
    const [, closing, name = '', selfClosing] = match;
    if (match[0].startsWith('<?')) continue;
    if (closing === '/') stack.pop();
    else {
      stack.push(name);
      paths.add(stack.join('/'));
      if (selfClosing === '/') stack.pop();
    }
  }
  return [...paths].sort();
}

describe('docs/soap.md', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer({ seed: true });
  });
  afterAll(() => mock.close());

  it('shows one request and one answer', () => {
    expect(request?.code).toContain('<vip:GetUserInfoRequest>');
    expect(response?.code).toContain('<vip:GetUserInfoResponse>');
  });

  it('gives the namespace the client uses, and the headers it sends', () => {
    expect(page).toContain(`\`${VIP_NAMESPACE}\``);
    expect(request?.code).toContain(`xmlns:vip="${VIP_NAMESPACE}"`);
    expect(page).toContain("-H 'Content-Type: text/xml; charset=utf-8' -H 'SOAPAction: \"\"'");
  });

  it('has a request the service accepts, answered with the elements the page shows', async () => {
    const answer = await fetch(`${mock.url}/vipuserservices/QueryService_1_8`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: request?.code,
    });
    const xml = await answer.text();
    expect(answer.status).toBe(200);
    expect(xml).toMatch(/<(\w+:)?status>0000<\/(\w+:)?status>/);
    expect(xml).toMatch(/<(\w+:)?requestId>curl_test_1<\/(\w+:)?requestId>/);
    expect(elementPaths(response?.code ?? '')).toEqual(elementPaths(xml));
  });
});
