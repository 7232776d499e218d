/**
 * The two questions the CLI may ask on a terminal: a hidden passphrase and a yes/no confirmation. Without a terminal
 * (scripts, CI, pipes) nothing is asked: the caller gets `undefined` and says which flag or variable to use instead.
 */
import { confirm, isCancel, password } from '@clack/prompts';
import type { CliIo } from './io.js';

/** Whether a person can answer: stdin and stderr are terminals (stdout may be redirected to a file). */
export function canPrompt(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true;
}

/**
 * Asks for a secret without echoing it (each key shows as `*`); the prompt goes to stderr so stdout stays clean.
 * @returns The text typed, or undefined without a terminal or when the person cancels (Ctrl-C, Escape).
 */
export async function askSecret(io: CliIo, message: string): Promise<string | undefined> {
  if (!canPrompt(io)) return undefined;
  const answer = await password({ message, mask: '*', input: io.stdin, output: io.stderr, signal: io.signal });
  return isCancel(answer) ? undefined : answer;
}

/**
 * Asks a yes/no question, defaulting to no.
 * @returns true only for an explicit yes; false without a terminal or when cancelled.
 */
export async function askConfirmation(io: CliIo, message: string): Promise<boolean> {
  if (!canPrompt(io)) return false;
  const answer = await confirm({ message, initialValue: false, input: io.stdin, output: io.stderr, signal: io.signal });
  return answer === true;
}
