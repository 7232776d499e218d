/**
 * A readable summary of the client certificate the SDK presents to VIP, so applications can log which certificate
 * is in use and warn well before it expires (VIP certificates are issued for a limited time).
 */
import { X509Certificate } from 'node:crypto';
import { Duplex } from 'node:stream';
import { TLSSocket, type SecureContext } from 'node:tls';

const MS_PER_DAY = 86_400_000;

/** The public facts of the client certificate; contains nothing secret. */
export interface ClientCertificateInfo {
  /** Distinguished name of the certificate holder, e.g. `CN=vip-acme, O=Acme`. */
  subject: string;
  /** Distinguished name of the issuing CA. */
  issuer: string;
  /** Start of validity. */
  validFrom: Date;
  /** End of validity. */
  validTo: Date;
  /** Serial number in upper-case hexadecimal, as shown by `openssl x509 -serial`. */
  serialNumber: string;
  /** SHA-256 fingerprint as colon-separated hex pairs. */
  fingerprint256: string;
  /**
   * Whole days left until `validTo`, rounded down: `0` during the last day, `-1` during the first day after expiry,
   * and so on.
   */
  daysUntilExpiry: number;
}

/**
 * Summarises a certificate.
 * @param certificate The parsed certificate.
 * @param now The moment `daysUntilExpiry` is counted from; defaults to the current time.
 */
export function describeCertificate(certificate: X509Certificate, now: Date = new Date()): ClientCertificateInfo {
  const validTo = new Date(certificate.validTo);
  return {
    subject: singleLineName(certificate.subject),
    issuer: singleLineName(certificate.issuer),
    validFrom: new Date(certificate.validFrom),
    validTo,
    serialNumber: certificate.serialNumber.toUpperCase(),
    fingerprint256: certificate.fingerprint256,
    daysUntilExpiry: Math.floor((validTo.getTime() - now.getTime()) / MS_PER_DAY),
  };
}

/**
 * Reads the certificate a TLS secure context would present, which is the only way Node offers to look inside a
 * PKCS#12 bundle: `X509Certificate` cannot parse PKCS#12, and `SecureContext.context.getCertificate()` is internal.
 * A `TLSSocket` wrapped around an idle in-memory stream exposes the context's certificate through the public
 * `getCertificate()` without any network traffic; as a server-side socket it waits for a ClientHello that never
 * comes, so no handshake starts. Checked on Node 20, 22 and 24.
 * @returns The leaf certificate, or `undefined` when the context holds none.
 */
export function leafCertificateOf(secureContext: SecureContext): X509Certificate | undefined {
  const idle = new Duplex({
    read() {},
    write(_chunk, _encoding, callback) {
      callback();
    },
  });
  const socket = new TLSSocket(idle, { secureContext, isServer: true });
  try {
    const raw = (socket.getCertificate() as { raw?: Buffer } | null)?.raw;
    return raw === undefined ? undefined : new X509Certificate(raw);
  } finally {
    socket.destroy();
    idle.destroy();
  }
}

// Node prints one RDN per line; a single line reads better in logs.
function singleLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
