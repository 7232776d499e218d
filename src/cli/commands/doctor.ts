/**
 * `doctor`: checks everything between this machine and VIP, one step at a time (certificate, endpoint, DNS,
 * connection, proxy, TLS, server certificate, a real call, the clock), and prints a verdict per check with the fix for
 * each failure. Exit code 4 when a check fails, so scripts and CI can gate on it.
 */
import { EXIT } from '../exit-codes.js';
import type { RegisterCommand } from '../program.js';
import { DEFAULT_STEP_TIMEOUT_MS, diagnose } from '../doctor/diagnose.js';
import { renderReport } from '../doctor/report.js';

export const registerDoctor: RegisterCommand = (program, act) => {
  program
    .command('doctor')
    .description('diagnose the certificate, network, proxy, TLS and clock, with a verdict and a fix per check')
    .addHelpText(
      'after',
      [
        '',
        'Checks: certificate, certificate validity, private key, p12 encryption, endpoint, dns, connection, proxy,',
        'tls handshake, server certificate, server time, clock skew. Each network step waits at most --timeout',
        `milliseconds (default ${DEFAULT_STEP_TIMEOUT_MS}). Exit code 0 when nothing failed (warnings allowed), 4 when a check failed.`,
        '',
        'Examples:',
        '  $ VIP_CERT_PASSPHRASE=... vip-user-services --cert-p12 vip_certificate.p12 doctor',
        '  $ vip-user-services --proxy http://proxy.example:3128 --timeout 5000 doctor --json',
      ].join('\n'),
    )
    .action(
      act(async (context) => {
        const report = await diagnose(context);
        context.output.result(report, () => renderReport(report));
        return report.ok ? EXIT.ok : EXIT.incomplete;
      }),
    );
};
