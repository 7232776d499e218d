/**
 * Secrets never reach a log, a hook or an error, whatever the server sends: property-based tests over mutated
 * responses (truncation, comments, CDATA, prefixes, nested markup, error pages) and reflections of the request,
 * and a linearity check on bodies built to make a backtracking pattern explode.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REDACTED, VipClient } from 'vip-user-services';
import { FakeTransport } from '../client/fake-transport.js';
import { observedClient } from '../helpers/observed-client.js';
import { propertyRuns } from '../helpers/property-runs.js';
import { requestIdOf, SOAP_ENV_NS, soapEnvelope, VIP_NS } from '../helpers/soap-fixtures.js';

/** Secrets are drawn from letters that appear nowhere else in a fixture, so any one of them showing up is a leak. */
const SECRET_LETTERS = 'ЖЩЮЯФЦ';
const secret = fc.string({ unit: fc.constantFrom(...SECRET_LETTERS), minLength: 6, maxLength: 10 });
const leaked = (texts: readonly string[]) => texts.filter((text) => [...SECRET_LETTERS].some((letter) => text.includes(letter)));

/** Ways a secret element can be written, all of which a reader (or a person) would read as holding the secret. */
const secretElement = fc.record({
  prefix: fc.constantFrom('', 'vip:', 'ns0:', 'é:', '1x:', 'a.b-c:'),
  attributes: fc.constantFrom('', ' a="x>y"', " b='<'", '  '),
  content: fc.constantFrom<Array<(value: string) => string>>(
    (v) => v,
    (v) => `${v.slice(0, 3)}<!-- -->${v.slice(3)}`,
    (v) => `<![CDATA[${v}]]>`,
    (v) => `<![CDATA[${v.slice(0, 2)}]]><!-- c -->${v.slice(2)}`,
    (v) => `${v}<b/>`,
    (v) => `<x>${v}</x>`,
    (v) => `${v.slice(0, 2)}<![CDATA[</temporaryPassword>]]>${v.slice(2)}`,
  ),
  name: fc.constantFrom('temporaryPassword', 'otp', 'pin', 'Password', 'IAAuthData'),
});

const answers = fc.record({
  httpStatus: fc.constantFrom(200, 200, 500, 502, 503),
  cut: fc.option(fc.nat(), { nil: undefined }),
  where: fc.constantFrom('response element', 'fault detail', 'html page'),
});

type SecretElement = typeof secretElement extends fc.Arbitrary<infer T> ? T : never;

function responseBody(requestId: string, value: string, element: SecretElement, where: string): string {
  const { prefix, attributes, content, name } = element;
  const declaration = prefix === '' ? '' : ` xmlns:${prefix.slice(0, -1)}="${VIP_NS}"`;
  const tag = `${prefix}${name}`;
  const secretXml = `<${tag}${declaration}${attributes}>${content(value)}</${tag}>`;
  if (where === 'html page') return `<html><body><h1>Bad gateway</h1><pre>${secretXml}</pre></body></html>`;
  if (where === 'fault detail') {
    return soapEnvelope(`<S:Fault><faultcode>S:Server</faultcode><faultstring>failed</faultstring><detail>${secretXml}</detail></S:Fault>`);
  }
  return soapEnvelope(
    `<SetTemporaryPasswordResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>0000</status>` +
      `<statusMessage>Success</statusMessage>${secretXml}</SetTemporaryPasswordResponse>`,
  );
}

describe('no secret in logs, hooks or errors, whatever the response', () => {
  it('holds for mutated, truncated and misplaced secret elements (property)', async () => {
    await fc.assert(
      fc.asyncProperty(secret, secretElement, answers, async (value, element, answer) => {
        const { vip, observed, exposedBy } = observedClient((request) => {
          const body = responseBody(requestIdOf(request.body), value, element, answer.where);
          const start = body.indexOf(value.slice(0, 1));
          const cut = answer.cut === undefined ? body.length : start + (answer.cut % (body.length - start + 1));
          return { status: answer.httpStatus, body: body.slice(0, cut) };
        });
        const outcome = await vip.setTemporaryPassword({ userId: 'alice' }).then(
          () => [],
          (error: unknown) => exposedBy(error),
        );
        expect(leaked([...observed, ...outcome])).toEqual([]);
        expect(observed.some((text) => text.includes('onResponse') || text.includes('httpStatus'))).toBe(true);
      }),
      propertyRuns(300),
    );
  });

  it('masks the secret in the logged response but returns it to the caller', async () => {
    const { vip, observed } = observedClient((request) =>
      responseBody(
        requestIdOf(request.body),
        'ЖЩЮЯФЦ',
        {
          prefix: '',
          attributes: '',
          content: (v) => v,
          name: 'temporaryPassword',
        },
        'response element',
      ),
    );
    await expect(vip.setTemporaryPassword({ userId: 'alice' })).resolves.toMatchObject({ temporaryPassword: 'ЖЩЮЯФЦ' });
    expect(observed.join('\n')).toContain(`<temporaryPassword>${REDACTED}</temporaryPassword>`);
    expect(leaked(observed)).toEqual([]);
  });
});

/** How a gateway or a server might quote the request it received. */
const reflections = fc.constantFrom<Array<(request: string) => string>>(
  (r) => r,
  (r) => r.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;'),
  (r) => r.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;').replaceAll('"', '&quot;').replaceAll("'", '&#39;'),
  (r) => JSON.stringify({ request: r }),
  (r) => encodeURIComponent(r),
);

const answersQuoting = fc.constantFrom<Array<(quoted: string, requestId: string) => { status: number; body: string }>>(
  (quoted) => ({ status: 502, body: `<html><body>Upstream rejected: ${quoted}</body></html>` }),
  (quoted) => ({ status: 400, body: quoted }),
  (quoted) => ({
    status: 500,
    body: soapEnvelope(`<S:Fault><faultcode>S:Client</faultcode><faultstring>bad: ${escapeXml(quoted)}</faultstring></S:Fault>`),
  }),
  (quoted, requestId) => ({
    status: 200,
    body: soapEnvelope(
      `<CreateUserResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>6005</status>` +
        `<statusMessage>${escapeXml(quoted)}</statusMessage></CreateUserResponse>`,
    ),
  }),
);

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

function formsOf(value: string): string[] {
  const xml = escapeXml(value);
  return [
    value,
    xml,
    xml.replaceAll('"', '&quot;').replaceAll("'", '&#39;'),
    JSON.stringify(value).slice(1, -1),
    encodeURIComponent(value),
  ];
}

describe('the secrets a call sent never come back through what the server says', () => {
  it('scrubs a reflected PIN from error pages, faults and status messages, in every escaping (property)', async () => {
    // A digit and a letter keep the PIN from being a word the error's own text contains (`name`, `HTTP`).
    const pin = fc.string({ minLength: 6, maxLength: 40 }).filter((p) => /^[\x21-\x7e]+$/.test(p) && /[A-Za-z]/.test(p) && /\d/.test(p));
    await fc.assert(
      fc.asyncProperty(pin, reflections, answersQuoting, async (value, reflect, answer) => {
        const { vip, observed, exposedBy } = observedClient((request) => answer(reflect(request.body), requestIdOf(request.body)));
        const error = await vip.createUser({ userId: 'alice', pin: value }).catch((e: unknown) => e);
        const texts = [...observed, ...exposedBy(error)];
        for (const form of formsOf(value)) {
          expect(texts.filter((text) => text.includes(form))).toEqual([]);
        }
      }),
      propertyRuns(300),
    );
  });

  it('scrubs an OTP from the excerpt of an error page without cutting it in half at the excerpt boundary', async () => {
    for (let padding = 280; padding < 310; padding++) {
      const { vip, exposedBy } = observedClient(() => ({ status: 502, body: `${'x'.repeat(padding)}OTP 918273 was rejected` }));
      const error = await vip.authenticateUser({ userId: 'alice', otpAuthData: { otp: '918273' } }).catch((e: unknown) => e);
      expect((error as { bodyExcerpt: string }).bodyExcerpt).toHaveLength(300);
      expect(exposedBy(error).join('\n')).not.toMatch(/9182|8273/);
    }
  });
});

describe('redaction cost is linear in the body', () => {
  const FOUR_MIB = 4 * 1024 * 1024;
  // A backtracking pattern takes hours on these at 4 MiB (29 s at 320 KiB for the first); a linear scan well under
  // a second. The test's time limit sits orders of magnitude below the quadratic cost.
  it.each([
    ['repeated unterminated secret start tags', '<otp '],
    ['repeated secret elements opening CDATA', '<otp><![CDATA['],
    ['repeated nested secret elements', '<otp>'],
    ['repeated open attribute quotes', '<otp a="'],
    ['repeated prefixed secret tags', `<x:temporaryPassword xmlns:x="${SOAP_ENV_NS}" `],
    ['repeated comment openers', '<!--<otp>'],
  ])(
    '%s (4 MiB)',
    async (_name, unit) => {
      const body = unit.repeat(Math.floor(FOUR_MIB / unit.length));
      let logged = '';
      const transport = new FakeTransport(() => ({ status: 200, body }));
      const vip = new VipClient({
        transport,
        retry: false,
        maxResponseBytes: 2 * FOUR_MIB,
        hooks: { onResponse: (event) => (logged = event.body) },
      });
      await expect(vip.getServerTime()).rejects.toMatchObject({ name: 'VipProtocolError' });
      expect(logged.length).toBeLessThanOrEqual(body.length + REDACTED.length);
    },
    20_000,
  );
});

describe('personal data', () => {
  const riskResponse = (requestId: string) =>
    soapEnvelope(
      `<EvaluateRiskResponse xmlns="${VIP_NS}"><requestId>${requestId}</requestId><status>0000</status><statusMessage>ok</statusMessage><Risky>false</Risky><RiskScore>10</RiskScore><EventId>123456789012</EventId></EvaluateRiskResponse>`,
    );
  const input = { UserId: 'alice', Ip: '198.51.100.7', UserAgent: 'Mozilla/5.0', IAAuthData: 'fingerprint-0f3a9c' };

  it('masks device fingerprints in logged bodies by default', async () => {
    const { vip, observed } = observedClient((request) => riskResponse(requestIdOf(request.body)));
    await vip.evaluateRisk(input);
    expect(observed.join('\n')).toContain(`<vip:IAAuthData>${REDACTED}</vip:IAAuthData>`);
    expect(observed.join('\n')).not.toContain('fingerprint-0f3a9c');
  });

  it('shows them with logPersonalData: true, while secrets stay masked', async () => {
    const { vip, observed } = observedClient((request) => riskResponse(requestIdOf(request.body)), { logPersonalData: true });
    await vip.evaluateRisk(input);
    expect(observed.join('\n')).toContain('<vip:IAAuthData>fingerprint-0f3a9c</vip:IAAuthData>');
  });
});
