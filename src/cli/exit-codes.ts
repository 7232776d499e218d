/**
 * The exit codes of `vip-user-services`, so scripts can tell what went wrong without parsing text. Documented in the
 * README's command-line section and printed by `vip-user-services --help`.
 */
import { VipAbortError, VipConfigurationError, VipServiceError, VipValidationError } from '../index.js';

export const EXIT = {
  /** Everything asked for was done. */
  ok: 0,
  /** VIP answered with a status that refuses the request (printed with its code and class name). */
  refused: 1,
  /** The command line, configuration or an argument is wrong; nothing was sent. */
  usage: 2,
  /** VIP could not be reached or answered with something that is not a VIP answer (TLS, DNS, timeout, HTTP, XML). */
  transport: 3,
  /** A bulk job finished with failed rows, or `doctor` found a failing check. */
  incomplete: 4,
  /** Stopped by Ctrl-C or SIGTERM; a bulk job can be resumed by running the same command again. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];

/** The exit code for an error that ended a command. */
export function exitCodeFor(error: unknown): ExitCode {
  if (error instanceof VipServiceError) return EXIT.refused;
  if (error instanceof VipAbortError || error instanceof CliCancelledError) return EXIT.interrupted;
  if (error instanceof VipValidationError || error instanceof VipConfigurationError || error instanceof CliUsageError) {
    return EXIT.usage;
  }
  // Connection, TLS, timeout, HTTP, XML and SOAP Fault failures, and anything unexpected.
  return EXIT.transport;
}

/**
 * A mistake on the command line or in the configuration that the CLI itself finds (a missing file, a flag that needs
 * another). Exit code 2, printed without a stack.
 */
export class CliUsageError extends Error {
  override readonly name = 'CliUsageError';
}

/** A person declined or cancelled a prompt (answered no, pressed Ctrl-C or Escape): exit 130, nothing sent. */
export class CliCancelledError extends Error {
  override readonly name = 'CliCancelledError';
}

/**
 * What failed, for stderr: the VIP status, class and what to do for refusals; the class and message otherwise (the
 * SDK's messages already name the operation and request ID).
 */
export function describeFailure(error: unknown): string {
  if (error instanceof VipServiceError) {
    const solution = error.solution === undefined ? '' : `\n  what to do: ${error.solution}`;
    return `VIP refused (status ${error.code}, ${error.name}): ${error.message}${solution}`;
  }
  if (error instanceof CliUsageError || error instanceof CliCancelledError) return error.message;
  if (error instanceof Error) return `${error.name}: ${error.message}`;
  return String(error);
}
