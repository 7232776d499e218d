/**
 * Reading X.509 certificates from options, and building trust stores that add extra CAs to Node's default roots.
 * Shared by the client certificate settings (`tls.ca`) and the proxy settings (`proxy.ca`).
 */
import { X509Certificate } from 'node:crypto';
import * as nodeTls from 'node:tls';
import type { SecureContextOptions } from 'node:tls';
import { VipConfigurationError } from '../errors/request-errors.js';

/** One or more CAs, PEM or DER, as the options accept them. */
export type CaCertificates = string | Buffer | Array<string | Buffer>;

/**
 * Trust store = Node's default roots + the extra CAs. Node replaces its roots when `ca` is given, which would make
 * VIP's public chain untrusted as soon as a private test CA is added, so the defaults are listed explicitly.
 * @param ca The extra CAs; `undefined` keeps Node's defaults untouched.
 * @param label The option's name for messages, e.g. `tls.ca`.
 * @throws {VipConfigurationError} when an entry is not a readable certificate.
 */
export function trustOptions(ca: CaCertificates | undefined, label: string): SecureContextOptions {
  if (ca === undefined) return {};
  const extra = (Array.isArray(ca) ? ca : [ca]).map((entry, index) => {
    const certificate = parseCertificate(entry, Array.isArray(ca) ? `${label}[${index}]` : label);
    // Node wants PEM here and silently ignores anything else, so DER is converted rather than lost.
    return isPem(entry) ? entry : certificate.toString();
  });
  return { ca: [...defaultCaCertificates(), ...extra] };
}

/**
 * Parses one certificate, PEM or DER.
 * @param label The option's name for messages, e.g. `tls.cert`.
 * @throws {VipConfigurationError} when `value` is not a string or Buffer, or not a readable certificate.
 */
export function parseCertificate(value: unknown, label: string): X509Certificate {
  if (typeof value !== 'string' && !Buffer.isBuffer(value)) {
    throw new VipConfigurationError(`${label} must be a string or a Buffer`);
  }
  try {
    return new X509Certificate(value);
  } catch (error) {
    throw new VipConfigurationError(`${label} is not a readable X.509 certificate (PEM or DER expected)`, {
      cause: error,
    });
  }
}

/**
 * Node 22.15+ exposes the store it really uses by default (including `NODE_EXTRA_CA_CERTS` and, when enabled, the
 * system store); older versions only offer the bundled Mozilla roots.
 */
function defaultCaCertificates(): readonly string[] {
  const getCaCertificates = (nodeTls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return typeof getCaCertificates === 'function' ? getCaCertificates('default') : nodeTls.rootCertificates;
}

function isPem(value: string | Buffer): boolean {
  return value.toString('latin1').includes('-----BEGIN ');
}

/**
 * A secure context built from `options` alone. Node reads every TLS setting it knows (`ca`, `ciphers`,
 * `secureOptions`...) from the options object, inherited properties included, so a library that polluted
 * `Object.prototype.ca` would otherwise decide which servers are trusted: the options are copied onto an object
 * without a prototype first.
 */
export function isolatedSecureContext(options: SecureContextOptions): nodeTls.SecureContext {
  return nodeTls.createSecureContext(Object.assign(Object.create(null) as SecureContextOptions, options));
}

/**
 * The server verification every connection spells out: `rejectUnauthorized` because Node's default reads
 * `NODE_TLS_REJECT_UNAUTHORIZED`, `checkServerIdentity` because `tls.connect` would otherwise take it from wherever the
 * options object inherits it.
 */
export const VERIFY_SERVER = Object.freeze({ rejectUnauthorized: true as const, checkServerIdentity: nodeTls.checkServerIdentity });
