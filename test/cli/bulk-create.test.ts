/**
 * `bulk create-users` against the embedded mock: results, journal and `--json` summary; existing users, exclusions,
 * malformed lines and invalid values each end as one results line without stopping the job; the PIN never leaves
 * the input file; a rerun sends nothing for finished rows; a create VIP applied while its answer was lost is done on
 * the rerun, not "already exists"; a changed input file is refused; per-row and global child accounts.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { VipClient } from 'vip-user-services';
import { CHILD_ACCOUNT_ID, type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { existingUsers, readJsonLines, readResults, rowOfRequestId, tempFolder, writeLines } from './bulk-support.js';
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

const PIN = 'Pin-Secret-4711';

function bulk(folder: string, ...args: string[]) {
  return cli(['--endpoint', mock.url, 'bulk', 'create-users', ...args], { cwd: folder });
}

describe('bulk create-users', () => {
  it('creates every user, writes results and journal beside the input, and ends with one JSON summary', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', [
      'userId,PIN,Force PIN Change,user_status',
      `new1@example.com,${PIN},true,`,
      'new2@example.com,,,DISABLED',
      'new3@example.com,,,active',
    ]);
    const run = await bulk(folder, 'users.csv', '--json');
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      job: 'create-users',
      total: 3,
      done: 3,
      skipped: 0,
      failed: 0,
      pending: 0,
      byStatus: { '0000': 3 },
      results: join(folder, 'users.create-users.results.csv'),
      journal: join(folder, 'users.create-users.journal.jsonl'),
      interrupted: false,
    });
    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(results.map(({ line, userId, outcome, code }) => ({ line, userId, outcome, code }))).toEqual([
      { line: '2', userId: 'new1@example.com', outcome: 'done', code: '0000' },
      { line: '3', userId: 'new2@example.com', outcome: 'done', code: '0000' },
      { line: '4', userId: 'new3@example.com', outcome: 'done', code: '0000' },
    ]);
    for (const { requestId } of results) expect(rowOfRequestId(requestId)).toBeDefined();
    expect(mock.requests.map((request) => request.operation).sort()).toEqual(['createUser', 'createUser', 'createUser', 'updateUser']);

    const vip = new VipClient({ endpoint: mock.url });
    try {
      expect((await vip.getUserInfo({ userId: 'new1@example.com' })).isPinSet).toBe(true);
      expect((await vip.getUserInfo({ userId: 'new2@example.com' })).userStatus).toBe('DISABLED');
      expect((await vip.getUserInfo({ userId: 'new3@example.com' })).userStatus).toBe('ACTIVE');
    } finally {
      await vip.close();
    }

    const journal = await readFile(join(folder, 'users.create-users.journal.jsonl'), 'utf8');
    for (const text of [run.stdout, run.stderr, journal, await readFile(join(folder, 'users.create-users.results.csv'), 'utf8')]) {
      expect(text).not.toContain(PIN);
    }
    // The lock is released at the end.
    await expect(readFile(join(folder, 'users.create-users.journal.jsonl.lock'))).rejects.toThrow(/ENOENT/);
  });

  it('never stops for a bad row: existing users are skipped, malformed lines and bad values fail with their line', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', [
      'userId,pin,userStatus',
      'fresh1@example.com,,',
      'alice@example.com,,', // seeded: 6002
      '"broken,,', // a quote that never closes
      `bad-status@example.com,${PIN},ENABLED`,
      'ADM_root,,',
      'too,many,fields,here',
      `short-pin@example.com,12,`, // the SDK's own validation: a PIN has at least 4 characters
      ',,',
      'fresh2@example.com,,',
    ]);
    const run = await bulk(folder, 'users.csv', '--exclude', 'adm_*', '--json');
    expect(run.code).toBe(4);
    const summary = jsonOf(run) as Record<string, unknown>;
    expect(summary).toMatchObject({ total: 9, done: 2, skipped: 2, failed: 5, pending: 0 });
    expect(summary.byStatus).toEqual({ '0000': 2, '6002': 1, InvalidRow: 2, MalformedLine: 2, VipValidationError: 1 });
    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(results.map(({ line, outcome, reason, error }) => [line, outcome, reason || error])).toEqual([
      ['2', 'done', ''],
      ['3', 'skipped', 'already exists'],
      ['4', 'failed', 'MalformedLine'],
      ['5', 'failed', 'InvalidRow'],
      ['6', 'skipped', 'excluded by adm_*'],
      ['7', 'failed', 'MalformedLine'],
      ['8', 'failed', 'VipValidationError'],
      ['9', 'failed', 'InvalidRow'],
      ['10', 'done', ''],
    ]);
    expect(results[3]?.message).toBe('userStatus must be one of ACTIVE, DISABLED, got "ENABLED"');
    expect(results[5]?.message).toBe('4 fields, but the header has 3');
    expect(results[6]?.message).toMatch(/createUser: .*pin/);
    expect(results[7]?.message).toBe('userId is empty (it is required)');
    // The failed rows are listed on stderr with their lines.
    expect(run.stderr).toMatch(/failed rows \(the first 5 of 5; all are in the results file\):\n {2}line 4: MalformedLine: /);
    expect(run.stderr).toContain('line 5 (bad-status@example.com): InvalidRow: userStatus must be one of ACTIVE, DISABLED, got "ENABLED"');
    expect(run.stdout + run.stderr + (await readFile(join(folder, 'users.create-users.journal.jsonl'), 'utf8'))).not.toContain('12,');
    expect([
      ...(await existingUsers(mock, ['fresh1@example.com', 'fresh2@example.com', 'ADM_root', 'short-pin@example.com'])).keys(),
    ]).toEqual(['fresh1@example.com', 'fresh2@example.com']);
  });

  it('sends nothing for finished rows when run again, retries failed ones, and looks at excluded rows again', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId', 'again1@example.com', 'again2@example.com', 'ADM_x']);
    mock.inject({ operation: 'createUser', status: '6005', times: 1 });
    const first = await bulk(folder, 'users.csv', '--exclude', 'ADM_*', '--concurrency', '1');
    expect(first.code).toBe(4);
    expect(first.stdout).toMatch(/3 rows: 1 done, 1 skipped, 1 failed \(0000: 1, 6005: 1\)/);
    expect(first.stdout).toContain('run the same command again to retry the failed rows');
    const sent = mock.requests.length;

    const second = await bulk(folder, 'users.csv', '--json');
    expect(second.code).toBe(0);
    expect(second.stderr).toContain('resuming bulk create-users from');
    expect(jsonOf(second)).toMatchObject({ total: 3, done: 3, skipped: 0, failed: 0, byStatus: { '0000': 3 } });
    // Only the failed row and the row no longer excluded were sent again.
    expect(
      mock.requests
        .slice(sent)
        .map((request) => rowOfRequestId(request.requestId)?.row)
        .sort(),
    ).toEqual([0, 2]);
    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(results.map((result) => result.outcome)).toEqual(['done', 'done', 'done']);

    const third = await bulk(folder, 'users.csv');
    expect(third.code).toBe(0);
    expect(mock.requests.length).toBe(sent + 2);
  });

  it('counts a create that VIP applied but whose answer was lost as done on the rerun, not as "already exists"', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId', 'lost1@example.com', 'lost2@example.com', 'alice@example.com']);
    // The user is created, the answer is cut off: the client cannot know.
    mock.inject({ operation: 'createUser', fault: 'malformedXml', times: 2 });
    const first = await bulk(folder, 'users.csv', '--concurrency', '1', '--json');
    expect(first.code).toBe(4);
    expect(jsonOf(first)).toMatchObject({ done: 0, skipped: 1, failed: 2, byStatus: { '6002': 1, VipProtocolError: 2 } });

    const second = await bulk(folder, 'users.csv', '--json');
    expect(second.code).toBe(0);
    expect(jsonOf(second)).toMatchObject({ done: 2, skipped: 1, failed: 0, byStatus: { '6002': 3 } });
    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(results.map(({ outcome, reason, code }) => [outcome, reason, code])).toEqual([
      ['done', 'created by the interrupted run', '6002'],
      ['done', 'created by the interrupted run', '6002'],
      ['skipped', 'already exists', '6002'],
    ]);
  });

  it('refuses to resume with an input file that changed since the journal was written, sending nothing', async () => {
    const folder = await tempFolder();
    const input = await writeLines(folder, 'users.csv', ['userId', 'changed1@example.com']);
    expect((await bulk(folder, 'users.csv')).code).toBe(0);
    await writeFile(input, 'userId\nchanged2@example.com\n');
    const sent = mock.requests.length;
    const run = await bulk(folder, 'users.csv');
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/the journal .*users\.create-users\.journal\.jsonl was written for another version of .*users\.csv/);
    expect(mock.requests).toHaveLength(sent);
    const elsewhere = await bulk(folder, 'users.csv', '--journal', 'second.jsonl', '--results', 'second.csv');
    expect(elsewhere.code).toBe(0);
    expect((await readResults(join(folder, 'second.csv')))[0]?.userId).toBe('changed2@example.com');
  });

  it('refuses a journal of another job', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId', 'other-job@example.com']);
    expect((await bulk(folder, 'users.csv', '--journal', 'shared.jsonl')).code).toBe(0);
    const run = await cli(['--endpoint', mock.url, 'bulk', 'update-users', 'users.csv', '--journal', 'shared.jsonl'], { cwd: folder });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('belongs to `bulk create-users`, not `bulk update-users`');
  });

  it('acts for the child account of each row, or the global one', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId,JurisdictionHash', `kid1@example.com,${CHILD_ACCOUNT_ID}`, 'kid2@example.com,']);
    const withGlobal = await cli(['--endpoint', mock.url, '--child-account', CHILD_ACCOUNT_ID, 'bulk', 'create-users', 'users.csv'], {
      cwd: folder,
    });
    expect(withGlobal.code).toBe(0);
    expect(mock.requests.map((request) => request.onBehalfOfAccountId)).toEqual([CHILD_ACCOUNT_ID, CHILD_ACCOUNT_ID]);
    expect((await existingUsers(mock, ['kid1@example.com', 'kid2@example.com'], CHILD_ACCOUNT_ID)).size).toBe(2);
    expect((await existingUsers(mock, ['kid1@example.com', 'kid2@example.com'])).size).toBe(0);
    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(results.map((result) => result.childAccount)).toEqual([CHILD_ACCOUNT_ID, CHILD_ACCOUNT_ID]);

    const unknownChild = await writeLines(folder, 'kids.csv', ['userId,childAccount', 'kid3@example.com,NOSUCHCHILD']);
    const refused = await cli(['--endpoint', mock.url, 'bulk', 'create-users', unknownChild], { cwd: folder });
    expect(refused.code).toBe(4);
    expect((await readResults(join(folder, 'kids.create-users.results.csv')))[0]).toMatchObject({
      code: '6001',
      error: 'InvalidAccountError',
    });
  });

  it('never writes the certificate passphrase anywhere, over mutual TLS with a .p12', async () => {
    await using tlsMock = await startMockServer({ tls: true });
    const material = tlsMock.tls as NonNullable<typeof tlsMock.tls>;
    const folder = await tempFolder();
    await writeFile(join(folder, 'client.p12'), material.clientPfx);
    await writeFile(join(folder, 'ca.pem'), material.ca);
    await writeLines(folder, 'users.csv', ['userId,pin', `tls1@example.com,${PIN}`, 'bad,1']);
    const run = await cli(
      ['--endpoint', tlsMock.url, '--cert-p12', 'client.p12', '--ca', 'ca.pem', '--json', 'bulk', 'create-users', 'users.csv'],
      { cwd: folder, env: { VIP_CERT_PASSPHRASE: material.pfxPassphrase } },
    );
    expect(run.code).toBe(4);
    expect(jsonOf(run)).toMatchObject({ done: 1, failed: 1 });
    const written = [
      run.stdout,
      run.stderr,
      await readFile(join(folder, 'users.create-users.journal.jsonl'), 'utf8'),
      await readFile(join(folder, 'users.create-users.results.csv'), 'utf8'),
    ].join('\n');
    for (const secret of [material.pfxPassphrase, PIN]) expect(written).not.toContain(secret);
  });

  it('journals each call before and after it, naming the job in the header', async () => {
    const folder = await tempFolder();
    await writeLines(folder, 'users.csv', ['userId,userStatus', 'journal1@example.com,DISABLED']);
    expect((await bulk(folder, 'users.csv')).code).toBe(0);
    const records = await readJsonLines(join(folder, 'users.create-users.journal.jsonl'));
    expect(records[0]).toEqual({
      t: 'job',
      v: 1,
      job: 'create-users',
      input: join(folder, 'users.csv'),
      sha256: expect.stringMatching(/^[0-9a-f]{64}$/),
      rows: 1,
    });
    expect(records.slice(1).map((record) => [record.t, record.s ?? record.outcome])).toEqual([
      ['run', undefined],
      ['sent', 'create'],
      ['ok', 'create'],
      ['sent', 'disable'],
      ['ok', 'disable'],
      ['row', 'done'],
    ]);
  });
});
