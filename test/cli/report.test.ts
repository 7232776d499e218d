/**
 * `report users`: the User Detail export as CSV or JSON lines, from --users, a CSV file or stdin, to stdout or a
 * file; rows in input order with bounded concurrency, written while the input is still being read; missing and
 * unreadable users on stderr with exit 4; usage errors before anything is sent.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { parse } from 'csv-parse/sync';
import { VipClient } from 'vip-user-services';
import { CHILD_ACCOUNT_ID, type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { tempFolder, writeLines } from './bulk-support.js';
import { cli, jsonOf } from './support.js';

let mock: MockServer;
let vip: VipClient;
beforeAll(async () => {
  mock = await startMockServer({ seed: true });
  vip = new VipClient({ endpoint: mock.url });
});
afterAll(async () => {
  await vip.close();
  await mock.close();
});
beforeEach(() => {
  mock.reset();
});

const HEADINGS =
  'User ID,User Status,Credential ID,Credential Type,Credential Status,Friendly Name,Push Enabled,Last Bind Time,Last Authentication Time';

function report(args: string[], options: { cwd?: string; stdin?: string } = {}) {
  return cli(['--endpoint', mock.url, 'report', 'users', ...args], options);
}

describe('report users', () => {
  it('exports one CSV row per credential, a user without credentials on a row of its own', async () => {
    await vip.addCredential({
      userId: 'bob@example.com',
      credentialDetail: { credentialId: 'UBHE30000001', credentialType: 'STANDARD_OTP', friendlyName: 'Bob, fob' },
    });
    const run = await report(['--users', 'alice@example.com,carol@example.com,bob@example.com']);
    expect(run.code).toBe(0);
    const [header, ...rows] = run.stdout.trim().split('\n');
    expect(header).toBe(HEADINGS);
    const records = parse(rows.join('\n')) as string[][];
    expect(records.map((record) => record.slice(0, 7))).toEqual([
      ['alice@example.com', 'ACTIVE', 'VSMT12345678', 'STANDARD_OTP', 'ENABLED', "Alice's phone", 'yes'],
      ['carol@example.com', 'LOCKED', '', '', '', '', ''],
      ['bob@example.com', 'ACTIVE', 'UBHE30000001', 'STANDARD_OTP', 'ENABLED', 'Bob, fob', ''],
    ]);
    expect(records[0]?.[7]).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(run.stderr).toBe('report users: 3 users, 3 rows\n');
  });

  it('exports JSON lines with --format json, or --json when the export goes to stdout', async () => {
    for (const flags of [['--format', 'json'], ['--json']]) {
      const run = await cli(['--endpoint', mock.url, 'report', 'users', '--users', 'alice@example.com,bob@example.com', ...flags]);
      expect(run.code).toBe(0);
      const lines = run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(lines).toEqual([
        {
          userId: 'alice@example.com',
          userStatus: 'ACTIVE',
          credentialId: 'VSMT12345678',
          credentialType: 'STANDARD_OTP',
          credentialStatus: 'ENABLED',
          friendlyName: "Alice's phone",
          pushEnabled: true,
          lastBindTime: expect.stringMatching(/^\d{4}-/),
        },
        { userId: 'bob@example.com', userStatus: 'ACTIVE' },
      ]);
    }
  });

  it('reads the users of a CSV file (any other columns ignored) with their child accounts, and writes to --output', async () => {
    await vip.createUser({ userId: 'kid@example.com' }, { onBehalfOfAccountId: CHILD_ACCOUNT_ID });
    const folder = await tempFolder();
    await writeLines(folder, 'staff.csv', [
      'Department,User ID,Jurisdiction Hash',
      'ops,alice@example.com,',
      `ops,kid@example.com,${CHILD_ACCOUNT_ID}`,
      'ops,,',
    ]);
    const run = await cli(['--endpoint', mock.url, '--json', 'report', 'users', 'staff.csv', '--output', 'audit.csv'], { cwd: folder });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({ users: 2, rows: 2, notFound: 0, failed: 0, output: join(folder, 'audit.csv'), interrupted: false });
    expect(run.stderr).toBe('line 4: no user ID (the userId cell is empty)\n');
    expect(mock.requests.filter((request) => request.operation === 'getUserInfo').map((request) => request.onBehalfOfAccountId)).toEqual([
      undefined,
      CHILD_ACCOUNT_ID,
    ]);
    // --json is for the summary on stdout; the file's format follows its extension.
    const exported = parse(await readFile(join(folder, 'audit.csv'), 'utf8'), { columns: true }) as Record<string, string>[];
    expect(exported.map((row) => row['User ID'])).toEqual(['alice@example.com', 'kid@example.com']);
    expect((await report(['staff.csv', '--output', 'audit.jsonl'], { cwd: folder })).code).toBe(0);
    const lines = (await readFile(join(folder, 'audit.jsonl'), 'utf8')).trim().split('\n');
    expect(lines.map((line) => JSON.parse(line).userId)).toEqual(['alice@example.com', 'kid@example.com']);
  });

  it('reads the users from stdin with -', async () => {
    const run = await report(['-'], { stdin: 'userId\nbob@example.com\n' });
    expect(run.code).toBe(0);
    expect(run.stdout).toBe(`${HEADINGS}\nbob@example.com,ACTIVE,,,,,,,\n`);
  });

  it('names missing and unreadable users on stderr, exports the rest, and exits 4', async () => {
    mock.inject({ operation: 'getUserInfo', status: '6005', times: 3 });
    const run = await report(['--users', 'bob@example.com,ghost@example.com,alice@example.com', '--concurrency', '1']);
    expect(run.code).toBe(4);
    expect(run.stderr).toContain('--users item 1: user bob@example.com not exported: 6005 VipInternalError: [6005]');
    expect(run.stderr).toContain('--users item 2: user ghost@example.com not found (6003)');
    expect(run.stderr).toContain('report users: 3 users, 1 rows, 1 not found, 1 failed');
    expect(run.stdout.trim().split('\n')).toHaveLength(2);
  });

  it('writes rows in input order, at most --concurrency lookups at a time', async () => {
    const ids = Array.from({ length: 120 }, (_, index) => `order${index}@example.com`);
    for (const userId of ids) await vip.createUser({ userId });
    mock.inject({ operation: 'getUserInfo', fault: 'latency', latencyMs: 25 });
    const started = performance.now();
    const run = await report(['--users', ids.join(','), '--concurrency', '8', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(
      run.stdout
        .trim()
        .split('\n')
        .map((line) => JSON.parse(line).userId),
    ).toEqual(ids);
    // 120 lookups of 25 ms, eight at a time.
    expect(performance.now() - started).toBeGreaterThanOrEqual((120 / 8) * 25 - 5);
  });

  it('writes while it reads: the first users are exported before the list has ended', async () => {
    const stdin = Object.assign(new PassThrough(), { isTTY: false });
    const stdout = new PassThrough();
    let text = '';
    stdout.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const stderr = new PassThrough().resume();
    const running = runCli(['--endpoint', mock.url, 'report', 'users', '-', '--format', 'json', '--concurrency', '2'], {
      stdin,
      stdout,
      stderr,
      env: {},
      cwd: process.cwd(),
      signal: new AbortController().signal,
    });
    stdin.write('userId\nalice@example.com\nbob@example.com\ncarol@example.com\n');
    for (let waited = 0; !text.includes('bob@example.com') && waited < 5000; waited += 10) {
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(text).toContain('bob@example.com');
    stdin.end('alice@example.com\n');
    expect(await running).toBe(0);
    expect(text.trim().split('\n')).toHaveLength(4);
  });

  it.each([
    [[], /name the users with a FILE or with --users/],
    [['staff.csv', '--users', 'a'], /name the users with a FILE or with --users/],
    [['missing.csv'], /cannot read .*missing\.csv: no such file/],
    [['--users', 'a,,b'], /--users takes comma-separated user IDs, with none empty/],
    [['--users', 'a', '--concurrency', '0'], /--concurrency takes a whole number/],
    [['--users', 'a', '--format', 'xml'], /argument 'xml' is invalid/],
  ])('refuses %j before sending anything, exit 2', async (args, message) => {
    const run = await report(args);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(mock.requests).toEqual([]);
  });

  it('refuses a file without a userId column', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'names.csv', ['name', 'alice']);
    const run = await report(['names.csv'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('names.csv: the header has no userId column');
  });

  it('shows its columns and examples in --help', async () => {
    const run = await cli(['report', 'users', '--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('User ID, User Status, Credential ID');
    expect(run.stdout).toContain('$ vip-user-services report users staff.csv --output audit.csv');
  });
});
