/**
 * Turns the user's client-certificate settings into one validated TLS secure context, so a wrong passphrase or a
 * broken certificate fails when the client is built rather than on the first call, as an obscure handshake error.
 */
import { createPrivateKey, type KeyObject } from 'node:crypto';
import type { checkServerIdentity, SecureContext, SecureContextOptions } from 'node:tls';
import { VipConfigurationError } from '../errors/request-errors.js';
import { isolatedSecureContext, parseCertificate, trustOptions, VERIFY_SERVER } from './certificate-authorities.js';
import { describeCertificate, leafCertificateOf, type ClientCertificateInfo } from './client-certificate-info.js';

/**
 * The client certificate VIP authenticates the account by, plus trust settings. Give either PEM `cert` + `key` or
 * the PKCS#12 `pfx` exactly as downloaded from VIP Manager. The server's certificate and host name are always
 * verified; there is deliberately no option to turn that off.
 */
export interface VipTlsOptions {
  /** PEM client certificate (optionally followed by its intermediate CAs). Needs `key`. */
  cert?: string | Buffer | undefined;
  /** PEM private key of `cert`, plain or encrypted (then give `passphrase`). */
  key?: string | Buffer | undefined;
  /** Passphrase of an encrypted `key` or of the `pfx`. Never appears in errors or logs. */
  passphrase?: string | undefined;
  /**
   * PKCS#12 bundle (`.p12` / `.pfx`, read as a Buffer without an encoding). Cannot be combined with `cert`/`key`.
   * Node also trusts the CA certificates the bundle carries, for the server's certificate as for `ca`.
   */
  pfx?: Buffer | undefined;
  /**
   * Extra trusted CAs (PEM or DER), added to Node's default trust store rather than replacing it (the CA
   * certificates inside a `pfx` are added too). VIP's production chain ends at a public root that Node already
   * trusts; extra CAs are for private test servers and TLS-inspecting gateways.
   */
  ca?: string | Buffer | Array<string | Buffer> | undefined;
  /** Host name to send in SNI and to verify the server certificate against, when it differs from the URL's host. */
  servername?: string | undefined;
  /**
   * Oldest TLS version allowed.
   * @default 'TLSv1.2'
   */
  minVersion?: 'TLSv1.2' | 'TLSv1.3' | undefined;
}

/** TLS settings in the shape undici's `connect` (Agent) and `requestTls` (ProxyAgent) options take. */
export interface VipConnectOptions {
  /** Built once and shared by every connection, so the key is parsed (and decrypted) only once. */
  secureContext: SecureContext;
  servername?: string;
  /**
   * Always `true`. Spelled out because Node's default reads `NODE_TLS_REJECT_UNAUTHORIZED`, and an environment
   * variable must not be able to switch off server verification for a client that sends authentication secrets.
   */
  rejectUnauthorized: true;
  /** Always Node's own host-name check, never one inherited from a polluted prototype. */
  checkServerIdentity: typeof checkServerIdentity;
}

/** The result of {@link loadClientCredentials}. */
export interface ClientCredentials {
  /** Pass as undici `connect` / `requestTls`. Holds no key material in readable form. */
  connect: VipConnectOptions;
  /** The client certificate presented to VIP. */
  certificate: ClientCertificateInfo;
}

const SUPPORTED_MIN_VERSIONS: ReadonlySet<string> = new Set(['TLSv1.2', 'TLSv1.3']);

/**
 * Validates the client certificate settings and builds the TLS options for every connection to VIP.
 * @throws {VipConfigurationError} when no certificate is given, PEM and PKCS#12 are mixed, the passphrase is wrong
 * or missing, the certificate, key, PKCS#12 file or a CA cannot be read, the key does not belong to the certificate,
 * or `minVersion` is not TLS 1.2 or 1.3. Messages never contain the passphrase or key material.
 */
export function loadClientCredentials(tls: VipTlsOptions): ClientCredentials {
  // Only the settings given: one inherited from a polluted Object.prototype (a `ca`, say) must not count.
  const given = Object.assign(Object.create(null) as VipTlsOptions, tls);
  return loadOwnSettings(given);
}

function loadOwnSettings(tls: VipTlsOptions): ClientCredentials {
  const minVersion = tls.minVersion ?? 'TLSv1.2';
  if (!SUPPORTED_MIN_VERSIONS.has(minVersion)) {
    throw new VipConfigurationError(`tls.minVersion must be 'TLSv1.2' or 'TLSv1.3', got ${JSON.stringify(minVersion)}`);
  }
  if (tls.servername !== undefined && (typeof tls.servername !== 'string' || tls.servername === '')) {
    throw new VipConfigurationError('tls.servername must be a non-empty host name');
  }
  const contextOptions: SecureContextOptions = { minVersion, ...trustOptions(tls.ca, 'tls.ca'), ...clientIdentityOptions(tls) };
  const secureContext = createContext(contextOptions, tls);
  const leaf = leafCertificateOf(secureContext);
  if (leaf === undefined) throw new VipConfigurationError('The TLS settings contain no client certificate');
  return {
    connect: { secureContext, ...VERIFY_SERVER, ...(tls.servername === undefined ? {} : { servername: tls.servername }) },
    certificate: describeCertificate(leaf),
  };
}

/** Checks the certificate/key pair or PKCS#12 bundle, and returns the secure-context options for it. */
function clientIdentityOptions(tls: VipTlsOptions): SecureContextOptions {
  const hasPem = tls.cert !== undefined || tls.key !== undefined;
  if (hasPem && tls.pfx !== undefined) {
    throw new VipConfigurationError('Give either tls.pfx or tls.cert + tls.key, not both');
  }
  if (tls.passphrase !== undefined && typeof tls.passphrase !== 'string') {
    throw new VipConfigurationError('tls.passphrase must be a string');
  }
  if (tls.pfx !== undefined) {
    if (!Buffer.isBuffer(tls.pfx)) {
      throw new VipConfigurationError('tls.pfx must be a Buffer: read the PKCS#12 file without a text encoding');
    }
    return { pfx: tls.pfx, passphrase: tls.passphrase };
  }
  if (tls.cert === undefined || tls.key === undefined) {
    throw new VipConfigurationError(
      hasPem
        ? `tls.${tls.cert === undefined ? 'cert' : 'key'} is missing: a PEM client certificate needs both tls.cert and tls.key`
        : 'A client certificate is required: give tls.cert + tls.key (PEM) or tls.pfx (PKCS#12)',
    );
  }
  const certificate = parseCertificate(tls.cert, 'tls.cert');
  const key = parsePrivateKey(tls.key, tls.passphrase);
  if (!certificate.checkPrivateKey(key)) {
    throw new VipConfigurationError('tls.key does not belong to tls.cert (the key and certificate do not match)');
  }
  return { cert: tls.cert, key: tls.key, passphrase: tls.passphrase };
}

function parsePrivateKey(key: unknown, passphrase: string | undefined): KeyObject {
  if (typeof key !== 'string' && !Buffer.isBuffer(key)) {
    throw new VipConfigurationError('tls.key must be a string or a Buffer');
  }
  try {
    return createPrivateKey({ key, passphrase });
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const cause = safeCause(error, passphrase);
    if (passphrase === undefined && isEncryptedPem(key)) {
      throw new VipConfigurationError('tls.key is encrypted but no tls.passphrase was given', { cause });
    }
    if (code === 'ERR_OSSL_BAD_DECRYPT') {
      throw new VipConfigurationError('tls.key could not be decrypted: tls.passphrase is wrong', { cause });
    }
    throw new VipConfigurationError('tls.key is not a readable private key (PEM expected)', { cause });
  }
}

function createContext(options: SecureContextOptions, tls: VipTlsOptions): SecureContext {
  try {
    return isolatedSecureContext(options);
  } catch (error) {
    throw new VipConfigurationError(describeContextFailure(error, tls), { cause: safeCause(error, tls.passphrase) });
  }
}

// OpenSSL reports PKCS#12 problems without an error code, so the message is all there is to go on.
function describeContextFailure(error: unknown, tls: VipTlsOptions): string {
  const message = error instanceof Error ? error.message : '';
  if (tls.pfx === undefined) return 'The TLS client certificate settings were rejected';
  if (/mac verify failure/i.test(message)) {
    return tls.passphrase === undefined
      ? 'tls.pfx is protected by a passphrase but no tls.passphrase was given'
      : 'tls.pfx could not be opened: tls.passphrase is wrong';
  }
  if (/unsupported pkcs12/i.test(message)) {
    return (
      'tls.pfx uses legacy encryption (RC2/40-bit) that this Node.js build cannot read; convert it with ' +
      '"openssl pkcs12 -legacy -in old.p12 -nodes | openssl pkcs12 -export -out new.p12", ' +
      'or start Node.js with --openssl-legacy-provider'
    );
  }
  return 'tls.pfx is not a readable PKCS#12 file';
}

/** OpenSSL's own messages ("bad decrypt", "mac verify failure") are safe; anything echoing a secret is dropped. */
function safeCause(error: unknown, passphrase: string | undefined): unknown {
  const message = error instanceof Error ? error.message : String(error);
  const leaksPassphrase = passphrase !== undefined && passphrase !== '' && message.includes(passphrase);
  return leaksPassphrase || /PRIVATE KEY/.test(message) ? undefined : error;
}

function isEncryptedPem(value: string | Buffer): boolean {
  return /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(value.toString('latin1'));
}
