/**
 * `doctor`'s network checks, each failure told apart and stopping the checks after it: a host name that does not
 * resolve, a closed port, a proxy refusing CONNECT (403, 407) or not listening, and unusable endpoint or proxy
 * settings. The certificate is always valid, so each failure belongs to the network.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CertificatePaths, certificatePaths, closedPort, type Running, startProxy, startVipLike } from './doctor-support/servers.js';
import { checkOf, reportOf, verdicts } from './doctor-support/verdicts.js';
import { cli } from './support.js';

let files: CertificatePaths;
let vip: Running;
beforeAll(async () => {
  files = await certificatePaths();
  vip = await startVipLike({ cert: files.fixtures.server.cert, key: files.fixtures.server.key, clientCa: files.fixtures.ca.cert });
});
afterAll(async () => {
  await vip.close();
  await files.remove();
});

/** Runs doctor --json with the valid PEM client certificate. */
function doctor(flags: string[], env: Record<string, string> = {}) {
  return cli(
    ['--cert-pem', files.clientCert, '--key-pem', files.clientKey, '--ca', files.ca, '--timeout', '3000', ...flags, 'doctor', '--json'],
    {
      env,
    },
  );
}

const AFTER_DNS = ['connection', 'proxy', 'tls handshake', 'server certificate', 'server time', 'clock skew'];

describe('doctor: the network', () => {
  it('tells a host name that does not resolve apart, and skips everything after it', async () => {
    const run = await doctor(['--endpoint', 'https://vip-doctor-test.invalid']);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'dns')).toMatchObject({
      verdict: 'fail',
      detail: expect.stringMatching(/^vip-doctor-test\.invalid could not be resolved: .* \((ENOTFOUND|EAI_AGAIN|EAI_FAIL)\)$/),
      fix: expect.stringContaining("VIP's is userservices-auth.vip.symantec.com"),
    });
    for (const name of AFTER_DNS) {
      expect(checkOf(run, name)).toMatchObject({ verdict: 'skipped', detail: 'not tried: the DNS lookup failed' });
    }
    // The certificate is judged on its own.
    expect(checkOf(run, 'certificate').verdict).toBe('pass');
  });

  it('tells a refused connection (closed port) apart', async () => {
    const port = await closedPort();
    const run = await doctor(['--endpoint', `https://127.0.0.1:${port}`]);
    expect(run.code).toBe(4);
    expect(verdicts(reportOf(run))).toMatchObject({ dns: 'pass', connection: 'fail', proxy: 'skipped', 'tls handshake': 'skipped' });
    expect(checkOf(run, 'connection')).toMatchObject({
      detail: `could not connect to 127.0.0.1:${port}: the connection was refused: nothing accepts connections there (ECONNREFUSED)`,
      fix: expect.stringContaining('check the port in the endpoint (VIP listens on 443)'),
    });
    expect(checkOf(run, 'tls handshake').detail).toBe('not tried: no connection to the endpoint');
  });

  it.each([
    [403, 'Forbidden: it does not allow tunnels to this host', "ask the proxy's administrators to allow CONNECT to"],
    [407, 'Proxy Authentication Required', "put the proxy's user name and password in its URL"],
    [502, 'Bad Gateway: it could not reach the host', "check the endpoint's host name"],
  ])('tells a proxy refusing CONNECT with %i apart', async (status, meaning, fix) => {
    const proxy = await startProxy(status);
    try {
      const run = await doctor(['--endpoint', vip.url, '--proxy', proxy.url]);
      expect(run.code).toBe(4);
      expect(verdicts(reportOf(run))).toMatchObject({ dns: 'pass', connection: 'pass', proxy: 'fail', 'tls handshake': 'skipped' });
      expect(checkOf(run, 'proxy')).toMatchObject({
        detail: `the proxy ${proxy.url} refused the tunnel to 127.0.0.1:${vip.port} with HTTP ${status} ${meaning}`,
        fix: expect.stringContaining(fix),
      });
      expect(checkOf(run, 'server time').detail).toBe('not tried: the proxy refused the tunnel');
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${vip.port}`]);
      expect(vip.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('points at the credentials in the proxy URL when a proxy given them still answers 407, never printing them', async () => {
    const proxy = await startProxy(407);
    try {
      const run = await doctor(['--endpoint', vip.url], { VIP_PROXY: `http://bob:pr0xy-pw@127.0.0.1:${proxy.port}` });
      expect(checkOf(run, 'proxy')).toMatchObject({
        verdict: 'fail',
        detail: expect.stringContaining('(with credentials) refused the tunnel'),
        fix: 'check the user name and password in the proxy URL',
      });
      expect(proxy.seen).toEqual([`CONNECT 127.0.0.1:${vip.port} (authorized)`]);
      expect(run.stdout + run.stderr).not.toContain('pr0xy-pw');
    } finally {
      await proxy.close();
    }
  });

  it('tells an https: proxy URL for a proxy that speaks plain HTTP apart', async () => {
    const proxy = await startProxy();
    try {
      const run = await doctor(['--endpoint', vip.url, '--proxy', `https://127.0.0.1:${proxy.port}`]);
      expect(run.code).toBe(4);
      expect(checkOf(run, 'proxy')).toMatchObject({
        verdict: 'fail',
        detail: expect.stringMatching(
          /^the TLS handshake with the proxy https:\/\/127\.0\.0\.1:\d+ failed \(ERR_SSL_\w+\): it speaks plain HTTP$/,
        ),
        fix: 'use http:// in the proxy URL: the tunnel inside still carries TLS to VIP',
      });
      expect(proxy.seen).toEqual([]);
    } finally {
      await proxy.close();
    }
  });

  it('names the proxy when it is the proxy that cannot be reached', async () => {
    const port = await closedPort();
    const run = await doctor(['--endpoint', vip.url, '--proxy', `http://127.0.0.1:${port}`]);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'dns').detail).toContain("the proxy's host 127.0.0.1 is an IP address");
    expect(checkOf(run, 'connection')).toMatchObject({
      verdict: 'fail',
      detail: `could not connect to the proxy 127.0.0.1:${port}: the connection was refused: nothing accepts connections there (ECONNREFUSED)`,
      fix: expect.stringContaining('check the port in the proxy URL'),
    });
    expect(checkOf(run, 'proxy').detail).toBe('not tried: no connection to the proxy');
  });

  it('fails an endpoint that is not an http(s) URL and tries nothing on the network', async () => {
    const run = await doctor(['--endpoint', 'ftp://vip.example']);
    expect(run.code).toBe(4);
    expect(checkOf(run, 'endpoint')).toMatchObject({
      verdict: 'fail',
      detail: '"ftp://vip.example" (from --endpoint) is not an http(s) URL',
    });
    expect(checkOf(run, 'dns').detail).toBe('not tried: the endpoint is unusable');
  });

  it('fails a proxy setting that is not a URL without repeating it', async () => {
    const run = await doctor(['--endpoint', vip.url], { VIP_PROXY: 'user:hunter2@proxy' });
    expect(checkOf(run, 'proxy')).toMatchObject({ verdict: 'fail', detail: 'the proxy setting (from VIP_PROXY) is not an http(s) URL' });
    expect(checkOf(run, 'dns').detail).toBe('not tried: the proxy setting is unusable');
    expect(run.stdout).not.toContain('hunter2');
  });

  it('says that HTTPS_PROXY is not read when no proxy is configured', async () => {
    const run = await doctor(['--endpoint', vip.url], { HTTPS_PROXY: 'http://proxy.example:3128' });
    expect(run.code).toBe(0);
    expect(checkOf(run, 'proxy')).toMatchObject({
      verdict: 'pass',
      detail:
        'none configured: connecting directly; HTTPS_PROXY is set, but vip-user-services reads only --proxy and VIP_PROXY: give it there if VIP must be reached through it',
    });
  });
});
