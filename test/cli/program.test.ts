/**
 * The command line's frame: help, version, configuration precedence (flags > environment > config file), the
 * passphrase rule, and the exit codes that tell success, VIP refusal, bad usage and transport failure apart.
 */
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { VERSION } from 'vip-user-services';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli, jsonOf } from './support.js';

let mock: MockServer;
let folder: string;
beforeAll(async () => {
  mock = await startMockServer({ seed: true });
  folder = await mkdtemp(join(tmpdir(), 'vip-cli-'));
});
afterAll(async () => {
  await mock.close();
});

describe('vip-user-services: the frame', () => {
  it('prints help with every global option and the exit codes, exit 0', async () => {
    const run = await cli(['--help']);
    expect(run.code).toBe(0);
    for (const flag of [
      '--endpoint',
      '--mock',
      '--api-version',
      '--cert-p12',
      '--cert-pem',
      '--key-pem',
      '--ca',
      '--child-account',
      '--proxy',
      '--timeout',
      '--config',
      '--json',
    ]) {
      expect(run.stdout).toContain(flag);
    }
    expect(run.stdout).toContain('130  interrupted');
    expect(run.stdout).not.toContain('--passphrase');
  });

  it('prints the version', async () => {
    const run = await cli(['--version']);
    expect(run.stdout.trim()).toBe(VERSION);
    expect(run.code).toBe(0);
  });

  it('calls an unknown command or option bad usage, exit 2', async () => {
    const unknownCommand = await cli(['frobnicate']);
    expect(unknownCommand.code).toBe(2);
    expect(unknownCommand.stderr).toMatch(/unknown command 'frobnicate'/);
    const unknownOption = await cli(['server-time', '--frobnicate']);
    expect(unknownOption.code).toBe(2);
    expect(unknownOption.stderr).toMatch(/unknown option '--frobnicate'/);
  });

  it.each(['--passphrase', '--password'])('refuses a passphrase given with %s without echoing it, exit 2', async (flag) => {
    const run = await cli([flag, 'hunter2-secret', '--endpoint', mock.url, 'server-time']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('never taken from the command line');
    expect(run.stdout + run.stderr).not.toContain('hunter2-secret');
    expect(mock.requests).toHaveLength(0);
  });

  it('takes the endpoint from the flag before the environment before the config file', async () => {
    const config = join(folder, 'precedence.json');
    await writeFile(config, JSON.stringify({ endpoint: 'http://127.0.0.1:9' }));
    const fromFile = await cli(['--config', config, 'server-time']);
    expect(fromFile.code).toBe(3);
    expect(fromFile.stderr).toContain('127.0.0.1:9');
    const fromEnvironment = await cli(['--config', config, 'server-time', '--json'], { env: { VIP_ENDPOINT: mock.url } });
    expect(fromEnvironment.code).toBe(0);
    const fromFlag = await cli(['--endpoint', mock.url, 'server-time'], {
      env: { VIP_ENDPOINT: 'http://127.0.0.1:9', VIP_CONFIG: config },
    });
    expect(fromFlag.code).toBe(0);
  });

  it.each([
    [{ passphrase: 'x' }, /passphrases are never read from files/],
    [{ endpoint: 5 }, /"endpoint" must be a string/],
    [{ endpoit: 'x' }, /unknown key "endpoit"/],
    [[1], /must hold a JSON object/],
  ])('refuses the config file %j, exit 2', async (content, message) => {
    const config = join(folder, `bad-${Math.random()}.json`);
    await writeFile(config, JSON.stringify(content));
    const run = await cli(['--config', config, 'server-time']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).not.toContain('"x"');
  });

  it('names a config file that is missing or not JSON', async () => {
    expect((await cli(['--config', join(folder, 'none.json'), 'server-time'])).stderr).toMatch(/cannot read the config file .*none\.json/);
    const broken = join(folder, 'broken.json');
    await writeFile(broken, '{ endpoint');
    expect((await cli(['--config', broken, 'server-time'])).stderr).toMatch(/is not valid JSON/);
  });

  it.each([
    [['--api-version', '1.9'], /--api-version must be 1\.8 or 1\.10, got "1\.9"/],
    [['--timeout', '0'], /--timeout takes milliseconds/],
    [['--timeout', '1.5'], /--timeout takes milliseconds/],
    [['--cert-pem', 'c.pem'], /needs both the certificate and its key: --key-pem \(or VIP_KEY_PEM\) is missing/],
    [['--cert-p12', 'a.p12', '--cert-pem', 'c.pem', '--key-pem', 'k.pem'], /both a PKCS#12 file \(--cert-p12\) and PEM files/],
    [['--cert-p12', 'missing.p12'], /cannot read the PKCS#12 file .*missing\.p12 \(from --cert-p12\): no such file/],
  ])('refuses %j before sending anything, exit 2', async (flags, message) => {
    const before = mock.requests.length;
    const run = await cli([...flags, '--endpoint', mock.url, 'server-time'], { cwd: folder });
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(mock.requests).toHaveLength(before);
  });

  it('needs a passphrase for a .p12 from the environment or a terminal', async () => {
    const p12 = join(folder, 'client.p12');
    await writeFile(p12, Buffer.from([0x30, 0x82]));
    const run = await cli(['--cert-p12', p12, '--endpoint', mock.url, 'server-time']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('needs a passphrase: set VIP_CERT_PASSPHRASE');
  });

  it('exits 1 with the status code and class name when VIP refuses', async () => {
    const remove = mock.inject({ operation: 'getServerTime', status: '6003', times: 1 });
    try {
      const run = await cli(['--endpoint', mock.url, 'server-time']);
      expect(run.code).toBe(1);
      expect(run.stderr).toMatch(/VIP refused \(status 6003, UserNotFoundError\)/);
    } finally {
      remove();
    }
  });

  it('exits 3 when VIP cannot be reached', async () => {
    const run = await cli(['--endpoint', 'http://127.0.0.1:9', '--timeout', '2000', 'server-time']);
    expect(run.code).toBe(3);
    expect(run.stderr).toMatch(/VipConnectionError/);
  });

  it('prints results as one JSON document with --json', async () => {
    const run = await cli(['--endpoint', mock.url, '--json', 'server-time']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      serverTime: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      skewMs: expect.any(Number),
      latencyMs: expect.any(Number),
      requestId: expect.any(String),
    });
  });

  it('starts and stops an embedded mock with --mock', async () => {
    const run = await cli(['--mock', 'server-time']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/server time: +\d{4}-/);
  });
});
