/**
 * What happens to a row before any call, the same in a dry run and a real one: a row that cannot be read or fails a
 * check ends failed, an excluded row is skipped, and otherwise the row's plan is validated by the SDK.
 */
import type { Exclusions } from './options.js';
import type { SourceRow } from './input.js';
import type { JobDefinition, PlanContext, RowKey, RowPlan } from './job.js';
import type { Outcome, RowRecord } from './journal.js';
import { type ErrorFields, errorFields } from './outcome.js';
import type { RequestValidator } from './validation.js';
import { RowProblem } from './columns.js';

/** A row decided without calling VIP, or its plan. */
export type Prepared = { readonly record: RowRecord } | { readonly plan: RowPlan };

/** The class name results show for an input line that cannot be read (a CSV line, or a backup line for restore). */
export const MALFORMED_LINE = 'MalformedLine';

export interface PrepareSetup<Data> {
  readonly job: JobDefinition<Data>;
  readonly context: PlanContext;
  readonly exclusions: Exclusions;
  readonly validator: RequestValidator;
  /**
   * False when the first step is about to be sent anyway, which validates it on the way (the SDK refuses an invalid
   * request before sending it): then only the later steps are checked up front, so that a row never stops halfway
   * on a request it could have known was invalid. A dry run checks them all.
   */
  readonly validateFirstStep?: boolean;
}

export async function prepareRow<Data>(row: SourceRow<Data>, setup: PrepareSetup<Data>): Promise<Prepared> {
  if ('error' in row) return { record: rowRecord(row, {}, 'failed', { error: MALFORMED_LINE, message: row.error }) };
  const { job, context } = setup;
  const key = job.keyOf(row.data, context);
  const pattern = key.userId === undefined ? undefined : setup.exclusions.match(key.userId);
  if (pattern !== undefined) return { record: { ...rowRecord(row, key, 'skipped', { reason: `excluded by ${pattern}` }), excluded: true } };
  let plan: RowPlan;
  try {
    plan = job.plan(row.data, context);
  } catch (error) {
    if (error instanceof RowProblem) return { record: rowRecord(row, key, 'failed', errorFields(error)) };
    throw error;
  }
  if (plan.skip !== undefined) return { record: rowRecord(row, plan.key, 'skipped', { reason: plan.skip }) };
  const invalid = await setup.validator.check(setup.validateFirstStep === false ? plan.steps.slice(1) : plan.steps, plan.key.childAccount);
  if (invalid !== undefined) return { record: rowRecord(row, plan.key, 'failed', errorFields(invalid)) };
  return { plan };
}

/** A row record from the row's position, key and outcome. */
export function rowRecord(
  row: { readonly index: number; readonly line: number },
  key: RowKey,
  outcome: Outcome,
  fields: Partial<ErrorFields> & { readonly reason?: string | undefined },
): RowRecord {
  return {
    t: 'row',
    r: row.index,
    line: row.line,
    outcome,
    userId: key.userId,
    credentialId: key.credentialId,
    childAccount: key.childAccount,
    ...fields,
  };
}
