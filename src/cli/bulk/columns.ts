/**
 * The columns of a bulk file: which headings a job knows, how a heading is matched (case, spaces, `_` and `-` do not
 * matter, so `userId`, `UserId`, `user_id` and VIP Manager's `User ID` are one column), and the value rules every
 * job shares (yes/no, a choice of words). A heading nobody knows stops the job before anything is sent: a typo such
 * as `pni` would otherwise create every user without a PIN.
 */
import { CliUsageError } from '../exit-codes.js';

/** One documented column of a job's CSV file. */
export interface ColumnSpec {
  /** The documented heading, e.g. `userId`. */
  readonly name: string;
  /** Other headings accepted for it (other tools' names, e.g. `JurisdictionHash`). */
  readonly aliases?: readonly string[];
  readonly required?: boolean;
  /** Never copied to results, the journal, messages or output (PINs). */
  readonly secret?: boolean;
  /** One line for the column reference in `--help`. */
  readonly description: string;
}

/** The per-row child account column every job accepts; without it the global `--child-account` applies. */
export const CHILD_ACCOUNT_COLUMN: ColumnSpec = {
  name: 'childAccount',
  aliases: ['onBehalfOfAccountId', 'jurisdictionHash'],
  description: 'child account to act for on this row (onBehalfOfAccountId); default --child-account',
};

/**
 * Headings of the User Detail report (`report users`) that a bulk job reads past when it has no such column, so a
 * report can be edited and fed to `bulk remove-credentials` as it is.
 */
export const REPORT_ONLY_HEADINGS: readonly string[] = [
  'User Status',
  'Credential Status',
  'Friendly Name',
  'Push Enabled',
  'Last Bind Time',
  'Last Authentication Time',
];

/** What a header row resolved to: the column at each position (undefined for a column read past). */
export interface Header {
  readonly columns: readonly (ColumnSpec | undefined)[];
}

/** The key a heading is matched by: lower case without spaces, `_` or `-`. */
export function headingKey(heading: string): string {
  return heading.replace(/[\s_-]/g, '').toLowerCase();
}

/**
 * Matches a header row against a job's columns.
 * @throws {CliUsageError} for an unknown or repeated heading, or a missing required column.
 */
export function resolveHeader(headings: readonly string[], specs: readonly ColumnSpec[], file: string): Header {
  const byKey = new Map<string, ColumnSpec>();
  for (const spec of specs) for (const name of [spec.name, ...(spec.aliases ?? [])]) byKey.set(headingKey(name), spec);
  const ignored = new Set(REPORT_ONLY_HEADINGS.map(headingKey));
  const seen = new Set<ColumnSpec>();
  const columns = headings.map((heading, index) => {
    const key = headingKey(heading);
    const spec = byKey.get(key);
    if (spec === undefined) {
      if (ignored.has(key)) return undefined;
      throw new CliUsageError(
        `${file}: unknown column "${heading}" (column ${index + 1} of the header); this job reads ${specs.map((s) => s.name).join(', ')}`,
      );
    }
    if (seen.has(spec)) throw new CliUsageError(`${file}: the column ${spec.name} appears twice in the header`);
    seen.add(spec);
    return spec;
  });
  const missing = specs.filter((spec) => spec.required === true && !seen.has(spec)).map((spec) => spec.name);
  if (missing.length > 0) throw new CliUsageError(`${file}: the header has no ${missing.join(', ')} column (it is required)`);
  return { columns };
}

/** A row's values by column name; a blank cell is absent. */
export type RowValues = Readonly<Record<string, string | undefined>>;

/**
 * Names a record's fields by the header. Values are trimmed, except secrets, which are taken exactly as written.
 * @returns the values, or the problem (a field count that differs from the header's).
 */
export function valuesOf(header: Header, fields: readonly string[]): { values: RowValues } | { error: string } {
  if (fields.length !== header.columns.length) {
    return { error: `${fields.length} fields, but the header has ${header.columns.length}` };
  }
  const values: Record<string, string | undefined> = {};
  header.columns.forEach((spec, index) => {
    if (spec === undefined) return;
    const raw = fields[index] as string;
    const value = spec.secret === true ? raw : raw.trim();
    values[spec.name] = value === '' ? undefined : value;
  });
  return { values };
}

/** A value a row cannot be sent with; the message names the column, never a secret value (the line is beside it). */
export class RowProblem extends Error {
  override readonly name = 'InvalidRow';
}

/** Reads a yes/no cell: true/false, yes/no, y/n, 1/0 in any case; absent stays absent. */
export function booleanValue(values: RowValues, column: string): boolean | undefined {
  const value = values[column];
  if (value === undefined) return undefined;
  const lower = value.toLowerCase();
  if (['true', 'yes', 'y', '1'].includes(lower)) return true;
  if (['false', 'no', 'n', '0'].includes(lower)) return false;
  throw new RowProblem(`${column} must be true or false, got ${JSON.stringify(value)}`);
}

/** Reads a cell that must be one of `choices` (any case; returned as written in `choices`). */
export function choiceValue<T extends string>(values: RowValues, column: string, choices: readonly T[]): T | undefined {
  const value = values[column];
  if (value === undefined) return undefined;
  const match = choices.find((choice) => choice.toLowerCase() === value.toLowerCase());
  if (match === undefined) {
    throw new RowProblem(`${column} must be one of ${choices.join(', ')}, got ${JSON.stringify(value)}`);
  }
  return match;
}

/** Reads a cell the header guarantees (a required column) but a row may leave blank. */
export function requiredValue(values: RowValues, column: string): string {
  const value = values[column];
  if (value === undefined) throw new RowProblem(`${column} is empty (it is required)`);
  return value;
}
