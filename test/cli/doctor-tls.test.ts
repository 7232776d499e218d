/**
 * `doctor`'s TLS and clock checks against local servers, each cause told apart: the server refusing the client
 * certificate, an untrusted server chain, a certificate for another host name, a server that never answers the
 * handshake, a server that does not speak TLS, and a server clock five minutes off. The client certificate is always
 * valid, so each failure belongs to the server side.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type CertificatePaths,
  certificatePaths,
  type Running,
  startPlainHttpServer,
  startSilentServer,
  startVipLike,
} from './doctor-support/servers.js';
import { checkOf, reportOf, verdicts } from './doctor-support/verdicts.js';
import { cli } from './support.js';

let files: CertificatePaths;
const servers: Running[] = [];
beforeAll(async () => {
  files = await certificatePaths();
});
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => server.close()));
});
afterAll(async () => {
  await Promise.all(servers.map((server) => server.close()));
  await files.remove();
});

async function serve(server: Promise<Running>): Promise<Running> {
  const running = await server;
  servers.push(running);
  return running;
}

/** Runs doctor --json with the valid PEM client certificate, trusting the test CA. */
function doctor(endpoint: string, ...flags: string[]) {
  return cli([
    '--endpoint',
    endpoint,
    '--cert-pem',
    files.clientCert,
    '--key-pem',
    files.clientKey,
    '--ca',
    files.ca,
    ...flags,
    'doctor',
    '--json',
  ]);
}

describe('doctor: TLS', () => {
  it('tells the server refusing the client certificate (it wants one from another CA) apart, exit 4', async () => {
    const { fixtures } = files;
    const vip = await serve(startVipLike({ cert: fixtures.server.cert, key: fixtures.server.key, clientCa: fixtures.otherCa.cert }));
    const run = await doctor(vip.url);
    expect(run.code).toBe(4);
    expect(verdicts(reportOf(run))).toMatchObject({
      certificate: 'pass',
      'certificate validity': 'pass',
      'private key': 'pass',
      'tls handshake': 'fail',
      'server certificate': 'pass',
      'server time': 'skipped',
    });
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      detail: expect.stringMatching(
        /^TLSv1\.3, TLS_\w+; but the server refused the client certificate CN=vip-test-client, O=Acme Test, C=US: it closed the connection right after the handshake/,
      ),
      fix: expect.stringContaining("VIP accepts only the account's current VIP certificate"),
    });
    expect(checkOf(run, 'server time').detail).toBe('not tried: the server refused the client certificate');
    // Refused before any request reached the application.
    expect(vip.seen).toEqual([]);
  });

  it('tells a refusal inside a TLS 1.2 handshake apart', async () => {
    const { fixtures } = files;
    const vip = await serve(
      startVipLike({ cert: fixtures.server.cert, key: fixtures.server.key, clientCa: fixtures.otherCa.cert, maxVersion: 'TLSv1.2' }),
    );
    const run = await doctor(vip.url);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(
        /closed the connection during the TLS handshake \(ECONNRESET\); under TLS 1\.2 this is how many servers refuse a client certificate$/,
      ),
    });
    expect(checkOf(run, 'server certificate').detail).toBe('not tried: the TLS handshake failed');
  });

  it('tells an untrusted server chain apart, lists the chain and sends nothing to that server', async () => {
    const { fixtures } = files;
    const vip = await serve(
      startVipLike({ cert: fixtures.untrustedServer.cert, key: fixtures.untrustedServer.key, clientCa: fixtures.ca.cert }),
    );
    const run = await cli([
      '--endpoint',
      vip.url,
      '--cert-pem',
      files.clientCert,
      '--key-pem',
      files.clientKey,
      '--ca',
      files.ca,
      'doctor',
    ]);
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(
      /FAIL {2}server certificate +the server's certificate was issued by a CA this machine does not trust .*\(UNABLE_TO_VERIFY_LEAF_SIGNATURE\)/,
    );
    expect(run.stdout).toMatch(/chain: 1\. CN=localhost \(issued by CN=Unrelated Test CA; expires/);
    expect(run.stdout).toMatch(
      /fix: if the server is a test server with a private CA.*--ca FILE.*DigiCert Global Root G2 \(Broadcom KB 272572\)/,
    );
    expect(run.stdout).toMatch(
      /PASS {2}tls handshake +TLSv1\.3, \S+; the client certificate was not tried: the server failed verification/,
    );
    expect(run.stdout).toMatch(
      /SKIP {2}server time +not tried: the server's certificate failed verification, and the SDK refuses such a server/,
    );
    expect(vip.seen).toEqual([]);
  });

  it('tells a certificate issued for another host name apart', async () => {
    const { fixtures } = files;
    const vip = await serve(
      startVipLike({ cert: fixtures.wrongNameServer.cert, key: fixtures.wrongNameServer.key, clientCa: fixtures.ca.cert }),
    );
    const run = await doctor(vip.url);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'server certificate')).toMatchObject({
      verdict: 'fail',
      detail: "the server's certificate was issued for DNS:vip.example.test, not for 127.0.0.1 (ERR_TLS_CERT_ALTNAME_INVALID)",
      fix: expect.stringContaining('connect with a host name the certificate names'),
    });
    // The chain itself is trusted: only the name is wrong.
    expect(checkOf(run, 'server certificate').detail).not.toContain('trust');
    expect(vip.seen).toEqual([]);
  });

  it("reports an expired server certificate as the server owner's to renew", async () => {
    const { fixtures } = files;
    const vip = await serve(
      startVipLike({ cert: fixtures.expiredServer.cert, key: fixtures.expiredServer.key, clientCa: fixtures.ca.cert }),
    );
    const run = await doctor(vip.url);
    expect(checkOf(run, 'server certificate')).toMatchObject({
      verdict: 'fail',
      detail: "the server's certificate has expired (CERT_HAS_EXPIRED)",
      fix: expect.stringMatching(/must be renewed by its owner/),
    });
  });

  it('times out a server that accepts connections but never answers the handshake, within --timeout', async () => {
    const silent = await serve(startSilentServer());
    const startedAt = Date.now();
    const run = await doctor(silent.url, '--timeout', '300');
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(run.code).toBe(4);
    expect(verdicts(reportOf(run))).toMatchObject({ connection: 'pass', 'tls handshake': 'fail', 'server certificate': 'skipped' });
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      detail: `no TLS answer from 127.0.0.1:${silent.port} within 300 ms: something accepts connections there but does not complete a TLS handshake`,
      fix: expect.stringContaining('raise --timeout'),
    });
  });

  it('stops at once on Ctrl-C with exit 130, whatever --timeout allows', async () => {
    const silent = await serve(startSilentServer());
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort('SIGINT'), 200);
    const startedAt = Date.now();
    const run = await cli(['--endpoint', silent.url, '--timeout', '60000', 'doctor'], { signal: interrupt.signal });
    expect(Date.now() - startedAt).toBeLessThan(5_000);
    expect(run.code).toBe(130);
    expect(run.stderr).toMatch(/VipAbortError: doctor was interrupted/);
    expect(run.stdout).toBe('');
  });

  it('tells a server that does not speak TLS apart', async () => {
    const plain = await serve(startPlainHttpServer());
    const run = await doctor(plain.url.replace(/^http:/, 'https:'));
    expect(run.code).toBe(4);
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/^127\.0\.0\.1:\d+ does not speak TLS \(ERR_SSL_(WRONG_VERSION_NUMBER|PACKET_LENGTH_TOO_LONG)\)/),
      fix: expect.stringContaining('use http:// in the endpoint for a plain test server'),
    });
  });
});

describe('doctor: the clock', () => {
  it("fails a clock five minutes off VIP's, with the NTP fix, while the call itself passes", async () => {
    const { fixtures } = files;
    const vip = await serve(
      startVipLike({ cert: fixtures.server.cert, key: fixtures.server.key, clientCa: fixtures.ca.cert, clockOffsetMs: 5 * 60_000 }),
    );
    const run = await doctor(vip.url);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'server time').verdict).toBe('pass');
    const skew = checkOf(run, 'clock skew');
    expect(skew).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(
        /^this machine's clock is 5 min 0 s behind VIP's: more than the minute VIP tolerates \(Broadcom KB 170423\)$/,
      ),
      fix: expect.stringContaining("synchronise this machine's clock with NTP"),
    });
    expect(skew.info?.skewMs).toBeGreaterThan(299_000);
    expect(skew.info?.skewMs).toBeLessThan(301_000);
  });

  it('warns about a clock 20 seconds ahead, exit 0', async () => {
    const { fixtures } = files;
    const vip = await serve(
      startVipLike({ cert: fixtures.server.cert, key: fixtures.server.key, clientCa: fixtures.ca.cert, clockOffsetMs: -20_000 }),
    );
    const run = await doctor(vip.url);
    expect(run.code).toBe(0);
    expect(checkOf(run, 'clock skew')).toMatchObject({
      verdict: 'warn',
      detail: expect.stringMatching(/^this machine's clock is 20\.\d s ahead of VIP's: within the minute VIP tolerates, but drifting$/),
    });
  });
});
