/**
 * Runs a job's rows: `concurrency` workers take rows from the input stream in turn, each row's steps run in order,
 * every call is paced by `--rate`, journaled before it is sent and after it answered. Rows an earlier run finished
 * are passed over; steps an earlier run completed are not sent again.
 *
 * Nothing is retried here: the SDK already repeats what is safe to repeat (reads, and requests that certainly never
 * left), and a non-idempotent call that failed in an unknown state is left to the rerun, which reads VIP's answer
 * with the journal (see job.ts). An interruption (the signal) stops the workers taking rows and cancels the calls in
 * flight; their rows stay unfinished in the journal for the rerun.
 */
import { type VipClient, VipServiceError } from '../../index.js';
import type { Input, SourceRow } from './input.js';
import { callStep, type Step, type StepHistory } from './job.js';
import type { Journal, JournalState, RowRecord } from './journal.js';
import { type ErrorFields, errorFields, isInterruption, type Tally } from './outcome.js';
import type { Pacer } from './pacer.js';
import { type PrepareSetup, prepareRow, rowRecord } from './prepare.js';

export interface RunSetup<Data> extends PrepareSetup<Data> {
  readonly input: Input<Data>;
  readonly state: JournalState;
  readonly journal: Journal;
  readonly vip: VipClient;
  readonly concurrency: number;
  readonly pacer: Pacer | undefined;
  readonly signal: AbortSignal;
  /** Identifies the job in request IDs, so VIP's reports show which job and row sent a call. */
  readonly jobId: string;
  /** Counts finished rows (filled with earlier runs' rows by the caller). */
  readonly tally: Tally;
  /** Called after each row this run finishes. */
  readonly onRow: () => void;
}

/** Runs every row that is not finished yet; resolves when all are, or when the signal stopped the job. */
export async function runRows<Data>(setup: RunSetup<Data>): Promise<void> {
  const rows = setup.input.read()[Symbol.asyncIterator]();
  // A failure that is not a row's (the input became unreadable, the journal cannot be written) stops every worker.
  const stop = new AbortController();
  let failure: unknown;
  const worker = async () => {
    while (!setup.signal.aborted && !stop.signal.aborted) {
      const next = await rows.next();
      if (next.done === true) return;
      const row = next.value;
      if (setup.state.final(row.index) !== undefined) continue;
      const record = await runRow(row, setup);
      if (record === undefined) continue;
      setup.journal.finish(record);
      setup.state.apply(record);
      setup.tally.add(record);
      setup.onRow();
    }
  };
  const workers = Array.from({ length: setup.concurrency }, () =>
    worker().catch((error: unknown) => {
      failure ??= error;
      stop.abort();
    }),
  );
  await Promise.all(workers);
  await rows.return?.();
  if (failure !== undefined) throw failure;
}

/** Runs one row; undefined when it was interrupted before it finished. */
async function runRow<Data>(row: SourceRow<Data>, setup: RunSetup<Data>): Promise<RowRecord | undefined> {
  const prepared = await prepareRow(row, setup);
  if ('record' in prepared) return prepared.record;
  const { plan } = prepared;
  const { state, journal, signal } = setup;
  const index = row.index;
  const history: StepHistory = { sentBefore: (step) => state.sentBefore(index, step) };
  const queue: Step[] = [...plan.steps];
  const notes: string[] = [];
  const failures: (ErrorFields & { step: Step })[] = [];
  // The answer that decided the row so far: the last step's status, or the refusal read as "already so".
  let answer: { code?: string | undefined; requestId?: string | undefined } = { code: '0000' };
  const end = (outcome: RowRecord['outcome'], fields: Partial<ErrorFields> & { reason?: string | undefined }) =>
    rowRecord(row, plan.key, outcome, { ...fields, reason: joined([...notes, ...plan.notes, fields.reason]) });

  for (let step = queue.shift(); step !== undefined; step = queue.shift()) {
    if (state.okBefore(index, step.name) || (step.afterAll === true && failures.length > 0)) continue;
    try {
      await setup.pacer?.wait(signal);
    } catch (error) {
      if (signal.aborted) return undefined;
      throw error;
    }
    const requestId = requestIdFor(setup.jobId, index, step.name);
    await journal.sent(index, step.name, requestId);
    let output: Awaited<ReturnType<typeof callStep>>;
    try {
      output = await callStep(setup.vip, step, { requestId, onBehalfOfAccountId: plan.key.childAccount, signal });
    } catch (error) {
      if (isInterruption(error, signal)) return undefined;
      const decision = error instanceof VipServiceError ? step.onRefusal?.(error, history) : undefined;
      if (decision === undefined) {
        const fields = errorFields(error);
        if (step.optional !== true) return end('failed', { ...fields, reason: failedStep(plan.steps, step) });
        failures.push({ ...fields, step });
        continue;
      }
      answer = { code: (error as VipServiceError).code, requestId };
      if (decision.kind === 'skip') return rowRecord(row, plan.key, 'skipped', { ...answer, reason: decision.reason });
      if (decision.kind === 'done') {
        notes.push(decision.note);
        return end('done', answer);
      }
      if (decision.kind === 'then') {
        queue.unshift(...decision.steps);
        continue;
      }
      if (decision.note !== undefined) notes.push(decision.note);
      journal.ok(index, step.name);
      continue;
    }
    if (step.after !== undefined) {
      try {
        await step.after(output as never);
      } catch (error) {
        return end('failed', { ...errorFields(error), requestId, reason: failedStep(plan.steps, step) });
      }
    }
    journal.ok(index, step.name);
    // Our own request ID (VIP echoes it): the echoed string is a slice of the whole response text, which the row
    // record would keep alive until the job ends, about a kilobyte per row.
    answer = { code: output.status, requestId };
  }
  if (failures.length === 0) return end('done', answer);
  const [first] = failures as [ErrorFields & { step: Step }];
  return end('failed', {
    code: first.code,
    error: first.error,
    requestId: first.requestId,
    message: failures.map(({ step, message }) => `${step.description}: ${message}`).join('; '),
  });
}

/** The reason of a row that failed at `step`: which call failed, when the row makes more than one. */
function failedStep(steps: readonly Step[], step: Step): string | undefined {
  return steps.length > 1 ? `${step.description} failed; the row stops there` : undefined;
}

function joined(notes: readonly (string | undefined)[]): string | undefined {
  const present = notes.filter((note) => note !== undefined);
  return present.length === 0 ? undefined : present.join('; ');
}

/**
 * A request ID naming the job, row and step (`b<job>_<row>_<step>_<random>`, at most 40 of `[0-9A-Za-z_]`), so a
 * call found in VIP's reports leads back to its row, and no two calls share one.
 */
export function requestIdFor(jobId: string, row: number, step: string): string {
  // Math.random is enough to tell calls apart (nothing depends on guessing it) and much cheaper than crypto.
  const suffix = Math.floor(Math.random() * 0x1000000)
    .toString(16)
    .padStart(6, '0');
  return `b${jobId.slice(0, 8)}_${row.toString(36)}_${step}_${suffix}`;
}
