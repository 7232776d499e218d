/**
 * What the tests of the everyday commands (users, credentials, auth, temp-code) share: one seeded mock per test file,
 * reset before each test so every test starts from the demo data with an empty request list, and the assertions
 * every command needs (usage errors send nothing, secrets never show).
 */
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import { type CliRun, type CliRunOptions, cli } from './support.js';

/** A seeded mock for the calling test file; `run` sends command lines to it. */
export function useMock(): { readonly mock: MockServer; run(argv: readonly string[], options?: CliRunOptions): Promise<CliRun> } {
  let mock: MockServer | undefined;
  beforeAll(async () => {
    mock = await startMockServer({ seed: true });
  });
  beforeEach(() => mock?.reset());
  afterAll(async () => {
    await mock?.close();
  });
  const started = () => {
    if (mock === undefined) throw new Error('the mock starts in beforeAll');
    return mock;
  };
  return {
    get mock() {
      return started();
    },
    run: (argv, options) => cli(['--endpoint', started().url, ...argv], options),
  };
}

/** The operations the mock received, in order. */
export function operationsOf(mock: MockServer): string[] {
  return mock.requests.map((request) => request.operation);
}

/** A usage error: exit 2, the message on stderr, nothing on stdout and nothing sent to VIP. */
export function expectUsageError(run: CliRun, mock: MockServer, message: RegExp): void {
  expect(run.stderr).toMatch(message);
  expect(run.code).toBe(2);
  expect(run.stdout).toBe('');
  expect(mock.requests).toEqual([]);
}

/** A VIP refusal: exit 1 with the status code and class name on stderr. */
export function expectRefusal(run: CliRun, status: string, errorClass: string): void {
  expect(run.stderr).toContain(`VIP refused (status ${status}, ${errorClass})`);
  expect(run.code).toBe(1);
}

/** The secret appears nowhere the command wrote. */
export function expectNoSecret(run: CliRun, secret: string): void {
  expect(run.stdout).not.toContain(secret);
  expect(run.stderr).not.toContain(secret);
}

/**
 * The help of a group and of each of its subcommands ends with examples, every one a command line that runs that
 * (sub)command: the bin's name, then global options, then the command's words.
 */
export async function expectExamplesInHelp(group: string, subcommands: readonly string[]): Promise<void> {
  for (const command of [[group], ...subcommands.map((name) => [group, name])]) {
    const help = await cli([...command, '--help']);
    expect(help.code, command.join(' ')).toBe(0);
    const examples = /\nExamples?:\n((?: {2}\$ .*\n?)+)$/.exec(help.stdout)?.[1]?.trimEnd().split('\n') ?? [];
    expect(examples.length, command.join(' ')).toBeGreaterThan(0);
    const words = command.join(' ');
    for (const example of examples)
      expect(example).toMatch(new RegExp(`^ {2}\\$ (.* \\| )?([A-Z_]+=\\S+ )*vip-user-services (--\\S+ (\\S+ )?)*${words}\\b`));
  }
}

/** An ISO 8601 date-time string, as dates appear in --json output. */
export const ISO_DATE = expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
