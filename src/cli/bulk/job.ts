/**
 * What a bulk job is made of: per row, a plan of VIP calls (steps) built from the row's data, and per step the VIP
 * answers that mean "the goal already holds" (a user that exists, a credential that is not bound). The runner
 * executes plans and journals every step; the job definitions (create-users.ts...) only say what to call.
 */
import type {
  BaseResponse,
  OperationInputs,
  OperationName,
  OperationOutputs,
  VipCallOptions,
  VipClient,
  VipServiceError,
} from '../../index.js';
import type { ColumnSpec } from './columns.js';

/** The bulk jobs, as named on the command line. */
export type JobName = 'create-users' | 'update-users' | 'delete-users' | 'add-credentials' | 'remove-credentials' | 'restore';

/** What identifies a row in results and plans (never a secret). */
export interface RowKey {
  readonly userId?: string | undefined;
  readonly credentialId?: string | undefined;
  /** The child account the row acts for: its own column, else `--child-account`. */
  readonly childAccount?: string | undefined;
}

/** What an earlier run of the same job did with this row, from the journal. */
export interface StepHistory {
  /**
   * True when an earlier run sent `step` and never learnt that it succeeded (it was interrupted, or the answer was
   * lost): VIP may have applied it, so "already exists" then means "done by that run".
   */
  sentBefore(step: string): boolean;
}

/** How a refusal is read instead of failing the row. */
export type Decision =
  /** The step's goal holds: go on with the next step (with a note for the results). */
  | { readonly kind: 'continue'; readonly note?: string }
  /** The row needs nothing: stop, skipped for this reason. */
  | { readonly kind: 'skip'; readonly reason: string }
  /** The row is done (e.g. applied by an interrupted run): stop, with this note. */
  | { readonly kind: 'done'; readonly note: string }
  /** Run these steps, then go on (e.g. register an SMS number, then add it again). */
  | { readonly kind: 'then'; readonly steps: readonly Step[] };

/** One VIP call of a row, for operation `N`. */
export interface StepOf<N extends OperationName> {
  /** Unique within the row, letters and digits only (it goes into request IDs and the journal), e.g. `create`, `add2`. */
  readonly name: string;
  readonly operation: N;
  /** The request; may hold secrets (PINs), which the SDK keeps out of its messages and the runner never writes. */
  readonly input: OperationInputs[N];
  /** For the plan, e.g. `createUser alice@example.com (PIN)`; never holds a secret. */
  readonly description: string;
  /** Reads a refusal that does not mean failure; undefined fails the row. */
  readonly onRefusal?: ((error: VipServiceError, history: StepHistory) => Decision | undefined) | undefined;
  /** Work with the answer before the next step (the backup of delete-users); a throw fails the row. */
  readonly after?: ((output: OperationOutputs[N]) => Promise<void>) | undefined;
  /** The row's later steps still run when this one fails (restore adds every credential it can); the row fails. */
  readonly optional?: boolean | undefined;
  /**
   * Sent only when every earlier step succeeded: restore disables a user last, and must not while bindings are still
   * to be added (VIP binds nothing to a disabled user), so the rerun that adds them disables the user after them.
   */
  readonly afterAll?: boolean | undefined;
}

/** One VIP call of a row, for any operation. */
export type Step = { [N in OperationName]: StepOf<N> }[OperationName];

/** What a row will do: its steps in order, and notes for the results (e.g. what a restore cannot bring back). */
export interface RowPlan {
  readonly key: RowKey;
  readonly steps: readonly Step[];
  readonly notes: readonly string[];
  /** The row needs nothing: it is skipped for this reason and nothing is sent. */
  readonly skip?: string | undefined;
}

/** What a job definition gets besides the row. */
export interface PlanContext {
  /** `--child-account`, for rows without their own. */
  readonly childAccount: string | undefined;
  /** The API version the client speaks (restore can disable credential bindings only on 1.10). */
  readonly apiVersion: string;
  /** Where delete-users writes each user before deleting it; undefined in a dry run. */
  readonly backup?: { write(userId: string, childAccount: string | undefined, info: OperationOutputs['getUserInfo']): Promise<void> };
}

/** A job: its input columns, whether it destroys data, and how a row becomes a plan. */
export interface JobDefinition<Data> {
  readonly name: JobName;
  /** One line for `--help`. */
  readonly description: string;
  /** Asks for `--yes` or a confirmation at the terminal. */
  readonly destructive: boolean;
  /** The CSV columns (undefined for restore, which reads a backup file). */
  readonly columns: readonly ColumnSpec[] | undefined;
  /** An example command line for `--help`. */
  readonly example: string;
  /** The row's key, as far as it can be read (for results, also of rows that cannot be planned). */
  keyOf(data: Data, context: PlanContext): RowKey;
  /**
   * Builds the row's plan.
   * @throws {RowProblem} for a value the row cannot be sent with.
   */
  plan(data: Data, context: PlanContext): RowPlan;
}

/**
 * A step's `onRefusal` for codes meaning "already so": when an earlier run sent `step` and was interrupted, that run
 * did it (the row goes on, noted `appliedNote`); otherwise the row is skipped for the code's reason.
 */
export function alreadyMeans(codes: Readonly<Record<string, string>>, step: string, appliedNote: string) {
  return (error: VipServiceError, history: StepHistory): Decision | undefined => {
    const reason = codes[error.code];
    if (reason === undefined) return undefined;
    return history.sentBefore(step) ? { kind: 'continue', note: appliedNote } : { kind: 'skip', reason };
  };
}

/** The child account of a row: its own column, else the command's. */
export function childAccountOf(value: string | undefined, context: PlanContext): string | undefined {
  return value ?? context.childAccount;
}

/** Sends a step with the client's method for its operation. */
export function callStep(vip: VipClient, step: Step, options: VipCallOptions): Promise<BaseResponse> {
  const method = vip[step.operation] as (this: VipClient, input: unknown, options: VipCallOptions) => Promise<BaseResponse>;
  return method.call(vip, step.input, options);
}
