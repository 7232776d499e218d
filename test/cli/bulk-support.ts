/**
 * Helpers of the bulk-job tests: a folder per test, CSV input files, and readers for what a job leaves behind
 * (results, journal, backup) and for the mock's state (through the SDK, as any client would see it).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { VipClient, VipServiceError } from 'vip-user-services';
import type { MockServer } from 'vip-user-services/mock';
import { onTestFinished } from 'vitest';

/** A fresh folder for one test's files, removed when the test ends. */
export async function tempFolder(): Promise<string> {
  const folder = await mkdtemp(join(tmpdir(), 'vip-bulk-'));
  onTestFinished(() => rm(folder, { recursive: true, force: true }));
  return folder;
}

/** Writes `lines` (joined with LF, with a final LF) to `folder/name`; returns the path. */
export async function writeLines(folder: string, name: string, lines: readonly string[]): Promise<string> {
  const path = join(folder, name);
  await writeFile(path, `${lines.join('\n')}\n`);
  return path;
}

/** One line of a results file. */
export interface ResultLine {
  line: string;
  userId: string;
  credentialId: string;
  childAccount: string;
  outcome: string;
  reason: string;
  code: string;
  error: string;
  message: string;
  requestId: string;
}

export async function readResults(path: string): Promise<ResultLine[]> {
  return parse(await readFile(path, 'utf8'), { columns: true }) as ResultLine[];
}

export async function readJsonLines(path: string): Promise<Record<string, unknown>[]> {
  return (await readFile(path, 'utf8'))
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line) => JSON.parse(line) as Record<string, unknown>);
}

/** The users among `userIds` that exist in the mock (looked up 32 at a time), with their credential IDs. */
export async function existingUsers(mock: MockServer, userIds: readonly string[], childAccount?: string): Promise<Map<string, string[]>> {
  const vip = new VipClient({ endpoint: mock.url, tracerProvider: false, meterProvider: false });
  const found = new Map<string, string[]>();
  let next = 0;
  try {
    await Promise.all(
      Array.from({ length: 32 }, async () => {
        while (next < userIds.length) {
          const userId = userIds[next++] as string;
          try {
            const info = await vip.getUserInfo({ userId }, { onBehalfOfAccountId: childAccount });
            found.set(
              userId,
              (info.credentialBindingDetail ?? []).map((binding) => binding.credentialId),
            );
          } catch (error) {
            if (!(error instanceof VipServiceError && error.code === '6003')) throw error;
          }
        }
      }),
    );
  } finally {
    await vip.close();
  }
  return found;
}

/** The row index a bulk request ID names (`b<job>_<row in base 36>_<step>_<random>`). */
export function rowOfRequestId(requestId: string): { row: number; step: string } | undefined {
  const match = /^b[0-9a-f]{8}_([0-9a-z]+)_([A-Za-z0-9]+)_[0-9a-f]{6}$/.exec(requestId);
  return match === null ? undefined : { row: Number.parseInt(match[1] as string, 36), step: match[2] as string };
}

/**
 * Runs a command line as if typed at a terminal (stdin, stdout and stderr are TTYs), typing `keys` once the command
 * waits for them: test/cli/support.ts's `cli` ends stdin at once, which a prompt reads as a cancel.
 */
export async function cliAtTerminal(
  argv: readonly string[],
  options: { cwd: string; keys: string },
): Promise<{ code: number; stdout: string; stderr: string }> {
  const { PassThrough } = await import('node:stream');
  const { runCli } = await import('../../src/cli/program.js');
  const output = () => {
    let text = '';
    const stream = Object.assign(new PassThrough(), { isTTY: true, columns: 120 });
    stream.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    return { stream, text: () => text };
  };
  const stdout = output();
  const stderr = output();
  const stdin = Object.assign(new PassThrough(), { isTTY: true, setRawMode: () => stdin });
  // The prompt listens for keys once it is drawn.
  const typing = setInterval(() => {
    if (stderr.text().includes('Go on?')) {
      clearInterval(typing);
      stdin.write(options.keys);
    }
  }, 10);
  try {
    const code = await runCli(argv, {
      stdout: stdout.stream,
      stderr: stderr.stream,
      stdin,
      env: {},
      cwd: options.cwd,
      signal: new AbortController().signal,
    });
    return { code, stdout: stdout.text(), stderr: stderr.text() };
  } finally {
    clearInterval(typing);
  }
}
