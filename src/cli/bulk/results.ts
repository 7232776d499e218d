/**
 * The results file of a bulk job: one CSV line per input row, in input order, rebuilt after every run from the input
 * and the journal's row records. Rebuilt, not appended to, so a rerun after a crash leaves no duplicate and no gap:
 * each row shows how its last run ended, and rows a stopped run never reached show as `pending`. Written to a
 * temporary file and renamed, so a crash while writing leaves the previous version whole.
 */
import { createWriteStream } from 'node:fs';
import { rename, rm } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { stringify } from 'csv-stringify';
import type { Input } from './input.js';
import type { JobDefinition, PlanContext } from './job.js';
import type { JournalState, RowRecord } from './journal.js';

/** The results columns, in order. */
export const RESULT_COLUMNS = [
  'line',
  'userId',
  'credentialId',
  'childAccount',
  'outcome',
  'reason',
  'code',
  'error',
  'message',
  'requestId',
] as const;

/** The outcome of a row no run has finished yet. */
export const PENDING = 'pending';

/** What writing the results found out on the way. */
export interface ResultsSummary {
  /** Rows no run has finished (an interrupted run). */
  readonly pending: number;
  /** The first failed rows, for the summary on stderr. */
  readonly firstFailures: readonly RowRecord[];
}

/**
 * Writes the results of every row of `input` to `path`.
 * @param failuresToKeep How many failed rows to return for the summary.
 */
export async function writeResults<Data>(
  path: string,
  input: Input<Data>,
  job: JobDefinition<Data>,
  context: PlanContext,
  state: JournalState,
  failuresToKeep = 10,
): Promise<ResultsSummary> {
  let pending = 0;
  const firstFailures: RowRecord[] = [];
  async function* lines(): AsyncGenerator<Record<string, unknown>> {
    for await (const row of input.read()) {
      const record = state.finished[row.index];
      if (record === undefined) {
        pending += 1;
        const key = 'data' in row ? job.keyOf(row.data, context) : {};
        yield { line: row.line, ...key, outcome: PENDING, reason: 'not run yet: run the same command again to finish the job' };
        continue;
      }
      if (record.outcome === 'failed' && firstFailures.length < failuresToKeep) firstFailures.push(record);
      yield { ...record, line: row.line };
    }
  }
  const temporary = `${path}.${process.pid}.tmp`;
  try {
    await pipeline(Readable.from(lines()), stringify({ header: true, columns: [...RESULT_COLUMNS] }), createWriteStream(temporary));
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  return { pending, firstFailures };
}
