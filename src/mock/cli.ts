#!/usr/bin/env node
/**
 * The `vip-mock` command: starts the mock server with the demo data (and any `--status` rules), prints where it
 * listens (and, with --tls, where the throwaway client certificate files are), prints security codes on request,
 * and stops cleanly on Ctrl+C or SIGTERM. During development: `npx tsx src/mock/cli.ts --tls`.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import type { OperationName } from '../generated/operations.js';
import { checkFaultRule } from './faults.js';
import { CHILD_ACCOUNT_ID } from './model/vip-model.js';
import { DEMO } from './model/seed.js';
import { checkPendingPolls, checkPushOutcome } from './options.js';
import { startMockServer } from './server.js';
import type { MockServer, MockServerOptions, MockTlsMaterial, StatusRule } from './types.js';

const USAGE = `Usage: vip-mock [--port N] [--host H] [--tls] [--outcome approve|deny|expire|never] [--pending-polls N]
                [--status [OPERATION=]CODE[,times=N][,detail=CODE]]...

Starts a local, stateful stand-in for VIP User Services with demo data.

  --port N           TCP port (default: a free one)
  --host H           address to listen on (default: 127.0.0.1)
  --tls              HTTPS with mutual TLS; writes a throwaway CA and client certificate to a temporary folder
  --outcome O        how pushes end: approve (default), deny, expire or never
  --pending-polls N  polls answered "in progress" before the outcome (default: 1)
  --status RULE      answer with a VIP status instead of running the operation, e.g. addCredential=600F,times=1
                     or authenticateUserWithPush=6041 (repeatable). Without OPERATION= every operation answers
                     CODE; without times= the rule lasts until the server stops; detail= adds a detail code.
  -h, --help         show this text`;

/** The file names the client material is written under, with --tls. */
const TLS_FILES = {
  ca: 'ca.pem',
  clientCert: 'client.pem',
  clientKey: 'client-key.pem',
  clientPfx: 'client.p12',
  passphrase: 'client.p12.passphrase',
} as const;

/** A mistake on the command line: printed with the usage text, exit code 2. */
class UsageError extends Error {}

/** What the command line asks for: the server's options and the status rules to inject once it runs. */
interface CliOptions {
  server: MockServerOptions;
  statuses: StatusRule[];
}

function wholeNumber(name: string, value: unknown): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`${name} takes a whole number, got ${String(value)}`);
  return Number(value);
}

/** Reads one `--status [OPERATION=]CODE[,times=N][,detail=CODE]`, checked as inject() would check it. */
function parseStatusRule(spec: string): StatusRule {
  const [target = '', ...settings] = spec.split(',');
  const equals = target.indexOf('=');
  const rule: StatusRule = { status: target.slice(equals + 1) };
  if (equals !== -1) rule.operation = target.slice(0, equals) as OperationName;
  for (const setting of settings) {
    const [key, value] = setting.split('=', 2);
    if (key === 'times') rule.times = wholeNumber(`--status ${spec}: times`, value ?? '');
    else if (key === 'detail') rule.detail = value ?? '';
    else throw new UsageError(`--status ${spec}: unknown setting ${JSON.stringify(key)}; use times=N or detail=CODE`);
  }
  try {
    checkFaultRule(rule);
  } catch (error) {
    throw new UsageError(`--status ${spec}: ${(error as Error).message}`);
  }
  return rule;
}

function parseOptions(argv: string[]): CliOptions | 'help' {
  let parsed: ReturnType<typeof parseArgs>;
  try {
    parsed = parseArgs({
      args: argv,
      options: {
        port: { type: 'string' },
        host: { type: 'string' },
        tls: { type: 'boolean' },
        outcome: { type: 'string' },
        'pending-polls': { type: 'string' },
        status: { type: 'string', multiple: true },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help === true) return 'help';
  try {
    const server: MockServerOptions = {
      port: wholeNumber('--port', values.port),
      host: values.host as string | undefined,
      tls: values.tls === true,
      seed: true,
      push: {
        outcome: checkPushOutcome(values.outcome ?? 'approve'),
        pendingPolls: checkPendingPolls(wholeNumber('--pending-polls', values['pending-polls']) ?? 1),
      },
    };
    return { server, statuses: ((values.status ?? []) as string[]).map(parseStatusRule) };
  } catch (error) {
    throw error instanceof UsageError ? error : new UsageError((error as Error).message);
  }
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

function describeServer(mock: MockServer, options: CliOptions, tlsDirectory: string | undefined): string {
  const { push } = options.server;
  const lines = [
    `VIP mock server listening on ${mock.url}`,
    `  Demo users: ${DEMO.alice} (ACTIVE, VIP Access credential ${DEMO.aliceCredential}), ${DEMO.bob} (ACTIVE), ${DEMO.carol} (LOCKED)`,
    `  Child account for onBehalfOfAccountId: ${CHILD_ACCOUNT_ID}`,
    `  Pushes end with: ${push?.outcome} (after ${push?.pendingPolls} pending poll(s))`,
  ];
  if (options.statuses.length > 0) lines.push(`  Injected statuses: ${options.statuses.map(describeStatusRule).join('; ')}`);
  if (tlsDirectory === undefined) {
    lines.push('  Connect with:', `    new VipClient({ endpoint: '${mock.url}' })`);
  } else {
    const file = (name: string) => JSON.stringify(join(tlsDirectory, name));
    lines.push(
      `  Client certificate files (removed when the server stops) in ${tlsDirectory}:`,
      `    ${TLS_FILES.ca}, ${TLS_FILES.clientCert}, ${TLS_FILES.clientKey}, ${TLS_FILES.clientPfx} (its passphrase is in ${TLS_FILES.passphrase})`,
      '  Connect with:',
      `    new VipClient({ endpoint: '${mock.url}', tls: { pfx: readFileSync(${file(TLS_FILES.clientPfx)}), ` +
        `passphrase: readFileSync(${file(TLS_FILES.passphrase)}, 'utf8'), ca: readFileSync(${file(TLS_FILES.ca)}) } })`,
    );
  }
  lines.push(
    `Type a credential ID (e.g. ${DEMO.aliceCredential}) and press Enter to see its current security code. Ctrl+C stops the server.`,
  );
  return lines.join('\n');
}

/** Answers credential IDs typed on stdin with their current security code. */
function serveCodes(mock: MockServer): () => void {
  const input = createInterface({ input: process.stdin, terminal: false });
  input.on('line', (line) => {
    const credentialId = line.trim();
    if (credentialId === '') return;
    try {
      process.stdout.write(`${credentialId}: ${mock.otp(credentialId)}\n`);
    } catch (error) {
      process.stdout.write(`${credentialId}: ${(error as Error).message}\n`);
    }
  });
  // Input may end (e.g. stdin is /dev/null) while the server keeps running; nothing to do then.
  return () => input.close();
}

async function main(argv: string[]): Promise<void> {
  let options: CliOptions | 'help';
  try {
    options = parseOptions(argv);
  } catch (error) {
    process.stderr.write(`vip-mock: ${(error as Error).message}\n\n${USAGE}\n`);
    process.exitCode = 2;
    return;
  }
  if (options === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  const mock = await startMockServer(options.server);
  for (const rule of options.statuses) mock.inject(rule);
  const tlsDirectory = mock.tls === undefined ? undefined : await writeTlsFiles(mock.tls);
  process.stdout.write(`${describeServer(mock, options, tlsDirectory)}\n`);
  const stopReading = serveCodes(mock);
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    stopReading();
    await mock.close();
    if (tlsDirectory !== undefined) await rm(tlsDirectory, { recursive: true, force: true });
    process.stdout.write(`vip-mock: stopped (${signal})\n`);
    process.exit(0);
  };
  process.on('SIGINT', (signal) => void stop(signal));
  process.on('SIGTERM', (signal) => void stop(signal));
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`vip-mock: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
