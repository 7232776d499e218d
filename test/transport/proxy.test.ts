/**
 * UndiciTransport through HTTP and HTTPS CONNECT proxies on 127.0.0.1: the tunnel to a mutual-TLS VIP stand-in, the
 * strict verification of an https: proxy (also when NODE_TLS_REJECT_UNAUTHORIZED=0), `proxy.ca`, and failures of the
 * proxy leg, which name the proxy and never leak its credentials.
 */
import { spawn } from 'node:child_process';
import { createServer, type AddressInfo, type Socket } from 'node:net';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { buildConnector, type Dispatcher } from 'undici';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { VipConfigurationError, type VipConnectionError } from '../../src/errors/request-errors.js';
import { ProxyTunnels } from '../../src/transport/proxy-agent.js';
import { ProxyFailure } from '../../src/transport/proxy-failure.js';
import { UndiciTransport, type UndiciTransportOptions } from '../../src/transport/undici-transport.js';
import { type TlsFixtures, tlsFixtures } from '../helpers/tls-fixtures.js';
import { type ConnectProxy, type ConnectProxyOptions, startConnectProxy } from './connect-proxy.js';
import { type LocalServer, startHttpsServer } from './local-server.js';
import { soapRequest, send, connectionFailure } from './soap-request.js';

const CREDENTIALS = 'scott:tiger';
const SECRETS = ['tiger', Buffer.from(CREDENTIALS).toString('base64')];

let fixtures: TlsFixtures;
beforeAll(() => {
  // Making the certificates takes a few seconds on a busy machine; keep that out of the tests' own timeouts.
  fixtures = tlsFixtures();
}, 60_000);

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A mutual-TLS VIP stand-in: it demands a client certificate issued by the test CA. */
async function vipStandIn(extra: { maxVersion?: 'TLSv1.2' } = {}): Promise<LocalServer> {
  const server = await startHttpsServer({
    ...fixtures.server,
    ca: fixtures.ca.cert,
    requestCert: true,
    rejectUnauthorized: true,
    ...extra,
  });
  cleanups.push(() => server.close());
  return server;
}

async function proxyServer(options: ConnectProxyOptions = {}): Promise<ConnectProxy> {
  const proxy = await startConnectProxy(options);
  cleanups.push(() => proxy.close());
  return proxy;
}

/**
 * An HTTPS proxy whose certificate is issued by a CA Node does not know (and VIP's CA is not it either); it sends
 * the CA along, so the chain ends in an unknown self-signed root.
 */
function httpsProxy(): Promise<ConnectProxy> {
  return proxyServer({ tls: { cert: fixtures.untrustedServer.cert + fixtures.otherCa.cert, key: fixtures.untrustedServer.key } });
}

function transport(options: UndiciTransportOptions): UndiciTransport {
  const created = new UndiciTransport({ tls: { cert: fixtures.client.cert, key: fixtures.client.key, ca: fixtures.ca.cert }, ...options });
  cleanups.push(() => created.close());
  return created;
}

const sendFailure = connectionFailure;

/** Checks that nothing reachable from the error (message, JSON, cause chain) holds the proxy's credentials. */
function expectNoCredentials(error: VipConnectionError): void {
  for (const text of [error.message, JSON.stringify(error.toJSON()), inspect(error, { depth: 10, showHidden: true })]) {
    for (const secret of SECRETS) expect(text).not.toContain(secret);
  }
}

describe('UndiciTransport through a proxy: the tunnel', () => {
  it('tunnels to the mutual-TLS server through an HTTP CONNECT proxy, with the client certificate end to end', async () => {
    const target = await vipStandIn();
    const proxy = await proxyServer();
    const response = await send(transport({ proxy: proxy.url(CREDENTIALS) }), soapRequest(target.url));
    expect(response.status).toBe(200);
    expect(proxy.tunnels).toEqual([{ target: `127.0.0.1:${target.port}`, authorization: `Basic ${SECRETS[1]}` }]);
  });

  it('tunnels through an HTTPS proxy whose CA is given as proxy.ca', async () => {
    const target = await vipStandIn();
    const proxy = await httpsProxy();
    const response = await send(transport({ proxy: { url: proxy.url(CREDENTIALS), ca: fixtures.otherCa.cert } }), soapRequest(target.url));
    expect(response.status).toBe(200);
    expect(proxy.tunnels).toHaveLength(1);
  });

  it('accepts the long form with a URL object and no CA for an HTTP proxy', async () => {
    const target = await vipStandIn();
    const proxy = await proxyServer();
    const response = await send(transport({ proxy: { url: new URL(proxy.url()) } }), soapRequest(target.url));
    expect(response.status).toBe(200);
  });
});

describe('UndiciTransport through a proxy: failures of the proxy leg name the proxy', () => {
  it('rejects an HTTPS proxy whose certificate is not trusted, naming the proxy rather than VIP', async () => {
    const target = await vipStandIn();
    const proxy = await httpsProxy();
    const error = await sendFailure(transport({ proxy: proxy.url(CREDENTIALS) }), target.url);
    expect(error).toMatchObject({ code: 'SELF_SIGNED_CERT_IN_CHAIN', requestNotSent: true });
    expect(error.message).toBe(
      `TLS handshake with the proxy 127.0.0.1:${proxy.port} failed: its certificate is not trusted (SELF_SIGNED_CERT_IN_CHAIN); ` +
        'add its CA with proxy.ca (getUserInfo, requestId req_0001)',
    );
    expect(proxy.tunnels).toHaveLength(0);
    expect(target.connections()).toBe(0);
    expectNoCredentials(error);
  });

  it('does not trust the proxy with the CAs in tls.ca, which are for VIP only', async () => {
    const target = await vipStandIn();
    const proxy = await proxyServer({ tls: { cert: fixtures.server.cert + fixtures.ca.cert, key: fixtures.server.key } });
    const error = await sendFailure(transport({ proxy: proxy.url() }), target.url);
    expect(error.message).toMatch(/^TLS handshake with the proxy 127\.0\.0\.1:\d+ failed: its certificate is not trusted/);
  });

  it('keeps verifying the proxy in a process where NODE_TLS_REJECT_UNAUTHORIZED=0', async () => {
    const target = await vipStandIn();
    const proxy = await httpsProxy();
    const outcome = await runChild({ PROXY_URL: proxy.url(CREDENTIALS), VIP_URL: target.url, FIXTURES_DIR: fixtures.dir });
    expect(outcome).toMatchObject({
      outcome: 'failed',
      name: 'VipConnectionError',
      code: 'SELF_SIGNED_CERT_IN_CHAIN',
      message: expect.stringMatching(/^TLS handshake with the proxy 127\.0\.0\.1:\d+ failed: its certificate is not trusted/),
    });
    expect(proxy.tunnels).toHaveLength(0);
  }, 30_000);

  it('reports a proxy that refuses the connection', async () => {
    const proxy = await proxyServer();
    await proxy.close();
    const error = await sendFailure(transport({ proxy: proxy.url(CREDENTIALS) }), 'https://127.0.0.1:1/vipuserservices/QueryService_1_8');
    expect(error).toMatchObject({ code: 'ECONNREFUSED', requestNotSent: true });
    expect(error.message).toMatch(
      new RegExp(`^Could not connect to the proxy 127\\.0\\.0\\.1:${proxy.port}: the connection was refused \\(ECONNREFUSED\\)`),
    );
    expectNoCredentials(error);
  });

  it.each([
    [407, 'Proxy Authentication Required', ': check the user name and password in the proxy URL', false],
    [403, 'Forbidden', ': the proxy does not allow tunnels to this host', false],
    [502, 'Bad Gateway', ': the proxy could not reach the host', true],
    [418, "I'm a teapot", '', true],
  ])('reports a tunnel refused with HTTP %i', async (status, reason, meaning, retryable) => {
    const target = await vipStandIn();
    const proxy = await proxyServer({ refuseWith: { status, reason } });
    const error = await sendFailure(transport({ proxy: proxy.url(CREDENTIALS) }), target.url);
    const phrase = status === 418 ? '' : ` (${reason})`;
    expect(error.message).toBe(
      `The proxy 127.0.0.1:${proxy.port} refused the tunnel to 127.0.0.1:${target.port} with HTTP ${status}${phrase}${meaning} ` +
        '(getUserInfo, requestId req_0001)',
    );
    expect(error).toMatchObject({ requestNotSent: true, code: undefined, retryable });
    expect(error.cause).toBeUndefined();
    expect(target.connections()).toBe(0);
    expectNoCredentials(error);
  });

  it('reports a proxy that answers CONNECT with something other than HTTP, without its bytes', async () => {
    // It echoes the request, proxy-authorization included, as a broken proxy might.
    const echo = createServer((socket: Socket) => {
      socket.on('error', () => socket.destroy());
      socket.once('data', (request: Buffer) => socket.end(Buffer.concat([Buffer.from('NOT HTTP\r\n'), request])));
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    cleanups.push(() => new Promise((resolve) => echo.close(resolve)));
    const { port } = echo.address() as AddressInfo;
    const error = await sendFailure(
      transport({ proxy: `http://${CREDENTIALS}@127.0.0.1:${port}` }),
      'https://127.0.0.1:1/vipuserservices/QueryService_1_8',
    );
    expect(error.message).toMatch(
      new RegExp(`^The proxy 127\\.0\\.0\\.1:${port} did not answer the tunnel request with valid HTTP/1\\.1: Expected HTTP/`),
    );
    expect(error.requestNotSent).toBe(true);
    expect(error.cause).toBeUndefined();
    expectNoCredentials(error);
  });

  it('still blames VIP, with the client-certificate hint, for a rejection inside the tunnel (TLS 1.2)', async () => {
    const target = await vipStandIn({ maxVersion: 'TLSv1.2' });
    const proxy = await proxyServer();
    const sender = transport({
      proxy: proxy.url(),
      tls: { cert: fixtures.foreignClient.cert, key: fixtures.foreignClient.key, ca: fixtures.ca.cert },
    });
    const error = await sendFailure(sender, target.url);
    expect(error).toMatchObject({ code: 'ECONNRESET', requestNotSent: true });
    expect(error.message).toMatch(
      new RegExp(
        `^The connection to 127\\.0\\.0\\.1:${target.port} was closed during the TLS handshake \\(ECONNRESET\\); a server rejecting`,
      ),
    );
  });
});

describe('UndiciTransport through a proxy: settings', () => {
  it('rejects an unusable proxy setting without repeating the URL', () => {
    expect(() => new UndiciTransport({ proxy: 'http//user:s3cret@proxy' })).toThrow(/^proxy is not a valid URL$/);
    expect(() => new UndiciTransport({ proxy: { url: 'http//user:s3cret@proxy' } })).toThrow(/^proxy\.url is not a valid URL$/);
    expect(() => new UndiciTransport({ proxy: 'socks5://proxy.example:1080' })).toThrow(/http: or https:/);
    expect(() => new UndiciTransport({ proxy: 42 as unknown as string })).toThrow(/^proxy must be a URL or an object \{ url, ca \}$/);
  });

  it('rejects proxy.ca for an HTTP proxy, and an unreadable proxy.ca', () => {
    expect(() => new UndiciTransport({ proxy: { url: 'http://proxy.example:3128', ca: fixtures.otherCa.cert } })).toThrow(
      new VipConfigurationError('proxy.ca applies only to an https: proxy URL'),
    );
    expect(() => new UndiciTransport({ proxy: { url: 'https://proxy.example:3128', ca: 'not a certificate' } })).toThrow(
      /^proxy\.ca is not a readable X\.509 certificate/,
    );
    expect(() => new UndiciTransport({ proxy: { url: 'https://proxy.example:3128', ca: [fixtures.otherCa.cert, 'junk'] } })).toThrow(
      /^proxy\.ca\[1\] is not a readable/,
    );
  });
});

describe('ProxyTunnels, the pool of connections to the proxy', () => {
  const open = (pool: ProxyTunnels, path: string) =>
    new Promise<{ error: Error | null; data: Dispatcher.ConnectData }>((resolve) => {
      pool.connect({ path, headers: { host: path } }, (error, data) => resolve({ error, data }));
    });
  const pool = (port: number): ProxyTunnels => {
    const created = new ProxyTunnels(new URL(`http://127.0.0.1:${port}`), { connect: buildConnector({}) }, `127.0.0.1:${port}`);
    cleanups.push(() => created.destroy());
    return created;
  };

  it('also opens tunnels, and reports their failures, through the callback form', async () => {
    const target = await vipStandIn();
    const proxy = await proxyServer();
    const opened = await open(pool(proxy.port), `127.0.0.1:${target.port}`);
    expect(opened.error).toBeNull();
    expect(opened.data.statusCode).toBe(200);
    opened.data.socket.destroy();

    await proxy.close();
    const refused = await open(pool(proxy.port), `127.0.0.1:${target.port}`);
    expect(refused.error).toBeInstanceOf(ProxyFailure);
    expect(refused.error).toMatchObject({
      proxy: `127.0.0.1:${proxy.port}`,
      target: `127.0.0.1:${target.port}`,
      cause: { code: 'ECONNREFUSED' },
    });
  });
});

/** Runs send-through-proxy.ts in a child process with NODE_TLS_REJECT_UNAUTHORIZED=0 and returns what it printed. */
async function runChild(env: Record<string, string>): Promise<unknown> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'send-through-proxy.ts')], {
    cwd: process.cwd(),
    env: { ...process.env, ...env, NODE_TLS_REJECT_UNAUTHORIZED: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    stderr += chunk;
  });
  const exitCode = await new Promise<number | null>((resolve) => child.once('close', resolve));
  if (exitCode !== 0) throw new Error(`the child exited with ${String(exitCode)}:\n${stderr}`);
  // The warning Node prints about the variable proves the child really ran with it.
  expect(stderr).toMatch(/NODE_TLS_REJECT_UNAUTHORIZED/);
  return JSON.parse(stdout.trim());
}
