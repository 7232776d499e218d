#!/usr/bin/env node
/**
 * The `vip-mock` command: starts the mock server with the demo data, prints where it listens (and, with --tls, where
 * the throwaway client certificate files are), prints security codes on request, and stops cleanly on Ctrl+C or
 * SIGTERM. During development: `npx tsx src/mock/cli.ts --tls`.
 */
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { CHILD_ACCOUNT_ID } from './model/vip-model.js';
import { DEMO } from './model/seed.js';
import { checkPendingPolls, checkPushOutcome } from './options.js';
import { startMockServer } from './server.js';
import type { MockServer, MockServerOptions, MockTlsMaterial } from './types.js';

const USAGE = `Usage: vip-mock [--port N] [--host H] [--tls] [--outcome approve|deny|expire|never] [--pending-polls N]

Starts a local, stateful stand-in for VIP User Services with demo data.

  --port N           TCP port (default: a free one)
  --host H           address to listen on (default: 127.0.0.1)
  --tls              HTTPS with mutual TLS; writes a throwaway CA and client certificate to a temporary folder
  --outcome O        how pushes end: approve (default), deny, expire or never
  --pending-polls N  polls answered "in progress" before the outcome (default: 1)
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

function parseOptions(argv: string[]): MockServerOptions | 'help' {
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
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const { values } = parsed;
  if (values.help === true) return 'help';
  const number = (name: string, value: unknown): number | undefined => {
    if (value === undefined) return undefined;
    if (typeof value !== 'string' || !/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, got ${String(value)}`);
    return Number(value);
  };
  try {
    return {
      port: number('port', values.port),
      host: values.host as string | undefined,
      tls: values.tls === true,
      seed: true,
      push: {
        outcome: checkPushOutcome(values.outcome ?? 'approve'),
        pendingPolls: checkPendingPolls(number('pending-polls', values['pending-polls']) ?? 1),
      },
    };
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

function describeServer(mock: MockServer, options: MockServerOptions, tlsDirectory: string | undefined): string {
  const lines = [
    `VIP mock server listening on ${mock.url}`,
    `  Demo users: ${DEMO.alice} (ACTIVE, VIP Access credential ${DEMO.aliceCredential}), ${DEMO.bob} (ACTIVE), ${DEMO.carol} (LOCKED)`,
    `  Child account for onBehalfOfAccountId: ${CHILD_ACCOUNT_ID}`,
    `  Pushes end with: ${options.push?.outcome} (after ${options.push?.pendingPolls} pending poll(s))`,
  ];
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
  let options: MockServerOptions | 'help';
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
  const mock = await startMockServer(options);
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
