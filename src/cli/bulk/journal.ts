/**
 * The journal of a bulk job: JSON lines appended as the job goes, read back when the same command runs again.
 *
 * - The first line names the job: the command and the SHA-256 of the input file, so a journal is never applied to
 *   a file that changed (row 12 would be another user) or to another command.
 * - Before each VIP call, a `sent` record for the row and step is flushed to disk (group commit): after a crash,
 *   `kill -9` or a power cut, a step with a `sent` record and no `ok` record may have been applied by VIP, which is
 *   how a rerun tells "created by the interrupted run" from "already existed".
 * - After each call an `ok` record, and when the row is finished a `row` record with its outcome. These need no
 *   flush of their own: when one is lost, the rerun repeats the row's step and reads VIP's answer as above.
 *
 * Nothing secret is written: records hold row numbers, user and credential IDs, status codes and messages only.
 * A lock file beside the journal keeps two runs of one job from working on it at once.
 */
import { createReadStream } from 'node:fs';
import { open, readFile, rm, stat } from 'node:fs/promises';
import { createInterface } from 'node:readline';
import { CliUsageError } from '../exit-codes.js';
import { DurableFile } from './durable-file.js';
import type { JobName } from './job.js';

/** The first line of a journal. */
export interface JournalHeader {
  readonly t: 'job';
  readonly v: 1;
  readonly job: JobName;
  /** The input file, as given (for people reading the journal). */
  readonly input: string;
  readonly sha256: string;
  readonly rows: number;
}

/** How a row ended. */
export type Outcome = 'done' | 'skipped' | 'failed';

/** A finished row, as journaled and as written to the results. */
export interface RowRecord {
  readonly t: 'row';
  /** The row's index among the data rows, from 0. */
  readonly r: number;
  readonly line: number;
  readonly outcome: Outcome;
  readonly userId?: string | undefined;
  readonly credentialId?: string | undefined;
  readonly childAccount?: string | undefined;
  /** Why it was skipped, or notes on a done row (e.g. what a restore could not bring back). */
  readonly reason?: string | undefined;
  /** The deciding VIP status code (0000 for done, 6002 for "already exists"...), when VIP answered. */
  readonly code?: string | undefined;
  /** The error class of a failed row, e.g. `VipInternalError`, `VipConnectionError`, `InvalidRow`. */
  readonly error?: string | undefined;
  readonly message?: string | undefined;
  readonly requestId?: string | undefined;
  /**
   * Skipped by `--exclude` (or any other choice of this run, not VIP's answer): such rows are looked at again on a
   * rerun, which may not exclude them.
   */
  readonly excluded?: true | undefined;
}

type StepRecord =
  | { readonly t: 'sent'; readonly r: number; readonly s: string; readonly id: string }
  | { readonly t: 'ok'; readonly r: number; readonly s: string };

/** Steps of an unfinished (or failed) row in earlier runs. */
interface StepState {
  readonly sent: Set<string>;
  readonly ok: Set<string>;
}

/** What earlier runs of the job left: the finished rows and the steps of the others. */
export class JournalState {
  /** The row records by row index. */
  readonly finished: (RowRecord | undefined)[] = [];
  readonly #steps = new Map<number, StepState>();
  /** True when the journal held row or step records of an earlier run. */
  resumed = false;

  /** The row's record, when an earlier run finished it for good (done, or skipped by VIP's answer). */
  final(row: number): RowRecord | undefined {
    const record = this.finished[row];
    return record !== undefined && record.outcome !== 'failed' && record.excluded !== true ? record : undefined;
  }

  /** True when an earlier run sent `step` of `row` and never recorded it as done. */
  sentBefore(row: number, step: string): boolean {
    const state = this.#steps.get(row);
    return state?.sent.has(step) === true && !state.ok.has(step);
  }

  /** True when an earlier run completed `step` of `row` (so it is not sent again). */
  okBefore(row: number, step: string): boolean {
    return this.#steps.get(row)?.ok.has(step) === true;
  }

  /** Takes one journal record into account. */
  apply(record: RowRecord | StepRecord): void {
    if (record.t === 'row') {
      this.finished[record.r] = record;
      // A finished row's step history matters only while it may run again.
      if (this.final(record.r) !== undefined) this.#steps.delete(record.r);
      return;
    }
    let state = this.#steps.get(record.r);
    if (state === undefined) {
      state = { sent: new Set(), ok: new Set() };
      this.#steps.set(record.r, state);
    }
    state[record.t].add(record.s);
  }
}

/**
 * Reads an existing journal.
 * @returns undefined when there is none.
 * @throws {CliUsageError} when it belongs to another command or another version of the input file.
 */
export async function readJournal(path: string, expected: JournalHeader): Promise<JournalState | undefined> {
  if (!(await exists(path))) return undefined;
  // readline decodes the bytes itself, characters split between chunks included.
  const stream = createReadStream(path);
  const state = new JournalState();
  let header: JournalHeader | undefined;
  let lineNumber = 0;
  for await (const line of createInterface({ input: stream, crlfDelay: Number.POSITIVE_INFINITY })) {
    lineNumber += 1;
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch {
      // A line cut off by a crash (or an empty one); the records after it were appended by later runs and are intact.
      continue;
    }
    if (header === undefined) {
      header = record as JournalHeader;
      checkHeader(header, expected, path);
      continue;
    }
    if (isRecord(record)) {
      state.apply(record);
      state.resumed = true;
    } else if ((record as { t?: unknown })?.t !== 'run') {
      throw new CliUsageError(`${path}, line ${lineNumber}: not a journal record; is this file a bulk job journal?`);
    }
  }
  if (header === undefined) return undefined;
  return state;
}

function checkHeader(header: JournalHeader, expected: JournalHeader, path: string): void {
  if (header?.t !== 'job' || header.v !== 1) {
    throw new CliUsageError(`${path} is not a bulk job journal (or was written by another version); move it away or pass --journal FILE`);
  }
  if (header.job !== expected.job) {
    throw new CliUsageError(
      `the journal ${path} belongs to \`bulk ${header.job}\`, not \`bulk ${expected.job}\`: pass --journal FILE for this job`,
    );
  }
  if (header.sha256 !== expected.sha256) {
    throw new CliUsageError(
      `the journal ${path} was written for another version of ${header.input} (its content changed since, so its rows ` +
        'may not be the rows the journal describes): to start the job over, delete the journal or pass --journal FILE',
    );
  }
}

function isRecord(value: unknown): value is RowRecord | StepRecord {
  // JSON gives null, a primitive, an array or an object; all but null can be taken apart, and only objects hold these.
  const { t, r } = (value ?? {}) as { t?: unknown; r?: unknown };
  return (t === 'row' || t === 'sent' || t === 'ok') && Number.isInteger(r) && (r as number) >= 0;
}

/** The journal of the running job. */
export class Journal {
  readonly path: string;
  readonly #file: DurableFile;
  readonly #lock: string;
  /** Failures of records nobody awaits; reported at close. */
  #lateError: unknown;

  private constructor(path: string, file: DurableFile, lock: string) {
    this.path = path;
    this.#file = file;
    this.#lock = lock;
  }

  /**
   * Locks and opens the journal, writing the header when it is new, and a `run` line for this run.
   * @throws {CliUsageError} when another process holds the lock.
   */
  static async open(path: string, header: JournalHeader, fresh: boolean): Promise<Journal> {
    const lock = `${path}.lock`;
    await takeLock(lock);
    try {
      const file = await DurableFile.open(path);
      if (fresh) await file.append(JSON.stringify(header));
      await file.append(JSON.stringify({ t: 'run', at: new Date().toISOString(), pid: process.pid }));
      return new Journal(path, file, lock);
    } catch (error) {
      await releaseLock(lock);
      throw error;
    }
  }

  /** Records that `step` of `row` is about to be sent; resolves once that is on disk. */
  sent(row: number, step: string, requestId: string): Promise<void> {
    return this.#file.append(JSON.stringify({ t: 'sent', r: row, s: step, id: requestId }));
  }

  /** Records that `step` of `row` succeeded. */
  ok(row: number, step: string): void {
    this.#later(JSON.stringify({ t: 'ok', r: row, s: step }));
  }

  /** Records how a row ended. */
  finish(record: RowRecord): void {
    this.#later(JSON.stringify(record));
  }

  /** Writes what is pending, closes the file and releases the lock. */
  async close(): Promise<void> {
    try {
      await this.#file.close();
    } finally {
      await releaseLock(this.#lock);
    }
    if (this.#lateError !== undefined) throw this.#lateError;
  }

  /** Appends a record nobody waits for: it goes with the next `sent` record's write (or within 200 ms). */
  #later(line: string): void {
    this.#file.append(line, 'soon').catch((error: unknown) => {
      this.#lateError ??= error;
    });
  }
}

/**
 * Creates the lock file with this process's ID. A lock left by a process that no longer runs (killed) is taken over.
 * @throws {CliUsageError} when a running process holds it.
 */
async function takeLock(lock: string): Promise<void> {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const handle = await open(lock, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    // NaN when the lock holds no number, or vanished since: then it is nobody's.
    const holder = Number.parseInt(await readFile(lock, 'utf8').catch(() => ''), 10);
    if (holder > 0 && isRunning(holder)) {
      throw new CliUsageError(
        `another run of this job (process ${holder}) is using its journal; wait for it to end, or delete ${lock} if that process is not this job`,
      );
    }
    await releaseLock(lock);
  }
  throw new CliUsageError(`cannot take the lock ${lock}: another run keeps creating it`);
}

/** Removes a lock file; one already gone is no error. */
function releaseLock(lock: string): Promise<void> {
  return rm(lock, { force: true });
}

/** True when `path` exists. */
export async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw error;
  }
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (error) {
    // EPERM: the process exists but belongs to someone else. Tests run as root here, where no process is another's,
    // and an error other than EPERM or ESRCH cannot come from a signal 0 to a positive PID.
    // Stryker disable next-line ConditionalExpression,StringLiteral: see above
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
  return true;
}
