/**
 * What a command touches outside itself: the standard streams, the environment and the working directory. The bin
 * passes the process's; tests pass their own, so every command runs in-process with captured output.
 */
import type { Readable, Writable } from 'node:stream';

/** An output stream, with the terminal facts Node sets on a TTY. */
export type CliOutput = Writable & { isTTY?: boolean; columns?: number };

/** An input stream, with the terminal facts Node sets on a TTY. */
export type CliInput = Readable & { isTTY?: boolean; setRawMode?: (mode: boolean) => unknown };

export interface CliIo {
  readonly stdout: CliOutput;
  readonly stderr: CliOutput;
  readonly stdin: CliInput;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** Folder relative paths (CSV files, results, config) are resolved against. */
  readonly cwd: string;
  /**
   * Aborted on Ctrl-C or SIGTERM: calls in flight are cancelled, bulk jobs stop taking rows and write their state.
   * The bin wires it to the process's signals.
   */
  readonly signal: AbortSignal;
}

/** The process's streams, environment and signals; a second Ctrl-C exits at once. */
export function processIo(): CliIo {
  const interrupt = new AbortController();
  const onSignal = (signal: NodeJS.Signals) => {
    if (interrupt.signal.aborted) process.exit(130);
    interrupt.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    stdout: process.stdout,
    stderr: process.stderr,
    stdin: process.stdin,
    env: process.env,
    cwd: process.cwd(),
    signal: interrupt.signal,
  };
}
