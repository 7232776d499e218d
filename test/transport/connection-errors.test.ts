import { describe, expect, it } from 'vitest';
import { toConnectionError } from '../../src/transport/connection-errors.js';
import { ProxyFailure } from '../../src/transport/proxy-failure.js';

const HTTPS = new URL('https://vip.example.test:8443/ws');
const context = { operation: 'authenticateUser', requestId: 'r1', attempts: 1 };
const coded = (code: string, message = `failure ${code}`): Error => Object.assign(new Error(message), { code });

describe('toConnectionError', () => {
  it.each([
    ['ENOTFOUND', true, /^Could not connect to vip\.example\.test:8443: the host name could not be resolved \(ENOTFOUND\)/],
    ['EAI_AGAIN', true, /temporary DNS failure/],
    ['ECONNREFUSED', true, /the connection was refused/],
    ['EHOSTUNREACH', true, /the host is unreachable/],
    ['UND_ERR_CONNECT_TIMEOUT', true, /connecting timed out/],
    ['CERT_HAS_EXPIRED', true, /^TLS handshake with vip\.example\.test:8443 failed: the server's certificate has expired/],
    ['CERT_NOT_YET_VALID', true, /not valid yet \(check this machine's clock\)/],
    ['ERR_TLS_CERT_ALTNAME_INVALID', true, /not issued for this host name/],
    ['SELF_SIGNED_CERT_IN_CHAIN', true, /the server's certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\); .*tls\.ca/],
    ['UNABLE_TO_GET_ISSUER_CERT_LOCALLY', true, /not trusted/],
    ['ERR_SSL_TLSV13_ALERT_CERTIFICATE_REQUIRED', true, /^No client certificate was accepted by vip\.example\.test:8443/],
    ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', true, /^No client certificate was accepted/],
    ['ERR_SSL_SSLV3_ALERT_BAD_CERTIFICATE', true, /^No client certificate was accepted/],
    ['ERR_SSL_SSL/TLS_ALERT_CERTIFICATE_EXPIRED', true, /^No client certificate was accepted/],
    ['ERR_SSL_SSLV3_ALERT_HANDSHAKE_FAILURE', true, /the server rejected it .*no client certificate/],
    ['ERR_SSL_SSL/TLS_ALERT_HANDSHAKE_FAILURE', true, /the server rejected it/],
    ['ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION', true, /^TLS handshake with .* failed \(ERR_SSL_TLSV1_ALERT_PROTOCOL_VERSION\)/],
    ['ERR_SSL_WRONG_VERSION_NUMBER', true, /^TLS handshake with .* failed/],
    ['ECONNRESET', false, /was lost before a complete response arrived \(ECONNRESET\) \(authenticateUser, requestId r1\)$/],
    ['UND_ERR_SOCKET', false, /\(UND_ERR_SOCKET\); a server rejecting the client certificate under TLS 1\.3 looks the same/],
    ['EPIPE', false, /was lost/],
    ['ERR_SSL_DECRYPTION_FAILED_OR_BAD_RECORD_MAC', false, /^The request to vip\.example\.test:8443 failed \(ERR_SSL_DECRYPTION/],
    ['SOMETHING_NEW', false, /^The request to vip\.example\.test:8443 failed \(SOMETHING_NEW\)/],
  ])('%s -> requestNotSent %s', (code, requestNotSent, message) => {
    const cause = coded(code);
    const error = toConnectionError(cause, HTTPS, context);
    expect(error).toMatchObject({ code, requestNotSent, operation: 'authenticateUser', requestId: 'r1' });
    expect(error.message).toMatch(message);
    expect(error.cause).toBe(cause);
  });

  it('omits the TLS 1.3 hint on plain HTTP', () => {
    const error = toConnectionError(coded('UND_ERR_SOCKET'), new URL('http://127.0.0.1:8080/ws'), context);
    expect(error.message).not.toMatch(/TLS 1\.3/);
  });

  it("unwraps fetch's TypeError('fetch failed') down to the coded cause", () => {
    const wrapped = new TypeError('fetch failed', { cause: new Error('connect failed', { cause: coded('ECONNREFUSED') }) });
    expect(toConnectionError(wrapped, HTTPS, context)).toMatchObject({ code: 'ECONNREFUSED', requestNotSent: true, cause: wrapped });
  });

  it('reads the code of the first member of an AggregateError (happy-eyeballs connect)', () => {
    const aggregate = new AggregateError([coded('ECONNREFUSED'), coded('ENETUNREACH')], 'all attempts failed');
    expect(toConnectionError(aggregate, HTTPS, context)).toMatchObject({ code: 'ECONNREFUSED', requestNotSent: true });
  });

  it('describes an error without a code by its class only', () => {
    const error = toConnectionError(new RangeError('<otp>123456</otp>'), HTTPS, context);
    expect(error).toMatchObject({ code: undefined, requestNotSent: false });
    expect(error.message).toMatch(/^The request to vip\.example\.test:8443 failed: RangeError without an error code/);
    expect(error.message).not.toContain('123456');
  });

  it.each([
    ['ERR_NOCK_NO_MATCH', 'Nock: No match for request {"body":"<otp>123456</otp>"}'],
    ['UND_MOCK_ERR_MOCK_NOT_MATCHED', "Mock dispatch not matched for body '<vip:otp>123456</vip:otp>' on path '/x'"],
  ])("drops the interceptor's no-match error (%s), which quotes the request body, instead of keeping it as cause", (code, message) => {
    const error = toConnectionError(coded(code, message), HTTPS, context);
    expect(error.cause).toBeUndefined();
    expect(error).toMatchObject({ code, requestNotSent: true });
    expect(JSON.stringify(error.toJSON())).not.toContain('123456');
  });

  describe('failures of the proxy leg', () => {
    const PROXY = 'proxy.example:3128';
    const TARGET = 'vip.example.test:8443';
    const through = (cause: unknown): ProxyFailure => new ProxyFailure(PROXY, TARGET, { cause });

    it.each([
      ['ECONNREFUSED', /^Could not connect to the proxy proxy\.example:3128: the connection was refused \(ECONNREFUSED\)/],
      ['ENOTFOUND', /^Could not connect to the proxy proxy\.example:3128: the host name could not be resolved/],
      ['CERT_HAS_EXPIRED', /^TLS handshake with the proxy proxy\.example:3128 failed: its certificate has expired \(CERT_HAS_EXPIRED\)/],
      ['ERR_TLS_CERT_ALTNAME_INVALID', /^TLS handshake with the proxy .*: its certificate was not issued for this host name/],
      [
        'SELF_SIGNED_CERT_IN_CHAIN',
        /^TLS handshake with the proxy proxy\.example:3128 failed: its certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\); add its CA with proxy\.ca/,
      ],
      ['ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', /^TLS handshake with the proxy proxy\.example:3128 failed \(ERR_SSL_TLSV1_ALERT_UNKNOWN_CA\)/],
      ['ERR_SSL_WRONG_VERSION_NUMBER', /^TLS handshake with the proxy proxy\.example:3128 failed \(ERR_SSL_WRONG_VERSION_NUMBER\)/],
      ['ECONNRESET', /^The connection to the proxy proxy\.example:3128 was lost before the tunnel to vip\.example\.test:8443 was open/],
      ['UND_ERR_SOCKET', /was lost before the tunnel/],
      ['SOMETHING_NEW', /^The tunnel through the proxy proxy\.example:3128 failed \(SOMETHING_NEW\)/],
    ])('%s names the proxy, never VIP, and certainly sent nothing', (code, message) => {
      const cause = coded(code);
      const error = toConnectionError(through(cause), HTTPS, context);
      expect(error).toMatchObject({ code, requestNotSent: true, operation: 'authenticateUser' });
      expect(error.message).toMatch(message);
      expect(error.message).not.toMatch(/server's certificate|tls\.ca|client certificate/);
      expect(error.cause).toBe(cause);
    });

    it('finds the mark under a wrapper (undici wraps some proxy TLS errors in SecureProxyConnectionError)', () => {
      const wrapped = Object.assign(new Error('secure proxy connection failed', { cause: through(coded('ECONNREFUSED')) }), {
        code: 'UND_ERR_PRX_TLS',
      });
      expect(toConnectionError(wrapped, HTTPS, context).message).toMatch(/^Could not connect to the proxy proxy\.example:3128/);
    });

    it('describes an error without a code by its class only', () => {
      const error = toConnectionError(through(new RangeError('Basic c2NvdHQ6dGlnZXI=')), HTTPS, context);
      expect(error.message).toMatch(/^The tunnel through the proxy proxy\.example:3128 failed: RangeError without an error code/);
      expect(error.requestNotSent).toBe(true);
    });

    it.each([
      [503, 'with HTTP 503 (Service Unavailable) (authenticateUser'],
      [504, 'with HTTP 504 (Gateway Timeout): the proxy could not reach the host in time'],
      [400, 'with HTTP 400 (authenticateUser'],
    ])('describes a tunnel refused with HTTP %i', (status, message) => {
      const error = toConnectionError(new ProxyFailure(PROXY, TARGET, { status }), HTTPS, context);
      expect(error.message).toContain(`The proxy proxy.example:3128 refused the tunnel to vip.example.test:8443 ${message}`);
      expect(error).toMatchObject({ requestNotSent: true, code: undefined });
    });
  });
});
