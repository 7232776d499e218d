/**
 * The `vip-user-services` command line (alias `vip`): global options, the command tree, and the mapping from how a
 * command ended to an exit code. `runCli` runs one command line in-process against the given streams; the bin
 * (`main.ts`) passes the process's own.
 */
import { Command, CommanderError, Option } from 'commander';
import { VERSION } from '../index.js';
import { type CliConfig, ENVIRONMENT, type GlobalFlags, resolveConfig } from './config.js';
import { type Connection, connect, type ExtraClientOptions } from './connect.js';
import { CliUsageError, describeFailure, EXIT, type ExitCode, exitCodeFor } from './exit-codes.js';
import type { CliIo } from './io.js';
import { Output } from './output.js';
import { COMMANDS } from './commands/index.js';

/** What a command's action receives. */
export interface CommandContext {
  readonly io: CliIo;
  readonly config: CliConfig;
  readonly output: Output;
  /** Opens a client as configured (`--mock` starts the embedded mock); it is closed when the command ends. */
  connect(extra?: ExtraClientOptions): Promise<Connection>;
}

/** A command's work; returns its exit code when that is not simply success. */
// biome-ignore lint/suspicious/noConfusingVoidType: a command that simply succeeds returns nothing
export type CommandRun<Args extends unknown[]> = (context: CommandContext, ...args: Args) => Promise<ExitCode | void>;

/**
 * Wraps a command's work into a commander action: resolves the configuration, hands over a context, records the
 * exit code and closes every connection the command opened. `Args` are commander's action arguments (positional
 * arguments, then the command's options object).
 */
export type Act = <Args extends unknown[]>(run: CommandRun<Args>) => (...params: unknown[]) => Promise<void>;

/** Adds one command (or a group) to the program. */
export type RegisterCommand = (program: Command, act: Act) => void;

const EXIT_CODES_HELP = `
Exit codes:
  0    done
  1    VIP refused the request (its status code and error class are printed)
  2    bad usage or configuration; nothing was sent
  3    VIP could not be reached or answered with something that is not a VIP answer (TLS, DNS, timeout, HTTP)
  4    a bulk job finished with failed rows, or doctor found a failing check
  130  interrupted (Ctrl-C); a bulk job resumes when the same command is run again

Configuration: flags, then environment variables (${Object.values(ENVIRONMENT).join(', ')}), then the JSON file
given by --config or ${ENVIRONMENT.config}. The certificate passphrase comes only from ${ENVIRONMENT.passphrase} or a
hidden prompt.`;

/** Runs one command line; resolves to its exit code and never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const act: Act =
    <Args extends unknown[]>(run: CommandRun<Args>) =>
    async (...params: unknown[]) => {
      const command = params.at(-1) as Command;
      const flags = command.optsWithGlobals<GlobalFlags & { passphrase?: string; password?: string }>();
      if (flags.passphrase !== undefined || flags.password !== undefined) {
        throw new CliUsageError(
          `passphrases are never taken from the command line (other users can read it with ps, and it lands in shell history): set ${ENVIRONMENT.passphrase} or type it at the prompt`,
        );
      }
      const config = await resolveConfig(flags, io);
      const connections: Connection[] = [];
      const context: CommandContext = {
        io,
        config,
        output: new Output(io, config.json),
        async connect(extra) {
          const connection = await connect(config, io, extra);
          connections.push(connection);
          return connection;
        },
      };
      try {
        exitCode = (await run(context, ...(params.slice(0, -1) as Args))) ?? EXIT.ok;
      } finally {
        await Promise.allSettled(connections.map((connection) => connection.close()));
      }
    };

  const program = buildProgram(io, act);
  try {
    await program.parseAsync(argv as string[], { from: 'user' });
    return exitCode;
  } catch (error) {
    const hint = `\n(run \`${['vip-user-services', ...commandPath(argv, program), '--help'].join(' ')}\` for usage)`;
    if (error instanceof CommanderError) {
      // Help and version end with exitCode 0; every parse error is a usage error (commander printed it).
      if (error.exitCode === 0) return EXIT.ok;
      io.stderr.write(`${hint.trimStart()}\n`);
      return EXIT.usage;
    }
    const code = exitCodeFor(error);
    io.stderr.write(`vip-user-services: ${describeFailure(error)}${code === EXIT.usage ? hint : ''}\n`);
    return code;
  }
}

/** The subcommand words of `argv` (e.g. `bulk create-users`), for the usage hint. */
function commandPath(argv: readonly string[], program: Command): string[] {
  const words: string[] = [];
  let command = program;
  for (const word of argv) {
    const next = command.commands.find((child) => child.name() === word || child.aliases().includes(word));
    if (next === undefined) continue;
    words.push(next.name());
    command = next;
  }
  return words;
}

/** The command tree, wired to `io`; `runCli` runs it, the docs test reads every command and option from it. */
export function buildProgram(io: CliIo, act: Act): Command {
  const program = new Command('vip-user-services')
    .description('Administer and test Broadcom VIP User Services: connection doctor, users, credentials, bulk jobs, a mock server.')
    .version(VERSION, '-V, --version')
    .option('--endpoint <url>', `VIP base URL (default: VIP's production endpoint; env ${ENVIRONMENT.endpoint})`)
    .option('--mock', 'run against an embedded mock server with demo users, started for this command')
    .option('--api-version <version>', `VIP API version, 1.8 or 1.10 (env ${ENVIRONMENT.apiVersion})`)
    .option('--cert-p12 <file>', `client certificate as downloaded from VIP Manager (.p12/.pfx; env ${ENVIRONMENT.certP12})`)
    .option('--cert-pem <file>', `client certificate, PEM (env ${ENVIRONMENT.certPem}); needs --key-pem`)
    .option('--key-pem <file>', `private key of --cert-pem, PEM (env ${ENVIRONMENT.keyPem})`)
    .option('--ca <file>', `extra CA certificates to trust for VIP's server certificate, PEM (env ${ENVIRONMENT.ca})`)
    .option('--child-account <id>', `child account to act for, onBehalfOfAccountId (env ${ENVIRONMENT.childAccount})`)
    .option('--proxy <url>', `HTTP(S) proxy for the connection to VIP (env ${ENVIRONMENT.proxy})`)
    .option('--timeout <ms>', `deadline of each attempt in milliseconds (env ${ENVIRONMENT.timeout})`)
    .option('--config <file>', `JSON file with any of the settings above (env ${ENVIRONMENT.config})`)
    .option('--json', 'print results as JSON on stdout, for scripts')
    .addOption(new Option('--passphrase <text>').hideHelp())
    .addOption(new Option('--password <text>').hideHelp())
    .addHelpText('after', EXIT_CODES_HELP)
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
      getOutHelpWidth: () => io.stdout.columns ?? 100,
      getErrHelpWidth: () => io.stderr.columns ?? 100,
    });
  for (const register of COMMANDS) register(program, act);
  // Subcommands inherit the output settings and the exit override.
  for (const command of program.commands) inheritSettings(command, program);
  return program;
}

function inheritSettings(command: Command, parent: Command): void {
  command.exitOverride().configureOutput(parent.configureOutput());
  for (const child of command.commands) inheritSettings(child, command);
}
