/**
 * Connecting with the PKCS#12 (.p12) file VIP Manager issues: pass it as a Buffer with its passphrase. The client
 * checks both when it is built (a wrong passphrase fails at once with VipConfigurationError, which never contains
 * the passphrase), and `vip.certificate` tells you whose certificate it is and when it expires.
 *
 * Run: npx tsx examples/pkcs12-certificate.ts
 * On real VIP set VIP_CERT_P12 and VIP_CERT_PASSPHRASE (with PEM variables instead, the example has nothing to show).
 */
import * as assert from 'node:assert/strict';
import { VipClient, VipConfigurationError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Using a PKCS#12 certificate and checking its expiry';

const DAY_MS = 24 * 60 * 60 * 1000;

export async function run(context: ExampleContext): Promise<void> {
  const { step } = context;
  if (context.pkcs12 === undefined) {
    step('skipped: the client certificate is configured as PEM; set VIP_CERT_P12 and VIP_CERT_PASSPHRASE to run this example');
    return;
  }
  // In an application: const pfx = readFileSync('vip-certificate.p12'); passphrase from your secret store.
  const { pfx, passphrase } = context.pkcs12;
  const vip = new VipClient({
    endpoint: context.endpoint,
    // `ca` is only needed for a private test server such as the mock; VIP's own chain is publicly trusted.
    tls: { pfx, passphrase, ca: context.ca },
    // Warn (through `logger.warn` and the onCertificateExpiring hook) when fewer than 30 days are left.
    certificateWarningDays: 30,
    logger: { warn: (message) => step(`warning: ${message}`) },
  });
  try {
    const certificate = vip.certificate;
    assert.ok(certificate !== undefined);
    step(`certificate: ${certificate.subject}, issued by ${certificate.issuer}`);
    step(`valid until ${certificate.validTo.toISOString()} (${certificate.daysUntilExpiry} days left), serial ${certificate.serialNumber}`);

    // The first call proves the mutual TLS handshake: the server accepted our certificate.
    const { timestamp } = await vip.getServerTime({});
    const skewSeconds = timestamp === undefined ? undefined : Math.round((Date.now() - timestamp.getTime()) / 1000);
    step(`getServerTime over mutual TLS: ${timestamp?.toISOString()} (local clock off by ${skewSeconds ?? '?'} s)`);
    if (certificate.validTo.getTime() - Date.now() < 30 * DAY_MS) step('renew the certificate in VIP Manager soon');
  } finally {
    await vip.close();
  }

  // A wrong passphrase fails when the client is built, not on the first call, and is never echoed.
  const wrongPassphrase = `${passphrase}-wrong`;
  const error = (() => {
    try {
      return new VipClient({ endpoint: context.endpoint, tls: { pfx, passphrase: wrongPassphrase } });
    } catch (failure) {
      return failure;
    }
  })();
  assert.ok(error instanceof VipConfigurationError, `a wrong passphrase should fail, got ${String(error)}`);
  assert.ok(!error.message.includes(wrongPassphrase));
  step(`a wrong passphrase: ${error.name}: ${error.message}`);
}

await runWhenMain(import.meta.url, { title, run });
