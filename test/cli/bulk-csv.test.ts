/**
 * The CSV reader of the bulk jobs: on well-formed files it reads what csv-parse reads (property test against
 * csv-parse, on text written by csv-stringify), whatever the chunking; a malformed line costs only that line, with
 * its line number; headings match in any case and spelling of spaces and underscores, and unknown or missing
 * columns stop the job before anything is sent.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resolveHeader, valuesOf } from '../../src/cli/bulk/columns.js';
import { type CsvRecord, detectDelimiter, MAX_LINE_CHARS, MAX_RECORD_LINES, readCsvRecords } from '../../src/cli/bulk/csv-records.js';
import { addCredentials } from '../../src/cli/bulk/jobs/add-credentials.js';
import { createUsers } from '../../src/cli/bulk/jobs/create-users.js';
import { removeCredentials } from '../../src/cli/bulk/jobs/remove-credentials.js';
import { CliUsageError } from '../../src/cli/exit-codes.js';

async function records(chunks: readonly (string | Buffer)[]): Promise<CsvRecord[]> {
  const all: CsvRecord[] = [];
  for await (const record of readCsvRecords(chunks)) all.push(record);
  return all;
}

/** Splits a buffer at the given (sorted, deduplicated) offsets, possibly inside a multi-byte character. */
function chunked(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.map((cut) => cut % (bytes.length + 1)))].sort((a, b) => a - b);
  const parts: Buffer[] = [];
  let from = 0;
  for (const point of points) {
    parts.push(bytes.subarray(from, point));
    from = point;
  }
  parts.push(bytes.subarray(from));
  return parts;
}

// Field text: anything but a carriage return (the reader turns CRLF inside a quoted field into LF, see below).
const fieldText = fc.string({ unit: fc.constantFrom('a', 'Z', '7', ' ', ',', ';', '"', '\n', 'é', '😀', '\t', '@', '-') });

/**
 * A header of plain names (the reader takes its delimiter from the header), then rows of the same width, none of
 * which would print as a blank line (the reader skips those).
 */
const table = fc
  .integer({ min: 1, max: 5 })
  .chain((width) => fc.array(fc.array(fieldText, { minLength: width, maxLength: width }), { minLength: 1, maxLength: 12 }))
  .filter((rows) => rows.every((row) => row.length > 1 || (row[0] as string).trim() !== ''))
  .map((rows) => [rows[0]?.map((_, index) => `column${index}`) ?? [], ...rows]);

describe('bulk CSV reader', () => {
  it('reads what csv-parse reads from anything csv-stringify writes, in any chunking', async () => {
    await fc.assert(
      fc.asyncProperty(table, fc.boolean(), fc.boolean(), fc.array(fc.nat(), { maxLength: 6 }), async (rows, crlf, bom, cuts) => {
        // With CRLF records csv-stringify leaves a lone LF unquoted, which no line-based reader (nor Excel) reads back
        // as part of the field; quoting it is what every other writer does.
        const text = (bom ? '\ufeff' : '') + stringify(rows, { record_delimiter: crlf ? '\r\n' : '\n', quoted_match: /\n/ });
        const expected = parse(text, { bom: true, record_delimiter: crlf ? '\r\n' : '\n', relax_column_count: true }) as string[][];
        const read = await records(chunked(Buffer.from(text), cuts));
        expect(read.map((record) => ('fields' in record ? record.fields : record.error))).toEqual(expected);
        expect(expected).toEqual(rows);
      }),
      { numRuns: 300 },
    );
  });

  it('loses only the line with a stray quote; every other record keeps its fields and line number', async () => {
    const cell = fc.stringMatching(/^[a-z0-9@.]{1,8}$/);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(cell, cell, cell), { minLength: 2, maxLength: 30 }),
        fc.nat(),
        fc.nat(),
        async (rows, pick, position) => {
          const lines = rows.map((row) => row.join(','));
          const broken = pick % lines.length;
          const line = lines[broken] as string;
          const at = position % (line.length + 1);
          lines[broken] = `${line.slice(0, at)}"${line.slice(at)}`;
          const read = await records([lines.join('\n')]);
          expect(read).toHaveLength(rows.length);
          read.forEach((record, index) => {
            expect(record.line).toBe(index + 1);
            if (index === broken) expect(record).toHaveProperty('error');
            else expect(record).toEqual({ line: index + 1, fields: rows[index] });
          });
          const error = (read[broken] as { error: string }).error;
          // The message says what is wrong, never what the line holds (it may be a PIN).
          for (const field of rows[broken] as string[]) if (field.length > 3) expect(error).not.toContain(field);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('keeps quoted line breaks, skips blank lines and numbers records by the line they start on', async () => {
    expect(await records(['userId,friendlyName\r\n\r\n"a,b","two\r\nlines"\r\n   \r\nc,"say ""hi"""'])).toEqual([
      { line: 1, fields: ['userId', 'friendlyName'] },
      { line: 3, fields: ['a,b', 'two\nlines'] },
      { line: 6, fields: ['c', 'say "hi"'] },
    ]);
  });

  it('gives up on a quote still open after many lines, and reads the lines after it again', async () => {
    const lines = ['userId', '"opened', ...Array.from({ length: MAX_RECORD_LINES + 5 }, (_, index) => `user${index}`)];
    const read = await records([lines.join('\n')]);
    expect(read[1]).toEqual({ line: 2, error: 'a quoted field that starts on this line is not closed properly' });
    expect(read.slice(2)).toEqual(
      Array.from({ length: MAX_RECORD_LINES + 5 }, (_, index) => ({ line: index + 3, fields: [`user${index}`] })),
    );
  });

  it('reports a line that is too long without keeping it, and goes on', async () => {
    const read = await records(['userId\n', 'x'.repeat(MAX_LINE_CHARS), 'y'.repeat(10), '\nbob\n']);
    expect(read).toEqual([
      { line: 1, fields: ['userId'] },
      { line: 2, error: `longer than ${MAX_LINE_CHARS} characters` },
      { line: 3, fields: ['bob'] },
    ]);
  });

  it.each([
    ['userId,pin', ','],
    ['userId;pin', ';'],
    ['userId\tpin', '\t'],
    ['"user;Id",pin', ','],
    ['userId', ','],
  ])('takes the delimiter of the header %j', (header, delimiter) => {
    expect(detectDelimiter(header)).toBe(delimiter);
  });

  it('reads a semicolon file as Excel writes it in some locales', async () => {
    expect(await records(['userId;pin\nalice;"12;34"\n'])).toEqual([
      { line: 1, fields: ['userId', 'pin'] },
      { line: 2, fields: ['alice', '12;34'] },
    ]);
  });
});

describe('bulk CSV columns', () => {
  const columns = createUsers.columns ?? [];

  it('matches headings in any case, with spaces, _ and - ignored, and by alias', () => {
    const header = resolveHeader(['User ID', 'PIN', 'force_pin_change', 'JurisdictionHash'], columns, 'users.csv');
    expect(header.columns.map((column) => column?.name)).toEqual(['userId', 'pin', 'forcePinChange', 'childAccount']);
    expect(valuesOf(header, [' alice ', ' 1234 ', '', 'child1'])).toEqual({
      // Secrets are taken exactly as written; other values are trimmed; blank cells are absent.
      values: { userId: 'alice', pin: ' 1234 ', forcePinChange: undefined, childAccount: 'child1' },
    });
  });

  it('reads past the extra columns of a User Detail report, so a report can feed remove-credentials', () => {
    const headings = ['User ID', 'User Status', 'Credential ID', 'Credential Type', 'Credential Status', 'Friendly Name', 'Push Enabled'];
    const remove = resolveHeader(headings, removeCredentials.columns ?? [], 'report.csv');
    expect(remove.columns.map((column) => column?.name)).toEqual([
      'userId',
      undefined,
      'credentialId',
      'credentialType',
      undefined,
      undefined,
      undefined,
    ]);
    // A job that has the column reads it.
    const add = resolveHeader(headings, addCredentials.columns ?? [], 'report.csv');
    expect(add.columns.map((column) => column?.name)).toContain('friendlyName');
  });

  it.each([
    [
      ['userId', 'pni'],
      /users\.csv: unknown column "pni" \(column 2 of the header\); this job reads userId, pin, forcePinChange, userStatus, childAccount/,
    ],
    [['userId', 'User_Id'], /the column userId appears twice/],
    [['pin'], /the header has no userId column \(it is required\)/],
  ])('refuses the header %j', (headings, message) => {
    expect(() => resolveHeader(headings, columns, 'users.csv')).toThrow(CliUsageError);
    expect(() => resolveHeader(headings, columns, 'users.csv')).toThrow(message);
  });

  it('calls a record with another number of fields than the header malformed', () => {
    const header = resolveHeader(['userId', 'pin'], columns, 'users.csv');
    expect(valuesOf(header, ['alice'])).toEqual({ error: '1 fields, but the header has 2' });
    expect(valuesOf(header, ['alice', '1', '2'])).toEqual({ error: '3 fields, but the header has 2' });
  });
});
