import { execFileSync } from 'node:child_process';
import { X509Certificate } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VipConfigurationError } from '../../src/errors/request-errors.js';
import { describeCertificate } from '../../src/transport/client-certificate-info.js';
import { loadClientCredentials, type VipTlsOptions } from '../../src/transport/tls-credentials.js';
import { tlsFixtures } from '../helpers/tls-fixtures.js';

const fixtures = tlsFixtures();
const DAY_MS = 86_400_000;

function opensslFingerprint(file: string): string {
  const output = execFileSync('openssl', ['x509', '-in', join(fixtures.dir, file), '-noout', '-fingerprint', '-sha256'], {
    encoding: 'utf8',
  });
  return output.trim().replace(/^.*=/, '');
}

/** The validity window openssl reads from a certificate file. */
function opensslValidity(file: string): { notBefore: Date; notAfter: Date } {
  const output = execFileSync('openssl', ['x509', '-in', join(fixtures.dir, file), '-noout', '-startdate', '-enddate'], {
    encoding: 'utf8',
  });
  const field = (name: string) => new Date(/^.*=(.*)$/m.exec(output.split('\n').find((line) => line.startsWith(name)) ?? '')?.[1] ?? '');
  return { notBefore: field('notBefore'), notAfter: field('notAfter') };
}

/** Loads and expects a configuration error whose message and JSON never show the passphrase or key material. */
function expectConfigurationError(tls: VipTlsOptions, message: RegExp): VipConfigurationError {
  let caught: unknown;
  try {
    loadClientCredentials(tls);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(VipConfigurationError);
  const error = caught as VipConfigurationError;
  expect(error.message).toMatch(message);
  const serialized = JSON.stringify(error.toJSON());
  expect(serialized).not.toContain(fixtures.passphrase);
  expect(serialized).not.toContain('wrong passphrase');
  expect(serialized).not.toMatch(/PRIVATE KEY|MII/);
  return error;
}

describe('loadClientCredentials: certificate formats', () => {
  it('loads a PEM certificate and key and describes the certificate', () => {
    const { certificate, connect } = loadClientCredentials({ cert: fixtures.client.cert, key: fixtures.client.key });
    expect(certificate.subject).toBe(fixtures.client.subject);
    expect(certificate.issuer).toBe('CN=VIP Test CA, O=vip-user-services tests');
    expect(certificate.serialNumber).toBe(fixtures.client.serialNumber);
    expect(certificate.fingerprint256).toBe(opensslFingerprint('client.crt'));
    // The fixtures may have been made earlier today (they are shared for a day): openssl says when.
    const { notBefore, notAfter } = opensslValidity('client.crt');
    expect(certificate.validFrom).toEqual(notBefore);
    expect(certificate.validTo).toEqual(notAfter);
    expect(notAfter.getTime() - notBefore.getTime()).toBe(fixtures.client.validDays * DAY_MS);
    expect(certificate.daysUntilExpiry).toBe(Math.floor((notAfter.getTime() - Date.now()) / DAY_MS));
    expect(connect.rejectUnauthorized).toBe(true);
    expect(connect.secureContext).toBeDefined();
    expect(Object.keys(connect)).not.toContain('key');
    expect(Object.keys(connect)).not.toContain('passphrase');
  });

  it('loads an encrypted PEM key with its passphrase', () => {
    const { certificate } = loadClientCredentials({
      cert: Buffer.from(fixtures.client.cert),
      key: Buffer.from(fixtures.client.encryptedKey),
      passphrase: fixtures.passphrase,
    });
    expect(certificate.subject).toBe(fixtures.client.subject);
  });

  it('loads a PKCS#12 bundle and reads the same leaf certificate out of it', () => {
    const fromPfx = loadClientCredentials({ pfx: fixtures.client.p12, passphrase: fixtures.passphrase }).certificate;
    const fromPem = loadClientCredentials({ cert: fixtures.client.cert, key: fixtures.client.key }).certificate;
    expect(fromPfx).toEqual(fromPem);
    expect(fromPfx.fingerprint256).toBe(opensslFingerprint('client.crt'));
  });

  it('handles a PKCS#12 with legacy RC2 encryption: readable only with the legacy provider, else a clear hint', () => {
    const legacyProvider = `${process.execArgv.join(' ')} ${process.env.NODE_OPTIONS ?? ''}`.includes('openssl-legacy-provider');
    const tls = { pfx: fixtures.client.legacyP12, passphrase: fixtures.passphrase };
    if (legacyProvider) {
      expect(loadClientCredentials(tls).certificate.subject).toBe(fixtures.client.subject);
    } else {
      expectConfigurationError(tls, /legacy encryption.*openssl pkcs12 -legacy/);
    }
  });

  it('reports days until expiry for a certificate about to expire', () => {
    const { certificate } = loadClientCredentials(fixtures.expiringClient);
    expect(certificate.daysUntilExpiry).toBe(1);
    expect(certificate.subject).toBe('CN=expiring-client');
  });

  it('still loads an expired certificate (VIP decides), with negative days until expiry', () => {
    const { certificate } = loadClientCredentials(fixtures.expiredClient);
    // It expired a day and a few seconds ago, so it is in its second day past expiry.
    expect(certificate.daysUntilExpiry).toBe(-2);
    expect(certificate.validTo.getTime()).toBeLessThan(Date.now());
  });

  it('accepts extra CAs as PEM strings, PEM Buffers and DER', () => {
    const der = new X509Certificate(fixtures.ca.cert).raw;
    expect(() => loadClientCredentials({ ...pemClient(), ca: [fixtures.ca.cert, Buffer.from(fixtures.otherCa.cert), der] })).not.toThrow();
    expect(() => loadClientCredentials({ ...pemClient(), ca: fixtures.ca.cert })).not.toThrow();
  });

  it('keeps servername and accepts TLS 1.3 as minimum', () => {
    const { connect } = loadClientCredentials({ ...pemClient(), servername: 'vip.example.test', minVersion: 'TLSv1.3' });
    expect(connect.servername).toBe('vip.example.test');
  });
});

describe('loadClientCredentials: configuration errors', () => {
  it('rejects a wrong passphrase for an encrypted PEM key', () => {
    const error = expectConfigurationError(
      { cert: fixtures.client.cert, key: fixtures.client.encryptedKey, passphrase: 'wrong passphrase' },
      /tls\.key could not be decrypted: tls\.passphrase is wrong/,
    );
    expect(String((error.cause as Error).message)).toMatch(/bad decrypt/);
  });

  it('rejects an encrypted PEM key without a passphrase', () => {
    expectConfigurationError(
      { cert: fixtures.client.cert, key: fixtures.client.encryptedKey },
      /tls\.key is encrypted but no tls\.passphrase was given/,
    );
  });

  it('rejects a wrong PKCS#12 passphrase', () => {
    const error = expectConfigurationError(
      { pfx: fixtures.client.p12, passphrase: 'wrong passphrase' },
      /tls\.pfx could not be opened: tls\.passphrase is wrong/,
    );
    expect(String((error.cause as Error).message)).toMatch(/mac verify failure/);
  });

  it('rejects a PKCS#12 without its passphrase', () => {
    expectConfigurationError({ pfx: fixtures.client.p12 }, /tls\.pfx is protected by a passphrase/);
  });

  it('rejects a garbage certificate', () => {
    expectConfigurationError({ cert: 'not a certificate', key: fixtures.client.key }, /tls\.cert is not a readable X\.509 certificate/);
  });

  it('rejects a garbage key', () => {
    expectConfigurationError({ cert: fixtures.client.cert, key: 'not a key' }, /tls\.key is not a readable private key/);
  });

  it('rejects a key that belongs to another certificate', () => {
    expectConfigurationError({ cert: fixtures.client.cert, key: fixtures.foreignClient.key }, /tls\.key does not belong to tls\.cert/);
  });

  it('rejects a garbage PKCS#12 and one given as a string', () => {
    expectConfigurationError({ pfx: Buffer.from('not a pkcs12 file'), passphrase: 'x' }, /tls\.pfx is not a readable PKCS#12 file/);
    expectConfigurationError({ pfx: 'base64?' as unknown as Buffer }, /tls\.pfx must be a Buffer/);
  });

  it('rejects PEM and PKCS#12 together', () => {
    expectConfigurationError(
      { ...pemClient(), pfx: fixtures.client.p12, passphrase: fixtures.passphrase },
      /either tls\.pfx or tls\.cert \+ tls\.key, not both/,
    );
  });

  it('rejects half a PEM pair and no certificate at all', () => {
    expectConfigurationError({ cert: fixtures.client.cert }, /tls\.key is missing/);
    expectConfigurationError({ key: fixtures.client.key }, /tls\.cert is missing/);
    expectConfigurationError({ ca: fixtures.ca.cert }, /A client certificate is required/);
  });

  it('rejects an unreadable extra CA, naming its position', () => {
    expectConfigurationError({ ...pemClient(), ca: [fixtures.ca.cert, 'garbage'] }, /tls\.ca\[1\] is not a readable X\.509 certificate/);
  });

  it('rejects a minimum TLS version below 1.2 and an empty servername', () => {
    expectConfigurationError({ ...pemClient(), minVersion: 'TLSv1' as 'TLSv1.2' }, /tls\.minVersion must be 'TLSv1\.2' or 'TLSv1\.3'/);
    expectConfigurationError({ ...pemClient(), servername: '' }, /tls\.servername/);
  });
});

describe('describeCertificate', () => {
  const certificate = new X509Certificate(fixtures.client.cert);
  const validTo = new Date(certificate.validTo).getTime();

  it('counts whole days, reaching 0 on the last day and going negative once expired', () => {
    expect(describeCertificate(certificate, new Date(validTo - DAY_MS - 1)).daysUntilExpiry).toBe(1);
    expect(describeCertificate(certificate, new Date(validTo - 1)).daysUntilExpiry).toBe(0);
    expect(describeCertificate(certificate, new Date(validTo + 1)).daysUntilExpiry).toBe(-1);
  });
});

function pemClient(): VipTlsOptions {
  return { cert: fixtures.client.cert, key: fixtures.client.key };
}
