/**
 * The journal and the durable file under it, at their edges: what a rerun makes of every kind of line, which
 * headers it refuses and how, what happens to the lock when opening or writing fails, and that a write error is
 * never lost. The journal is what keeps a bulk job from losing or repeating a row, so each rule is pinned here.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { DurableFile } from '../../src/cli/bulk/durable-file.js';
import { Journal, type JournalHeader, readJournal } from '../../src/cli/bulk/journal.js';
import { CliUsageError } from '../../src/cli/exit-codes.js';
import { tempFolder } from './bulk-support.js';

const header = (overrides: Partial<JournalHeader> = {}): JournalHeader => ({
  t: 'job',
  v: 1,
  job: 'create-users',
  input: '/in/users.csv',
  sha256: 'a'.repeat(64),
  rows: 3,
  ...overrides,
});

/** A journal file holding `lines` (the header first unless `lines` brings its own), and its path. */
async function journalWith(lines: readonly string[], withHeader = true): Promise<string> {
  const path = join(await tempFolder(), 'journal.jsonl');
  await writeFile(path, `${[...(withHeader ? [JSON.stringify(header())] : []), ...lines].join('\n')}\n`);
  return path;
}

describe('the durable file', () => {
  it('adds no line break to a file whose last line is complete', async () => {
    const path = join(await tempFolder(), 'file.jsonl');
    await writeFile(path, '{"a":1}\n');
    const file = await DurableFile.open(path);
    await file.append('{"b":2}');
    await file.close();
    expect(await readFile(path, 'utf8')).toBe('{"a":1}\n{"b":2}\n');
  });

  it('fails every later append with the first write error itself', async () => {
    const file = await DurableFile.open(join(await tempFolder(), 'file.jsonl'));
    await file.close();
    const first = await file.append('x').then(
      () => expect.fail('a write to a closed file must fail'),
      (error: NodeJS.ErrnoException) => error,
    );
    expect(first.code).toBe('EBADF');
    await expect(file.append('y')).rejects.toBe(first);
    await expect(file.append('z', 'soon')).rejects.toBe(first);
  });
});

describe('reading a journal back', () => {
  it('says nothing was resumed when only the header and run lines are there', async () => {
    const state = await readJournal(await journalWith(['{"t":"run","at":"x","pid":1}']), header());
    expect(state?.resumed).toBe(false);
  });

  it('skips empty and blank lines', async () => {
    const state = await readJournal(await journalWith(['', '   ', '{"t":"sent","r":0,"s":"create","id":"a"}']), header());
    expect(state?.sentBefore(0, 'create')).toBe(true);
  });

  it('forgets the steps of a row finished for good, and keeps those of a failed row', async () => {
    const state = await readJournal(
      await journalWith([
        '{"t":"sent","r":0,"s":"create","id":"a"}',
        '{"t":"row","r":0,"line":2,"outcome":"done"}',
        '{"t":"sent","r":1,"s":"create","id":"b"}',
        '{"t":"row","r":1,"line":3,"outcome":"failed","error":"VipConnectionError"}',
      ]),
      header(),
    );
    expect(state?.sentBefore(0, 'create')).toBe(false);
    expect(state?.sentBefore(1, 'create')).toBe(true);
  });

  it.each([
    ['null', 'null'],
    ['a number', '42'],
    ['a string', '"row"'],
    ['an array', '[]'],
    ['another kind of record', '{"t":"done","r":1}'],
    ['a record without a row', '{"t":"row"}'],
    ['a row that is not a whole number', '{"t":"sent","r":1.5,"s":"create"}'],
    ['a row given as text', '{"t":"ok","r":"1","s":"create"}'],
    ['a negative row', '{"t":"ok","r":-1,"s":"create"}'],
  ])('refuses %s as a record, naming the line', async (_what, line) => {
    const path = await journalWith(['{"t":"run","at":"x","pid":1}', line]);
    await expect(readJournal(path, header())).rejects.toThrow(
      new CliUsageError(`${path}, line 3: not a journal record; is this file a bulk job journal?`),
    );
  });

  it.each([
    ['null', 'null'],
    ['another kind of first line', JSON.stringify({ ...header(), t: 'jab' })],
    ['a header of another version', JSON.stringify({ ...header(), v: 2 })],
  ])('refuses %s as the header', async (_what, line) => {
    const path = await journalWith([line], false);
    await expect(readJournal(path, header())).rejects.toThrow(
      new CliUsageError(`${path} is not a bulk job journal (or was written by another version); move it away or pass --journal FILE`),
    );
  });

  it('says why a journal of a changed input is refused, and what to do', async () => {
    const path = await journalWith([]);
    await expect(readJournal(path, header({ sha256: 'b'.repeat(64) }))).rejects.toThrow(
      new CliUsageError(
        `the journal ${path} was written for another version of /in/users.csv (its content changed since, so its rows may not ` +
          'be the rows the journal describes): to start the job over, delete the journal or pass --journal FILE',
      ),
    );
  });

  it('passes on an error other than "not found" when looking for the journal', async () => {
    const file = join(await tempFolder(), 'a-file');
    await writeFile(file, '');
    await expect(readJournal(join(file, 'journal.jsonl'), header())).rejects.toThrow(expect.objectContaining({ code: 'ENOTDIR' }));
  });
});

describe('the journal lock', () => {
  it.each([
    ['0', '0'],
    ['no number', 'garbage'],
  ])('is taken over when it holds %s', async (_what, content) => {
    const path = join(await tempFolder(), 'journal.jsonl');
    await writeFile(`${path}.lock`, content);
    const journal = await Journal.open(path, header(), true);
    expect(await readFile(`${path}.lock`, 'utf8')).toBe(String(process.pid));
    await journal.close();
  });

  it('is released when the journal cannot be opened', async () => {
    const path = join(await tempFolder(), 'journal.jsonl');
    await mkdir(path);
    await expect(Journal.open(path, header(), true)).rejects.toThrow(expect.objectContaining({ code: 'EISDIR' }));
    await expect(readFile(`${path}.lock`)).rejects.toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });

  it('may have been removed by hand before the journal closes', async () => {
    const path = join(await tempFolder(), 'journal.jsonl');
    const journal = await Journal.open(path, header(), true);
    await rm(`${path}.lock`);
    await expect(journal.close()).resolves.toBeUndefined();
  });
});

describe('a record nobody waits for', () => {
  it('that cannot be written fails the close, after the lock is released', async () => {
    const failure = new Error('no space left on device');
    const append = DurableFile.prototype.append;
    vi.spyOn(DurableFile.prototype, 'append').mockImplementation(function (this: DurableFile, line, when) {
      return when === 'soon' ? Promise.reject(failure) : append.call(this, line, when);
    });
    const path = join(await tempFolder(), 'journal.jsonl');
    const journal = await Journal.open(path, header(), true);
    journal.ok(0, 'create');
    journal.finish({ t: 'row', r: 0, line: 2, outcome: 'done' });
    await expect(journal.close()).rejects.toBe(failure);
    await expect(readFile(`${path}.lock`)).rejects.toThrow(expect.objectContaining({ code: 'ENOENT' }));
  });
});
