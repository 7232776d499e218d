/**
 * `npm run test:mutation [-- stryker options]`: runs StrykerJS (incremental by default, see stryker.config.json; pass
 * `--force` for a full run), then fails when any mutated file scores under 90%, which Stryker's own `break` only
 * checks for the total. Mutants marked with a `Stryker disable` comment (the equivalent ones, listed in
 * test/mutation/README.md) do not count.
 */
import { spawnSync } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const THRESHOLD = 90;
// The package exports no bin path; its package.json locates it.
const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin/stryker.js');
const run = spawnSync(process.execPath, [stryker, 'run', ...process.argv.slice(2)], { stdio: 'inherit' });
if (run.status !== 0) process.exit(run.status ?? 1);

const report = JSON.parse(await readFile(new URL('../reports/mutation/mutation.json', import.meta.url), 'utf8'));
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

let failed = false;
const rows = [];
for (const [file, { mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
  const detected = mutants.filter((mutant) => DETECTED.has(mutant.status)).length;
  const undetected = mutants.filter((mutant) => UNDETECTED.has(mutant.status)).length;
  const total = detected + undetected;
  const score = total === 0 ? 100 : (100 * detected) / total;
  if (score < THRESHOLD) failed = true;
  rows.push(
    `${score < THRESHOLD ? 'FAIL' : 'ok  '} ${score.toFixed(1).padStart(5)}%  ${String(detected).padStart(4)}/${String(total).padEnd(4)} ${file}`,
  );
}
console.log(`mutation score per file (threshold ${THRESHOLD}%):\n${rows.join('\n')}`);
if (failed) {
  console.error(`mutation: at least one file scores under ${THRESHOLD}%`);
  process.exitCode = 1;
}
