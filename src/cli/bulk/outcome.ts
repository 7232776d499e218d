/**
 * How a row's end is described: the error of a failed row as status code, class name, message and request ID (the
 * SDK's messages never hold secrets), and the tallies by outcome and by status that the progress display and the
 * summary show.
 */
import { VipAbortError, VipCallError, VipServiceError } from '../../index.js';
import type { Outcome, RowRecord } from './journal.js';

/** The fields of a row record that describe a failure. */
export interface ErrorFields {
  readonly code?: string | undefined;
  readonly error: string;
  readonly message: string;
  readonly requestId?: string | undefined;
}

/**
 * Describes the error that failed a row. The message is copied: it is built from VIP's status message, a slice of
 * the whole response text, which the row record would otherwise keep alive until the job ends.
 */
export function errorFields(error: unknown): ErrorFields {
  if (error instanceof VipServiceError) {
    return { code: error.code, error: error.name, message: detached(error.message), requestId: error.requestId };
  }
  if (error instanceof VipCallError) return { error: error.name, message: detached(error.message), requestId: error.requestId };
  if (error instanceof Error) return { error: error.name, message: error.message };
  return { error: 'Error', message: String(error) };
}

/** A copy of `text` that shares no memory with the string it was cut from. */
function detached(text: string): string {
  return Buffer.from(text, 'utf8').toString('utf8');
}

/** True when the call ended because the job is being interrupted (the row is left for the rerun). */
export function isInterruption(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || error instanceof VipAbortError;
}

/**
 * The key a row counts under in `byStatus`: VIP's status code when VIP answered, else the error class (a transport
 * failure, an invalid row); none for rows skipped without asking VIP (excluded).
 */
export function statusKey(record: RowRecord): string | undefined {
  return record.code ?? record.error;
}

/** Counts of rows by outcome and by status. */
export class Tally {
  done = 0;
  skipped = 0;
  failed = 0;
  readonly byStatus = new Map<string, number>();

  add(record: Pick<RowRecord, 'outcome' | 'code' | 'error'>): void {
    this[record.outcome satisfies Outcome] += 1;
    const key = statusKey(record as RowRecord);
    if (key !== undefined) this.byStatus.set(key, (this.byStatus.get(key) ?? 0) + 1);
  }

  get total(): number {
    return this.done + this.skipped + this.failed;
  }

  /** `byStatus` as a plain object (for JSON; objects list keys such as `6002` before `0000` whatever the order). */
  statusObject(): Record<string, number> {
    return Object.fromEntries(this.#sorted());
  }

  /** e.g. `0000: 950, 6002: 3, VipConnectionError: 2`. */
  statusText(): string {
    return this.#sorted()
      .map(([key, count]) => `${key}: ${count}`)
      .join(', ');
  }

  #sorted(): [string, number][] {
    return [...this.byStatus].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  }
}
