/**
 * Secrets an everyday command sends (security codes, PINs, temporary codes): read from an environment variable, from
 * stdin when the command offers a `--...-stdin` flag, or at a hidden prompt. Never from argv, which other users can
 * read with `ps` and which lands in shell history; and never written anywhere by this module, error messages
 * included.
 */
import { CliUsageError } from '../exit-codes.js';
import type { CliInput, CliIo } from '../io.js';
import { askSecret, canPrompt } from '../prompts.js';

/** Where one kind of secret may come from. */
export interface SecretSource {
  /** What it is, for prompts and messages, e.g. `security code`. */
  readonly label: string;
  /** The environment variable that may hold it. */
  readonly variable: string;
  /** The flag that makes the command read it from stdin, when the command has one. */
  readonly stdinFlag?: string;
}

export const OTP: SecretSource = { label: 'security code', variable: 'VIP_OTP', stdinFlag: '--otp-stdin' };
export const PIN: SecretSource = { label: 'PIN', variable: 'VIP_PIN' };
export const NEW_PIN: SecretSource = { label: 'new PIN', variable: 'VIP_NEW_PIN' };
export const OLD_PIN: SecretSource = { label: 'current PIN', variable: 'VIP_OLD_PIN' };
export const TEMPORARY_CODE: SecretSource = { label: 'temporary security code', variable: 'VIP_TEMP_CODE', stdinFlag: '--code-stdin' };

/** How to read a secret. */
export interface ReadSecretOptions {
  /** Read the first line of stdin (the command's `stdinFlag` was given) instead of the variable or a prompt. */
  readonly fromStdin?: boolean;
  /** Ask twice at the prompt, for a secret being set: a typo would otherwise lock the user out. */
  readonly confirm?: boolean;
}

/**
 * The secret from stdin (when asked to), else the environment variable, else a hidden prompt.
 * @throws {CliUsageError} when it is empty, the two prompts differ, or nobody can be asked; the message says where
 * the secret may come from and never contains it.
 */
export async function readSecret(io: CliIo, source: SecretSource, options: ReadSecretOptions = {}): Promise<string> {
  if (options.fromStdin === true) return nonEmpty(await firstLine(io.stdin), source, `stdin (${source.stdinFlag ?? ''})`);
  const fromEnvironment = io.env[source.variable];
  if (fromEnvironment !== undefined) return nonEmpty(fromEnvironment, source, source.variable);
  if (!canPrompt(io)) throw new CliUsageError(`the ${source.label} is missing: ${whereFrom(source)}`);
  const typed = await askSecret(io, capitalise(source.label));
  if (typed === undefined) throw new CliUsageError(`the ${source.label} is missing: ${whereFrom(source)}`);
  if (options.confirm === true && (await askSecret(io, `${capitalise(source.label)} again`)) !== typed) {
    throw new CliUsageError(`the two ${source.label}s typed differ; nothing was sent`);
  }
  return nonEmpty(typed, source, 'the prompt');
}

/** Where a secret may come from, for messages and help. */
export function whereFrom(source: SecretSource): string {
  const stdin = source.stdinFlag === undefined ? '' : `, pipe it with ${source.stdinFlag}`;
  return `set ${source.variable}${stdin}, or run in a terminal to be asked (it is never taken from the command line)`;
}

function nonEmpty(value: string, source: SecretSource, origin: string): string {
  if (value === '') throw new CliUsageError(`the ${source.label} from ${origin} is empty; nothing was sent`);
  return value;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The first line of a stream, without its line ending or surrounding blanks; stops reading once it has it. */
async function firstLine(input: CliInput): Promise<string> {
  let text = '';
  input.setEncoding('utf8');
  for await (const chunk of input) {
    text += chunk as string;
    if (text.includes('\n')) break;
  }
  return (text.split('\n')[0] ?? '').trim();
}
