/**
 * Local stand-ins for everything `doctor` can meet on the way to VIP, each on 127.0.0.1 and a free port: a VIP-like
 * HTTPS server with mutual TLS whose clock can be set off, a server that accepts connections and never speaks, a
 * closed port, and an HTTP proxy that tunnels or refuses CONNECT. Certificates come from the shared TLS fixtures,
 * written to files because the CLI takes paths.
 */
import { execFileSync } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer as createHttpServer } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { type AddressInfo, connect, createServer as createTcpServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { vipReply } from 'vip-user-services/testing';
import { type TlsFixtures, tlsFixtures } from '../../helpers/tls-fixtures.js';

/** A running server and how to stop it (open connections included). */
export interface Running {
  readonly url: string;
  readonly port: number;
  /** Requests or tunnels seen, for assertions that nothing was sent. */
  readonly seen: string[];
  close(): Promise<void>;
}

/** Paths of the fixture certificates, as the CLI takes them. */
export interface CertificatePaths {
  readonly fixtures: TlsFixtures;
  /** Deletes the files (they hold private keys, unencrypted). */
  remove(): Promise<void>;
  readonly passphrase: string;
  readonly ca: string;
  readonly otherCa: string;
  readonly clientCert: string;
  readonly clientKey: string;
  readonly clientEncryptedKey: string;
  readonly clientP12: string;
  readonly legacyP12: string;
  /** The legacy .p12 again, under a name a shell would split: `my cert's.p12`. */
  readonly legacyP12WithSpace: string;
  /** Certificate and key encrypted with 3DES only: readable by OpenSSL 3, but legacy. */
  readonly tripleDesP12: string;
  readonly expiredCert: string;
  readonly expiredKey: string;
  readonly expiringCert: string;
  readonly expiringKey: string;
  /** A key that belongs to another certificate. */
  readonly foreignKey: string;
}

export async function certificatePaths(): Promise<CertificatePaths> {
  const fixtures = tlsFixtures();
  const folder = await mkdtemp(join(tmpdir(), 'vip-doctor-'));
  const file = async (name: string, content: string | Buffer) => {
    const path = join(folder, name);
    await writeFile(path, content, { mode: 0o600 });
    return path;
  };
  const clientCert = await file('client.pem', fixtures.client.cert);
  const clientKey = await file('client-key.pem', fixtures.client.key);
  const tripleDesP12 = join(folder, 'triple-des.p12');
  // The passphrase reaches openssl through the environment, not its command line.
  execFileSync(
    'openssl',
    ['pkcs12', '-export', '-in', clientCert, '-inkey', clientKey, '-certpbe', 'PBE-SHA1-3DES', '-keypbe', 'PBE-SHA1-3DES'].concat([
      '-macalg',
      'sha1',
      '-passout',
      'env:DOCTOR_TEST_PASSPHRASE',
      '-out',
      tripleDesP12,
    ]),
    { env: { ...process.env, DOCTOR_TEST_PASSPHRASE: fixtures.passphrase }, stdio: ['ignore', 'ignore', 'pipe'] },
  );
  return {
    fixtures,
    remove: () => rm(folder, { recursive: true, force: true }),
    passphrase: fixtures.passphrase,
    ca: await file('ca.pem', fixtures.ca.cert),
    otherCa: await file('other-ca.pem', fixtures.otherCa.cert),
    clientCert,
    clientKey,
    clientEncryptedKey: await file('client-key-encrypted.pem', fixtures.client.encryptedKey),
    clientP12: await file('client.p12', fixtures.client.p12),
    legacyP12: await file('legacy.p12', fixtures.client.legacyP12),
    legacyP12WithSpace: await file("my cert's.p12", fixtures.client.legacyP12),
    tripleDesP12,
    expiredCert: await file('expired.pem', fixtures.expiredClient.cert),
    expiredKey: await file('expired-key.pem', fixtures.expiredClient.key),
    expiringCert: await file('expiring.pem', fixtures.expiringClient.cert),
    expiringKey: await file('expiring-key.pem', fixtures.expiringClient.key),
    foreignKey: await file('foreign-key.pem', fixtures.foreignClient.key),
  };
}

export interface VipLikeOptions {
  /** The server's certificate and key (PEM). */
  readonly cert: string;
  readonly key: string;
  /** The CA client certificates must come from. */
  readonly clientCa: string;
  /** How far the server's clock is from this machine's, in milliseconds. */
  readonly clockOffsetMs?: number;
  /** Newest TLS version offered: under TLS 1.2 a client certificate is refused inside the handshake. */
  readonly maxVersion?: 'TLSv1.2';
  /** Answer calls with this VIP status instead of the time, or with this HTTP status and no SOAP body. */
  readonly refuse?: { readonly status: string } | { readonly httpStatus: number };
}

/**
 * An HTTPS server demanding a client certificate from `clientCa`, answering every POST with a getServerTime response
 * (its clock `clockOffsetMs` off) and anything else with an empty 404.
 */
export async function startVipLike(options: VipLikeOptions): Promise<Running> {
  const seen: string[] = [];
  const server = createHttpsServer(
    {
      cert: options.cert,
      key: options.key,
      ca: options.clientCa,
      requestCert: true,
      rejectUnauthorized: true,
      ...(options.maxVersion === undefined ? {} : { maxVersion: options.maxVersion }),
    },
    (request, response) => {
      seen.push(`${request.method} ${request.url}`);
      if (request.method !== 'POST') {
        response.writeHead(404).end();
        return;
      }
      const chunks: Buffer[] = [];
      request.on('data', (chunk: Buffer) => chunks.push(chunk));
      request.on('end', () => {
        const refusal = options.refuse;
        if (refusal !== undefined && 'httpStatus' in refusal) {
          response.writeHead(refusal.httpStatus, { 'content-type': 'text/html' }).end('<html>Not here</html>');
          return;
        }
        if (refusal !== undefined) {
          response
            .writeHead(200, { 'content-type': 'text/xml; charset=utf-8' })
            .end(vipReply('getServerTime', {}, { status: refusal.status })(Buffer.concat(chunks).toString('utf8')));
          return;
        }
        const timestamp = new Date(Date.now() + (options.clockOffsetMs ?? 0));
        const body = vipReply('getServerTime', { timestamp })(Buffer.concat(chunks).toString('utf8'));
        response.writeHead(200, { 'content-type': 'text/xml; charset=utf-8' }).end(body);
      });
    },
  );
  return listening(server, 'https', seen);
}

/** A server that accepts TCP connections and never sends a byte: a TLS handshake with it can only time out. */
export async function startSilentServer(): Promise<Running> {
  return listening(createTcpServer(), 'https', []);
}

/** A plain HTTP server, for an https: URL pointing at something that does not speak TLS. */
export async function startPlainHttpServer(): Promise<Running> {
  return listening(
    createHttpServer((_request, response) => response.end('plain')),
    'http',
    [],
  );
}

/** A port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = await listening(createTcpServer(), 'http', []);
  await server.close();
  return server.port;
}

/**
 * An HTTP proxy: answers CONNECT with `refuseWith` when given (403, 407...), else opens the tunnel. Records each
 * CONNECT target and whether it carried Proxy-Authorization.
 */
export async function startProxy(refuseWith?: number): Promise<Running> {
  const seen: string[] = [];
  const server = createHttpServer();
  server.on('connect', (request, client: Socket, head: Buffer) => {
    seen.push(`CONNECT ${request.url}${request.headers['proxy-authorization'] === undefined ? '' : ' (authorized)'}`);
    if (refuseWith !== undefined) {
      client.end(`HTTP/1.1 ${refuseWith} Refused\r\nContent-Length: 0\r\n\r\n`);
      return;
    }
    const [host = '', port = ''] = (request.url ?? '').split(':');
    const upstream = connect({ host, port: Number(port) }, () => {
      client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
      upstream.write(head);
      upstream.pipe(client).pipe(upstream);
    });
    upstream.on('error', () => client.destroy());
    client.on('error', () => upstream.destroy());
  });
  return listening(server, 'http', seen);
}

async function listening(server: Server, scheme: 'http' | 'https', seen: string[]): Promise<Running> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  // A TLS server reports refused client certificates as errors; they are what the tests provoke.
  server.on('tlsClientError', () => {});
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `${scheme}://127.0.0.1:${port}`,
    port,
    seen,
    async close() {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
