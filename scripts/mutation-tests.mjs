/**
 * `npm run test:mutation [-- stryker options]`: runs StrykerJS over both mutated sets, incrementally by default
 * (pass `--force` for a full run), then fails when any mutated file scores under 90%, which Stryker's own `break`
 * only checks for a set's total. Mutants marked with a `Stryker disable` comment (the equivalent ones, listed in
 * test/mutation/README.md) do not count.
 *
 * The sets: the SDK's safety logic with the SDK's suites (`stryker.config.json`), and the bulk jobs' journal with the
 * CLI's bulk suites (`stryker.cli.config.json`). Each keeps its own baseline, so neither set's tests are run against
 * the other's mutants. `--set sdk` or `--set cli` runs one of them.
 */
import { spawnSync } from 'node:child_process';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';

const THRESHOLD = 90;
const SETS = {
  sdk: { config: 'stryker.config.json', report: 'reports/mutation/mutation.json', baseline: 'test/mutation/sdk-incremental.json' },
  cli: { config: 'stryker.cli.config.json', report: 'reports/mutation/cli.json', baseline: 'test/mutation/cli-incremental.json' },
};

const { values, tokens } = parseArgs({ options: { set: { type: 'string' } }, strict: false, tokens: true });
const chosen = values.set === undefined ? Object.keys(SETS) : [values.set];
for (const name of chosen) {
  if (!Object.hasOwn(SETS, name)) {
    console.error(`--set must be one of ${Object.keys(SETS).join(', ')}, not ${JSON.stringify(name)}`);
    process.exit(2);
  }
}
// Everything but --set goes to Stryker as given (for example --force, or --concurrency 1).
const strykerArgs = [];
for (const token of tokens) {
  if (token.kind === 'option' && token.name === 'set') continue;
  strykerArgs.push(token.kind === 'option' ? token.rawName : token.value);
}

// The package exports no bin path; its package.json locates it.
const stryker = join(dirname(createRequire(import.meta.url).resolve('@stryker-mutator/core/package.json')), 'bin/stryker.js');
const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

let failed = false;
const rows = [];
for (const name of chosen) {
  const { config, report: reportPath, baseline } = SETS[name];
  const started = Date.now();
  const run = spawnSync(process.execPath, [stryker, 'run', config, ...strykerArgs], { stdio: 'inherit' });
  console.log(`mutation set ${name}: stryker exited ${run.status} after ${((Date.now() - started) / 1000).toFixed(0)} s`);
  if (run.status !== 0) failed = true;
  await compact(new URL(`../${baseline}`, import.meta.url));
  // Stryker also exits 1 when its own break threshold fails; the report it wrote then still says which files.
  const reportUrl = new URL(`../${reportPath}`, import.meta.url);
  const written = await stat(reportUrl).then(
    (file) => file.mtimeMs >= started,
    () => false,
  );
  if (!written) {
    rows.push(`FAIL   no report from set ${name}`);
    continue;
  }
  const report = JSON.parse(await readFile(reportUrl, 'utf8'));
  await writeFile(new URL(`../test/mutation/survivors-${name}.md`, import.meta.url), survivorList(name, report));
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
}
console.log(`mutation score per file (threshold ${THRESHOLD}%):\n${rows.join('\n')}`);
if (failed) {
  console.error(`mutation: a set failed to run, or a file scores under ${THRESHOLD}%`);
  process.exitCode = 1;
}

/**
 * The mutants a set leaves alive, one line each with the source line they change, as Markdown: kept beside the
 * configs (and rewritten by every run) so a reviewer sees exactly what the score does not cover. Why each kind
 * survives is written per file in test/mutation/README.md.
 */
function survivorList(name, report) {
  const lines = [
    `# Mutants the \`${name}\` set leaves alive`,
    '',
    'Written by `npm run test:mutation`; do not edit. Why they survive, per file: [README.md](README.md).',
    '',
  ];
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const alive = mutants
      .filter((mutant) => UNDETECTED.has(mutant.status))
      .sort((a, b) => a.location.start.line - b.location.start.line || a.location.start.column - b.location.start.column);
    if (alive.length === 0) continue;
    const text = source.split('\n');
    lines.push(`## ${file}`, '', '| line | status | mutator | replaced by | in |', '|---|---|---|---|---|');
    for (const { location, status, mutatorName, replacement } of alive) {
      const cell = (value) => `\`${String(value).replace(/\s+/g, ' ').replaceAll('|', '\\|').replaceAll('`', "'").slice(0, 70)}\``;
      const line = location.start.line;
      lines.push(`| ${line} | ${status} | ${mutatorName} | ${cell(replacement ?? '')} | ${cell((text[line - 1] ?? '').trim())} |`);
    }
    lines.push('');
  }
  if (lines.length === 4) lines.push('None.', '');
  return lines.join('\n');
}

/** Rewrites Stryker's baseline without indentation: a third of the size in the repository, read the same. */
async function compact(url) {
  const text = await readFile(url, 'utf8').catch(() => undefined);
  if (text !== undefined) await writeFile(url, JSON.stringify(JSON.parse(text)));
}
