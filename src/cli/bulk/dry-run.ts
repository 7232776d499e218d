/**
 * `--dry-run`: reads and checks every row exactly as the real run would (the CSV, the column rules, `--exclude`,
 * the SDK's validation of each request, the journal of an earlier run) and prints the plan, one line per row, with
 * the calls each row would make. Nothing is sent and no file is written.
 */
import type { Output } from '../output.js';
import type { Input } from './input.js';
import type { JournalState } from './journal.js';
import { Tally } from './outcome.js';
import { type PrepareSetup, prepareRow } from './prepare.js';

/** What a dry run found. */
export interface DryRunSummary {
  readonly dryRun: true;
  readonly total: number;
  /** Rows that would be sent. */
  readonly toSend: number;
  /** VIP calls those rows would make at least (a restore may register SMS numbers again on top). */
  readonly calls: number;
  /** Rows an earlier run finished (from the journal). */
  readonly done: number;
  readonly skipped: number;
  /** Rows that cannot be sent: malformed lines and values VIP would refuse. */
  readonly failed: number;
  readonly byStatus: Record<string, number>;
}

/** Prints the plan of every row; returns the counts. */
export async function dryRun<Data>(
  setup: PrepareSetup<Data> & { readonly input: Input<Data>; readonly state: JournalState | undefined },
  output: Output,
): Promise<DryRunSummary> {
  const tally = new Tally();
  let toSend = 0;
  let calls = 0;
  for await (const row of setup.input.read()) {
    const earlier = setup.state?.final(row.index);
    if (earlier !== undefined) {
      tally.add(earlier);
      print(output, {
        line: row.line,
        action: 'done',
        userId: earlier.userId,
        credentialId: earlier.credentialId,
        reason: 'in an earlier run',
      });
      continue;
    }
    const prepared = await prepareRow(row, setup);
    if ('record' in prepared) {
      const { record } = prepared;
      tally.add(record);
      const action = record.outcome === 'failed' ? 'fail' : 'skip';
      print(output, {
        line: row.line,
        action,
        userId: record.userId,
        credentialId: record.credentialId,
        childAccount: record.childAccount,
        reason: record.reason,
        error: record.error,
        message: record.message,
      });
      continue;
    }
    const { plan } = prepared;
    toSend += 1;
    calls += plan.steps.length;
    print(output, {
      line: row.line,
      action: 'send',
      ...plan.key,
      calls: plan.steps.map((step) => step.description),
      reason: plan.notes.length === 0 ? undefined : plan.notes.join('; '),
    });
  }
  return {
    dryRun: true,
    total: setup.input.rows,
    toSend,
    calls,
    done: tally.done,
    skipped: tally.skipped,
    failed: tally.failed,
    byStatus: tally.statusObject(),
  };
}

interface PlanLine {
  readonly line: number;
  readonly action: 'send' | 'skip' | 'fail' | 'done';
  readonly userId?: string | undefined;
  readonly credentialId?: string | undefined;
  readonly childAccount?: string | undefined;
  readonly calls?: readonly string[];
  readonly reason?: string | undefined;
  readonly error?: string | undefined;
  readonly message?: string | undefined;
}

/** One plan line: JSON with `--json`, else `line 12  send  createUser alice (PIN)`. */
function print(output: Output, entry: PlanLine): void {
  output.result(entry, () => {
    const what =
      entry.action === 'send'
        ? (entry.calls ?? []).join('; ') + (entry.childAccount === undefined ? '' : ` [child account ${entry.childAccount}]`)
        : entry.action === 'fail'
          ? `${entry.error}: ${entry.message}`
          : `${entry.userId ?? ''} ${entry.reason ?? ''}`.trim();
    const notes = entry.action === 'send' && entry.reason !== undefined ? ` (${entry.reason})` : '';
    return `line ${String(entry.line).padEnd(6)} ${entry.action.padEnd(4)}  ${what}${notes}`;
  });
}
