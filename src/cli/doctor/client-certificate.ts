/**
 * The certificate checks: can the configured client certificate be opened (passphrase, format), is it valid today
 * and for how long, does the private key belong to it, and is a `.p12` encrypted with something OpenSSL 3 still reads.
 * The settings are read once here (the passphrase asked at most once); the result carries what the TLS handshake and
 * the SDK call need.
 */
import { createPrivateKey, KeyObject, X509Certificate } from 'node:crypto';
import { createSecureContext } from 'node:tls';
import { VipClient, type VipTlsOptions } from '../../index.js';
import type { CertificateFiles, CliConfig, Setting } from '../config.js';
import { ENVIRONMENT } from '../config.js';
import { readTlsOptions } from '../connect.js';
import { CliUsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { type CertificateFacts, certificateFacts } from './certificate-facts.js';
import { type Check, day, dayCount, daysBetween, fail, pass, skip, warn } from './checks.js';
import { conversionCommand, pkcs12Encryption } from './pkcs12-encryption.js';

/** A certificate this close to its end gets a warning: renewal in VIP Manager and redeployment take time. */
export const EXPIRY_WARNING_DAYS = 30;

const VIP_MANAGER_CERTIFICATES = 'VIP Manager > Account > Manage VIP Certificates';

/** What the certificate checks found, and what later checks need from them. */
export interface CertificateReport {
  /** `certificate`, `certificate validity`, `private key`, `p12 encryption`. */
  readonly checks: readonly Check[];
  /** The TLS settings as read (client certificate, passphrase, extra CAs); undefined when they could not be read. */
  readonly tls: VipTlsOptions | undefined;
  /** Why the TLS settings could not be read at all, which leaves the TLS checks nothing to work with. */
  readonly unreadable: string | undefined;
  /** The client certificate opened and its key belongs to it: it can be presented in a handshake. */
  readonly usable: boolean;
  /** Its subject, for messages of later checks. */
  readonly subject: string | undefined;
}

/** What one certificate packaging (PKCS#12 or PEM) found. */
interface Opened {
  readonly certificate: Check;
  readonly key: Check;
  readonly facts: CertificateFacts | undefined;
  readonly usable: boolean;
}

/**
 * Runs the certificate checks.
 * @param needsCertificate Whether the endpoint demands one (HTTPS): without it a missing certificate is not a failure.
 */
export async function inspectClientCertificate(
  config: CliConfig,
  io: CliIo,
  needsCertificate: boolean,
  now: Date,
): Promise<CertificateReport> {
  if (config.mock) {
    const reason = '--mock speaks plain HTTP and uses no client certificate';
    return notInspected(skip('certificate', reason), reason);
  }
  let tls: VipTlsOptions | undefined;
  try {
    tls = await readTlsOptions(config, io);
  } catch (error) {
    if (!(error instanceof CliUsageError)) throw error;
    const failure = fail(
      'certificate',
      error.message,
      `check the files named by --cert-p12 (${ENVIRONMENT.certP12}), or --cert-pem and --key-pem, and --ca; ` +
        `the passphrase comes from ${ENVIRONMENT.passphrase} or the prompt`,
    );
    return notInspected(failure, 'the certificate settings could not be read', undefined, error.message);
  }
  const files = config.certificate;
  if (files === undefined) {
    const reason = 'no client certificate is configured';
    if (!needsCertificate) return notInspected(skip('certificate', `${reason}; plain HTTP needs none`), reason, tls);
    const failure = fail(
      'certificate',
      `${reason}: VIP identifies the account by its VIP certificate`,
      `download the certificate in ${VIP_MANAGER_CERTIFICATES} and pass it with --cert-p12 FILE (or ${ENVIRONMENT.certP12}), ` +
        `its passphrase in ${ENVIRONMENT.passphrase}`,
    );
    return notInspected(failure, reason, tls);
  }
  const encryption = files.kind === 'pkcs12' ? encryptionCheck(files.path, tls?.pfx) : skip('p12 encryption', 'PEM files, not a .p12');
  const opened = files.kind === 'pkcs12' ? await openPkcs12(files.path, tls) : openPem(files, tls);
  const validity =
    opened.facts === undefined ? skip('certificate validity', 'the certificate could not be read') : validityCheck(opened.facts, now);
  return {
    checks: [opened.certificate, validity, opened.key, encryption],
    tls,
    unreadable: undefined,
    usable: opened.usable,
    subject: opened.facts?.subject,
  };
}

/** A report whose `certificate` check says it all, the checks that read the certificate skipped for `reason`. */
function notInspected(first: Check, reason: string, tls?: VipTlsOptions, unreadable?: string): CertificateReport {
  const dependents = [skip('certificate validity', reason), skip('private key', reason), skip('p12 encryption', reason)];
  return { checks: [first, ...dependents], tls, unreadable, usable: false, subject: undefined };
}

function describeSource(what: string, setting: Setting<string>): string {
  return `${what} ${setting.value} (from ${setting.name})`;
}

async function openPkcs12(path: Setting<string>, tls: VipTlsOptions | undefined): Promise<Opened> {
  const source = describeSource('PKCS#12 file', path);
  const pfx = tls?.pfx ?? Buffer.alloc(0);
  const refused = (certificate: Check, keyReason = 'the .p12 could not be opened'): Opened => ({
    certificate,
    key: skip('private key', keyReason),
    facts: undefined,
    usable: false,
  });
  try {
    // Opening it exactly as a TLS connection would tells a wrong passphrase from an unreadable algorithm or file.
    createSecureContext({ pfx, passphrase: tls?.passphrase });
  } catch (error) {
    const message = error instanceof Error ? error.message : '';
    if (/mac verify failure/i.test(message)) {
      return refused(
        fail(
          'certificate',
          `${source} could not be opened: the passphrase is wrong`,
          `set ${ENVIRONMENT.passphrase} to the password chosen when the certificate was downloaded from VIP Manager ` +
            '(or type it at the prompt; it is never taken from the command line)',
        ),
      );
    }
    if (/unsupported/i.test(message)) {
      return refused(
        fail(
          'certificate',
          `${source} uses encryption this Node.js cannot read (see p12 encryption)`,
          're-encrypt it with AES: the command is under p12 encryption',
        ),
      );
    }
    if (/private key/i.test(message)) {
      return {
        ...refused(fail('certificate', `${source} holds no usable private key`, 'export the certificate together with its private key')),
        key: fail(
          'private key',
          `${source} holds a certificate but no private key`,
          `download the certificate again from ${VIP_MANAGER_CERTIFICATES}: VIP's .p12 holds both`,
        ),
      };
    }
    return refused(
      fail(
        'certificate',
        `${source} is not a readable PKCS#12 file`,
        `give the .p12 file as downloaded from ${VIP_MANAGER_CERTIFICATES}, or PEM files with --cert-pem and --key-pem`,
      ),
    );
  }
  let facts: CertificateFacts;
  try {
    // The SDK reads the certificate inside a .p12 for its `certificate` property; no connection is made.
    const client = new VipClient({ tls: { pfx, passphrase: tls?.passphrase } });
    const info = client.certificate;
    await client.close();
    if (info === undefined) throw new Error('no certificate');
    facts = info;
  } catch (error) {
    return refused(
      fail(
        'certificate',
        `${source} was refused: ${(error as Error).message}`,
        `download the certificate again from ${VIP_MANAGER_CERTIFICATES}`,
      ),
      'the certificate could not be read',
    );
  }
  return {
    certificate: pass('certificate', `${facts.subject}, issued by ${facts.issuer}; ${source}`, { info: { ...facts } }),
    // OpenSSL refuses to load a .p12 whose key does not match its certificate, so an opened one is a matching pair.
    key: pass('private key', 'the .p12 holds the private key of its certificate'),
    facts,
    usable: true,
  };
}

function openPem(files: Extract<CertificateFiles, { kind: 'pem' }>, tls: VipTlsOptions | undefined): Opened {
  const certSource = describeSource('certificate file', files.certPath);
  const keySource = describeSource('key file', files.keyPath);
  let certificate: X509Certificate;
  try {
    certificate = new X509Certificate(tls?.cert ?? '');
  } catch {
    return {
      certificate: fail(
        'certificate',
        `${certSource} is not a readable certificate`,
        'give the certificate as PEM (-----BEGIN CERTIFICATE-----), or the .p12 as downloaded with --cert-p12',
      ),
      key: skip('private key', 'the certificate could not be read'),
      facts: undefined,
      usable: false,
    };
  }
  const facts = certificateFacts(certificate);
  const certificateCheck = pass('certificate', `${facts.subject}, issued by ${facts.issuer}; ${certSource}`, { info: { ...facts } });
  const key = readKey(tls?.key ?? '', tls?.passphrase, keySource);
  if (!(key instanceof KeyObject)) return { certificate: certificateCheck, key, facts, usable: false };
  if (!certificate.checkPrivateKey(key)) {
    return {
      certificate: certificateCheck,
      key: fail(
        'private key',
        `${keySource} does not belong to the certificate (their public keys differ)`,
        'use the key generated together with this certificate, or the .p12 as downloaded from VIP Manager',
      ),
      facts,
      usable: false,
    };
  }
  return { certificate: certificateCheck, key: pass('private key', `${keySource} belongs to the certificate`), facts, usable: true };
}

/** The private key, or the failing check saying why it cannot be read. */
function readKey(key: string | Buffer, passphrase: string | undefined, source: string): KeyObject | Check {
  try {
    return createPrivateKey({ key, passphrase });
  } catch (error) {
    if ((error as { code?: unknown }).code === 'ERR_OSSL_BAD_DECRYPT') {
      return fail(
        'private key',
        `${source} could not be decrypted: the passphrase is wrong`,
        `set ${ENVIRONMENT.passphrase} to the key's passphrase (or type it at the prompt)`,
      );
    }
    return fail('private key', `${source} is not a readable private key`, 'give the private key as PEM (-----BEGIN PRIVATE KEY-----)');
  }
}

function validityCheck(facts: CertificateFacts, now: Date): Check {
  const info = { validFrom: facts.validFrom, validTo: facts.validTo, daysLeft: daysBetween(now, facts.validTo) };
  const renew = `generate a new certificate in ${VIP_MANAGER_CERTIFICATES} (Broadcom KB 170423) and configure the new file`;
  if (now < facts.validFrom) {
    return fail(
      'certificate validity',
      `not valid before ${facts.validFrom.toISOString()}`,
      "check this machine's clock (see clock skew); a certificate issued minutes ago may need that long",
      { info },
    );
  }
  if (now > facts.validTo) {
    return fail('certificate validity', `expired on ${day(facts.validTo)} (${dayCount(-info.daysLeft)} ago): VIP refuses it`, renew, {
      info,
    });
  }
  if (info.daysLeft < EXPIRY_WARNING_DAYS) {
    return warn(
      'certificate validity',
      `expires on ${day(facts.validTo)}, ${info.daysLeft === 0 ? 'within a day' : `in ${dayCount(info.daysLeft)}`}`,
      `renew it now: ${renew}`,
      { info },
    );
  }
  return pass('certificate validity', `valid from ${day(facts.validFrom)} until ${day(facts.validTo)} (${dayCount(info.daysLeft)} left)`, {
    info,
  });
}

function encryptionCheck(path: Setting<string>, pfx: Buffer | undefined): Check {
  const found = pkcs12Encryption(pfx ?? Buffer.alloc(0));
  const info = { algorithms: found.algorithms };
  const convert = conversionCommand(path.value);
  if (found.unreadable.length > 0) {
    return fail(
      'p12 encryption',
      `encrypted with ${found.algorithms.join(' and ')}: OpenSSL 3 (Node.js 17 and later) no longer reads ` +
        `${found.unreadable.join(' or ')} without its legacy provider`,
      `re-encrypt it with AES (openssl asks for the current passphrase, then twice for the new one): ${convert}`,
      { info },
    );
  }
  if (found.legacy.length > 0) {
    return warn(
      'p12 encryption',
      `encrypted with ${found.algorithms.join(' and ')}: readable, but a legacy algorithm`,
      `re-encrypt it with AES when convenient: ${convert}`,
      { info },
    );
  }
  if (found.algorithms.length === 0) return pass('p12 encryption', 'no legacy encryption found', { info });
  return pass('p12 encryption', `encrypted with ${found.algorithms.join(' and ')}`, { info });
}
