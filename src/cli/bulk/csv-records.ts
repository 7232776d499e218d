/**
 * Reads a CSV file record by record, with the line each record starts on, and isolates every malformed record.
 *
 * Why not csv-parse: with `skip_records_with_error` it skips a record with a stray quote, but after an unclosed
 * quote or text after a closing quote (`"e"f,4`) it keeps reading in the wrong state and swallows every later
 * record into the one error. A bulk job must never lose the rest of the file to one bad line, so records are cut
 * here, line by line: a quoted field may span lines, but a quote that is still open after {@link MAX_RECORD_LINES}
 * lines or at the end of the file, or that ends in a malformed record, makes only its first line malformed, and
 * reading starts again on the next line. For well-formed files the result is what csv-parse gives (a property test
 * compares the two).
 *
 * Error messages name the line and field number, never the content: a malformed line may hold a PIN.
 */
import { StringDecoder } from 'node:string_decoder';

/** A record's fields, or why it could not be read; `line` is the 1-based line it starts on. */
export type CsvRecord = { readonly line: number; readonly fields: string[] } | { readonly line: number; readonly error: string };

/** How far a quoted field may run over line ends before its opening quote is taken to be a mistake. */
export const MAX_RECORD_LINES = 50;
/** The longest line read; longer ones are malformed (and not kept in memory). */
export const MAX_LINE_CHARS = 1 << 20;

/** The delimiters recognised, in order of preference, from the header line (Excel uses `;` in some locales). */
const DELIMITERS = [',', ';', '\t'] as const;

type Delimiter = (typeof DELIMITERS)[number];

/** What one attempt to read a record from some text gave. */
type Parsed = { fields: string[] } | { open: true } | { error: string };

/**
 * Reads the fields of one record from `text` (one line, or several joined by `\n` when a quoted field spans them).
 * Fields follow RFC 4180: quoted fields may hold delimiters, line breaks and doubled quotes; an unquoted field may
 * not hold a quote.
 */
export function parseRecord(text: string, delimiter: string): Parsed {
  // Most lines have no quote at all.
  if (!text.includes('"')) return { fields: text.split(delimiter) };
  const fields: string[] = [];
  let at = 0;
  for (;;) {
    const field = fields.length + 1;
    if (text[at] === '"') {
      let value = '';
      let from = at + 1;
      for (;;) {
        const quote = text.indexOf('"', from);
        if (quote === -1) return { open: true };
        value += text.slice(from, quote);
        if (text[quote + 1] === '"') {
          value += '"';
          from = quote + 2;
          continue;
        }
        at = quote + 1;
        break;
      }
      fields.push(value);
      if (at === text.length) return { fields };
      if (text[at] !== delimiter) return { error: `text after the closing quote of field ${field}` };
      at += 1;
    } else {
      const end = text.indexOf(delimiter, at);
      const value = end === -1 ? text.slice(at) : text.slice(at, end);
      if (value.includes('"')) return { error: `a quote inside field ${field}, which does not start with one` };
      fields.push(value);
      if (end === -1) return { fields };
      at = end + 1;
    }
  }
}

/** The delimiter a header line uses: the first of `,` `;` tab found outside quotes, else `,`. */
export function detectDelimiter(headerLine: string): Delimiter {
  const unquoted = headerLine.replace(/"[^"]*"/g, '');
  return DELIMITERS.find((delimiter) => unquoted.includes(delimiter)) ?? ',';
}

/**
 * Splits text chunks into lines (LF or CRLF), dropping a leading byte-order mark. A line longer than
 * {@link MAX_LINE_CHARS} is given as `undefined`, and its text is dropped as it streams.
 */
export async function* readLines(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<string | undefined> {
  const decoder = new StringDecoder('utf8');
  let partial = '';
  let overlong = false;
  let first = true;
  const take = function* (text: string): Generator<string | undefined> {
    let from = 0;
    for (;;) {
      const end = text.indexOf('\n', from);
      if (end === -1) {
        if (!overlong) partial += text.slice(from);
        if (partial.length > MAX_LINE_CHARS) {
          overlong = true;
          partial = '';
        }
        return;
      }
      const line = overlong ? undefined : partial + text.slice(from, end);
      partial = '';
      overlong = false;
      from = end + 1;
      yield line === undefined || line.length > MAX_LINE_CHARS ? undefined : line.endsWith('\r') ? line.slice(0, -1) : line;
    }
  };
  for await (const chunk of chunks) {
    let text = typeof chunk === 'string' ? chunk : decoder.write(chunk);
    if (first && text.length > 0) {
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      first = false;
    }
    yield* take(text);
  }
  yield* take(`${decoder.end()}\n`);
  // The final '\n' above ends a last line that had none; a file that did end with one gets an extra empty line,
  // which is skipped like every empty line.
}

/**
 * The records of a CSV text stream, the header first, each with its start line. Blank lines are skipped. The
 * delimiter is detected from the first non-blank line.
 */
export async function* readCsvRecords(chunks: AsyncIterable<string | Buffer> | Iterable<string | Buffer>): AsyncGenerator<CsvRecord> {
  let delimiter: Delimiter | undefined;
  // Lines of a record whose quoted field is still open, and the line number of the first of them.
  let open: { line: number; lines: string[] } | undefined;
  let lineNumber = 0;

  // Lines to read again after an unclosed quote: everything after the line that opened it.
  const replay: { line: number; text: string | undefined }[] = [];

  function* feed(line: number, text: string | undefined): Generator<CsvRecord> {
    if (text === undefined) {
      if (open !== undefined) {
        // An overlong line inside an open record ends that record as malformed, and is read again after the
        // record's other lines.
        yield* abandonOpen();
        replay.push({ line, text });
        return;
      }
      yield { line, error: `longer than ${MAX_LINE_CHARS} characters` };
      return;
    }
    if (open === undefined) {
      if (text.trim() === '') return;
      delimiter ??= detectDelimiter(text);
      const parsed = parseRecord(text, delimiter);
      if ('open' in parsed) open = { line, lines: [text] };
      else yield recordOf(line, parsed);
      return;
    }
    open.lines.push(text);
    const parsed = parseRecord(open.lines.join('\n'), delimiter ?? ',');
    if ('fields' in parsed) {
      const start = open.line;
      open = undefined;
      yield { line: start, fields: parsed.fields };
    } else if ('error' in parsed || open.lines.length >= MAX_RECORD_LINES) {
      // A quote that opened a field on the first line and did not end well (or not at all): most likely a stray
      // quote on that line, so only that line is lost.
      yield* abandonOpen();
    }
  }

  /** Reports the open record's first line as malformed and queues its other lines to be read again. */
  function* abandonOpen(): Generator<CsvRecord> {
    if (open === undefined) return;
    const { line, lines } = open;
    open = undefined;
    yield { line, error: 'a quoted field that starts on this line is not closed properly' };
    replay.unshift(...lines.slice(1).map((text, offset) => ({ line: line + 1 + offset, text })));
  }

  function* drain(): Generator<CsvRecord> {
    while (replay.length > 0) {
      const next = replay.shift() as { line: number; text: string | undefined };
      yield* feed(next.line, next.text);
    }
  }

  for await (const text of readLines(chunks)) {
    lineNumber += 1;
    yield* feed(lineNumber, text);
    yield* drain();
  }
  while (open !== undefined) {
    yield* abandonOpen();
    yield* drain();
  }
}

function recordOf(line: number, parsed: { fields: string[] } | { error: string }): CsvRecord {
  return 'error' in parsed ? { line, error: parsed.error } : { line, fields: parsed.fields };
}
