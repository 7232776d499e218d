/**
 * `bulk create-users|update-users|delete-users|add-credentials|remove-credentials FILE.csv` and `bulk restore BACKUP`:
 * resumable jobs over a CSV file (or a delete job's backup), one row at a time per worker, with a journal, a results
 * file and a backup before every delete. The work is in ../bulk/; this file only declares the commands.
 */
import type { Command } from 'commander';
import { type BulkFlags, runBulkJob } from '../bulk/bulk-job.js';
import type { ColumnSpec } from '../bulk/columns.js';
import { openBackupInput, openCsvInput } from '../bulk/input.js';
import type { JobDefinition } from '../bulk/job.js';
import { addCredentials } from '../bulk/jobs/add-credentials.js';
import { createUsers } from '../bulk/jobs/create-users.js';
import { deleteUsers } from '../bulk/jobs/delete-users.js';
import { removeCredentials } from '../bulk/jobs/remove-credentials.js';
import { restore } from '../bulk/jobs/restore.js';
import { updateUsers } from '../bulk/jobs/update-users.js';
import type { RowValues } from '../bulk/columns.js';
import { DEFAULT_CONCURRENCY, MAX_CONCURRENCY } from '../bulk/options.js';
import type { RegisterCommand } from '../program.js';

const CSV_JOBS: readonly JobDefinition<RowValues>[] = [createUsers, updateUsers, deleteUsers, addCredentials, removeCredentials];

const JOB_HELP = `
Every row ends in the results file exactly once: done, skipped (with the reason) or failed (status code, error
class, message, request ID). The journal records each call before and after it is made: run the same command
again after a crash, kill or Ctrl-C and it finishes the job without doing any row twice (and retries failed rows).
A changed input file is detected and refused. Exit codes: 0 no row failed, 4 some rows failed, 130 interrupted,
2 bad usage (nothing sent).`;

export const registerBulk: RegisterCommand = (program, act) => {
  const bulk = program
    .command('bulk')
    .description('resumable bulk jobs from CSV files: create, update and delete users, add and remove credentials, restore')
    .addHelpText('after', `\nExample:\n  $ ${createUsers.example}`);

  for (const job of CSV_JOBS) {
    withJobOptions(bulk.command(job.name).argument('<file>', 'CSV file with a header row').description(job.description), job)
      .addHelpText('after', `${columnHelp(job.columns ?? [])}\n${JOB_HELP}\n\nExample:\n  $ ${job.example}`)
      .action(
        act((context, file: string, flags: BulkFlags) =>
          runBulkJob(context, job, file, flags, (path) => openCsvInput(path, job.columns ?? [])),
        ),
      );
  }

  withJobOptions(
    bulk.command('restore').argument('<backup>', 'backup file written by bulk delete-users').description(restore.description),
    restore,
  )
    .addHelpText(
      'after',
      '\nRestores each user once (from its last line when a user was saved twice): createUser, addCredential for every binding\n' +
        '(registering SMS/voice numbers again when VIP forgot them), then updateUser for DISABLED users. The reason column lists what\n' +
        'the API cannot bring back: PINs, temporary codes, a LOCKED state, disabled bindings, FIDO authenticators and remembered\n' +
        `devices (enrolled on the device), push registrations (turned on again in VIP Access).\n${JOB_HELP}\n\nExample:\n  $ ${restore.example}`,
    )
    .action(act((context, file: string, flags: BulkFlags) => runBulkJob(context, restore, file, flags, openBackupInput)));
};

/** The options every job takes. */
function withJobOptions(command: Command, job: JobDefinition<unknown>): Command {
  command
    .option('--concurrency <n>', `calls in flight at once, 1 to ${MAX_CONCURRENCY} (default ${DEFAULT_CONCURRENCY})`)
    .option('--rate <n/s>', 'at most this many VIP calls per second, e.g. 20/s or 600/min (a delete makes two per row)')
    .option('--dry-run', 'check every row and print the plan; sends nothing, writes no file (exit 4 when rows would fail)')
    .option(
      '--exclude <pattern>',
      'leave users whose ID matches this glob alone, e.g. "ADM_*" (repeatable; any case)',
      // No default value: commander would print "(default: [])" in the help.
      (pattern: string, patterns: string[] | undefined) => [...(patterns ?? []), pattern],
    )
    .option('--results <file>', 'results CSV (default: beside the input, <name>.<job>.results.csv)')
    .option('--journal <file>', 'journal (default: beside the input, <name>.<job>.journal.jsonl)');
  if (job.name === 'delete-users')
    command.option('--backup <file>', 'backup of each user before its delete (default: <name>.delete-users.backup.jsonl)');
  if (job.destructive) command.option('-y, --yes', 'do it without asking (needed without a terminal)');
  return command;
}

/** The column reference of a job's `--help`. */
function columnHelp(columns: readonly ColumnSpec[]): string {
  const width = Math.max(...columns.map((column) => column.name.length)) + 2;
  const lines = columns.map((column) => {
    const flags = [column.required === true ? 'required' : undefined, column.secret === true ? 'secret' : undefined].filter(Boolean);
    const aliases = column.aliases === undefined ? '' : ` (also: ${column.aliases.join(', ')})`;
    return `  ${column.name.padEnd(width)}${flags.length > 0 ? `[${flags.join(', ')}] ` : ''}${column.description}${aliases}`;
  });
  return `\nColumns (header row; names in any case, spaces, _ and - ignored; other columns are refused):\n${lines.join('\n')}`;
}
