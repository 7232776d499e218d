/**
 * `doctor`'s certificate checks, each problem told apart with its own verdict and fix: a wrong passphrase, a legacy
 * .p12, an expired or expiring certificate, a key of another certificate, no certificate or no passphrase at all.
 * The server is a healthy mutual-TLS stand-in for VIP, so every failure here is the certificate's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificatePaths, certificatePaths, type Running, startVipLike } from './doctor-support/servers.js';
import { checkOf, reportOf, verdicts } from './doctor-support/verdicts.js';
import { cli } from './support.js';

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

/** Runs doctor --json against the stand-in with the given certificate flags. */
function doctor(flags: string[], env: Record<string, string> = {}) {
  return cli(['--endpoint', vip.url, '--ca', files.ca, ...flags, 'doctor', '--json'], { env });
}

describe('doctor: the client certificate', () => {
  it('tells a wrong .p12 passphrase apart, without printing it, exit 4', async () => {
    const run = await doctor(['--cert-p12', files.clientP12], { VIP_CERT_PASSPHRASE: 'not-the-passphrase' });
    expect(run.code).toBe(4);
    expect(checkOf(run, 'certificate')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/client\.p12 \(from --cert-p12\) could not be opened: the passphrase is wrong$/),
      fix: expect.stringContaining('set VIP_CERT_PASSPHRASE to the password chosen when the certificate was downloaded'),
    });
    // The file's algorithms are readable without the passphrase.
    expect(checkOf(run, 'p12 encryption')).toMatchObject({ verdict: 'pass', detail: 'encrypted with AES-256-CBC (PBES2)' });
    // The network is still diagnosed; the call through the SDK is not tried without a usable certificate.
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      verdict: 'pass',
      detail: expect.stringContaining('no client certificate was presented'),
    });
    expect(checkOf(run, 'server time')).toMatchObject({ verdict: 'skipped', detail: 'not tried: there is no usable client certificate' });
    expect(run.stdout + run.stderr).not.toContain('not-the-passphrase');
  });

  it('tells a wrong passphrase of an encrypted PEM key apart', async () => {
    const run = await doctor(['--cert-pem', files.clientCert, '--key-pem', files.clientEncryptedKey], { VIP_CERT_PASSPHRASE: 'wrong' });
    expect(run.code).toBe(4);
    expect(verdicts(reportOf(run))).toMatchObject({ certificate: 'pass', 'certificate validity': 'pass', 'private key': 'fail' });
    expect(checkOf(run, 'private key').detail).toMatch(
      /client-key-encrypted\.pem \(from --key-pem\) could not be decrypted: the passphrase is wrong/,
    );
  });

  it('opens an encrypted PEM key with the right passphrase', async () => {
    const run = await doctor(['--cert-pem', files.clientCert, '--key-pem', files.clientEncryptedKey], {
      VIP_CERT_PASSPHRASE: files.passphrase,
    });
    expect(run.code).toBe(0);
    expect(checkOf(run, 'private key')).toMatchObject({ verdict: 'pass', detail: expect.stringMatching(/belongs to the certificate$/) });
  });

  it('recognises a legacy RC2-40 .p12 and gives the conversion command', async () => {
    const run = await cli(['--endpoint', vip.url, '--cert-p12', files.legacyP12, '--ca', files.ca, 'doctor'], {
      env: { VIP_CERT_PASSPHRASE: files.passphrase },
    });
    expect(run.code).toBe(4);
    expect(run.stdout).toMatch(
      /FAIL {2}p12 encryption +encrypted with RC2-40 \(pbeWithSHA1And40BitRC2-CBC\) and 3DES \(pbeWithSHA1And3-KeyTripleDES-CBC\): OpenSSL 3 \(Node\.js 17 and later\) no longer reads RC2-40 without its legacy provider/,
    );
    const legacy = files.legacyP12;
    expect(run.stdout).toContain(
      `openssl pkcs12 -legacy -in ${legacy} -nodes | openssl pkcs12 -export -out ${legacy.replace(/\.p12$/, '-aes.p12')}`,
    );
    expect(run.stdout).toMatch(
      /FAIL {2}certificate +PKCS#12 file \S+legacy\.p12 \(from --cert-p12\) uses encryption this Node\.js cannot read/,
    );
  });

  it('quotes a path with a space and an apostrophe in the conversion command', async () => {
    const run = await doctor(['--cert-p12', files.legacyP12WithSpace], { VIP_CERT_PASSPHRASE: files.passphrase });
    const quoted = (path: string) => `'${path.replaceAll("'", `'\\''`)}'`;
    const converted = files.legacyP12WithSpace.replace(/\.p12$/, '-aes.p12');
    expect(checkOf(run, 'p12 encryption').fix).toContain(
      `openssl pkcs12 -legacy -in ${quoted(files.legacyP12WithSpace)} -nodes | openssl pkcs12 -export -out ${quoted(converted)}`,
    );
  });

  it('warns about a .p12 encrypted with 3DES, which OpenSSL 3 still reads, exit 0', async () => {
    const run = await doctor(['--cert-p12', files.tripleDesP12], { VIP_CERT_PASSPHRASE: files.passphrase });
    expect(run.code).toBe(0);
    expect(checkOf(run, 'p12 encryption')).toMatchObject({
      verdict: 'warn',
      detail: 'encrypted with 3DES (pbeWithSHA1And3-KeyTripleDES-CBC): readable, but a legacy algorithm',
      fix: expect.stringMatching(/^re-encrypt it with AES when convenient: openssl pkcs12 -legacy -in \S+triple-des\.p12 -nodes \| /),
      info: { algorithms: ['3DES (pbeWithSHA1And3-KeyTripleDES-CBC)'] },
    });
    expect(checkOf(run, 'certificate').verdict).toBe('pass');
    expect(checkOf(run, 'tls handshake').detail).toContain('the server accepted the client certificate CN=vip-test-client');
  });

  it('fails an expired certificate with the renewal steps, and shows the server refusing it', async () => {
    const run = await doctor(['--cert-pem', files.expiredCert, '--key-pem', files.expiredKey]);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'certificate validity')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/^expired on \d{4}-\d\d-\d\d \(\d+ days? ago\): VIP refuses it$/),
      fix: expect.stringContaining('VIP Manager > Account > Manage VIP Certificates (Broadcom KB 170423)'),
      info: { daysLeft: expect.any(Number) },
    });
    expect(checkOf(run, 'certificate validity').info?.daysLeft).toBeLessThan(0);
    expect(checkOf(run, 'certificate').verdict).toBe('pass');
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringContaining('the server refused the client certificate CN=expired-client'),
    });
  });

  it('warns about a certificate that expires within 30 days, exit 0', async () => {
    const run = await doctor(['--cert-pem', files.expiringCert, '--key-pem', files.expiringKey]);
    expect(run.code).toBe(0);
    expect(checkOf(run, 'certificate validity')).toMatchObject({
      verdict: 'warn',
      detail: expect.stringMatching(/^expires on \d{4}-\d\d-\d\d, (in 1 day|in 2 days|within a day)$/),
      fix: expect.stringMatching(/^renew it now: generate a new certificate/),
    });
    expect(reportOf(run)).toMatchObject({ ok: true, summary: { warn: 1, fail: 0 } });
  });

  it('fails a key that belongs to another certificate', async () => {
    const run = await doctor(['--cert-pem', files.clientCert, '--key-pem', files.foreignKey]);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'private key')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/foreign-key\.pem \(from --key-pem\) does not belong to the certificate/),
    });
    expect(checkOf(run, 'server time').verdict).toBe('skipped');
  });

  it('fails when no certificate is configured for an HTTPS endpoint', async () => {
    const run = await doctor([]);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'certificate')).toMatchObject({
      verdict: 'fail',
      detail: 'no client certificate is configured: VIP identifies the account by its VIP certificate',
      fix: expect.stringContaining('--cert-p12 FILE (or VIP_CERT_P12)'),
    });
    expect(checkOf(run, 'private key').verdict).toBe('skipped');
  });

  it('reports a missing passphrase as a failing check rather than a usage error, when nobody can be asked', async () => {
    const run = await doctor(['--cert-p12', files.clientP12]);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'certificate')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringContaining('needs a passphrase: set VIP_CERT_PASSPHRASE'),
    });
    expect(checkOf(run, 'tls handshake')).toMatchObject({
      verdict: 'skipped',
      detail: 'not tried: the certificate settings could not be read (see certificate)',
    });
    // DNS and the connection do not depend on the certificate.
    expect(checkOf(run, 'connection').verdict).toBe('pass');
  });

  it('names a certificate file that does not exist', async () => {
    const run = await doctor(['--cert-p12', 'no-such.p12'], { VIP_CERT_PASSPHRASE: 'x' });
    expect(run.code).toBe(4);
    expect(checkOf(run, 'certificate').detail).toMatch(/cannot read the PKCS#12 file \S+no-such\.p12 \(from --cert-p12\): no such file/);
  });
});
