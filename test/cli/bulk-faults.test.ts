/**
 * A 10,000-row `bulk create-users` while the mock misbehaves at random (VIP 6005, HTTP 503, dropped connections,
 * answers cut off after the user was created, slow answers): every row ends in the results exactly once, the rerun
 * completes the job, rows done in the first run are not sent again, and a create whose answer was lost counts as
 * done, not "already exists".
 */
import { join } from 'node:path';
import { type FaultRule, type MockServer, startMockServer } from 'vip-user-services/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existingUsers, type ResultLine, readResults, rowOfRequestId, tempFolder, writeLines } from './bulk-support.js';
import { cli, jsonOf } from './support.js';

let mock: MockServer;
beforeAll(async () => {
  mock = await startMockServer();
});
afterAll(async () => {
  await mock.close();
});

const ROWS = 10_000;

/** A small deterministic generator, so a failure can be replayed from the printed seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const FAULTS: readonly ((next: () => number) => FaultRule)[] = [
  (next) => ({ operation: 'createUser', status: '6005', times: 1 + Math.floor(next() * 8) }),
  (next) => ({ operation: 'createUser', fault: 'http503', times: 1 + Math.floor(next() * 4) }),
  (next) => ({ operation: 'createUser', fault: 'reset', times: 1 + Math.floor(next() * 4) }),
  (next) => ({ operation: 'createUser', fault: 'malformedXml', times: 1 + Math.floor(next() * 4) }),
  (next) => ({ operation: 'createUser', fault: 'latency', latencyMs: 20 + Math.floor(next() * 60), times: 10 }),
];

describe('bulk create-users, 10,000 rows with faults', () => {
  it('accounts for every row exactly once, and the rerun completes the job without sending a finished row again', {
    timeout: 120_000,
  }, async () => {
    const seed = Date.now() % 100_000;
    const next = random(seed);
    const folder = await tempFolder();
    const ids = Array.from({ length: ROWS }, (_, index) => `load${String(index).padStart(5, '0')}@example.com`);
    await writeLines(folder, 'load.csv', ['userId', ...ids]);

    // A fault now and then, of a random kind, while the job runs.
    const chaos = setInterval(() => {
      const fault = FAULTS[Math.floor(next() * FAULTS.length)] as (next: () => number) => FaultRule;
      mock.inject(fault(next));
    }, 15);
    let first: Awaited<ReturnType<typeof cli>>;
    try {
      first = await cli(['--endpoint', mock.url, '--json', 'bulk', 'create-users', 'load.csv', '--concurrency', '48'], { cwd: folder });
    } finally {
      clearInterval(chaos);
      mock.clearFaults();
    }
    const context = `seed ${seed}`;
    const summary = jsonOf(first) as {
      total: number;
      done: number;
      skipped: number;
      failed: number;
      pending: number;
      byStatus: Record<string, number>;
    };
    expect(summary.failed, context).toBeGreaterThan(0);
    expect(first.code, context).toBe(4);
    expect([summary.total, summary.done + summary.failed, summary.skipped, summary.pending], context).toEqual([ROWS, ROWS, 0, 0]);
    // Only the injected faults failed rows.
    for (const key of Object.keys(summary.byStatus)) {
      expect(['0000', '6005', 'VipConnectionError', 'VipHttpError', 'VipProtocolError'], context).toContain(key);
    }
    const firstResults = await readResults(join(folder, 'load.create-users.results.csv'));
    expectEveryRowOnce(firstResults, ids);
    const failedFirst = new Map(
      firstResults.filter((result) => result.outcome === 'failed').map((result) => [result.userId, result.error]),
    );
    const sentInFirst = mock.requests.length;

    const second = await cli(['--endpoint', mock.url, '--json', 'bulk', 'create-users', 'load.csv', '--concurrency', '48'], {
      cwd: folder,
    });
    expect(second.code, context).toBe(0);
    expect(jsonOf(second), context).toMatchObject({ total: ROWS, done: ROWS, skipped: 0, failed: 0, pending: 0 });
    const results = await readResults(join(folder, 'load.create-users.results.csv'));
    expectEveryRowOnce(results, ids);
    for (const result of results) {
      expect(result.outcome, context).toBe('done');
      // The mock created these users but cut the answer off: the rerun reads 6002 as the first run's doing.
      if (failedFirst.get(result.userId) === 'VipProtocolError')
        expect([result.code, result.reason], context).toEqual(['6002', 'created by the interrupted run']);
      else expect(result.code, context).toBe('0000');
    }

    // The rerun sent exactly the rows that had failed, once each.
    const resent = mock.requests.slice(sentInFirst).map((request) => ids[rowOfRequestId(request.requestId)?.row ?? -1]);
    expect(resent.sort(), context).toEqual([...failedFirst.keys()].sort());
    // The users exist: every one whose first attempt failed, and a sample of the others (looking up all 10,000
    // would double the test's time). None was created twice: VIP answers 6002 to a second create, and only the rows
    // whose answer was lost got one.
    const sample = ids.filter((_, index) => index % 37 === 0 || failedFirst.has(ids[index] as string));
    expect((await existingUsers(mock, sample)).size, context).toBe(sample.length);
  });
});

function expectEveryRowOnce(results: readonly ResultLine[], ids: readonly string[]): void {
  expect(results).toHaveLength(ids.length);
  expect(results.map((result) => result.userId)).toEqual(ids);
  expect(results.map((result) => Number(result.line))).toEqual(ids.map((_, index) => index + 2));
}
