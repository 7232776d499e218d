/**
 * `mock`: starts the stateful mock server with the demo data (and any `--status` rules), prints where it listens
 * (and, with --tls, where the throwaway client certificate files are), prints security codes for credential IDs
 * typed on stdin, and stops cleanly on Ctrl-C or SIGTERM.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Option } from 'commander';
import type { OperationName } from '../../index.js';
import { CHILD_ACCOUNT_ID, DEMO_DATA, type MockServer, type MockTlsMaterial, type StatusRule, startMockServer } from '../../mock/index.js';
import { CliUsageError } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import type { RegisterCommand } from '../program.js';

/** The file names the client material is written under, with --tls. */
const TLS_FILES = {
  ca: 'ca.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
  clientPfx: 'client.p12',
  passphrase: 'client.p12.passphrase',
} as const;

interface MockFlags {
  port?: string;
  host?: string;
  tls?: boolean;
  outcome: string;
  pendingPolls: string;
  numberChallenge?: boolean;
  status: string[];
}

export const registerMock: RegisterCommand = (program, act) => {
  program
    .command('mock')
    .description('run a local, stateful stand-in for VIP User Services with demo data, until Ctrl-C')
    .option('--port <n>', 'TCP port (default: a free one)')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--tls', 'HTTPS with mutual TLS; writes a throwaway CA and client certificate to a temporary folder')
    .addOption(new Option('--outcome <outcome>', 'how pushes end').choices(['approve', 'deny', 'expire', 'never']).default('approve'))
    .option('--pending-polls <n>', 'polls answered "in progress" before the outcome', '1')
    .option('--number-challenge', 'pushes carry a number to match (API 1.10 callers only)')
    .option(
      '--status <rule>',
      'answer [OPERATION=]CODE instead of running the operation, e.g. addCredential=600F,times=1 (repeatable; ' +
        'detail=CODE adds a detail code)',
      (rule: string, rules: string[]) => [...rules, rule],
      [],
    )
    .addHelpText(
      'after',
      '\nExamples:\n  $ vip-user-services mock --port 8080\n  $ vip-user-services mock --tls --outcome deny --status authenticateUserWithPush=6041,times=1',
    )
    .action(
      act(async ({ io }, flags: MockFlags) => {
        const statuses = flags.status.map(parseStatusRule);
        let mock: MockServer;
        try {
          mock = await startMockServer({
            port: wholeNumber('--port', flags.port ?? '0'),
            host: flags.host ?? '127.0.0.1',
            tls: flags.tls === true,
            seed: true,
            push: {
              outcome: flags.outcome as 'approve',
              pendingPolls: wholeNumber('--pending-polls', flags.pendingPolls),
              ...(flags.numberChallenge === true ? { numberChallenge: true } : {}),
            },
          });
        } catch (error) {
          throw error instanceof TypeError || error instanceof RangeError ? new CliUsageError(error.message) : error;
        }
        try {
          for (const rule of statuses) {
            try {
              mock.inject(rule);
            } catch (error) {
              throw new CliUsageError(`--status ${rule.operation ?? ''}=${rule.status}: ${(error as Error).message}`);
            }
          }
          const tlsDirectory = mock.tls === undefined ? undefined : await writeTlsFiles(mock.tls);
          io.stdout.write(`${describeServer(mock, flags, statuses, tlsDirectory)}\n`);
          const stopReading = serveCodes(mock, io);
          const reason = await stopped(io.signal);
          stopReading();
          if (tlsDirectory !== undefined) await rm(tlsDirectory, { recursive: true, force: true });
          io.stdout.write(`mock: stopped (${reason})\n`);
        } finally {
          await mock.close();
        }
      }),
    );
};

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value)) throw new CliUsageError(`${flag} takes a whole number, got ${JSON.stringify(value)}`);
  return Number(value);
}

/** Reads one `--status [OPERATION=]CODE[,times=N][,detail=CODE]`; the server checks the rest when it is injected. */
function parseStatusRule(spec: string): StatusRule {
  const [target = '', ...settings] = spec.split(',');
  const equals = target.indexOf('=');
  const rule: StatusRule = { status: target.slice(equals + 1) };
  if (equals !== -1) rule.operation = target.slice(0, equals) as OperationName;
  for (const setting of settings) {
    const [key, value = ''] = setting.split('=', 2);
    if (key === 'times') rule.times = wholeNumber(`--status ${spec}: times`, value);
    else if (key === 'detail') rule.detail = value;
    else throw new CliUsageError(`--status ${spec}: unknown setting ${JSON.stringify(key)}; use times=N or detail=CODE`);
  }
  return rule;
}

/** Writes the client's certificate material for other programs to use; keys and passphrase readable by the owner only. */
async function writeTlsFiles(material: MockTlsMaterial): Promise<string> {
  const directory = await mkdtemp(join(tmpdir(), 'vip-mock-'));
  const privateFile = async (name: string, content: string | Buffer) => {
    await writeFile(join(directory, name), content, { mode: 0o600 });
    await chmod(join(directory, name), 0o600);
  };
  await writeFile(join(directory, TLS_FILES.ca), material.ca);
  await writeFile(join(directory, TLS_FILES.clientCert), material.clientCert);
  await privateFile(TLS_FILES.clientKey, material.clientKey);
  await privateFile(TLS_FILES.clientPfx, material.clientPfx);
  await privateFile(TLS_FILES.passphrase, material.pfxPassphrase);
  return directory;
}

function describeStatusRule(rule: StatusRule): string {
  const times = rule.times === undefined ? '' : ` (${rule.times} time${rule.times === 1 ? '' : 's'})`;
  const detail = rule.detail === undefined ? '' : ` with detail ${rule.detail}`;
  return `${rule.operation ?? 'every operation'} answers ${rule.status}${detail}${times}`;
}

function describeServer(mock: MockServer, flags: MockFlags, statuses: StatusRule[], tlsDirectory: string | undefined): string {
  const lines = [
    `VIP mock server listening on ${mock.url}`,
    `  Demo users: ${DEMO_DATA.alice} (ACTIVE, VIP Access credential ${DEMO_DATA.aliceCredential}), ${DEMO_DATA.bob} (ACTIVE), ${DEMO_DATA.carol} (LOCKED)`,
    `  Child account for onBehalfOfAccountId: ${CHILD_ACCOUNT_ID}`,
    `  Pushes end with: ${flags.outcome} (after ${flags.pendingPolls} pending poll(s))${flags.numberChallenge === true ? ', with a number challenge' : ''}`,
  ];
  if (statuses.length > 0) lines.push(`  Injected statuses: ${statuses.map(describeStatusRule).join('; ')}`);
  if (tlsDirectory === undefined) {
    lines.push(
      '  Connect with:',
      `    new VipClient({ endpoint: '${mock.url}' })`,
      `    vip-user-services --endpoint ${mock.url} server-time`,
    );
  } else {
    const file = (name: string) => JSON.stringify(join(tlsDirectory, name));
    lines.push(
      `  Client certificate files (removed when the server stops) in ${tlsDirectory}:`,
      `    ${TLS_FILES.ca}, ${TLS_FILES.clientCert}, ${TLS_FILES.clientKey}, ${TLS_FILES.clientPfx} (its passphrase is in ${TLS_FILES.passphrase})`,
      '  Connect with:',
      `    new VipClient({ endpoint: '${mock.url}', tls: { pfx: readFileSync(${file(TLS_FILES.clientPfx)}), ` +
        `passphrase: readFileSync(${file(TLS_FILES.passphrase)}, 'utf8'), ca: readFileSync(${file(TLS_FILES.ca)}) } })`,
      `    vip-user-services --endpoint ${mock.url} --cert-pem ${file(TLS_FILES.clientCert)} --key-pem ${file(TLS_FILES.clientKey)} --ca ${file(TLS_FILES.ca)} server-time`,
    );
  }
  lines.push(
    `Type a credential ID (e.g. ${DEMO_DATA.aliceCredential}) and press Enter to see its current security code. Ctrl+C stops the server.`,
  );
  return lines.join('\n');
}

/** Answers credential IDs typed on stdin with their current security code. */
function serveCodes(mock: MockServer, io: CliIo): () => void {
  const input = createInterface({ input: io.stdin, terminal: false });
  input.on('line', (line) => {
    const credentialId = line.trim();
    if (credentialId === '') return;
    try {
      io.stdout.write(`${credentialId}: ${mock.otp(credentialId)}\n`);
    } catch (error) {
      io.stdout.write(`${credentialId}: ${(error as Error).message}\n`);
    }
  });
  // Input may end (e.g. stdin is /dev/null) while the server keeps running; nothing to do then.
  return () => input.close();
}

/** Resolves with the signal's reason (e.g. `SIGINT`) once the command is interrupted. */
function stopped(signal: AbortSignal): Promise<string> {
  return new Promise((resolve) => {
    if (signal.aborted) resolve(String(signal.reason));
    else signal.addEventListener('abort', () => resolve(String(signal.reason)), { once: true });
  });
}
