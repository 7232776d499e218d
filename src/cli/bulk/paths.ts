/**
 * Where a job keeps its files unless told otherwise: beside the input, named after it and the job, so the same
 * command run again finds its journal (`users.csv` gives `users.create-users.journal.jsonl`,
 * `users.create-users.results.csv` and, for delete-users, `users.delete-users.backup.jsonl`).
 */
import { basename, dirname, extname, join, resolve } from 'node:path';
import type { JobName } from './job.js';

export interface JobPaths {
  readonly input: string;
  readonly results: string;
  readonly journal: string;
  readonly backup: string;
}

/** The files of `job` on `input`; given paths are taken relative to `cwd`. */
export function jobPaths(
  cwd: string,
  job: JobName,
  input: string,
  given: { results?: string | undefined; journal?: string | undefined; backup?: string | undefined },
): JobPaths {
  const absolute = resolve(cwd, input);
  const stem = join(dirname(absolute), basename(absolute, extname(absolute)));
  const pick = (path: string | undefined, fallback: string) => (path === undefined ? fallback : resolve(cwd, path));
  return {
    input: absolute,
    results: pick(given.results, `${stem}.${job}.results.csv`),
    journal: pick(given.journal, `${stem}.${job}.journal.jsonl`),
    backup: pick(given.backup, `${stem}.${job}.backup.jsonl`),
  };
}
