/**
 * Throwaway certificates for the mock's mutual TLS: a CA, a server certificate for 127.0.0.1/localhost/::1 and a
 * client certificate (PEM and PKCS#12). Made with the `openssl` command, because Node's crypto module can create
 * keys but cannot sign certificates; the keys never leave the process except through the returned object.
 */
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { MockTlsMaterial } from './types.js';

/** Everything {@link createThrowawayCertificates} makes: the client's material plus the server's own pair. */
export interface ThrowawayCertificates extends MockTlsMaterial {
  /** PEM server certificate for localhost, 127.0.0.1 and ::1, issued by `ca`. */
  serverCert: string;
  /** PEM (unencrypted) key of `serverCert`. */
  serverKey: string;
}

const VALID_DAYS = '365';
const EC_KEY = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
// The passphrase travels through the environment rather than the command line, where `ps` would show it.
const PASSPHRASE_VARIABLE = 'VIP_MOCK_PFX_PASSPHRASE';

function openssl(args: string[], cwd: string, env?: NodeJS.ProcessEnv): Promise<void> {
  return new Promise((resolve, reject) => {
    execFile('openssl', args, { cwd, env: env ?? process.env, timeout: 30_000 }, (error, _stdout, stderr) => {
      if (error === null) return resolve();
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        return reject(
          new Error(
            'startMockServer({ tls: true }) needs the `openssl` command to make throwaway certificates, and it was not found on PATH. ' +
              'Install OpenSSL, or pass your own certificates as tls: { ca, cert, key }.',
          ),
        );
      }
      reject(new Error(`openssl ${args[0]} failed while making the mock's throwaway certificates: ${String(stderr).trim()}`));
    });
  });
}

/** Issues a leaf certificate signed by the CA in `dir`, with its own new key. */
function issueLeaf(dir: string, name: string, subject: string, extensions: string[]): Promise<void> {
  return openssl(
    [
      'req',
      '-x509',
      ...EC_KEY,
      '-keyout',
      `${name}-key.pem`,
      '-out',
      `${name}.pem`,
      '-days',
      VALID_DAYS,
      '-subj',
      subject,
      '-CA',
      'ca.pem',
      '-CAkey',
      'ca-key.pem',
      '-addext',
      'basicConstraints=critical,CA:FALSE',
      ...extensions.flatMap((extension) => ['-addext', extension]),
    ],
    dir,
  );
}

/**
 * Makes a fresh CA, server certificate and client certificate (EC P-256, valid for a year) in a private temporary
 * directory, reads them, and removes the directory.
 * @throws {Error} when the `openssl` command is missing or fails.
 */
export async function createThrowawayCertificates(): Promise<ThrowawayCertificates> {
  const dir = await mkdtemp(join(tmpdir(), 'vip-mock-certs-'));
  try {
    await openssl(
      ['req', '-x509', ...EC_KEY, '-keyout', 'ca-key.pem', '-out', 'ca.pem', '-days', VALID_DAYS, '-subj', '/CN=vip-user-services mock CA'],
      dir,
    );
    await Promise.all([
      issueLeaf(dir, 'server', '/CN=localhost', ['subjectAltName=DNS:localhost,IP:127.0.0.1,IP:::1', 'extendedKeyUsage=serverAuth']),
      issueLeaf(dir, 'client', '/CN=vip-mock-client/O=vip-user-services mock', ['extendedKeyUsage=clientAuth']),
    ]);
    const pfxPassphrase = randomBytes(18).toString('base64url');
    await openssl(
      [
        'pkcs12',
        '-export',
        '-in',
        'client.pem',
        '-inkey',
        'client-key.pem',
        '-certfile',
        'ca.pem',
        '-name',
        'vip-mock-client',
        '-passout',
        `env:${PASSPHRASE_VARIABLE}`,
        '-out',
        'client.p12',
      ],
      dir,
      { ...process.env, [PASSPHRASE_VARIABLE]: pfxPassphrase },
    );
    const read = (name: string) => readFile(join(dir, name), 'utf8');
    const [ca, serverCert, serverKey, clientCert, clientKey, clientPfx] = await Promise.all([
      read('ca.pem'),
      read('server.pem'),
      read('server-key.pem'),
      read('client.pem'),
      read('client-key.pem'),
      readFile(join(dir, 'client.p12')),
    ]);
    return { ca, serverCert, serverKey, clientCert, clientKey, clientPfx, pfxPassphrase };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
