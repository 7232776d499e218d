/** The "Example(s):" block every everyday command ends its `--help` with, in the form server-time uses. */
import type { Command } from 'commander';

/**
 * Appends examples to a command's help.
 * @param lines Whole shell command lines (`vip-user-services ...`, with any environment variables or pipe before it).
 * @returns The same command, for chaining.
 */
export function withExamples(command: Command, ...lines: readonly string[]): Command {
  const heading = lines.length === 1 ? 'Example' : 'Examples';
  return command.addHelpText('after', `\n${heading}:\n${lines.map((line) => `  $ ${line}`).join('\n')}`);
}
