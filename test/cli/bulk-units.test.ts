/**
 * The parts of the bulk jobs that are easier to pin down alone: option parsing (property tests on `--rate`), the
 * pacer's spacing, exclusions, the group-committed durable file, the journal's reading of earlier runs (cut lines,
 * other jobs, changed inputs, stale locks) and the plain progress lines.
 */
import { spawnSync } from 'node:child_process';
import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DurableFile, LAZY_FLUSH_MS } from '../../src/cli/bulk/durable-file.js';
import { Journal, type JournalHeader, readJournal } from '../../src/cli/bulk/journal.js';
import { DEFAULT_CONCURRENCY, parseConcurrency, parseExclusions, parseRate } from '../../src/cli/bulk/options.js';
import { Tally } from '../../src/cli/bulk/outcome.js';
import { Pacer } from '../../src/cli/bulk/pacer.js';
import { jobPaths } from '../../src/cli/bulk/paths.js';
import { startProgress } from '../../src/cli/bulk/progress.js';
import { CliUsageError } from '../../src/cli/exit-codes.js';
import type { CliIo } from '../../src/cli/io.js';
import { tempFolder } from './bulk-support.js';

describe('bulk options', () => {
  it('reads --rate per second or per minute', () => {
    expect(parseRate(undefined)).toBeUndefined();
    expect(parseRate('20/s')).toBe(20);
    expect(parseRate('20')).toBe(20);
    expect(parseRate('600/min')).toBe(10);
    expect(parseRate('0.5 / second')).toBe(0.5);
    expect(parseRate('90/M')).toBe(1.5);
  });

  it('takes any positive rate up to 10000/s and refuses the rest', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.001, max: 10_000, noNaN: true }), fc.constantFrom('', '/s', '/sec', '/second'), (rate, unit) => {
        const text = `${rate.toFixed(3)}${unit}`;
        expect(parseRate(text)).toBeCloseTo(Number(rate.toFixed(3)), 6);
      }),
    );
    fc.assert(
      fc.property(fc.string(), (text) => {
        fc.pre(!/^\s*\d+(\.\d+)?\s*(\/\s*(s|sec|second|m|min|minute))?\s*$/i.test(text));
        expect(() => parseRate(text)).toThrow(CliUsageError);
      }),
    );
    for (const text of ['0', '0/s', '10001/s', '-1', '1e3']) expect(() => parseRate(text)).toThrow(CliUsageError);
  });

  it('takes whole concurrencies from 1 to 64, 4 by default', () => {
    expect(parseConcurrency(undefined)).toBe(DEFAULT_CONCURRENCY);
    expect(parseConcurrency('1')).toBe(1);
    expect(parseConcurrency('64')).toBe(64);
    for (const text of ['0', '65', '-1', '1.0', '', ' 4', '0x10']) expect(() => parseConcurrency(text)).toThrow(CliUsageError);
  });

  it('matches exclusions in any case and names the pattern that matched', () => {
    const exclusions = parseExclusions(['ADM_*', '*@breakglass.example.com', 'svc-?', '{root,admin}']);
    expect(exclusions.match('adm_alice')).toBe('ADM_*');
    expect(exclusions.match('Ops@BreakGlass.example.com')).toBe('*@breakglass.example.com');
    expect(exclusions.match('svc-1')).toBe('svc-?');
    expect(exclusions.match('svc-12')).toBeUndefined();
    expect(exclusions.match('root')).toBe('{root,admin}');
    expect(exclusions.match('alice@example.com')).toBeUndefined();
    expect(parseExclusions([]).match('anyone')).toBeUndefined();
  });

  it('puts the job files beside the input unless told otherwise', () => {
    expect(jobPaths('/work', 'delete-users', 'in/leavers.csv', {})).toEqual({
      input: '/work/in/leavers.csv',
      results: '/work/in/leavers.delete-users.results.csv',
      journal: '/work/in/leavers.delete-users.journal.jsonl',
      backup: '/work/in/leavers.delete-users.backup.jsonl',
    });
    expect(jobPaths('/work', 'create-users', 'users', { results: 'out.csv', journal: '/var/j.jsonl' })).toMatchObject({
      results: '/work/out.csv',
      journal: '/var/j.jsonl',
    });
  });
});

describe('bulk pacer', () => {
  it('gives each caller the next free slot, 1/rate apart, without bursts', async () => {
    let now = 1000;
    const pacer = new Pacer(4, () => now);
    const signal = new AbortController().signal;
    const started = performance.now();
    const waited: number[] = [];
    const waits = [0, 1, 2].map(async () => {
      await pacer.wait(signal);
      waited.push(performance.now() - started);
    });
    await waits[0];
    expect(waited).toHaveLength(1);
    // The pacer's clock jumps past the queued slots: the next caller has nothing to wait for.
    now += 1000;
    await pacer.wait(signal);
    expect(waited).toHaveLength(1);
    await Promise.all(waits);
    // The other two waited for their slots, 250 and 500 ms after the first.
    expect(waited[1]).toBeGreaterThanOrEqual(240);
    expect(waited[2]).toBeGreaterThanOrEqual(490);
  });

  it('stops waiting when the signal fires', async () => {
    const pacer = new Pacer(0.01);
    const interrupt = new AbortController();
    await pacer.wait(interrupt.signal);
    const waiting = pacer.wait(interrupt.signal);
    interrupt.abort();
    await expect(waiting).rejects.toThrow(/abort/i);
  });
});

describe('bulk durable file', () => {
  it('writes concurrent appends in order, and starts a new line after a line cut off by a crash', async () => {
    const path = join(await tempFolder(), 'file.jsonl');
    await writeFile(path, '{"complete":1}\n{"cut');
    const file = await DurableFile.open(path);
    await Promise.all(Array.from({ length: 50 }, (_, index) => file.append(`{"n":${index}}`)));
    await file.close();
    const lines = (await readFile(path, 'utf8')).split('\n');
    expect(lines.slice(0, 2)).toEqual(['{"complete":1}', '{"cut']);
    expect(lines.slice(2, -1)).toEqual(Array.from({ length: 50 }, (_, index) => `{"n":${index}}`));
  });

  it('lets a line nobody waits for ride with the next write, or writes it on its own shortly after', async () => {
    const path = join(await tempFolder(), 'file.jsonl');
    const file = await DurableFile.open(path);
    const order: string[] = [];
    const lazy = file.append('soon-1', 'soon').then(() => order.push('soon-1'));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual([]);
    await file.append('now-1').then(() => order.push('now-1'));
    await lazy;
    // Both went in the same write, the lazy line first.
    expect(order).toEqual(['soon-1', 'now-1']);
    const started = performance.now();
    await file.append('soon-2', 'soon');
    expect(performance.now() - started).toBeGreaterThanOrEqual(LAZY_FLUSH_MS - 5);
    const alone = file.append('soon-3', 'soon');
    await file.close();
    await alone;
    expect(await readFile(path, 'utf8')).toBe('soon-1\nnow-1\nsoon-2\nsoon-3\n');
  });

  it('fails every later append after a write error', async () => {
    const path = join(await tempFolder(), 'file.jsonl');
    const file = await DurableFile.open(path);
    await file.close();
    await expect(file.append('x')).rejects.toThrow();
    await expect(file.append('y')).rejects.toThrow();
  });
});

describe('bulk journal', () => {
  const header = (sha256 = 'a'.repeat(64)): JournalHeader => ({
    t: 'job',
    v: 1,
    job: 'create-users',
    input: '/in/users.csv',
    sha256,
    rows: 3,
  });

  it('reads what earlier runs did: finished rows, sent and completed steps, and skips a line cut off by a crash', async () => {
    const path = join(await tempFolder(), 'journal.jsonl');
    await writeFile(
      path,
      [
        JSON.stringify(header()),
        '{"t":"run","at":"x","pid":1}',
        '{"t":"sent","r":0,"s":"create","id":"a"}',
        '{"t":"ok","r":0,"s":"create"}',
        '{"t":"row","r":0,"line":2,"outcome":"done"}',
        '{"t":"sent","r":1,"s":"create","id":"b"}',
        '{"t":"row","r":1,"line":3,"outcome":"failed","error":"VipConnectionError"}',
        '{"t":"sent","r":2,"s":"create","id":"c"}',
        '{"t":"ok","r":2,"s":"create"}',
        '{"t":"sent","r":2,"s":"disable","i',
        '{"t":"row","r":3,"line":5,"outcome":"skipped","excluded":true}',
        '',
      ].join('\n'),
    );
    const state = await readJournal(path, header());
    expect(state?.resumed).toBe(true);
    expect(state?.final(0)?.outcome).toBe('done');
    // Failed and excluded rows run again.
    expect(state?.final(1)).toBeUndefined();
    expect(state?.final(3)).toBeUndefined();
    expect(state?.sentBefore(1, 'create')).toBe(true);
    expect(state?.sentBefore(2, 'create')).toBe(false);
    expect(state?.okBefore(2, 'create')).toBe(true);
    expect(state?.sentBefore(2, 'disable')).toBe(false);
    expect(state?.sentBefore(0, 'create')).toBe(false);
  });

  it('refuses a journal of another job, of a changed input, or of something else', async () => {
    const folder = await tempFolder();
    const path = join(folder, 'journal.jsonl');
    await writeFile(path, `${JSON.stringify(header())}\n`);
    await expect(readJournal(path, header('b'.repeat(64)))).rejects.toThrow(/was written for another version of \/in\/users\.csv/);
    await expect(readJournal(path, { ...header(), job: 'delete-users' })).rejects.toThrow(/belongs to `bulk create-users`/);
    await writeFile(path, '{"hello":"world"}\n');
    await expect(readJournal(path, header())).rejects.toThrow(/is not a bulk job journal/);
    await writeFile(path, `${JSON.stringify(header())}\n{"t":"row","r":-1}\n`);
    await expect(readJournal(path, header())).rejects.toThrow(/line 2: not a journal record/);
    expect(await readJournal(join(folder, 'none.jsonl'), header())).toBeUndefined();
    await writeFile(path, '');
    expect(await readJournal(path, header())).toBeUndefined();
  });

  it('takes over the lock of a process that died, and refuses one that runs', async () => {
    const path = join(await tempFolder(), 'journal.jsonl');
    const dead = spawnSync(process.execPath, ['-e', 'process.pid']).pid as number;
    await writeFile(`${path}.lock`, String(dead));
    const journal = await Journal.open(path, header(), true);
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await expect(Journal.open(path, header(), false)).rejects.toThrow(`another run of this job (process ${process.pid})`);
    await journal.close();
    await expect(readFile(`${path}.lock`)).rejects.toThrow(/ENOENT/);
    await appendFile(path, '');
    expect((await readFile(path, 'utf8')).split('\n')[0]).toBe(JSON.stringify(header()));
  });
});

describe('bulk progress without a terminal', () => {
  it('prints a plain line now and then, with the rate, the time left and the tallies', async () => {
    const stderr = new PassThrough();
    let text = '';
    stderr.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
    });
    const io = { stderr } as unknown as CliIo;
    const tally = new Tally();
    tally.add({ outcome: 'done', code: '0000' });
    const progress = startProgress(io, 'bulk create-users', 10, tally, 20);
    for (let index = 0; index < 4; index++) tally.add({ outcome: index === 3 ? 'failed' : 'done', code: index === 3 ? '6005' : '0000' });
    await new Promise((resolve) => setTimeout(resolve, 70));
    progress.stop();
    const lines = text.trim().split('\n');
    expect(lines.length).toBeGreaterThanOrEqual(1);
    expect(lines[0]).toMatch(
      /^bulk create-users: 5\/10 rows \(50%\), \d+ rows\/s(, about \d+ s left)?; done 4, skipped 0, failed 1 \(0000: 4, 6005: 1\)$/,
    );
    const printed = lines.length;
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(text.trim().split('\n')).toHaveLength(printed);
  });
});
