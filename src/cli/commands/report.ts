/**
 * `report users FILE|--users a,b,...`: the credential audit export, shaped like VIP Manager's User Detail report (one
 * row per credential, a user without credentials on one row of its own), as CSV or JSON lines, to a file or stdout.
 *
 * It streams: user IDs are read from the file as the export goes, at most `--concurrency` lookups are in flight, and
 * rows are written in input order as soon as the users before them are written, so memory stays flat whether the
 * list has ten users or a hundred thousand.
 */
import { once } from 'node:events';
import { constants, createReadStream, createWriteStream } from 'node:fs';
import { access } from 'node:fs/promises';
import { resolve } from 'node:path';
import { finished } from 'node:stream/promises';
import type { Writable } from 'node:stream';
import { Option } from 'commander';
import { stringify } from 'csv-stringify';
import { type GetUserInfoOutput, type VipClient, VipServiceError } from '../../index.js';
import { CHILD_ACCOUNT_COLUMN, headingKey } from '../bulk/columns.js';
import { readCsvRecords } from '../bulk/csv-records.js';
import { parseConcurrency } from '../bulk/options.js';
import { errorFields } from '../bulk/outcome.js';
import { CliUsageError, EXIT, type ExitCode } from '../exit-codes.js';
import type { CliIo } from '../io.js';
import { cell, toJson } from '../output.js';
import type { CommandContext, RegisterCommand } from '../program.js';
import { USER_DETAIL_COLUMNS, type UserDetailRow, userDetailRows } from '../user-detail.js';

interface ReportFlags {
  users?: string;
  format?: 'csv' | 'json';
  output?: string;
  concurrency?: string;
}

/** A user to look up: where it was listed (`line 7`, `--users item 2`), and for which child account. */
interface Wanted {
  readonly where: string;
  readonly userId: string;
  readonly childAccount: string | undefined;
}

/** What the export did. */
interface ReportSummary {
  readonly users: number;
  readonly rows: number;
  readonly notFound: number;
  readonly failed: number;
  readonly output: string;
  readonly interrupted: boolean;
}

export const registerReport: RegisterCommand = (program, act) => {
  const report = program.command('report').description('exports: the credential audit of a list of users');
  report
    .command('users')
    .argument('[file]', 'CSV file with a userId column (childAccount too, optionally; other columns are ignored), or - for stdin')
    .description("credential audit in VIP Manager's User Detail shape: one row per credential, streamed")
    .option('--users <ids>', 'comma-separated user IDs, instead of a file')
    .addOption(
      new Option(
        '--format <format>',
        'csv, or json for one JSON object per line (default: from the --output extension, else json with --json, else csv)',
      ).choices(['csv', 'json']),
    )
    .option('--output <file>', 'write the export here instead of stdout')
    .option('--concurrency <n>', 'lookups in flight at once, 1 to 64 (default 4)')
    .addHelpText(
      'after',
      `\nColumns: ${USER_DETAIL_COLUMNS.map((column) => column.heading).join(', ')}.\n` +
        'Users that do not exist or cannot be read are listed on stderr; the exit code is then 4.\n\n' +
        'Examples:\n  $ vip-user-services report users staff.csv --output audit.csv\n  $ vip-user-services report users --users alice@example.com,bob@example.com --format json',
    )
    .action(act((context, file: string | undefined, flags: ReportFlags) => exportUsers(context, file, flags)));
};

async function exportUsers(context: CommandContext, file: string | undefined, flags: ReportFlags): Promise<ExitCode> {
  const { io, config, output } = context;
  if ((file === undefined) === (flags.users === undefined)) {
    throw new CliUsageError('name the users with a FILE or with --users a,b,... (one of the two)');
  }
  const concurrency = parseConcurrency(flags.concurrency);
  const format = flags.format ?? defaultFormat(flags.output, config.json);
  const childAccount = config.childAccount?.value;
  if (file !== undefined && file !== '-') await checkReadable(resolve(io.cwd, file));
  const wanted = file === undefined ? listedUsers(flags.users ?? '', childAccount) : usersInFile(io, file, childAccount);
  const destination = flags.output === undefined ? undefined : resolve(io.cwd, flags.output);
  const { vip } = await context.connect();

  const sink = openSink(io, destination, format);
  let users = 0;
  let rows = 0;
  let notFound = 0;
  let failed = 0;
  try {
    for await (const result of lookUpInOrder(vip, wanted, concurrency, io.signal)) {
      // A lookup cut short by Ctrl-C is no failure of that user.
      if (io.signal.aborted) break;
      users += 1;
      if ('rows' in result) {
        for (const row of result.rows) await sink.write(row);
        rows += result.rows.length;
        continue;
      }
      const { wanted: user, error } = result;
      const isMissing = error instanceof VipServiceError && error.code === '6003';
      if (isMissing) notFound += 1;
      else failed += 1;
      const { code, error: name, message } = errorFields(error);
      output.note(
        isMissing
          ? `${user.where}: user ${user.userId} not found (6003)`
          : `${user.where}: user ${user.userId} not exported: ${code === undefined ? '' : `${code} `}${name}: ${message}`,
      );
    }
  } finally {
    await sink.close();
  }
  const interrupted = io.signal.aborted;
  const summary: ReportSummary = { users, rows, notFound, failed, output: destination ?? 'stdout', interrupted };
  const text = `report users: ${users} users, ${rows} rows${notFound > 0 ? `, ${notFound} not found` : ''}${failed > 0 ? `, ${failed} failed` : ''}${interrupted ? ' (interrupted)' : ''}`;
  // stdout carries the export itself unless it goes to a file.
  if (destination !== undefined) output.result(summary, () => `${text}\noutput: ${destination}`);
  else output.note(text);
  if (interrupted) return EXIT.interrupted;
  return notFound + failed > 0 ? EXIT.incomplete : EXIT.ok;
}

/**
 * The export's format when --format is not given: from the extension of --output (`.json`, `.jsonl`, `.ndjson` give
 * JSON lines), else JSON lines on stdout with --json; CSV otherwise. With --output, --json is for the summary.
 */
function defaultFormat(output: string | undefined, json: boolean): 'csv' | 'json' {
  if (output !== undefined) return /\.(json|jsonl|ndjson)$/i.test(output) ? 'json' : 'csv';
  return json ? 'json' : 'csv';
}

async function* listedUsers(list: string, childAccount: string | undefined): AsyncGenerator<Wanted> {
  const ids = list.split(',').map((id) => id.trim());
  if (ids.some((id) => id === '')) throw new CliUsageError('--users takes comma-separated user IDs, with none empty');
  for (const [index, userId] of ids.entries()) yield { where: `--users item ${index + 1}`, userId, childAccount };
}

/**
 * The users of a CSV file with a userId column (and optionally childAccount); lines that cannot be read are
 * reported on stderr and passed over.
 */
async function* usersInFile(io: CliIo, file: string, childAccount: string | undefined): AsyncGenerator<Wanted> {
  const chunks = file === '-' ? io.stdin : createReadStream(resolve(io.cwd, file));
  let columns: { userId: number; childAccount: number } | undefined;
  for await (const record of readCsvRecords(chunks as AsyncIterable<Buffer>)) {
    if (columns === undefined) {
      if ('error' in record) throw new CliUsageError(`${file}: the header cannot be read (${record.error})`);
      const keys = record.fields.map(headingKey);
      const userId = keys.indexOf('userid');
      if (userId === -1) throw new CliUsageError(`${file}: the header has no userId column`);
      const childAccountKeys = [CHILD_ACCOUNT_COLUMN.name, ...(CHILD_ACCOUNT_COLUMN.aliases ?? [])].map(headingKey);
      columns = { userId, childAccount: keys.findIndex((key) => childAccountKeys.includes(key)) };
      continue;
    }
    const userId = 'fields' in record ? record.fields[columns.userId]?.trim() : undefined;
    if (userId === undefined || userId === '') {
      io.stderr.write(`line ${record.line}: no user ID (${'error' in record ? record.error : 'the userId cell is empty'})\n`);
      continue;
    }
    const own = 'fields' in record && columns.childAccount !== -1 ? record.fields[columns.childAccount]?.trim() : undefined;
    yield { where: `line ${record.line}`, userId, childAccount: own === undefined || own === '' ? childAccount : own };
  }
}

/** @throws {CliUsageError} when `path` cannot be read (checked before connecting). */
async function checkReadable(path: string): Promise<void> {
  try {
    await access(path, constants.R_OK);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliUsageError(`cannot read ${path}: ${reason}`);
  }
}

type LookUp = { readonly wanted: Wanted; readonly rows: UserDetailRow[] } | { readonly wanted: Wanted; readonly error: unknown };

/**
 * Looks the users up with up to `concurrency` calls in flight and yields the answers in input order: a window of
 * pending lookups, the oldest awaited first. A slow user holds back the writing, never the memory.
 */
async function* lookUpInOrder(
  vip: VipClient,
  wanted: AsyncIterable<Wanted>,
  concurrency: number,
  signal: AbortSignal,
): AsyncGenerator<LookUp> {
  const window: Promise<LookUp>[] = [];
  const lookUp = async (user: Wanted): Promise<LookUp> => {
    try {
      const info: GetUserInfoOutput = await vip.getUserInfo(
        { userId: user.userId, includePushAttributes: true },
        { onBehalfOfAccountId: user.childAccount, signal },
      );
      return { wanted: user, rows: userDetailRows(user.userId, info) };
    } catch (error) {
      return { wanted: user, error };
    }
  };
  for await (const user of wanted) {
    if (signal.aborted) break;
    window.push(lookUp(user));
    if (window.length >= concurrency) yield await (window.shift() as Promise<LookUp>);
  }
  while (window.length > 0 && !signal.aborted) yield await (window.shift() as Promise<LookUp>);
}

/** Where rows go, with backpressure: `write` waits while the destination is full. */
interface Sink {
  write(row: UserDetailRow): Promise<void>;
  close(): Promise<void>;
}

function openSink(io: CliIo, path: string | undefined, format: 'csv' | 'json'): Sink {
  const target: Writable = path === undefined ? io.stdout : createWriteStream(path);
  const formatter =
    format === 'csv'
      ? stringify({
          header: true,
          columns: USER_DETAIL_COLUMNS.map(({ key, heading }) => ({ key, header: heading })),
          cast: { boolean: cell, date: cell },
        })
      : undefined;
  // stdout is never ended: the process (or the test) owns it.
  formatter?.pipe(target, { end: path !== undefined });
  const into: Writable = formatter ?? target;
  return {
    async write(row) {
      const ready = format === 'csv' ? into.write(row) : into.write(`${toJson(row)}\n`);
      if (!ready) await once(into, 'drain');
    },
    async close() {
      if (formatter !== undefined) {
        formatter.end();
        await finished(formatter);
      }
      if (path !== undefined) {
        if (formatter === undefined) target.end();
        await finished(target);
      }
    },
  };
}
