/**
 * `vip-user-services mock` (and the old `vip-mock` bin that forwards to it), run as a child process from source
 * (through tsx): it prints its URL and certificate
 * folder, serves a client that uses those files, prints codes typed on stdin, and stops cleanly on SIGTERM; answers
 * the statuses given with --status; and refuses bad options with the usage text.
 */
import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CredentialRevokedError, NoPushCredentialsError, VipClient } from 'vip-user-services';
import { describe, expect, it } from 'vitest';

const CLI = join(process.cwd(), 'src', 'cli', 'main.ts');
const OLD_BIN = join(process.cwd(), 'src', 'cli', 'vip-mock.ts');

function runCli(args: string[], bin = CLI): ChildProcessWithoutNullStreams {
  const command = bin === CLI ? ['mock', ...args] : args;
  return spawn(process.execPath, ['--import', 'tsx', bin, ...command], { cwd: process.cwd(), stdio: 'pipe' });
}

/** Collects a child's stdout and waits for a line matching `pattern`. */
function outputOf(child: ChildProcessWithoutNullStreams) {
  let text = '';
  const waiters: Array<() => void> = [];
  child.stdout.setEncoding('utf8');
  child.stdout.on('data', (chunk: string) => {
    text += chunk;
    for (const waiter of waiters.splice(0)) waiter();
  });
  return {
    get text() {
      return text;
    },
    async waitFor(pattern: RegExp, timeoutMs = 20_000): Promise<RegExpExecArray> {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const match = pattern.exec(text);
        if (match !== null) return match;
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no ${pattern} in the CLI output:\n${text}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
  };
}

function exitOf(child: ChildProcessWithoutNullStreams): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('vip-user-services mock', () => {
  it('serves a mutual-TLS mock with demo data, prints codes on request, and stops on SIGTERM', async () => {
    const child = runCli(['--tls', '--outcome', 'deny', '--pending-polls', '0']);
    const output = outputOf(child);
    let vip: VipClient | undefined;
    try {
      const url = (await output.waitFor(/listening on (https:\/\/127\.0\.0\.1:\d+)/))[1] as string;
      const directory = (await output.waitFor(/Client certificate files \(removed when the server stops\) in (\S+):/))[1] as string;
      await output.waitFor(/Ctrl\+C stops the server/);
      vip = new VipClient({
        endpoint: url,
        tls: {
          pfx: readFileSync(join(directory, 'client.p12')),
          passphrase: readFileSync(join(directory, 'client.p12.passphrase'), 'utf8'),
          ca: readFileSync(join(directory, 'ca.pem')),
        },
      });
      expect((await vip.getUserInfo({ userId: 'alice@example.com' })).numBindings).toBe(1);

      child.stdin.write('VSMT12345678\n');
      const code = (await output.waitFor(/VSMT12345678: (\d{6})/))[1] as string;
      expect((await vip.authenticateUser({ userId: 'alice@example.com', otpAuthData: { otp: code } })).credentialId).toBe('VSMT12345678');

      const sent = await vip.authenticateUserWithPush({ userId: 'alice@example.com', pushAuthData: {} });
      const polled = await vip.pollPushStatus({ transactionId: [sent.transactionId as string] });
      expect(polled.transactionStatus?.[0]?.status).toBe('7002');

      await vip.close();
      vip = undefined;
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
      expect(output.text).toContain('mock: stopped (SIGTERM)');
      expect(existsSync(directory)).toBe(false);
    } finally {
      await vip?.close();
      if (child.exitCode === null) child.kill('SIGKILL');
    }
  });

  it('answers the statuses given with --status, as many times as asked', async () => {
    const child = runCli(['--status', 'addCredential=600F,times=1', '--status', 'authenticateUserWithPush=6041']);
    const output = outputOf(child);
    let vip: VipClient | undefined;
    try {
      const url = (await output.waitFor(/listening on (http:\/\/127\.0\.0\.1:\d+)/))[1] as string;
      await output.waitFor(/Injected statuses: addCredential answers 600F \(1 time\); authenticateUserWithPush answers 6041\n/);
      const client = new VipClient({ endpoint: url });
      vip = client;
      const bind = () =>
        client.addCredential({
          userId: 'bob@example.com',
          credentialDetail: { credentialId: 'UBHE12345678', credentialType: 'STANDARD_OTP' },
        });
      await expect(bind()).rejects.toBeInstanceOf(CredentialRevokedError);
      expect((await bind()).status).toBe('0000');
      // Without times= the rule lasts.
      for (let attempt = 0; attempt < 2; attempt++) {
        await expect(client.authenticateUserWithPush({ userId: 'alice@example.com', pushAuthData: {} })).rejects.toBeInstanceOf(
          NoPushCredentialsError,
        );
      }
    } finally {
      await vip?.close();
      child.kill('SIGTERM');
      await exitOf(child);
    }
  });

  it.each([
    [['--outcome', 'maybe'], "argument 'maybe' is invalid. Allowed choices are approve, deny, expire, never"],
    [['--status', 'addCredential=60F'], '--status addCredential=60F: status must be four hexadecimal digits like \'600F\', got "60F"'],
    [['--status', 'addCredentials=600F'], '--status addCredentials=600F: Unknown operation "addCredentials"'],
    [['--status', 'addCredential=600F,times=0'], 'times must be a whole number of at least 1'],
    [['--status', 'addCredential=600F,times=two'], 'times takes a whole number, got "two"'],
    [['--status', 'addCredential=600F,every=2'], 'unknown setting "every"; use times=N or detail=CODE'],
  ])('rejects %j with the usage text and exit code 2', async (args, message) => {
    const child = runCli(args);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    expect(await exitOf(child)).toBe(2);
    expect(stderr).toContain(message);
    expect(stderr).toContain('vip-user-services mock --help');
  });

  it('still runs as vip-mock for one release, saying where it moved', async () => {
    const child = runCli(['--port', '0'], OLD_BIN);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    const output = outputOf(child);
    try {
      await output.waitFor(/listening on http:\/\/127\.0\.0\.1:\d+/);
      expect(stderr).toContain('vip-mock has moved: run `vip-user-services mock` instead');
    } finally {
      child.kill('SIGTERM');
      expect(await exitOf(child)).toBe(0);
    }
  });
});
