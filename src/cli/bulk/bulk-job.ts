/**
 * One bulk command from start to end: check the options and the input before anything is sent, ask for
 * confirmation of destructive jobs, run (or plan, with `--dry-run`) every row, rebuild the results file, and print
 * the summary: the tallies on stdout (one JSON line with `--json`), the first failed rows on stderr.
 */
import { createHash } from 'node:crypto';
import { constants } from 'node:fs';
import { access } from 'node:fs/promises';
import { dirname } from 'node:path';
import { CliUsageError, EXIT, type ExitCode } from '../exit-codes.js';
import type { CommandContext } from '../program.js';
import { canPrompt, confirmOrStop } from '../prompts.js';
import { BackupWriter } from './backup.js';
import { dryRun } from './dry-run.js';
import type { Input } from './input.js';
import type { JobDefinition, PlanContext } from './job.js';
import { Journal, type JournalHeader, JournalState, readJournal } from './journal.js';
import { parseConcurrency, parseExclusions, parseRate } from './options.js';
import { Tally } from './outcome.js';
import { Pacer } from './pacer.js';
import { jobPaths } from './paths.js';
import { startProgress } from './progress.js';
import { writeResults } from './results.js';
import { runRows } from './runner.js';
import { RequestValidator } from './validation.js';

/** The options of every bulk command, as commander hands them over. */
export interface BulkFlags {
  concurrency?: string;
  rate?: string;
  exclude?: string[];
  dryRun?: boolean;
  yes?: boolean;
  results?: string;
  journal?: string;
  backup?: string;
}

/** The `--json` summary of a job (its last line on stdout). */
export interface JobSummary {
  readonly job: string;
  readonly total: number;
  readonly done: number;
  readonly skipped: number;
  readonly failed: number;
  /** Rows not finished because the job was interrupted (0 otherwise). */
  readonly pending: number;
  readonly byStatus: Record<string, number>;
  readonly results: string;
  readonly journal: string;
  /** delete-users: the backup file. */
  readonly backup?: string | undefined;
  readonly interrupted: boolean;
}

/** Runs `job` on `file`; resolves to the exit code. */
export async function runBulkJob<Data>(
  command: CommandContext,
  job: JobDefinition<Data>,
  file: string,
  flags: BulkFlags,
  open: (path: string) => Promise<Input<Data>>,
): Promise<ExitCode> {
  const { io, config, output } = command;
  const concurrency = parseConcurrency(flags.concurrency);
  const rate = parseRate(flags.rate);
  const exclusions = parseExclusions(flags.exclude ?? []);
  const paths = jobPaths(io.cwd, job.name, file, flags);
  checkDistinct(paths, job.name === 'delete-users');
  const input = await open(paths.input);
  const header: JournalHeader = { t: 'job', v: 1, job: job.name, input: paths.input, sha256: input.sha256, rows: input.rows };
  const earlier = await readJournal(paths.journal, header);
  const apiVersion = config.apiVersion?.value ?? '1.8';
  const validator = new RequestValidator(apiVersion);
  const planContext: PlanContext = { childAccount: config.childAccount?.value, apiVersion };
  const prepare = { job, context: planContext, exclusions, validator };

  if (flags.dryRun === true) {
    try {
      const summary = await dryRun({ ...prepare, input, state: earlier }, output);
      output.result(
        summary,
        () =>
          `dry run of bulk ${job.name} ${file}: ${summary.total} rows; ${summary.toSend} to send (${summary.calls} calls), ` +
          `${summary.done} done before, ${summary.skipped} skipped, ${summary.failed} cannot be sent. Nothing was sent.`,
      );
      return summary.failed > 0 ? EXIT.incomplete : EXIT.ok;
    } finally {
      await validator.close();
    }
  }

  if (job.destructive && flags.yes !== true) await confirm(command, job, file, input.rows, paths.backup);

  const state = earlier ?? new JournalState();
  const tally = new Tally();
  state.finished.forEach((_record, index) => {
    const final = state.final(index);
    if (final !== undefined) tally.add(final);
  });
  if (earlier?.resumed === true) {
    output.note(`resuming bulk ${job.name} from ${paths.journal}: ${tally.total} of ${input.rows} rows finished before`);
  }
  // The results file is written at the end: find out now, before anything is sent, whether its folder takes it.
  await writable(paths.results, () => access(dirname(paths.results), constants.W_OK));
  const journal = await writable(paths.journal, () => Journal.open(paths.journal, header, earlier === undefined));
  let backup: BackupWriter | undefined;
  let progress: ReturnType<typeof startProgress> | undefined;
  try {
    if (job.name === 'delete-users') backup = await writable(paths.backup, () => BackupWriter.open(paths.backup));
    const { vip } = await command.connect();
    progress = startProgress(io, `bulk ${job.name}`, input.rows, tally);
    const display = progress;
    await runRows({
      ...prepare,
      validateFirstStep: false,
      context: { ...planContext, backup },
      input,
      state,
      journal,
      vip,
      concurrency,
      pacer: rate === undefined ? undefined : new Pacer(rate),
      signal: io.signal,
      jobId: createHash('sha256').update(`${job.name}\u0000${input.sha256}`).digest('hex'),
      tally,
      onRow: () => display.update(),
    });
  } finally {
    progress?.stop();
    await Promise.all([journal.close(), backup?.close(), validator.close()]);
  }

  let written: Awaited<ReturnType<typeof writeResults>>;
  try {
    written = await writeResults(paths.results, input, job, planContext, state);
  } catch (error) {
    // E.g. the file is open in a spreadsheet, which locks it on Windows. Every outcome is in the journal.
    output.note(
      `cannot write the results file ${paths.results}: ${(error as Error).message}\nevery row's outcome is in the journal: run the same command again to write it`,
    );
    return io.signal.aborted ? EXIT.interrupted : EXIT.incomplete;
  }
  const interrupted = io.signal.aborted;
  const summary: JobSummary = {
    job: job.name,
    total: input.rows,
    done: tally.done,
    skipped: tally.skipped,
    failed: tally.failed,
    pending: written.pending,
    byStatus: tally.statusObject(),
    results: paths.results,
    journal: paths.journal,
    backup: backup === undefined ? undefined : paths.backup,
    interrupted,
  };
  if (written.firstFailures.length > 0) {
    output.note(`failed rows (the first ${written.firstFailures.length} of ${tally.failed}; all are in the results file):`);
    for (const record of written.firstFailures) {
      const code = record.code === undefined ? '' : ` ${record.code}`;
      output.note(
        `  line ${record.line}${record.userId === undefined ? '' : ` (${record.userId})`}:${code} ${record.error}: ${record.message}`,
      );
    }
  }
  output.result(summary, () => humanSummary(summary, file, tally));
  if (interrupted) return EXIT.interrupted;
  return summary.failed > 0 ? EXIT.incomplete : EXIT.ok;
}

function humanSummary(summary: JobSummary, file: string, tally: Tally): string {
  const codes = tally.statusText();
  const lines = [
    `bulk ${summary.job} ${file}: ${summary.total} rows: ${summary.done} done, ${summary.skipped} skipped, ${summary.failed} failed` +
      (summary.pending > 0 ? `, ${summary.pending} not run yet` : '') +
      (codes === '' ? '' : ` (${codes})`),
    `results: ${summary.results}`,
    `journal: ${summary.journal}`,
  ];
  if (summary.backup !== undefined) lines.push(`backup:  ${summary.backup}`);
  if (summary.interrupted) lines.push('interrupted: run the same command again to finish the job');
  else if (summary.failed > 0) lines.push('run the same command again to retry the failed rows');
  return lines.join('\n');
}

/**
 * Asks before a destructive job, when someone can answer.
 * @throws {CliUsageError} when nobody can be asked (no terminal); CliCancelledError on no or Ctrl-C (exit
 * 130). Nothing was sent either way.
 */
async function confirm(command: CommandContext, job: JobDefinition<unknown>, file: string, rows: number, backup: string): Promise<void> {
  const { io } = command;
  const what =
    job.name === 'delete-users'
      ? `delete up to ${rows} users listed in ${file} (each is saved to ${backup} first)`
      : `run bulk ${job.name} on the ${rows} rows of ${file}`;
  if (!canPrompt(io)) {
    throw new CliUsageError(
      `bulk ${job.name} would ${what}: pass --yes to confirm (or run it at a terminal to be asked); nothing was sent`,
    );
  }
  await confirmOrStop(io, `This will ${what}. Go on?`, 'nothing was sent');
}

/**
 * Opens a file the job writes, or checks that it can be written.
 * @throws {CliUsageError} when it cannot be created or written (a missing folder, no permission); the lock error of
 * a journal in use passes unchanged.
 */
async function writable<T>(path: string, open: () => Promise<T>): Promise<T> {
  try {
    return await open();
  } catch (error) {
    if (error instanceof CliUsageError) throw error;
    throw new CliUsageError(`cannot write ${path}: ${(error as Error).message}`);
  }
}

/** Refuses paths that would overwrite the input or each other. */
function checkDistinct(paths: ReturnType<typeof jobPaths>, withBackup: boolean): void {
  const named: [string, string][] = [
    ['the input', paths.input],
    ['--results', paths.results],
    ['--journal', paths.journal],
  ];
  if (withBackup) named.push(['--backup', paths.backup]);
  for (let i = 0; i < named.length; i++) {
    for (let j = i + 1; j < named.length; j++) {
      const [first, a] = named[i] as [string, string];
      const [second, b] = named[j] as [string, string];
      if (a === b) throw new CliUsageError(`${first} and ${second} are the same file (${a}): give them different paths`);
    }
  }
}
