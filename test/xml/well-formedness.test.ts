/**
 * Every well-formedness rule of the response reader, one by one, through the client: each broken body names the
 * check that refused it, so no check can be deleted without a test failing. Well-formed variations are accepted.
 */
import { describe, expect, it } from 'vitest';
import { VipProtocolError } from 'vip-user-services';
import { fakeClient } from '../client/fake-transport.js';
import { requestIdOf, SOAP_ENV_NS, VIP_NS } from '../helpers/soap-fixtures.js';

/** A getServerTime answer whose envelope is written by `envelope(requestId)`. */
function answering(envelope: (requestId: string) => string) {
  return fakeClient((request) => envelope(requestIdOf(request.body))).vip;
}

const element = (id: string, inner = '') =>
  `<GetServerTimeResponse xmlns="${VIP_NS}"><requestId>${id}</requestId><status>0000</status><statusMessage>ok</statusMessage>${inner}</GetServerTimeResponse>`;
const wrap = (body: string) => `<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body>${body}</S:Body></S:Envelope>`;
/** The start of an answer, up to the last base field, for bodies cut off early. */
const opening = (id: string) =>
  `<S:Envelope xmlns:S="${SOAP_ENV_NS}"><S:Body><GetServerTimeResponse xmlns="${VIP_NS}"><requestId>${id}</requestId><status>0000</status>`;

async function refused(envelope: (requestId: string) => string): Promise<string> {
  const error = await answering(envelope)
    .getServerTime()
    .then(
      () => expect.fail('expected the answer to be refused'),
      (e: unknown) => e,
    );
  expect(error).toBeInstanceOf(VipProtocolError);
  return (error as Error).message.replace(/ \(getServerTime, requestId \w+\)$/, '');
}

const PREFIX = 'the response is not well-formed XML: ';

describe('before and after the root element', () => {
  it.each([
    ['an unterminated XML declaration', () => '<?xml version="1.0" ', 'its XML declaration is not terminated'],
    [
      'a processing instruction without a target',
      (id: string) => `<? x?>${wrap(element(id))}`,
      'it has a processing instruction without a target',
    ],
    [
      'a processing instruction glued to its target',
      (id: string) => `<?pi!x?>${wrap(element(id))}`,
      'it has a malformed processing instruction',
    ],
    ['a comment left open at the end', () => '<!-- x -', 'it has an unterminated comment'],
    ['a comment ending in two dashes only', () => '<!-- x --', 'it has an unterminated comment'],
    [
      'a lowercase doctype',
      (id: string) => `<!doctype x>${wrap(element(id))}`,
      'it contains a DOCTYPE or entity declaration, which SOAP forbids',
    ],
    [
      'an entity declaration',
      (id: string) => `<!ENTITY x "y">${wrap(element(id))}`,
      'it contains a DOCTYPE or entity declaration, which SOAP forbids',
    ],
    ['another declaration before the root', (id: string) => `<!ELEMENT x ANY>${wrap(element(id))}`, 'it contains a markup declaration'],
    ['text before the root', (id: string) => `text${wrap(element(id))}`, 'it has text outside the root element'],
    ['a second root', (id: string) => `${wrap(element(id))}<x/>`, 'it has more than one root element'],
    ['nothing but a comment', () => '<!-- only -->', 'it has no root element'],
    ['only whitespace', () => ' \t\r\n', 'it has no root element'],
  ])('refuses %s', async (_name, envelope, problem) => {
    expect(await refused(envelope)).toBe(PREFIX + problem);
  });

  it('accepts comments, processing instructions and any XML whitespace around the root', async () => {
    const vip = answering(
      (id) => `<?xml version="1.0" encoding="utf-8"?>\r\n<!-- a -->\t<?pi data?> ${wrap(element(id))}\n<!-- b --> <?pi?>\r\n`,
    );
    await expect(vip.getServerTime()).resolves.toMatchObject({ status: '0000' });
  });
});

describe('tags', () => {
  it.each([
    ['a self-closing slash not followed by >', (id: string) => wrap(element(id, '<timestamp/ >')), 'it has a malformed <timestamp> tag'],
    [
      'an attribute without a value',
      (id: string) => wrap(element(id, '<timestamp a>')),
      'it has an attribute without a value in <timestamp>',
    ],
    [
      'an unquoted attribute value',
      (id: string) => wrap(element(id, '<timestamp a=b>')),
      'it has an unquoted attribute value in <timestamp>',
    ],
    [
      'attributes without whitespace between them',
      (id: string) => wrap(element(id, "<timestamp a='1'b='2'/>")),
      'it has attributes without whitespace between them in <timestamp>',
    ],
    [
      'an attribute name starting with a digit',
      (id: string) => wrap(element(id, '<timestamp 1a="x"/>')),
      'it has an attribute without a valid name in <timestamp>',
    ],
    [
      'an end tag with attributes',
      (id: string) => wrap(element(id, '<timestamp></timestamp x>')),
      'it has a malformed end tag inside <timestamp>',
    ],
    ['a body cut inside an end tag', (id: string) => `${opening(id)}<timestamp></timest`, 'it ends inside the end tag of <timestamp>'],
    ['a body cut inside a start tag', (id: string) => `${opening(id)}<timestamp a="1"`, 'it ends inside the <timestamp> tag'],
    ['a body cut inside an attribute value', (id: string) => `${opening(id)}<timestamp a="1`, 'it ends inside the <timestamp> tag'],
    ['a body cut right after <', (id: string) => `${opening(id)}<`, 'it ends inside a tag'],
    ['a body cut inside text', (id: string) => `${opening(id)}<timestamp>2026`, 'it ends inside <timestamp>'],
    ['a tag named with a digit', (id: string) => wrap(element(id, '<1x/>')), 'it has a tag without a valid name'],
    ["a ']]>' in text", (id: string) => wrap(element(id, '<x>a]]>b</x>')), "it has ']]>' in text"],
  ])('refuses %s', async (_name, envelope, problem) => {
    expect(await refused(envelope)).toBe(PREFIX + problem);
  });

  it('accepts whitespace before > in end tags, self-closing tags with attributes and both quote styles', async () => {
    const vip = answering((id) => wrap(element(id, `<x a='1' b="2" /><y></y   ><z c = "it's" d='say "hi"'></z>`)));
    await expect(vip.getServerTime()).resolves.toMatchObject({ status: '0000' });
  });
});

describe('namespaces and attributes', () => {
  it.each([
    ['declaring the prefix xmlns', 'xmlns:xmlns="urn:x"', 'it declares the reserved prefix xmlns'],
    ['binding xml to another namespace', 'xmlns:xml="urn:x"', 'it binds the prefix xml to another namespace'],
    ['undeclaring a prefix', 'xmlns:p=""', 'it undeclares the prefix p, which XML 1.0 namespaces do not allow'],
    [
      'binding the xml namespace to another prefix',
      'xmlns:p="http://www.w3.org/XML/1998/namespace"',
      'it binds a reserved namespace to another prefix',
    ],
    [
      'binding the xmlns namespace to a prefix',
      'xmlns:p="http://www.w3.org/2000/xmlns/"',
      'it binds a reserved namespace to another prefix',
    ],
    [
      'one attribute under two prefixes of one namespace',
      'xmlns:p="urn:x" xmlns:q="urn:x" p:a="1" q:a="2"',
      'it repeats the attribute a of one namespace under two prefixes',
    ],
    ['an attribute with an undeclared prefix', 'p:a="1"', 'it uses the undeclared namespace prefix p'],
  ])('refuses %s', async (_name, attributes, problem) => {
    expect(await refused((id) => wrap(element(id, `<x ${attributes}/>`)))).toBe(PREFIX + problem);
  });

  it('refuses more than 128 attributes on one element', async () => {
    const attributes = Array.from({ length: 129 }, (_, i) => `a${i}="1"`).join(' ');
    expect(await refused((id) => wrap(element(id, `<x ${attributes}/>`)))).toBe(`${PREFIX}it has more than 128 attributes in <x>`);
  });

  it('accepts 128 attributes', async () => {
    const attributes = Array.from({ length: 128 }, (_, i) => `a${i}="1"`).join(' ');
    await expect(answering((id) => wrap(element(id, `<x ${attributes}/>`))).getServerTime()).resolves.toMatchObject({ status: '0000' });
  });

  it('refuses more than 128 namespace declarations in scope', async () => {
    const declarations = (from: number, count: number) =>
      Array.from({ length: count }, (_, i) => `xmlns:p${from + i}="urn:${from + i}"`).join(' ');
    const nested = `<x ${declarations(0, 70)}><y ${declarations(70, 70)}/></x>`;
    expect(await refused((id) => wrap(element(id, nested)))).toBe(`${PREFIX}it declares more than 128 namespaces in one scope`);
  });

  it('resolves the xml prefix without a declaration, and a default namespace reset on a child', async () => {
    const vip = answering((id) => wrap(element(id, `<x xml:lang="en"/><timestamp xmlns="urn:other">not ours</timestamp>`)));
    const result = await vip.getServerTime();
    expect(result).not.toHaveProperty('timestamp');
  });

  it('normalises literal whitespace in attribute values and keeps whitespace written as references', async () => {
    const vip = fakeClient((request) =>
      wrap(
        `<GetUserInfoResponse xmlns="${VIP_NS}"><requestId>${requestIdOf(request.body)}</requestId><status>0000</status><statusMessage>ok</statusMessage>` +
          '<credentialBindingDetail><credentialId>VSMT12345678</credentialId><credentialType>STANDARD_OTP</credentialType>' +
          '<tokenInfo><TokenId type="A\tB\r\nC&#10;D">VSMT12345678</TokenId><Adapter>OATH_TIME</Adapter><TokenStatus>ENABLED</TokenStatus>' +
          '<ExpirationDate>2030-01-01T00:00:00Z</ExpirationDate><LastUpdate>2026-01-01T00:00:00Z</LastUpdate></tokenInfo>' +
          '<bindingDetail><bindStatus>ENABLED</bindStatus></bindingDetail></credentialBindingDetail></GetUserInfoResponse>',
      ),
    ).vip;
    const result = await vip.getUserInfo({ userId: 'u' });
    expect(result.credentialBindingDetail?.[0]?.tokenInfo?.TokenId.type).toBe('A B C\nD');
  });
});

describe('references', () => {
  it.each([
    ['&#x41;&#65;&amp;&lt;&gt;&quot;&apos;', 'AA&<>"\''],
    ['&#x1F600;', '😀'],
    ['&#x0000000041;', 'A'],
  ])('decodes %s in text', async (reference, text) => {
    const vip = answering((id) => wrap(element(id, '').replace('<statusMessage>ok', `<statusMessage>${reference}`)));
    await expect(vip.getServerTime()).resolves.toMatchObject({ statusMessage: `${text}` });
  });

  it.each(['&#xD800;', '&#65534;', '&#1;', '&#x110000;', '&#99999999999;', '&#x;', '&unknown;', '& '])(
    'refuses %s in an attribute value',
    async (reference) => {
      const message = await refused((id) => wrap(element(id, `<x a="${reference}"/>`)));
      expect(message).toMatch(
        /^the response is not well-formed XML: it has (a character reference to a character that XML 1.0 forbids|an undeclared entity or a bare '&' in an attribute value)$/,
      );
    },
  );
});

describe('edges the mutation run found unpinned', () => {
  const accepted = async (inner: string) =>
    expect(answering((id) => wrap(element(id, inner))).getServerTime()).resolves.toMatchObject({ status: '0000' });

  it.each([
    ['digits, hyphens and dots after the first letter', '<ext-field.v2>1</ext-field.v2>'],
    ['a prefixed name with digits', '<p:v2.x-1 xmlns:p="urn:p">1</p:v2.x-1>'],
    ['a name with letters beyond ASCII', '<café>1</café>'],
    ['a prefixed name beyond ASCII', '<p:naïve xmlns:p="urn:p" p:été="1">1</p:naïve>'],
    ['an end tag with whitespace before >', '<x>1</x \t\r\n>'],
  ])('accepts %s', async (_what, inner) => {
    await accepted(inner);
  });

  it.each([
    ['a local name starting with a digit', '<p:1x xmlns:p="urn:p"/>', 'it has attributes without whitespace between them in <p>'],
    ['an end tag without a name', '<x></ >', 'it has a malformed end tag inside <x>'],
    ['an end tag whose name starts with a digit', '<x></1x>', 'it has a malformed end tag inside <x>'],
    ['text after the root element', null, 'it has text outside the root element'],
  ])('refuses %s', async (_what, inner, problem) => {
    const message = await refused((id) => (inner === null ? `${wrap(element(id))}tail` : wrap(element(id, inner))));
    expect(message).toBe(PREFIX + problem);
  });

  it.each([
    ['&#9;', '\t'],
    ['&#xA;', '\n'],
    ['&#xD;', '\r'],
    ['&#x20;', ' '],
    ['&#xD7FF;', '\uD7FF'],
    ['&#xE000;', '\uE000'],
    ['&#xFFFD;', '\uFFFD'],
    ['&#x10000;', '\u{10000}'],
    ['&#x10FFFF;', '\u{10FFFF}'],
  ])('decodes the edge reference %s', async (reference, text) => {
    const vip = answering((id) => wrap(element(id, '').replace('<statusMessage>ok', `<statusMessage>x${reference}`)));
    await expect(vip.getServerTime()).resolves.toMatchObject({ statusMessage: `x${text}` });
  });

  it.each(['&#x1F;', '&#xDFFF;', '&#xE000000;', '&#xFFFE;', '&#x110000;'])('refuses the edge reference %s in text', async (reference) => {
    const message = await refused((id) => wrap(element(id, '').replace('<statusMessage>ok', `<statusMessage>${reference}`)));
    expect(message).toBe(`${PREFIX}it has a character reference to a character that XML 1.0 forbids`);
  });

  it.each([
    ['UTF-16', 'UTF-16'],
    ['a name with a space', 'an unknown encoding', 'UTF 16'],
    ['a name ending in a symbol', 'an unknown encoding', 'latin1!'],
    ['a name of 41 characters', 'an unknown encoding', 'x'.repeat(41)],
  ])('names the declared encoding %s only when it is a plain name', async (_what, shown, declared = shown) => {
    const message = await refused((id) => `<?xml version="1.0" encoding="${declared}"?>${wrap(element(id))}`);
    expect(message).toBe(`${PREFIX}it declares the encoding ${shown}; VIP responses must be UTF-8`);
  });

  it('refuses a lower-case doctype as a DOCTYPE', async () => {
    expect(await refused((id) => `<!doctype x>${wrap(element(id))}`)).toBe(
      `${PREFIX}it contains a DOCTYPE or entity declaration, which SOAP forbids`,
    );
  });

  it('accepts nesting of exactly 64 levels and refuses 65', async () => {
    // Envelope, Body and the response element are three levels.
    const nested = (levels: number) => `${'<n>'.repeat(levels)}${'</n>'.repeat(levels)}`;
    await accepted(nested(61));
    expect(await refused((id) => wrap(element(id, nested(62))))).toBe(`${PREFIX}it nests elements deeper than 64 levels`);
  });

  it('allows 127 namespace declarations in scope besides xml, and refuses the 128th', async () => {
    const declarations = (count: number) => Array.from({ length: count }, (_, i) => `xmlns:p${i}="urn:${i}"`).join(' ');
    // The envelope declares S and the response element its default namespace: two of the 127.
    await accepted(`<x ${declarations(125)}/>`);
    expect(await refused((id) => wrap(element(id, `<x ${declarations(126)}/>`)))).toBe(
      `${PREFIX}it declares more than 128 namespaces in one scope`,
    );
  });
});
