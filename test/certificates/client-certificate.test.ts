/** The client certificate as VipClient exposes it: read at construction, expiry warnings, clear configuration errors. */
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { type ClientCertificateInfo, VipClient, VipConfigurationError } from 'vip-user-services';
import { tlsFixtures } from '../helpers/tls-fixtures.js';

const fixtures = tlsFixtures();

function clientWith(tls: ConstructorParameters<typeof VipClient>[0], days?: number) {
  const warn = vi.fn();
  const onCertificateExpiring = vi.fn<(certificate: ClientCertificateInfo) => void>();
  const vip = new VipClient({ ...tls, logger: { warn }, hooks: { onCertificateExpiring }, certificateWarningDays: days });
  return { vip, warn, onCertificateExpiring };
}

describe('client certificate', () => {
  it('exposes the subject and expiry of a PKCS#12 certificate read at construction', async () => {
    const { vip, warn } = clientWith({ tls: { pfx: fixtures.client.p12, passphrase: fixtures.passphrase } });
    expect(vip.certificate).toMatchObject({ subject: fixtures.client.subject, serialNumber: fixtures.client.serialNumber });
    expect(vip.certificate?.validTo).toBeInstanceOf(Date);
    expect(vip.certificate?.daysUntilExpiry).toBeGreaterThanOrEqual(fixtures.client.validDays - 2);
    expect(warn).not.toHaveBeenCalled();
    await vip.close();
  });

  it('warns through the logger and the hook when the certificate expires within 30 days', async () => {
    const { vip, warn, onCertificateExpiring } = clientWith({
      tls: { cert: fixtures.expiringClient.cert, key: fixtures.expiringClient.key },
    });
    expect(vip.certificate?.daysUntilExpiry).toBeLessThanOrEqual(2);
    expect(warn).toHaveBeenCalledTimes(1);
    const certificate = vip.certificate;
    expect(warn.mock.calls[0]?.[0]).toBe(
      `The VIP client certificate expires in ${certificate?.daysUntilExpiry} days (${certificate?.validTo.toISOString()})`,
    );
    expect(warn.mock.calls[0]?.[1]).toEqual({ subject: 'CN=expiring-client', validTo: certificate?.validTo.toISOString() });
    expect(onCertificateExpiring).toHaveBeenCalledWith(vip.certificate);
    await vip.close();
  });

  it('follows certificateWarningDays', async () => {
    const early = clientWith({ tls: { cert: fixtures.client.cert, key: fixtures.client.key } }, 120);
    expect(early.onCertificateExpiring).toHaveBeenCalledTimes(1);
    const late = clientWith({ tls: { cert: fixtures.client.cert, key: fixtures.client.key } }, 10);
    expect(late.onCertificateExpiring).not.toHaveBeenCalled();
    // The last day counts: a warning window of exactly the days left warns, one day less does not.
    const daysLeft = early.vip.certificate?.daysUntilExpiry ?? 0;
    const onTheDay = clientWith({ tls: { cert: fixtures.client.cert, key: fixtures.client.key } }, daysLeft);
    expect(onTheDay.onCertificateExpiring).toHaveBeenCalledTimes(1);
    const dayBefore = clientWith({ tls: { cert: fixtures.client.cert, key: fixtures.client.key } }, daysLeft - 1);
    expect(dayBefore.onCertificateExpiring).not.toHaveBeenCalled();
    await Promise.all([onTheDay.vip.close(), dayBefore.vip.close()]);
    await Promise.all([early.vip.close(), late.vip.close()]);
  });

  it('fails at construction on a wrong passphrase, without repeating it', () => {
    for (const tls of [
      { pfx: fixtures.client.p12, passphrase: 'not-the-passphrase-4711' },
      { cert: fixtures.client.cert, key: fixtures.client.encryptedKey, passphrase: 'not-the-passphrase-4711' },
    ]) {
      const error = (() => {
        try {
          new VipClient({ tls });
        } catch (caught) {
          return caught;
        }
        return undefined;
      })();
      expect(error).toBeInstanceOf(VipConfigurationError);
      expect(`${String(error)} ${JSON.stringify(error)} ${inspect(error)}`).not.toContain('not-the-passphrase-4711');
    }
  });

  it('keeps the key and passphrase out of what the client shows', async () => {
    const { vip } = clientWith({ tls: { cert: fixtures.client.cert, key: fixtures.client.encryptedKey, passphrase: fixtures.passphrase } });
    const shown = `${inspect(vip, { depth: 10, showHidden: true })} ${JSON.stringify(vip)}`;
    expect(shown).not.toContain(fixtures.passphrase);
    expect(shown).not.toContain('PRIVATE KEY');
    await vip.close();
  });
});
