/**
 * docs/cli.md stays true to the command line: every command and every long option the program defines is on the
 * page, and every command the page names exists.
 */
import { readFileSync } from 'node:fs';
import { PassThrough } from 'node:stream';
import type { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/program.js';

const page = readFileSync(new URL('../../docs/cli.md', import.meta.url), 'utf8');
const stream = new PassThrough();
const program = buildProgram(
  { stdout: stream, stderr: stream, stdin: stream, env: {}, cwd: process.cwd(), signal: new AbortController().signal },
  () => async () => undefined,
);

/** Every command as its words (`bulk create-users`), with its long options. */
function commands(command: Command, path: string[] = []): Array<{ path: string; options: string[] }> {
  const found: Array<{ path: string; options: string[] }> = [];
  for (const child of command.commands) {
    if (child.name() === 'help') continue;
    const words = [...path, child.name()];
    const options = child.options.filter((option) => !option.hidden && option.long !== '--help').map((option) => option.long as string);
    if (child.commands.length === 0) found.push({ path: words.join(' '), options });
    found.push(...commands(child, words));
  }
  return found;
}

describe('docs/cli.md', () => {
  const all = commands(program);

  it('finds the commands', () => {
    expect(all.length).toBeGreaterThan(25);
  });

  it.each(all.map((command) => [command.path, command] as const))('documents %s and its options', (_path, command) => {
    const words = command.path.split(' ');
    // A command appears in a table or heading; a group's subcommands may share one row (`temp-code get <user>, ...`).
    expect(page).toMatch(new RegExp(`\`(${words.slice(0, -1).join(' ')} )?${words.at(-1)}\\b|\\|${words.at(-1)}\\b`));
    for (const option of command.options) expect(page, `${command.path} ${option}`).toContain(option);
  });

  it('documents every global option', () => {
    const globals = program.options.filter((option) => !option.hidden && option.long !== '--help' && option.long !== '--version');
    for (const option of globals) expect(page).toContain(`\`${option.long}`);
  });
});
