/**
 * The bin itself, as a child process (`node --import tsx src/cli/main.ts`): a `bulk create-users` killed with SIGKILL
 * at a random point (calls in flight, journal mid-write, lock left behind) is finished by running the same command
 * again. No row is lost, no row finished before the kill is sent again, the results file is complete and in order,
 * and every user exists once.
 */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existingUsers, readResults, rowOfRequestId, tempFolder, writeLines } from './bulk-support.js';
import { cli, jsonOf } from './support.js';

const CLI = join(process.cwd(), 'src', 'cli', 'main.ts');
const ROWS = 1500;

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

/**
 * The row indexes the journal shows as finished: a row record, or the create step recorded as done (the kill came
 * before the row record; the rerun finishes such a row without a call). The last line may be cut off by the kill.
 */
async function finishedRows(journal: string): Promise<Set<number>> {
  const text = await readFile(journal, 'utf8').catch(() => '');
  const rows = new Set<number>();
  for (const line of text.split('\n')) {
    if (!line.includes('"t":"row"') && !line.includes('"t":"ok"')) continue;
    try {
      rows.add((JSON.parse(line) as { r: number }).r);
    } catch {
      // The line the kill cut off.
    }
  }
  return rows;
}

describe('bulk create-users killed with SIGKILL', () => {
  it('is finished by the same command, with no row lost and none done twice', { timeout: 120_000 }, async () => {
    const folder = await tempFolder();
    const ids = Array.from({ length: ROWS }, (_, index) => `killed${index}@example.com`);
    await writeLines(folder, 'users.csv', ['userId', ...ids]);
    const journal = join(folder, 'users.create-users.journal.jsonl');
    // Calls take a while, so several are in flight whenever the kill comes.
    mock.inject({ operation: 'createUser', fault: 'latency', latencyMs: 15 });
    const killAfter = 100 + Math.floor(Math.random() * (ROWS - 300));
    const context = `killed after ${killAfter} finished rows`;

    // Started from the repository, where `--import tsx` resolves; the job's files are found from the input's path.
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', CLI, '--endpoint', mock.url, 'bulk', 'create-users', join(folder, 'users.csv'), '--concurrency', '8'],
      { cwd: process.cwd(), stdio: 'ignore' },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the job ended (exit ${child.exitCode}) before it could be killed; ${context}`);
      if ((await finishedRows(journal)).size >= killAfter) break;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');
    mock.clearFaults();
    const finishedBefore = await finishedRows(journal);
    expect(finishedBefore.size, context).toBeLessThan(ROWS);
    // The killed run journaled each request ID before sending it; a request of the dead process may still be read
    // by the mock after this point, so the rerun's requests are told apart by ID, not by arrival.
    const killedRunIds = new Set((await readFile(journal, 'utf8')).match(/(?<="id":")[^"]+/g) ?? []);
    const sentRowsBefore = new Set([...killedRunIds].map((id) => rowOfRequestId(id)?.row));

    // The same command again; the dead run's lock is taken over.
    const rerun = await cli(['--endpoint', mock.url, '--json', 'bulk', 'create-users', 'users.csv', '--concurrency', '8'], { cwd: folder });
    expect(rerun.code, `${context}\n${rerun.stderr}`).toBe(0);
    expect(rerun.stderr, context).toContain('resuming bulk create-users');
    expect(jsonOf(rerun), context).toMatchObject({ total: ROWS, done: ROWS, skipped: 0, failed: 0, pending: 0 });

    const results = await readResults(join(folder, 'users.create-users.results.csv'));
    expect(
      results.map((result) => result.userId),
      context,
    ).toEqual(ids);
    expect(
      results.every((result) => result.outcome === 'done'),
      context,
    ).toBe(true);

    // No row finished before the kill was sent again; every other row was sent once by the rerun.
    const resent = mock.requests
      .filter((request) => !killedRunIds.has(request.requestId))
      .map((request) => rowOfRequestId(request.requestId)?.row as number);
    expect(new Set(resent).size, context).toBe(resent.length);
    for (const row of resent) expect(finishedBefore.has(row), `${context}: row ${row}`).toBe(false);
    expect(resent.length + finishedBefore.size, context).toBe(ROWS);
    // A 6002 on the rerun is a create the killed run had sent (VIP applied it; the answer died with the process).
    for (const [index, result] of results.entries()) {
      if (result.code === '6002') {
        expect(sentRowsBefore.has(index), `${context}: row ${index}`).toBe(true);
        expect(result.reason).toBe('created by the interrupted run');
      }
    }
    expect((await existingUsers(mock, ids)).size, context).toBe(ROWS);
  });
});
