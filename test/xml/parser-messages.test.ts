/**
 * Which well-formedness rule refused a response, word for word: a repeated attribute is caught by its own check
 * (not by the later one for one attribute under two prefixes), text and a second root after the root element are
 * told apart, and an `xmlns=""` (which takes an element out of the default namespace) or a repeated default
 * declaration on a field is well-formed.
 */
import { describe, expect, it } from 'vitest';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, VIP_NS } from '../helpers/soap-fixtures.js';

const SOAP = 'http://schemas.xmlsoap.org/soap/envelope/';

/** A getServerTime answer with `header` in the SOAP Header, `attributes` on the response element, `after` the root. */
function answer(requestId: string, parts: { header?: string; attributes?: string; status?: string; after?: string } = {}): string {
  const fields = `<requestId>${requestId}</requestId>${parts.status ?? '<status>0000</status>'}<statusMessage>Success</statusMessage><timestamp>2026-11-30T00:00:00Z</timestamp>`;
  const header = parts.header === undefined ? '' : `<S:Header>${parts.header}</S:Header>`;
  return `<S:Envelope xmlns:S="${SOAP}">${header}<S:Body><GetServerTimeResponse xmlns="${VIP_NS}"${parts.attributes ?? ''}>${fields}</GetServerTimeResponse></S:Body></S:Envelope>${parts.after ?? ''}`;
}

async function outcome(parts: Parameters<typeof answer>[1]): Promise<string> {
  const { vip } = fakeClient((request) => answer(requestIdOf(request.body), parts));
  return vip.getServerTime().then(
    (output) => `ok ${output.status}`,
    (error: Error & { requestId: string }) =>
      `${error.name}: ${error.message.replace(` (getServerTime, requestId ${error.requestId})`, '')}`,
  );
}

const REFUSED = 'VipProtocolError: the response is not well-formed XML:';

describe('the well-formedness rule that refused a response', () => {
  it.each([
    ['a repeated attribute', { attributes: ' a="1" a="2"' }, `${REFUSED} it repeats the attribute a in <GetServerTimeResponse>`],
    ['text after the root element', { after: 'text' }, `${REFUSED} it has text outside the root element`],
    ['a second root element', { after: '<again/>' }, `${REFUSED} it has more than one root element`],
  ])('is named for %s', async (_what, parts, expected) => {
    expect(await outcome(parts)).toBe(expected);
  });

  it.each([
    ['xmlns="" on an element of the header', { header: '<h xmlns=""/>' }],
    ['the default namespace declared again on a field', { status: `<status xmlns="${VIP_NS}">0000</status>` }],
  ])('is none for %s', async (_what, parts) => {
    expect(await outcome(parts)).toBe('ok 0000');
  });
});
