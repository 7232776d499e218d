/**
 * `doctor` end to end through the CLI: help, the embedded mock, a healthy mutual-TLS server reached with a .p12 and
 * with PEM files (directly and through a proxy), the JSON document, and the passphrase never appearing in the output.
 */
import { startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificatePaths, certificatePaths, type Running, startProxy, startVipLike } from './doctor-support/servers.js';
import { checkOf, reportOf, verdicts } from './doctor-support/verdicts.js';
import { cli, jsonOf } from './support.js';

let files: CertificatePaths;
let vip: Running;
beforeAll(async () => {
  files = await certificatePaths();
  vip = await startVipLike({ cert: files.fixtures.server.cert, key: files.fixtures.server.key, clientCa: files.fixtures.ca.cert });
});
afterAll(async () => {
  await vip.close();
  await files.remove();
});

describe('vip-user-services doctor', () => {
  it('explains itself with an example in --help', async () => {
    const run = await cli(['doctor', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Examples:');
    expect(run.stdout).toContain('vip-user-services --cert-p12 vip_certificate.p12 doctor');
    expect(run.stdout).toMatch(/4 when a check failed/);
  });

  it('with --mock skips the TLS checks as plain HTTP and passes the rest, exit 0', async () => {
    const run = await cli(['--mock', 'doctor', '--json']);
    expect(run.code).toBe(0);
    const report = jsonOf(run) as { ok: boolean; checks: { name: string; verdict: string; detail: string }[] };
    expect(report.ok).toBe(true);
    expect(verdicts(report)).toEqual({
      certificate: 'skipped',
      'certificate validity': 'skipped',
      'private key': 'skipped',
      'p12 encryption': 'skipped',
      endpoint: 'pass',
      dns: 'pass',
      connection: 'pass',
      proxy: 'pass',
      'tls handshake': 'skipped',
      'server certificate': 'skipped',
      'server time': 'pass',
      'clock skew': 'pass',
    });
    expect(report.checks.find((check) => check.name === 'tls handshake')?.detail).toBe('plain HTTP');
  });

  it('against a plain HTTP endpoint skips the TLS checks, and passes without a certificate', async () => {
    const mock = await startMockServer({ seed: true });
    try {
      const run = await cli(['--endpoint', mock.url, 'doctor', '--json']);
      expect(run.code).toBe(0);
      expect(verdicts(reportOf(run))).toMatchObject({ 'tls handshake': 'skipped', 'server certificate': 'skipped', 'server time': 'pass' });
      expect(checkOf(run, 'certificate')).toMatchObject({
        verdict: 'skipped',
        detail: 'no client certificate is configured; plain HTTP needs none',
      });
      expect(checkOf(run, 'endpoint').detail).toBe(
        `${mock.url} (from --endpoint); plain HTTP without TLS: for test servers and the mock only`,
      );
      // A certificate is still read, and the SDK's refusal to send it over plain HTTP is reported as the call's failure.
      const withCertificate = await cli([
        '--endpoint',
        mock.url,
        '--cert-pem',
        files.clientCert,
        '--key-pem',
        files.clientKey,
        'doctor',
        '--json',
      ]);
      expect(withCertificate.code).toBe(4);
      expect(checkOf(withCertificate, 'certificate').verdict).toBe('pass');
      expect(checkOf(withCertificate, 'server time')).toMatchObject({
        verdict: 'fail',
        detail: expect.stringMatching(/^the SDK refused the settings: .*plain http: but a client certificate \(tls\) is configured/),
        fix: 'correct the setting it names: every command refuses it the same way',
      });
    } finally {
      await mock.close();
    }
  });

  it('passes every check against a healthy mutual-TLS server with the .p12, and never prints the passphrase', async () => {
    const run = await cli(['--endpoint', vip.url, '--cert-p12', files.clientP12, '--ca', files.ca, 'doctor'], {
      env: { VIP_CERT_PASSPHRASE: files.passphrase },
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    for (const name of [
      'certificate',
      'private key',
      'p12 encryption',
      'tls handshake',
      'server certificate',
      'server time',
      'clock skew',
    ]) {
      expect(run.stdout).toMatch(new RegExp(`^  PASS  ${name} +\\S`, 'm'));
    }
    expect(run.stdout).toContain(`${files.fixtures.client.subject}, issued by CN=VIP Test CA`);
    expect(run.stdout).toMatch(/PASS {2}p12 encryption +encrypted with AES-256-CBC \(PBES2\)/);
    expect(run.stdout).toMatch(/PASS {2}tls handshake +TLSv1\.3, TLS_\w+; the server accepted the client certificate CN=vip-test-client/);
    expect(run.stdout).toMatch(/chain: 1\. CN=localhost \(issued by CN=VIP Test CA/);
    expect(run.stdout).toMatch(/^Verdict: OK \(\d+ passed\)\.$/m);
    expect(run.stdout + run.stderr).not.toContain(files.passphrase);
    // The handshake probe and the SDK's call.
    expect(vip.seen).toContain('HEAD /');
    expect(vip.seen.some((request) => request.startsWith('POST /'))).toBe(true);
  });

  it('prints an aligned list: the verdict, then the check name padded to one width, fixes indented under it', async () => {
    const run = await cli([
      '--endpoint',
      vip.url,
      '--cert-pem',
      files.expiringCert,
      '--key-pem',
      files.expiringKey,
      '--ca',
      files.ca,
      'doctor',
    ]);
    const rows = run.stdout.split('\n').filter((line) => /^ {2}(PASS|WARN|FAIL|SKIP) {2}/.test(line));
    expect(rows.map((row) => row.slice(8, 28).trimEnd())).toEqual([
      'certificate',
      'certificate validity',
      'private key',
      'p12 encryption',
      'endpoint',
      'dns',
      'connection',
      'proxy',
      'tls handshake',
      'server certificate',
      'server time',
      'clock skew',
    ]);
    // Every detail starts in the same column, and so do the fix and chain lines under it.
    const detailColumn = 2 + 4 + 2 + 'certificate validity'.length + 2;
    for (const row of rows) expect(row.charAt(detailColumn - 1)).toBe(' ');
    for (const row of rows) expect(row.charAt(detailColumn)).not.toBe(' ');
    expect(run.stdout).toContain(`\n${' '.repeat(detailColumn)}fix: renew it now:`);
    expect(run.stdout).toMatch(/^Verdict: OK with warnings \(10 passed, 1 warning, 1 skipped\)\.$/m);
    expect(run.code).toBe(0);
  });

  it('shows the status code, class and solution when VIP refuses getServerTime', async () => {
    const { fixtures } = files;
    const refusing = await startVipLike({
      cert: fixtures.server.cert,
      key: fixtures.server.key,
      clientCa: fixtures.ca.cert,
      refuse: { status: '6005' },
    });
    try {
      const run = await cli([
        '--endpoint',
        refusing.url,
        '--cert-pem',
        files.clientCert,
        '--key-pem',
        files.clientKey,
        '--ca',
        files.ca,
        'doctor',
        '--json',
      ]);
      expect(run.code).toBe(4);
      expect(checkOf(run, 'tls handshake').verdict).toBe('pass');
      expect(checkOf(run, 'server time')).toMatchObject({
        verdict: 'fail',
        detail: expect.stringMatching(/^VIP refused getServerTime \(status 6005, \w+Error\): /),
        // The solution VIP documents for the status.
        fix: expect.stringMatching(/^Call again; if it keeps failing, open a case with Broadcom/),
      });
      expect(checkOf(run, 'clock skew')).toMatchObject({ verdict: 'skipped', detail: 'VIP did not tell its time' });
    } finally {
      await refusing.close();
    }
  });

  it('says the endpoint is not VIP User Services when it answers calls with HTTP 404', async () => {
    const { fixtures } = files;
    const wrongPath = await startVipLike({
      cert: fixtures.server.cert,
      key: fixtures.server.key,
      clientCa: fixtures.ca.cert,
      refuse: { httpStatus: 404 },
    });
    try {
      const run = await cli([
        '--endpoint',
        wrongPath.url,
        '--cert-pem',
        files.clientCert,
        '--key-pem',
        files.clientKey,
        '--ca',
        files.ca,
        'doctor',
        '--json',
      ]);
      expect(checkOf(run, 'server time')).toMatchObject({
        verdict: 'fail',
        detail: expect.stringMatching(/^VipHttpError: HTTP 404 from VIP without a SOAP response/),
        fix: expect.stringContaining('is not VIP User Services: check the endpoint URL'),
      });
    } finally {
      await wrongPath.close();
    }
  });

  it('reports the certificate, chain and timings as one JSON document with --json', async () => {
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
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const report = jsonOf(run) as Record<string, unknown> & { checks: Record<string, unknown>[] };
    expect(report).toMatchObject({ ok: true, endpoint: vip.url, summary: { fail: 0, warn: 0 } });
    const byName = Object.fromEntries(report.checks.map((check) => [check.name, check]));
    expect(byName.certificate).toMatchObject({
      verdict: 'pass',
      info: { subject: files.fixtures.client.subject, serialNumber: files.fixtures.client.serialNumber, validTo: expect.any(String) },
    });
    expect(byName['p12 encryption']).toEqual({ name: 'p12 encryption', verdict: 'skipped', detail: 'PEM files, not a .p12' });
    expect(byName['tls handshake']).toMatchObject({ info: { protocol: 'TLSv1.3', cipher: expect.stringMatching(/^TLS_/) } });
    expect(byName['server certificate']).toMatchObject({
      // Leaf first, up to the root that verified it.
      info: {
        chain: [
          { subject: 'CN=localhost', issuer: expect.stringContaining('CN=VIP Test CA') },
          { subject: expect.stringContaining('CN=VIP Test CA'), issuer: expect.stringContaining('CN=VIP Test CA') },
        ],
      },
    });
    expect(byName['server time']).toMatchObject({ info: { latencyMs: expect.any(Number), requestId: expect.any(String) } });
    expect(byName['clock skew']).toMatchObject({ verdict: 'pass', info: { skewMs: expect.any(Number) } });
    for (const check of report.checks) expect(Object.keys(check).sort()).toEqual(expect.arrayContaining(['detail', 'name', 'verdict']));
    // Public facts only: no key or certificate material.
    expect(run.stdout).not.toContain('-----BEGIN');
    expect(run.stdout).not.toContain(files.fixtures.client.key.split('\n')[1]);
  });

  it('passes through a proxy that opens the tunnel, sending its credentials without printing them', async () => {
    const proxy = await startProxy();
    try {
      const run = await cli(
        ['--endpoint', vip.url, '--cert-pem', files.clientCert, '--key-pem', files.clientKey, '--ca', files.ca, 'doctor'],
        { env: { VIP_PROXY: `http://alice:s3cret-proxy@127.0.0.1:${proxy.port}` } },
      );
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(
        new RegExp(
          `PASS {2}proxy +http://127\\.0\\.0\\.1:${proxy.port} \\(with credentials\\) opened a tunnel to 127\\.0\\.0\\.1:${vip.port}`,
        ),
      );
      expect(run.stdout).toMatch(
        /PASS {2}dns +the proxy's host 127\.0\.0\.1 is an IP address: nothing to look up; VIP's host name is resolved by the proxy/,
      );
      expect(run.stdout + run.stderr).not.toContain('s3cret-proxy');
      // The doctor's tunnel and the SDK's.
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${vip.port} (authorized)`, `CONNECT 127.0.0.1:${vip.port} (authorized)`]);
    } finally {
      await proxy.close();
    }
  });
});
