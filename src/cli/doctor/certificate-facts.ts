/**
 * The public facts of an X.509 certificate in the shape the SDK reports its client certificate in
 * (`ClientCertificateInfo`), for certificates the SDK does not describe: a PEM client certificate whose key may not
 * match, and the server's chain.
 */
import type { X509Certificate } from 'node:crypto';
import type { ClientCertificateInfo } from '../../index.js';
import { day, dayCount, daysBetween } from './checks.js';

export type CertificateFacts = Omit<ClientCertificateInfo, 'daysUntilExpiry'>;

export function certificateFacts(certificate: X509Certificate): CertificateFacts {
  return {
    subject: singleLineName(certificate.subject),
    issuer: singleLineName(certificate.issuer),
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
    serialNumber: certificate.serialNumber.toUpperCase(),
    fingerprint256: certificate.fingerprint256,
  };
}

/** One line for a report: `CN=x (issued by CN=y; expires 2027-03-01, in 89 days)`. */
export function describeBriefly(facts: CertificateFacts, now: Date): string {
  const days = daysBetween(now, facts.validTo);
  const expiry = days < 0 ? `expired ${day(facts.validTo)}` : `expires ${day(facts.validTo)}, in ${dayCount(days)}`;
  return `${facts.subject} (issued by ${facts.issuer}; ${expiry})`;
}

// Node prints one relative distinguished name per line; a report wants one line.
function singleLineName(name: string): string {
  return name.split('\n').filter(Boolean).join(', ');
}
