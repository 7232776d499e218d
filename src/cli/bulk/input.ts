/**
 * The input of a bulk job, read twice as a stream: once up front (its SHA-256 for the journal, the row count for
 * the progress bar, the header checked before anything is sent), then row by row while the job runs, and again
 * for the results file. Memory does not grow with the file: only the current rows are held.
 */
import { createHash, type Hash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CliUsageError } from '../exit-codes.js';
import { type BackupRecord, backupUserKey, parseBackupLine } from './backup.js';
import { type ColumnSpec, type Header, type RowValues, resolveHeader, valuesOf } from './columns.js';
import { readCsvRecords, readLines } from './csv-records.js';

/** One data row of the input: its data, or why it cannot be read. */
export type SourceRow<Data> =
  | { readonly index: number; readonly line: number; readonly data: Data }
  | { readonly index: number; readonly line: number; readonly error: string };

/** An input file that was checked and measured. */
export interface Input<Data> {
  readonly path: string;
  readonly sha256: string;
  /** Data rows (the header and blank lines not counted). */
  readonly rows: number;
  /** Reads the rows from the start. */
  read(): AsyncIterable<SourceRow<Data>>;
}

/**
 * Opens a job's CSV file: checks the header against the job's columns and counts the rows.
 * @throws {CliUsageError} for a missing or empty file, or a header the job cannot use.
 */
export async function openCsvInput(path: string, columns: readonly ColumnSpec[]): Promise<Input<RowValues>> {
  const hash = createHash('sha256');
  let header: Header | undefined;
  let rows = 0;
  for await (const record of readCsvRecords(hashed(fileChunks(path), hash))) {
    if (header === undefined) header = headerOf(record, columns, path);
    else rows += 1;
  }
  if (header === undefined) throw new CliUsageError(`${path} is empty: it needs a header row naming its columns`);
  const resolved = header;
  return {
    path,
    sha256: hash.digest('hex'),
    rows,
    async *read() {
      let index = -1;
      for await (const record of readCsvRecords(fileChunks(path))) {
        if (index === -1) {
          index = 0;
          continue;
        }
        const at = { index: index++, line: record.line };
        if ('error' in record) {
          yield { ...at, error: record.error };
          continue;
        }
        const named = valuesOf(resolved, record.fields);
        yield 'error' in named ? { ...at, error: named.error } : { ...at, data: named.values };
      }
    },
  };
}

function headerOf(
  record: { line: number; fields: string[] } | { line: number; error: string },
  columns: readonly ColumnSpec[],
  path: string,
): Header {
  if ('error' in record) throw new CliUsageError(`${path}: the header cannot be read (${record.error})`);
  return resolveHeader(record.fields, columns, path);
}

/** The data of a backup line: the record, and the line of a later backup of the same user that replaces it. */
export interface BackupRow {
  readonly record: BackupRecord;
  readonly supersededBy: number | undefined;
}

/**
 * Opens a backup file for `bulk restore`. A user backed up twice (a delete job that was rerun) is restored from
 * the last line.
 * @throws {CliUsageError} for a missing or empty file.
 */
export async function openBackupInput(path: string): Promise<Input<BackupRow>> {
  const hash = createHash('sha256');
  const last = new Map<string, number>();
  let rows = 0;
  for await (const { line, text } of nonBlankLines(hashed(fileChunks(path), hash))) {
    rows += 1;
    const record = text === undefined ? undefined : parseBackupLine(text);
    if (record !== undefined && !('error' in record)) last.set(backupUserKey(record), line);
  }
  if (rows === 0) throw new CliUsageError(`${path} is empty: a backup file has one line per user`);
  if (last.size === 0) throw new CliUsageError(`${path} holds no user backup: restore reads the backup file bulk delete-users writes`);
  return {
    path,
    sha256: hash.digest('hex'),
    rows,
    async *read() {
      let index = 0;
      for await (const { line, text } of nonBlankLines(fileChunks(path))) {
        const at = { index: index++, line };
        const record = text === undefined ? { error: 'longer than any backup record' } : parseBackupLine(text);
        if ('error' in record) {
          yield { ...at, error: record.error };
          continue;
        }
        const latest = last.get(backupUserKey(record));
        yield { ...at, data: { record, supersededBy: latest === line ? undefined : latest } };
      }
    },
  };
}

async function* nonBlankLines(chunks: AsyncIterable<Buffer>): AsyncGenerator<{ line: number; text: string | undefined }> {
  let line = 0;
  for await (const text of readLines(chunks)) {
    line += 1;
    if (text === undefined || text.trim() !== '') yield { line, text };
  }
}

/**
 * The file's bytes.
 * @throws {CliUsageError} when it cannot be read.
 */
async function* fileChunks(path: string): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of createReadStream(path)) yield chunk as Buffer;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new CliUsageError(`cannot read ${path}: no such file`);
    if (code === 'EISDIR') throw new CliUsageError(`cannot read ${path}: it is a folder`);
    throw new CliUsageError(`cannot read ${path}: ${(error as Error).message}`);
  }
}

async function* hashed(chunks: AsyncIterable<Buffer>, hash: Hash): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    hash.update(chunk);
    yield chunk;
  }
}
