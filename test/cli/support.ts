/**
 * Runs `vip-user-services` command lines in-process with captured streams, a chosen environment and working
 * folder: the same `runCli` the bin calls, without a process start per case. Bin-level behaviour (signals, exit
 * status of the real process) is tested by spawning `src/cli/main.ts`.
 */
import { PassThrough } from 'node:stream';
import { runCli } from '../../src/cli/program.js';

export interface CliRun {
  /** The exit code the bin would end with. */
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  /** Environment variables; the process's are not inherited, so a developer's VIP_* settings never leak in. */
  env?: Record<string, string | undefined>;
  cwd?: string;
  /** Text on stdin. */
  stdin?: string;
  /** Pretend stdout/stderr/stdin are terminals (progress bars, prompts). */
  tty?: boolean;
  /** Aborts like Ctrl-C would. */
  signal?: AbortSignal;
}

/** Runs one command line and collects what it printed. */
export async function cli(argv: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  const stdout = capture(options.tty === true);
  const stderr = capture(options.tty === true);
  const stdin = Object.assign(new PassThrough(), { isTTY: options.tty === true });
  stdin.end(options.stdin ?? '');
  const code = await runCli(argv, {
    stdout: stdout.stream,
    stderr: stderr.stream,
    stdin,
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    signal: options.signal ?? new AbortController().signal,
  });
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

function capture(tty: boolean) {
  const chunks: Buffer[] = [];
  const stream = Object.assign(new PassThrough(), tty ? { isTTY: true, columns: 120 } : {});
  stream.on('data', (chunk: Buffer) => chunks.push(chunk));
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The one JSON document a `--json` command printed on stdout (the last line, for jobs that print progress first). */
export function jsonOf(run: CliRun): unknown {
  const lines = run.stdout.trim().split('\n');
  return JSON.parse(lines.at(-1) ?? 'null');
}
