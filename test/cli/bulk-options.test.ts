/**
 * What every bulk job shares: `--dry-run` (checks every row, sends nothing, writes nothing), option checks that
 * refuse before anything is sent, `--rate` and `--concurrency`, Ctrl-C (exit 130, the job finishes on the rerun
 * without doing a row twice), one run per journal at a time, the progress bar on a terminal, and `--help`.
 */
import { mkdir, readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { cliAtTerminal, existingUsers, readJsonLines, readResults, tempFolder, writeLines } from './bulk-support.js';
import { cli, jsonOf } from './support.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer({ seed: true });
});
afterAll(async () => {
  await mock.close();
});
beforeEach(() => {
  mock.reset();
});

function bulk(folder: string, args: string[], options: { signal?: AbortSignal; tty?: boolean; stdin?: string } = {}) {
  return cli(['--endpoint', mock.url, 'bulk', ...args], { cwd: folder, ...options });
}

async function numbered(folder: string, count: number, prefix = 'user'): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, index) => `${prefix}${index}@example.com`);
  await writeLines(folder, 'users.csv', ['userId', ...ids]);
  return ids;
}

describe('bulk --dry-run', () => {
  it('checks every row as the real run would, prints the plan and sends nothing', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', [
      'userId,pin,userStatus',
      'plan1@example.com,Plan-PIN-5150,DISABLED',
      'alice@example.com,,',
      `${'x'.repeat(129)},,`,
      'ADM_1,,',
      'bad,,LOCKED',
    ]);
    const run = await bulk(folder, ['create-users', 'users.csv', '--dry-run', '--exclude', 'ADM_*']);
    expect(run.code).toBe(4);
    expect(mock.requests).toEqual([]);
    expect(await readdir(folder)).toEqual(['users.csv']);
    expect(run.stdout.split('\n')).toEqual([
      'line 2      send  createUser plan1@example.com (PIN); updateUser plan1@example.com -> DISABLED',
      // A dry run cannot know who exists: VIP answers that.
      'line 3      send  createUser alice@example.com',
      expect.stringMatching(/^line 4 {6}fail {2}VipValidationError: createUser: userId .*128/),
      'line 5      skip  ADM_1 excluded by ADM_*',
      'line 6      fail  InvalidRow: userStatus must be one of ACTIVE, DISABLED, got "LOCKED"',
      'dry run of bulk create-users users.csv: 5 rows; 2 to send (3 calls), 0 done before, 1 skipped, 2 cannot be sent. Nothing was sent.',
      '',
    ]);
    expect(run.stdout + run.stderr).not.toContain('Plan-PIN-5150');
  });

  it('prints one JSON line per row and the summary last with --json, and exits 0 when every row can be sent', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId,childAccount', 'json1@example.com,CHILD01', 'json2@example.com,']);
    const run = await cli(
      ['--endpoint', mock.url, '--json', '--child-account', 'PARENT2', 'bulk', 'create-users', 'users.csv', '--dry-run'],
      { cwd: folder },
    );
    expect(run.code).toBe(0);
    const lines = run.stdout
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line));
    expect(lines).toEqual([
      { line: 2, action: 'send', userId: 'json1@example.com', childAccount: 'CHILD01', calls: ['createUser json1@example.com'] },
      { line: 3, action: 'send', userId: 'json2@example.com', childAccount: 'PARENT2', calls: ['createUser json2@example.com'] },
      { dryRun: true, total: 2, toSend: 2, calls: 2, done: 0, skipped: 0, failed: 0, byStatus: {} },
    ]);
    expect(jsonOf(run)).toEqual(lines[2]);
    expect(mock.requests).toEqual([]);
  });

  it('shows the rows an earlier run finished as done', async () => {
    const folder = await tempFolder();
    await numbered(folder, 2);
    mock.inject({ operation: 'createUser', status: '6005', times: 1 });
    expect((await bulk(folder, ['create-users', 'users.csv', '--concurrency', '1'])).code).toBe(4);
    const sent = mock.requests.length;
    const run = await bulk(folder, ['create-users', 'users.csv', '--dry-run']);
    expect(run.stdout).toContain('line 2      send  createUser user0@example.com');
    expect(run.stdout).toContain('line 3      done  user1@example.com in an earlier run');
    expect(mock.requests).toHaveLength(sent);
  });
});

describe('bulk options', () => {
  it.each([
    [['--concurrency', '0'], /--concurrency takes a whole number from 1 to 64, got "0"/],
    [['--concurrency', '65'], /--concurrency takes a whole number from 1 to 64/],
    [['--concurrency', '2.5'], /--concurrency takes a whole number/],
    [['--rate', '0'], /--rate takes calls per time unit, e.g. 20\/s or 600\/min \(at most 10000\/s\), got "0"/],
    [['--rate', '20/h'], /--rate takes calls per time unit/],
    [['--rate', 'fast'], /--rate takes calls per time unit/],
    [['--exclude', ' '], /--exclude takes a pattern/],
    [['--results', 'users.csv'], /the input and --results are the same file/],
    [['--results', 'no-such-folder/results.csv'], /cannot write .*no-such-folder\/results\.csv: ENOENT/],
    [['--journal', 'no-such-folder/journal.jsonl'], /cannot write .*no-such-folder\/journal\.jsonl: ENOENT/],
  ])('refuses %j before sending anything, exit 2', async (flags, message) => {
    const folder = await tempFolder();
    await numbered(folder, 1);
    const run = await bulk(folder, ['create-users', 'users.csv', ...flags]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(mock.requests).toEqual([]);
  });

  it.each([
    ['missing.csv', [], /cannot read .*missing\.csv: no such file/],
    ['empty.csv', [''], /empty\.csv is empty: it needs a header row/],
    ['typo.csv', ['userId,pni', 'a,b'], /typo\.csv: unknown column "pni"/],
    ['noid.csv', ['pin', '1234'], /noid\.csv: the header has no userId column/],
    ['header.csv', ['"userId', 'a'], /header\.csv: the header cannot be read/],
  ])('refuses the input %s before sending anything, exit 2', async (name, lines, message) => {
    const folder = await tempFolder();
    if (lines.length > 0) await writeLines(folder, name, lines);
    const run = await bulk(folder, ['create-users', name]);
    expect(run.stderr).toMatch(message);
    expect(run.code).toBe(2);
    expect(mock.requests).toEqual([]);
  });

  it('keeps every outcome when the results file cannot be replaced at the end, and writes it on the rerun', async () => {
    const folder = await tempFolder();
    await numbered(folder, 3);
    // A folder where the results file should go: the check up front passes, the rename at the end fails.
    await mkdir(join(folder, 'results.csv'));
    const run = await bulk(folder, ['create-users', 'users.csv', '--results', 'results.csv']);
    expect(run.code).toBe(4);
    expect(run.stderr).toMatch(
      /cannot write the results file .*results\.csv: .*\nevery row's outcome is in the journal: run the same command again to write it/,
    );
    expect(mock.requests).toHaveLength(3);
    await rm(join(folder, 'results.csv'), { recursive: true });
    expect((await bulk(folder, ['create-users', 'users.csv', '--results', 'results.csv'])).code).toBe(0);
    expect(mock.requests).toHaveLength(3);
    expect((await readResults(join(folder, 'results.csv'))).map((result) => result.outcome)).toEqual(['done', 'done', 'done']);
  });

  it('spaces calls by --rate', async () => {
    const folder = await tempFolder();
    await numbered(folder, 6);
    const started = performance.now();
    expect((await bulk(folder, ['create-users', 'users.csv', '--rate', '20/s', '--concurrency', '6'])).code).toBe(0);
    // Six calls 50 ms apart: the last starts 250 ms after the first.
    expect(performance.now() - started).toBeGreaterThanOrEqual(245);
  });

  it('keeps at most --concurrency calls in flight', async () => {
    const folder = await tempFolder();
    await numbered(folder, 9);
    mock.inject({ operation: 'createUser', fault: 'latency', latencyMs: 100 });
    const started = performance.now();
    expect((await bulk(folder, ['create-users', 'users.csv', '--concurrency', '3'])).code).toBe(0);
    // Nine calls of 100 ms, three at a time.
    expect(performance.now() - started).toBeGreaterThanOrEqual(295);
  });
});

describe('bulk interruption', () => {
  it('stops on Ctrl-C with exit 130, and the rerun finishes the job without doing any row twice', async () => {
    const folder = await tempFolder();
    const ids = await numbered(folder, 40);
    const removeLatency = mock.inject({ operation: 'createUser', fault: 'latency', latencyMs: 40 });
    const interrupt = new AbortController();
    setTimeout(() => interrupt.abort('SIGINT'), 250);
    const first = await cli(['--endpoint', mock.url, '--json', 'bulk', 'create-users', 'users.csv', '--concurrency', '2'], {
      cwd: folder,
      signal: interrupt.signal,
    });
    expect(first.code).toBe(130);
    const summary = jsonOf(first) as { pending: number; done: number; interrupted: boolean };
    expect(summary.interrupted).toBe(true);
    expect(summary.pending).toBeGreaterThan(0);
    expect(summary.done + summary.pending).toBe(40);
    expect(first.stdout).not.toContain('interrupted: run the same command again');
    const pending = (await readResults(join(folder, 'users.create-users.results.csv'))).filter((result) => result.outcome === 'pending');
    expect(pending).toHaveLength(summary.pending);
    expect(pending[0]?.reason).toBe('not run yet: run the same command again to finish the job');
    removeLatency();

    const second = await bulk(folder, ['create-users', 'users.csv']);
    expect(second.code).toBe(0);
    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(results.map((result) => result.userId)).toEqual(ids);
    expect(results.every((result) => result.outcome === 'done')).toBe(true);
    expect((await existingUsers(mock, ids)).size).toBe(40);
    // One "done" record per row over both runs.
    const finished = (await readJsonLines(join(folder, 'users.create-users.journal.jsonl'))).filter((record) => record.t === 'row');
    expect(finished.map((record) => record.r).sort((a, b) => Number(a) - Number(b))).toEqual(ids.map((_, index) => index));
  });

  it('lets one run at a time use a journal', async () => {
    const folder = await tempFolder();
    await numbered(folder, 6);
    const remove = mock.inject({ operation: 'createUser', fault: 'latency', latencyMs: 60 });
    const first = bulk(folder, ['create-users', 'users.csv', '--concurrency', '1']);
    await new Promise((resolve) => setTimeout(resolve, 100));
    const second = await bulk(folder, ['create-users', 'users.csv']);
    expect(second.code).toBe(2);
    expect(second.stderr).toMatch(new RegExp(`another run of this job \\(process ${process.pid}\\) is using its journal`));
    expect((await first).code).toBe(0);
    remove();
  });
});

describe('bulk on a terminal', () => {
  it('draws a progress bar with the rate, time left and tallies by status on stderr', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId', 'tty1@example.com', 'alice@example.com']);
    const run = await bulk(folder, ['create-users', 'users.csv'], { tty: true });
    expect(run.code).toBe(0);
    expect(run.stderr).toMatch(
      /bulk create-users =+ 100% 2\/2 \| \d+ rows\/s \| ETA \S+ \| done 1, skipped 1, failed 0 \(0000: 1, 6002: 1\)/,
    );
    expect(run.stdout).toMatch(/^bulk create-users users\.csv: 2 rows: 1 done, 1 skipped, 0 failed/);
  });

  it('asks before a destructive job, sends nothing when the answer is no, and goes on after a yes', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId', 'bob@example.com']);
    const argv = ['--endpoint', mock.url, 'bulk', 'delete-users', 'users.csv'];
    const no = await cliAtTerminal(argv, { cwd: folder, keys: 'n' });
    expect(no.code).toBe(130);
    expect(no.stderr).toContain('This will delete up to 1 users listed in users.csv');
    expect(no.stderr).toContain('not confirmed: nothing was sent');
    expect(mock.requests).toEqual([]);
    const yes = await cliAtTerminal(argv, { cwd: folder, keys: 'y' });
    expect(yes.code).toBe(0);
    expect(mock.requests.map((request) => request.operation)).toEqual(['getUserInfo', 'deleteUser']);
  });
});

describe('bulk --help', () => {
  it('lists the jobs', async () => {
    const run = await cli(['bulk', '--help']);
    expect(run.code).toBe(0);
    for (const job of ['create-users', 'update-users', 'delete-users', 'add-credentials', 'remove-credentials', 'restore']) {
      expect(run.stdout).toContain(job);
    }
  });

  it.each([
    [
      'create-users',
      ['userId', 'pin', '[secret]', 'childAccount', 'onBehalfOfAccountId, jurisdictionHash'],
      '$ vip-user-services bulk create-users users.csv',
    ],
    ['delete-users', ['--backup <file>', '-y, --yes', '--exclude <pattern>'], "--exclude 'ADM_*'"],
    ['add-credentials', ['credentialId', 'credentialType', 'friendlyName'], 'bulk add-credentials tokens.csv'],
    ['restore', ['what', 'the API cannot bring back'], 'bulk restore leavers.delete-users.backup.jsonl'],
  ])('documents the columns, options and an example of %s', async (job, words, example) => {
    const run = await cli(['bulk', job, '--help']);
    expect(run.code).toBe(0);
    for (const word of words) expect(run.stdout).toContain(word);
    expect(run.stdout).toContain(example);
    expect(run.stdout).toContain('Exit codes: 0 no row failed, 4 some rows failed, 130 interrupted');
  });
});
