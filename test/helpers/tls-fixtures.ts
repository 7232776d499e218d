/**
 * Test certificates made with the `openssl` command at test time (nothing secret is committed): two CAs, server
 * certificates (trusted, wrong host name, untrusted, expired), client certificates (trusted, foreign CA, expiring,
 * expired) and the trusted client certificate as encrypted PEM and as PKCS#12 (modern and legacy encryption).
 * Generated once a day into a temporary directory shared by every test process of that day (mutation testing loads
 * test files thousands of times; a second of openssl each time would dominate its run), and reused from there.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { expect } from 'vitest';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A certificate and its unencrypted private key, both PEM. */
export interface PemPair {
  cert: string;
  key: string;
}

export interface TlsFixtures {
  /** The directory holding every file, for tests that want paths. */
  dir: string;
  /** Passphrase of `client.encryptedKey`, `client.p12` and `client.legacyP12`. */
  passphrase: string;
  /** CA that signs the trusted server and client certificates. */
  ca: PemPair;
  /** A second, unrelated CA. */
  otherCa: PemPair;
  /** Server certificate for `localhost` and `127.0.0.1`, signed by `ca`. */
  server: PemPair;
  /** Server certificate signed by `ca` but only for `vip.example.test`. */
  wrongNameServer: PemPair;
  /** Server certificate for `localhost`/`127.0.0.1` signed by `otherCa`. */
  untrustedServer: PemPair;
  /** Server certificate for `localhost`/`127.0.0.1` signed by `ca` that expired yesterday. */
  expiredServer: PemPair;
  /** Client certificate signed by `ca`, valid for 90 days, in every supported packaging. */
  client: PemPair & {
    encryptedKey: string;
    p12: Buffer;
    legacyP12: Buffer;
    /** Subject as `ClientCertificateInfo` shows it. */
    subject: string;
    /** Serial number in upper-case hex. */
    serialNumber: string;
    validDays: number;
  };
  /** Client certificate signed by `otherCa`. */
  foreignClient: PemPair;
  /** Client certificate signed by `ca`, valid for 2 days. */
  expiringClient: PemPair;
  /** Client certificate signed by `ca` that expired yesterday. */
  expiredClient: PemPair;
}

const LOCAL_NAMES = 'subjectAltName=DNS:localhost,IP:127.0.0.1';
const CLIENT_USAGE = 'extendedKeyUsage=clientAuth';
let cached: TlsFixtures | undefined;

/** Bump when the fixtures change, so a shared directory of an older layout is not reused. */
const LAYOUT = 1;
/** Validity windows count in days (one certificate expires in two, one expired yesterday): share within one day. */
const SHARED_DIR = join(tmpdir(), `vip-tls-fixtures-v${LAYOUT}-${new Date().toISOString().slice(0, 10)}`);
const MANIFEST = 'fixtures.json';

/** Returns the fixtures: read from today's shared directory, or generated there on first use (about one second). */
export function tlsFixtures(): TlsFixtures {
  cached ??= readShared() ?? share(generate());
  return cached;
}

function readShared(): TlsFixtures | undefined {
  try {
    return revive(JSON.parse(readFileSync(join(SHARED_DIR, MANIFEST), 'utf8')) as TlsFixtures);
  } catch {
    return undefined;
  }
}

/** Buffers travel through the manifest as base64. */
function revive(fixtures: TlsFixtures): TlsFixtures {
  const client = fixtures.client as unknown as { p12: string; legacyP12: string };
  return {
    ...fixtures,
    dir: SHARED_DIR,
    client: { ...fixtures.client, p12: Buffer.from(client.p12, 'base64'), legacyP12: Buffer.from(client.legacyP12, 'base64') },
  };
}

/**
 * Moves freshly generated fixtures to the shared directory. Another process may have got there first: then its
 * fixtures are used, and this process's copy is deleted.
 */
function share(fixtures: TlsFixtures): TlsFixtures {
  const manifest = {
    ...fixtures,
    client: { ...fixtures.client, p12: fixtures.client.p12.toString('base64'), legacyP12: fixtures.client.legacyP12.toString('base64') },
  };
  writeFileSync(join(fixtures.dir, MANIFEST), JSON.stringify(manifest));
  try {
    renameSync(fixtures.dir, SHARED_DIR);
    return { ...fixtures, dir: SHARED_DIR };
  } catch {
    rmSync(fixtures.dir, { recursive: true, force: true });
    return readShared() ?? expect.fail(`the shared TLS fixtures in ${SHARED_DIR} are unreadable`);
  }
}

function generate(): TlsFixtures {
  const dir = mkdtempSync(join(tmpdir(), 'vip-tls-'));
  const openssl = (...args: string[]): void => {
    execFileSync('openssl', args, { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'] });
  };
  const read = (name: string): string => readFileSync(join(dir, name), 'utf8');

  const makeCa = (name: string, subject: string): PemPair => {
    openssl(
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      `${name}.key`,
      '-out',
      `${name}.crt`,
      '-days',
      '365',
      '-subj',
      subject,
    );
    return { cert: read(`${name}.crt`), key: read(`${name}.key`) };
  };
  let serial = 0x1001;
  /** Makes a key, a CSR and a certificate signed by `ca`; negative `days` give an already expired certificate. */
  const makeLeaf = (name: string, subject: string, ca: string, days: number, extension: string): PemPair & { serialNumber: string } => {
    const serialNumber = (serial++).toString(16).toUpperCase();
    openssl('req', '-newkey', 'rsa:2048', '-nodes', '-keyout', `${name}.key`, '-out', `${name}.csr`, '-subj', subject);
    writeFileSync(join(dir, `${name}.ext`), `${extension}\n`);
    openssl(
      'x509',
      '-req',
      '-in',
      `${name}.csr`,
      '-CA',
      `${ca}.crt`,
      '-CAkey',
      `${ca}.key`,
      '-set_serial',
      `0x${serialNumber}`,
      '-days',
      String(days),
      '-extfile',
      `${name}.ext`,
      '-out',
      `${name}.crt`,
    );
    return { cert: read(`${name}.crt`), key: read(`${name}.key`), serialNumber };
  };

  const ca = makeCa('ca', '/CN=VIP Test CA/O=vip-user-services tests');
  const otherCa = makeCa('other-ca', '/CN=Unrelated Test CA');
  const server = makeLeaf('server', '/CN=localhost', 'ca', 30, LOCAL_NAMES);
  const wrongNameServer = makeLeaf('wrong-name-server', '/CN=vip.example.test', 'ca', 30, 'subjectAltName=DNS:vip.example.test');
  const untrustedServer = makeLeaf('untrusted-server', '/CN=localhost', 'other-ca', 30, LOCAL_NAMES);
  const expiredServer = makeLeaf('expired-server', '/CN=localhost', 'ca', -1, LOCAL_NAMES);

  const validDays = 90;
  const clientSubject = '/CN=vip-test-client/O=Acme Test/C=US';
  const client = makeLeaf('client', clientSubject, 'ca', validDays, CLIENT_USAGE);
  const foreignClient = makeLeaf('foreign-client', '/CN=foreign-client', 'other-ca', 30, CLIENT_USAGE);
  const expiringClient = makeLeaf('expiring-client', '/CN=expiring-client', 'ca', 2, CLIENT_USAGE);
  const expiredClient = makeLeaf('expired-client', '/CN=expired-client', 'ca', -1, CLIENT_USAGE);

  const passphrase = 'correct horse battery staple';
  const pass = `pass:${passphrase}`;
  openssl('pkey', '-in', 'client.key', '-aes256', '-passout', pass, '-out', 'client-encrypted.key');
  openssl('pkcs12', '-export', '-in', 'client.crt', '-inkey', 'client.key', '-certfile', 'ca.crt', '-passout', pass, '-out', 'client.p12');
  openssl('pkcs12', '-export', '-legacy', '-in', 'client.crt', '-inkey', 'client.key', '-passout', pass, '-out', 'client-legacy.p12');

  return {
    dir,
    passphrase,
    ca,
    otherCa,
    server,
    wrongNameServer,
    untrustedServer,
    expiredServer,
    client: {
      ...client,
      encryptedKey: read('client-encrypted.key'),
      p12: readFileSync(join(dir, 'client.p12')),
      legacyP12: readFileSync(join(dir, 'client-legacy.p12')),
      subject: 'CN=vip-test-client, O=Acme Test, C=US',
      validDays,
    },
    foreignClient,
    expiringClient,
    expiredClient,
  };
}
