/**
 * How commands print: aligned tables and key/value blocks for people, one JSON document per result with `--json`
 * for scripts. Results go to stdout; progress, prompts and diagnostics to stderr, so `--json` output can be piped.
 */
import Table from 'cli-table3';
import type { CliIo } from './io.js';

/** One column of a table: its heading and how to read the cell from a row. */
export interface Column<Row> {
  readonly heading: string;
  readonly value: (row: Row) => unknown;
}

export class Output {
  readonly json: boolean;
  readonly #io: CliIo;

  constructor(io: CliIo, json: boolean) {
    this.#io = io;
    this.json = json;
  }

  /**
   * Prints a command's result: `value` as one line of JSON with `--json`, else what `human` renders.
   * @param value Plain data (dates become ISO 8601 strings); never holds a secret.
   */
  result(value: unknown, human: () => string): void {
    this.#io.stdout.write(`${this.json ? toJson(value) : human()}\n`);
  }

  /** A line of progress or explanation for people, on stderr (kept out of `--json` output). */
  note(line: string): void {
    this.#io.stderr.write(`${line}\n`);
  }
}

/** JSON with dates as ISO strings and undefined fields left out. */
export function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, field: unknown) => (field instanceof Date ? field.toISOString() : field));
}

/** An aligned table with a heading row; an empty list prints the headings and "(none)". */
export function renderTable<Row>(rows: readonly Row[], columns: readonly Column<Row>[]): string {
  const table = new Table({ head: columns.map((column) => column.heading), style: { head: [], border: [] } });
  for (const row of rows) table.push(columns.map((column) => cell(column.value(row))));
  return rows.length === 0 ? `${table.toString()}\n(none)` : table.toString();
}

/** Label/value lines, labels padded to one width; undefined values are left out. */
export function renderFields(fields: Readonly<Record<string, unknown>>): string {
  const present = Object.entries(fields).filter(([, value]) => value !== undefined);
  const width = Math.max(0, ...present.map(([label]) => label.length));
  return present.map(([label, value]) => `${`${label}:`.padEnd(width + 1)} ${cell(value)}`).join('\n');
}

/** A cell's text: dates in ISO form, booleans as yes/no, lists joined, nothing for absent values. */
export function cell(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.map(cell).join(', ');
  if (typeof value === 'object') return toJson(value);
  return String(value);
}
