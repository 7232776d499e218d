/** Every structural defect of a response body, as a broken connection or proxy produces them, is a VipProtocolError. */
import { describe, expect, it } from 'vitest';
import { type Transport, VipClient, VipProtocolError } from 'vip-user-services';

const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

function answering(body: (requestId: string) => string): VipClient {
  const transport: Transport = {
    async send(request) {
      const requestId = /<vip:requestId>([^<]+)</.exec(request.body)?.[1] as string;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body: body(requestId) };
    },
    async close() {},
  };
  return new VipClient({ transport });
}

const open = `<?xml version="1.0" encoding="UTF-8"?><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><GetServerTimeResponse xmlns="${NS}">`;
const close = '</GetServerTimeResponse></S:Body></S:Envelope>';
const fields = (id: string) => `<requestId>${id}</requestId><status>0000</status><statusMessage>Success</statusMessage>`;

describe('malformed responses', () => {
  it.each([
    ['truncated inside an element', (id: string) => `${open}${fields(id)}<timestamp>2026-11-`, /ends inside <timestamp>/],
    [
      'truncated inside a tag',
      (id: string) => `${open}${fields(id)}</GetServerTimeResp`,
      /ends inside the end tag of <GetServerTimeResponse>/,
    ],
    ['truncated after the response element', (id: string) => `${open}${fields(id)}</GetServerTimeResponse>`, /ends inside <S:Body>/],
    ['mis-nested elements', (id: string) => `${open}${fields(id)}<timestamp>2026-11-28T10:00:00Z</status>${close}`, /does not close/],
    ['an unterminated comment', (id: string) => `${open}${fields(id)}<!-- ${close}`, /unterminated comment/],
    ['an unterminated CDATA section', (id: string) => `${open}${fields(id)}<statusMessage><![CDATA[x${close}`, /unterminated CDATA/],
    ['an attribute value left open', (id: string) => `${open}${fields(id)}<timestamp a="${close}`, /ends inside the <timestamp> tag/],
    ['a second root element', (id: string) => `${open}${fields(id)}${close}<S:Envelope/>`, /more than one root/],
    ['text after the root element', (id: string) => `${open}${fields(id)}${close} trailing`, /text outside the root/],
    [
      'an unescaped < in text',
      (id: string) => `${open}${fields(id)}<statusMessage>1 < 2</statusMessage>${close}`,
      /tag without a valid name/,
    ],
    ['an empty body', () => '', /no root element/],
  ])('%s', async (_title, body, reason) => {
    const error = await answering(body)
      .getServerTime()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipProtocolError);
    expect((error as Error).message).toMatch(reason);
  });

  it('accepts comments, CDATA, processing instructions and quoted > in attributes', async () => {
    const vip = answering(
      (id) =>
        `<?xml version="1.0"?><!-- head --><S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/" data-x="a>b"><S:Body><GetServerTimeResponse xmlns="${NS}"><?vip hint?><requestId>${id}</requestId><status>0000</status><statusMessage><![CDATA[<ok>]]></statusMessage><!-- c --></GetServerTimeResponse></S:Body></S:Envelope>\n`,
    );
    await expect(vip.getServerTime()).resolves.toMatchObject({ status: '0000', statusMessage: '<ok>' });
  });
});
