/**
 * Redaction is exact, not only safe: the property tests prove no secret leaks, these pin that nothing else is
 * touched. Each body comes back from the server and reaches the onResponse hook; the expected text is written out
 * in full, so masking too much fails as surely as masking too little. Then the call's own secret values are scrubbed
 * from error texts in every form a reflection could take.
 */
import { describe, expect, it } from 'vitest';
import { REDACTED, type VipResponseEvent } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';

const R = REDACTED;

/** What the onResponse hook sees of `body` (a getServerTime answer that sent no secret). */
async function seenByHook(body: string, options: { logPersonalData?: boolean } = {}): Promise<string | undefined> {
  let seen: string | undefined;
  const { vip } = fakeClient(() => ({ status: 200, body }), {
    hooks: { onResponse: (event: VipResponseEvent) => (seen = event.body) },
    ...options,
  });
  await vip.getServerTime().catch(() => undefined);
  return seen;
}

describe('redaction masks the content of secret elements and nothing else', () => {
  it.each([
    ['no secret at all', '<a><b>keep</b></a>', '<a><b>keep</b></a>'],
    ['one secret among other fields', 'a<otp>123456</otp>b<pin>99</pin>c', `a<otp>${R}</otp>b<pin>${R}</pin>c`],
    ['a self-closing secret element', '<otp/><b>keep</b><otp />', '<otp/><b>keep</b><otp />'],
    ['a quoted > in an attribute', '<otp a="x>y">1</otp><b>k</b>', `<otp a="x>y">${R}</otp><b>k</b>`],
    ['a quoted < in a single-quoted attribute', "<otp a='<'>1</otp><b>k</b>", `<otp a='<'>${R}</otp><b>k</b>`],
    ['the same element nested', '<otp><otp>1</otp>2</otp><b>keep</b>', `<otp>${R}</otp><b>keep</b>`],
    ['the same element nested twice', '<otp><otp><otp>1</otp></otp>2</otp><b>k</b>', `<otp>${R}</otp><b>k</b>`],
    ['the same element nested self-closing', '<otp><otp/>1</otp><b>k</b>', `<otp>${R}</otp><b>k</b>`],
    ['other markup inside', '<otp><x>1</x><y/>2</otp><b>k</b>', `<otp>${R}</otp><b>k</b>`],
    ['an end tag in a comment inside', '<otp><!-- </otp> -->1</otp><b>k</b>', `<otp>${R}</otp><b>k</b>`],
    ['an end tag in CDATA inside', '<otp><![CDATA[</otp>]]>1</otp><b>k</b>', `<otp>${R}</otp><b>k</b>`],
    ['a comment left open inside', '<otp>1<!-- </otp>', `<otp>${R}`],
    ['CDATA left open inside', '<otp>1<![CDATA[</otp>', `<otp>${R}`],
    ['prefixed names', '<v:otp>1</v:otp><b:otpx>keep</b:otpx>', `<v:otp>${R}</v:otp><b:otpx>keep</b:otpx>`],
    [
      'a name that only starts like a secret',
      '<otpAuthData><otp>1</otp><otp2>2</otp2></otpAuthData>',
      `<otpAuthData><otp>${R}</otp><otp2>${R}</otp2></otpAuthData>`,
    ],
    ['whitespace in tags', '<otp\n>1</otp\t><pin\r\n a="1">2</pin >x', `<otp\n>${R}</otp\t><pin\r\n a="1">${R}</pin >x`],
    ['a start tag cut off', 'x<otp a="1', `x<otp a="1${R}`],
    ['a start tag broken by another tag', '<otp <b>1</b>', `<otp ${R}`],
    ['content cut off', 'x<otp>12', `x<otp>${R}`],
    ['another end tag inside', '<otp>1</x>2</otp>y', `<otp>${R}</otp>y`],
    ['a bare < and an empty name', 'a < b <>< otp>1</otp>', 'a < b <>< otp>1</otp>'],
    ['a comment that mentions a secret', '<!-- <otp> -->x', `<!-- <otp>${R}`],
    ['a secret right at the end', 'x<otp>', `x<otp>${R}`],
    ['a < right after the name', '<otp<pin>1234</pin>', `<otp${R}`],
    ['an empty-element tag interrupted before its >', '<otp/<b>1234</otp>k', `<otp/${R}</otp>k`],
    ['markup quoted in an empty-element tag', '<otp a="<pin>"/>keep<b/>', '<otp a="<pin>"/>keep<b/>'],
    ['text that looks like an end tag without its <', '<otp>x/otp 123</otp>k', `<otp>${R}</otp>k`],
    ['a comment written <!-->, which does not end itself', '<otp><!-->1</otp>--></otp>k', `<otp>${R}</otp>k`],
    ['CDATA holding markup before an end tag', '<otp><![CDATA[<x></otp>]]>1</otp>k', `<otp>${R}</otp>k`],
    ['CDATA holding text, then an end tag', '<otp><![CDATA[x</otp>]]>1</otp>k', `<otp>${R}</otp>k`],
    ['a nested start tag interrupted by another tag', '<otp>1<otp<b></otp>2</otp>k', `<otp>${R}</otp>k`],
    ['another start tag interrupted by the end tag', '<otp>1<b</otp>2</otp>k', `<otp>${R}</otp>2</otp>k`],
  ])('%s', async (_what, body, expected) => {
    expect(await seenByHook(body)).toBe(expected);
  });

  it('masks personal data unless logPersonalData is set', async () => {
    const body = '<IAAuthData><x>fingerprint</x></IAAuthData><otp>1</otp>';
    expect(await seenByHook(body)).toBe(`<IAAuthData>${R}</IAAuthData><otp>${R}</otp>`);
    expect(await seenByHook(body, { logPersonalData: true })).toBe(`<IAAuthData><x>fingerprint</x></IAAuthData><otp>${R}</otp>`);
  });
});

/** The error a sign-in sending the PIN `pin` gets when the server answers with an HTML page quoting `reflection`. */
async function errorAfterReflecting(pin: string, reflection: string): Promise<Error & { bodyExcerpt?: string }> {
  const { vip } = fakeClient(() => ({ status: 502, headers: { 'content-type': 'text/html' }, body: `<p>got ${reflection} here</p>` }));
  return vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '918273' }, pin }).then(
    () => expect.fail('expected the call to fail'),
    (error: Error) => error,
  );
}

describe('the secret values a call sent are scrubbed from what comes back', () => {
  it.each([
    ['as sent', 'Ab1234', 'Ab1234'],
    ['inside a longer word', 'Ab1234', 'xAb1234y'],
    ['URL-encoded', 'Ab 12&3', 'Ab%2012%263'],
    ['JSON-escaped', 'Ab"12\\3', 'Ab\\"12\\\\3'],
    ['with named entities', 'A<b>&"\'1', 'A&lt;b&gt;&amp;&quot;&apos;1'],
    ['with decimal references and leading zeros', 'A<b>&"\'1', 'A&#60;b&#0062;&#38;&#34;&#39;1'],
    ['with hexadecimal references in either case', 'A<b>&"\'1', 'A&#x3C;b&#x3e;&#X26;&#x22;&#x0027;1'],
    ['with references mixed with raw characters', 'A<b>&"\'1', 'A<b&gt;&"&#39;1'],
    ['made only of markup characters, escaped', '<>&"', '&lt;&gt;&amp;&quot;'],
    ['with a raw & beside an escaped quote', 'a&b"c1', 'a&b&quot;c1'],
    ['four characters long, the shortest replaced in place', 'Ab12', 'xAb12y'],
    ['four characters long with markup, escaped', 'A<1"', 'A&lt;1&quot;'],
  ])('%s', async (_what, pin, reflection) => {
    const error = await errorAfterReflecting(pin, reflection);
    expect(error.bodyExcerpt).toBe(`<p>got ${R} here</p>`.replace(`got ${R}`, reflection.startsWith('x') ? `got x${R}y` : `got ${R}`));
    expect(error.message).not.toContain(reflection);
  });

  it('replaces a longer secret before one it contains', async () => {
    const { vip } = fakeClient(() => ({ status: 502, body: '<p>123456 and 1234567890</p>' }));
    const error = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '123456', otp2: '1234567890' } }).then(
      () => expect.fail('expected the call to fail'),
      (caught: Error & { bodyExcerpt?: string }) => caught,
    );
    expect(error.bodyExcerpt).toBe(`<p>${R} and ${R}</p>`);
  });

  it('drops a whole text that holds a secret shorter than four characters, in any form', async () => {
    for (const [password, reflection, dropped] of [
      ['12x', 'gateway password 12x was wrong', true],
      ['a&b', 'gateway password a&amp;b was wrong', true],
      ['a&b', 'gateway password a&#38;b was wrong', true],
      ['a&b', 'gateway password a&b was wrong', true],
      ['12x', 'gateway password 12 was wrong', false],
      ['a&b', 'gateway password a&amp;c was wrong', false],
    ] as const) {
      const { vip } = fakeClient(() => ({ status: 502, body: reflection }));
      const error = await vip
        .sendOtp({ userId: 'alice', smsDeliveryInfo: { phoneNumber: '15551234567', gatewayAcctInfo: { Id: 'gw1', Password: password } } })
        .then(
          () => expect.fail('expected the call to fail'),
          (caught: Error & { bodyExcerpt?: string }) => caught,
        );
      expect(error.bodyExcerpt).toBe(dropped ? R : reflection);
    }
  });

  it('replaces every escaped reflection in a text, not only the first', async () => {
    // Three, as an error's excerpt is scrubbed twice: when it is cut, and with the rest of the error.
    const error = await errorAfterReflecting('Ab<12', 'Ab&lt;12, Ab&#60;12 and Ab&#x3c;12');
    expect(error.bodyExcerpt).toBe(`<p>got ${R}, ${R} and ${R} here</p>`);
  });

  it('scrubs the message and stack of a status error whose message quotes the secret', async () => {
    const { vip } = fakeClient((request) =>
      vipResponse('AuthenticateUserResponse', requestIdOf(request.body), '', { status: '6009', statusMessage: 'PIN Ab1234 refused' }),
    );
    const error = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '918273' }, pin: 'Ab1234' }).then(
      () => expect.fail('expected the call to fail'),
      (caught: Error & { statusMessage?: string }) => caught,
    );
    expect(error.statusMessage).toBe(`PIN ${R} refused`);
    expect(error.message).toMatch(/^\[6009\] PIN \[REDACTED\] refused/);
    expect(error.stack).toContain(`PIN ${R} refused`);
    expect(error.stack).not.toContain('Ab1234');
  });

  it('scrubs a cause made from Error.prototype without a stack, and fields holding null', async () => {
    const cause = Object.assign(Object.create(Error.prototype) as Error, { message: 'reset after Ab1234', code: null, note: 'Ab1234' });
    const { vip } = fakeClient(() => Promise.reject(cause));
    const error = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '918273' }, pin: 'Ab1234' }).then(
      () => expect.fail('expected the call to fail'),
      (caught: Error) => caught,
    );
    expect(error.name).toBe('VipConnectionError');
    expect(error.cause).toBe(cause);
    expect(cause).toEqual(expect.objectContaining({ message: `reset after ${R}`, code: null, note: R }));
    expect(cause.stack).toBeUndefined();
  });

  it('scrubs the stack of a cause that was already written out with the secret in it', async () => {
    const cause = new Error('reset after Ab1234');
    // V8 writes a stack out when it is first read; read now, it holds the message as it was.
    expect(cause.stack).toContain('reset after Ab1234');
    const { vip } = fakeClient(() => Promise.reject(cause));
    await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '918273' }, pin: 'Ab1234' }).catch(() => undefined);
    expect(cause.message).toBe(`reset after ${R}`);
    expect(cause.stack).toContain(`reset after ${R}`);
    expect(cause.stack).not.toContain('Ab1234');
  });

  it('leaves texts without the secret as they are', async () => {
    const error = await errorAfterReflecting('Ab1234', 'nothing secret: Ab123 and b1234');
    expect(error.bodyExcerpt).toBe('<p>got nothing secret: Ab123 and b1234 here</p>');
  });

  it('scrubs the stack, the cause and nested fields too, and leaves the request ID alone', async () => {
    const { vip } = fakeClient(() => ({
      status: 500,
      body: '<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><S:Fault><faultcode>S:Client</faultcode><faultstring>bad Ab1234</faultstring><detail><why><text>Ab1234 twice Ab1234</text></why></detail></S:Fault></S:Body></S:Envelope>',
    }));
    const error = await vip.checkOtp({ userId: 'alice', otpAuthData: { otp: 'Ab1234' } }, { requestId: 'KEEP_1234' }).then(
      () => expect.fail('expected the call to fail'),
      (caught: Error & { faultString?: string; faultDetail?: unknown; requestId?: string }) => caught,
    );
    expect(error.faultString).toBe(`bad ${R}`);
    expect(error.faultDetail).toEqual({ why: { text: `${R} twice ${R}` } });
    expect(error.message).toContain(`bad ${R}`);
    expect(String(error.stack)).not.toContain('Ab1234');
    expect(error.requestId).toBe('KEEP_1234');
  });
});
