/**
 * The two questions the CLI may ask on a terminal: a hidden secret and a yes/no confirmation. Without a terminal
 * (scripts, CI, pipes) nothing is asked: the caller gets `undefined` and says which flag or variable to use instead.
 * A person who cancels (Ctrl-C, Escape) or answers no ends the command with exit 130 and nothing sent.
 */
import { confirm, isCancel, password } from '@clack/prompts';
import { CliCancelledError } from './exit-codes.js';
import type { CliIo } from './io.js';

/** Whether a person can answer: stdin and stderr are terminals (stdout may be redirected to a file). */
export function canPrompt(io: CliIo): boolean {
  return io.stdin.isTTY === true && io.stderr.isTTY === true;
}

/**
 * Asks for a secret without echoing it (each key shows as `*`); the prompt goes to stderr so stdout stays clean.
 * @returns The text typed, or undefined without a terminal.
 * @throws {CliCancelledError} when the person cancels.
 */
export async function askSecret(io: CliIo, message: string): Promise<string | undefined> {
  if (!canPrompt(io)) return undefined;
  const answer = await password({ message, mask: '*', input: io.stdin, output: io.stderr, signal: io.signal });
  if (isCancel(answer)) throw new CliCancelledError('cancelled at the prompt; nothing was sent');
  return answer;
}

/**
 * Asks a yes/no question, defaulting to no; returns only on yes.
 * @param declined What the command says when the answer is no, e.g. "dave@example.com was not deleted".
 * @throws {CliCancelledError} on no, on cancel, and without a terminal (callers check {@link canPrompt} first to
 * name the flag that skips the question).
 */
export async function confirmOrStop(io: CliIo, message: string, declined: string): Promise<void> {
  const answer = canPrompt(io)
    ? await confirm({ message, initialValue: false, input: io.stdin, output: io.stderr, signal: io.signal })
    : false;
  if (answer !== true) throw new CliCancelledError(`not confirmed: ${declined}`);
}
