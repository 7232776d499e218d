import { X509Certificate } from 'node:crypto';
import type { TLSSocket } from 'node:tls';
import { Agent } from 'undici';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VipConfigurationError } from '../../src/errors/request-errors.js';
import type { VipTlsOptions } from '../../src/transport/tls-credentials.js';
import { UndiciTransport, type UndiciTransportOptions } from '../../src/transport/undici-transport.js';
import { tlsFixtures, type PemPair } from '../helpers/tls-fixtures.js';
import { type LocalServer, type OpensslServer, startHttpsServer, startOpensslServer } from './local-server.js';
import { answerOf, soapRequest, send, connectionFailure } from './soap-request.js';

const fixtures = tlsFixtures();
// OpenSSL 3.0 (Node 20) prefixes these alerts with SSLV3, OpenSSL 3.5 (Node 22+) with SSL/TLS.
const HANDSHAKE_FAILURE_ALERT = /^ERR_SSL_(SSLV3|SSL\/TLS)_ALERT_HANDSHAKE_FAILURE$/;
const CERTIFICATE_EXPIRED_ALERT = /^ERR_SSL_(SSLV3|SSL\/TLS)_ALERT_CERTIFICATE_EXPIRED$/;
const transports: UndiciTransport[] = [];
const servers: LocalServer[] = [];

/** A mutual-TLS server like VIP: it demands a client certificate issued by the test CA. */
async function startMtlsServer(serverPair: PemPair = fixtures.server, extra: { maxVersion?: 'TLSv1.2' } = {}) {
  const peers: string[] = [];
  const server = await startHttpsServer(
    { ...serverPair, ca: fixtures.ca.cert, requestCert: true, rejectUnauthorized: true, ...extra },
    (request, response) => {
      peers.push(String((request.socket as TLSSocket).getPeerCertificate().subject?.CN));
      response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' });
      response.end('<ok/>');
    },
  );
  servers.push(server);
  return { server, peers };
}

function transport(options: UndiciTransportOptions): UndiciTransport {
  const created = new UndiciTransport(options);
  transports.push(created);
  return created;
}

function trustingTestCa(client: PemPair = fixtures.client): VipTlsOptions {
  return { cert: client.cert, key: client.key, ca: fixtures.ca.cert };
}

const sendFailure = connectionFailure;

let mtls: Awaited<ReturnType<typeof startMtlsServer>>;

beforeAll(async () => {
  mtls = await startMtlsServer();
});

afterEach(async () => {
  await Promise.all(transports.splice(0).map((created) => created.close()));
});

afterAll(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});

describe('UndiciTransport over mutual TLS: accepted client certificates', () => {
  it('authenticates with a PEM certificate and key', async () => {
    const sender = transport({ tls: trustingTestCa() });
    const response = await send(sender, soapRequest(mtls.server.url));
    expect(answerOf(response)).toEqual({ status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: '<ok/>' });
    expect(mtls.peers.at(-1)).toBe('vip-test-client');
    expect(sender.certificate?.subject).toBe(fixtures.client.subject);
  });

  it('authenticates with an encrypted PEM key and its passphrase', async () => {
    const sender = transport({
      tls: { cert: fixtures.client.cert, key: fixtures.client.encryptedKey, passphrase: fixtures.passphrase, ca: fixtures.ca.cert },
    });
    expect((await send(sender, soapRequest(mtls.server.url))).status).toBe(200);
    expect(mtls.peers.at(-1)).toBe('vip-test-client');
  });

  it('authenticates with a PKCS#12 bundle and its passphrase', async () => {
    const sender = transport({ tls: { pfx: fixtures.client.p12, passphrase: fixtures.passphrase, ca: fixtures.ca.cert } });
    expect((await send(sender, soapRequest(mtls.server.url))).status).toBe(200);
    expect(mtls.peers.at(-1)).toBe('vip-test-client');
    expect(sender.certificate?.subject).toBe(fixtures.client.subject);
  });

  it('verifies the server against servername when it differs from the URL host', async () => {
    const { server } = await startMtlsServer(fixtures.wrongNameServer);
    const sender = transport({ tls: { ...trustingTestCa(), servername: 'vip.example.test' } });
    expect((await send(sender, soapRequest(server.url))).status).toBe(200);
  });
});

describe('UndiciTransport over mutual TLS: failures', () => {
  // Under TLS 1.3 the server judges the client certificate after the client has finished its handshake, and undici
  // reports only "other side closed". Under TLS 1.2 a missing certificate is refused by OpenSSL with an alert during
  // the handshake, while a certificate that fails verification is refused by Node's own server code by closing the
  // socket before the client's handshake is complete (ECONNRESET, nothing sent); see the OpenSSL server tests below
  // for real alerts.
  const tls13Rejection = { code: 'UND_ERR_SOCKET', requestNotSent: false };
  const nodeServerReset = {
    code: 'ECONNRESET',
    requestNotSent: true,
    message: expect.stringMatching(
      /^The connection to 127\.0\.0\.1:\d+ was closed during the TLS handshake \(ECONNRESET\); a server rejecting the client certificate looks like this/,
    ),
  };

  it.each([
    ['TLS 1.3', undefined, tls13Rejection],
    ['TLS 1.2', 'TLSv1.2' as const, { code: expect.stringMatching(HANDSHAKE_FAILURE_ALERT), requestNotSent: true }],
  ])('fails with VipConnectionError when no client certificate is sent (%s)', async (_name, maxVersion, expected) => {
    const { server } = await startMtlsServer(fixtures.server, maxVersion === undefined ? {} : { maxVersion });
    const withoutCertificate = new Agent({ connect: { ca: fixtures.ca.cert } });
    try {
      const error = await sendFailure(transport({ dispatcher: withoutCertificate }), server.url);
      expect(error).toMatchObject(expected);
      expect(error.operation).toBe('getUserInfo');
      expect(server.received).toHaveLength(0);
    } finally {
      await withoutCertificate.close();
    }
  });

  it.each([
    ['TLS 1.3', undefined, tls13Rejection],
    ['TLS 1.2', 'TLSv1.2' as const, nodeServerReset],
  ])('fails with VipConnectionError when the client certificate comes from an unknown CA (%s)', async (_name, maxVersion, expected) => {
    const { server } = await startMtlsServer(fixtures.server, maxVersion === undefined ? {} : { maxVersion });
    const error = await sendFailure(transport({ tls: trustingTestCa(fixtures.foreignClient) }), server.url);
    expect(error).toMatchObject(expected);
    if (maxVersion === undefined) expect(error.message).toMatch(/rejecting the client certificate under TLS 1\.3 looks the same/);
    expect(server.received).toHaveLength(0);
  });

  it.each([
    ['TLS 1.3', undefined, tls13Rejection],
    ['TLS 1.2', 'TLSv1.2' as const, nodeServerReset],
  ])('fails with VipConnectionError when the client certificate has expired (%s)', async (_name, maxVersion, expected) => {
    const { server } = await startMtlsServer(fixtures.server, maxVersion === undefined ? {} : { maxVersion });
    const error = await sendFailure(transport({ tls: trustingTestCa(fixtures.expiredClient) }), server.url);
    expect(error).toMatchObject(expected);
    expect(server.received).toHaveLength(0);
  });

  describe('against an OpenSSL server that answers with TLS alerts (TLS 1.2)', () => {
    let openssl: OpensslServer;
    beforeAll(async () => {
      const args = ['-cert', 'server.crt', '-key', 'server.key', '-CAfile', 'ca.crt', '-Verify', '1', '-verify_return_error'];
      openssl = await startOpensslServer([...args, '-tls1_2', '-www'], fixtures.dir);
    });
    afterAll(() => openssl.close());

    it('reports a missing client certificate as a rejected handshake that sent nothing', async () => {
      const withoutCertificate = new Agent({ connect: { ca: fixtures.ca.cert } });
      try {
        const error = await sendFailure(transport({ dispatcher: withoutCertificate }), openssl.url);
        expect(error).toMatchObject({ code: expect.stringMatching(HANDSHAKE_FAILURE_ALERT), requestNotSent: true });
        expect(error.message).toMatch(/the server rejected it .*no client certificate, or one it does not accept/);
      } finally {
        await withoutCertificate.close();
      }
    });

    it('reports a client certificate from an unknown CA as not accepted', async () => {
      const error = await sendFailure(transport({ tls: trustingTestCa(fixtures.foreignClient) }), openssl.url);
      expect(error).toMatchObject({ code: 'ERR_SSL_TLSV1_ALERT_UNKNOWN_CA', requestNotSent: true });
      expect(error.message).toMatch(/^No client certificate was accepted by 127\.0\.0\.1:\d+ \(ERR_SSL_TLSV1_ALERT_UNKNOWN_CA\)/);
    });

    it('reports an expired client certificate as not accepted', async () => {
      const error = await sendFailure(transport({ tls: trustingTestCa(fixtures.expiredClient) }), openssl.url);
      expect(error).toMatchObject({ code: expect.stringMatching(CERTIFICATE_EXPIRED_ALERT), requestNotSent: true });
      expect(error.message).toMatch(/^No client certificate was accepted/);
    });
  });

  it('rejects a server whose certificate comes from a CA that was not given', async () => {
    const { server } = await startMtlsServer(fixtures.untrustedServer);
    const error = await sendFailure(transport({ tls: trustingTestCa() }), server.url);
    expect(error.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    expect(error.requestNotSent).toBe(true);
    expect(error.message).toMatch(/^TLS handshake with 127\.0\.0\.1:\d+ failed: the server's certificate is not trusted/);
  });

  it('rejects a server certificate issued for another host name', async () => {
    const { server } = await startMtlsServer(fixtures.wrongNameServer);
    const error = await sendFailure(transport({ tls: trustingTestCa() }), server.url);
    expect(error.code).toBe('ERR_TLS_CERT_ALTNAME_INVALID');
    expect(error.requestNotSent).toBe(true);
    expect(error.message).toMatch(/not issued for this host name/);
  });

  it('rejects an expired server certificate', async () => {
    const { server } = await startMtlsServer(fixtures.expiredServer);
    const error = await sendFailure(transport({ tls: trustingTestCa() }), server.url);
    expect(error.code).toBe('CERT_HAS_EXPIRED');
    expect(error.message).toMatch(/has expired/);
  });

  it('trusts only Node defaults plus tls.ca: without the test CA the server is untrusted', async () => {
    const error = await sendFailure(transport({ tls: { cert: fixtures.client.cert, key: fixtures.client.key } }), mtls.server.url);
    // This server sends its CA along with its certificate, so the chain ends in an unknown self-signed root.
    expect(error.code).toBe('SELF_SIGNED_CERT_IN_CHAIN');
    expect(error.message).toMatch(/the server's certificate is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
  });

  it.each([
    ['a PEM string', () => fixtures.otherCa.cert],
    ['a PEM Buffer', () => Buffer.from(fixtures.otherCa.cert)],
    ['DER', () => new X509Certificate(fixtures.otherCa.cert).raw],
  ])('trusts every extra CA in tls.ca, given as %s among others', async (_form, otherCa) => {
    const { server } = await startMtlsServer(fixtures.untrustedServer);
    const sender = transport({ tls: { cert: fixtures.client.cert, key: fixtures.client.key, ca: [fixtures.ca.cert, otherCa()] } });
    expect((await send(sender, soapRequest(server.url))).status).toBe(200);
    // The first CA of the list still counts too.
    expect((await send(sender, soapRequest(mtls.server.url))).status).toBe(200);
  });

  it('keeps verifying the server when NODE_TLS_REJECT_UNAUTHORIZED=0 is set', async () => {
    const { server } = await startMtlsServer(fixtures.untrustedServer);
    const previous = process.env.NODE_TLS_REJECT_UNAUTHORIZED;
    process.env.NODE_TLS_REJECT_UNAUTHORIZED = '0';
    try {
      const error = await sendFailure(transport({ tls: trustingTestCa() }), server.url);
      expect(error.code).toBe('UNABLE_TO_VERIFY_LEAF_SIGNATURE');
    } finally {
      if (previous === undefined) delete process.env.NODE_TLS_REJECT_UNAUTHORIZED;
      else process.env.NODE_TLS_REJECT_UNAUTHORIZED = previous;
    }
  });

  it('refuses to go below the minimum TLS version', async () => {
    const { server } = await startMtlsServer(fixtures.server, { maxVersion: 'TLSv1.2' });
    const error = await sendFailure(transport({ tls: { ...trustingTestCa(), minVersion: 'TLSv1.3' } }), server.url);
    expect(error.requestNotSent).toBe(true);
    expect(error.message).toMatch(/TLS handshake with .* failed/);
    expect(server.received).toHaveLength(0);
  });

  it('reports configuration problems when the transport is built, not on first use', () => {
    expect(() => new UndiciTransport({ tls: { pfx: fixtures.client.p12, passphrase: 'wrong passphrase' } })).toThrow(VipConfigurationError);
    expect(
      () => new UndiciTransport({ tls: { cert: fixtures.client.cert, key: fixtures.client.encryptedKey, passphrase: 'nope' } }),
    ).toThrow(/passphrase is wrong/);
    expect(() => new UndiciTransport({ tls: { cert: 'garbage', key: fixtures.client.key } })).toThrow(VipConfigurationError);
  });
});
