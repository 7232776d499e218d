/**
 * `npm run bench:cli-bulk`: how fast `bulk create-users` goes against the mock at concurrency 1, 4 and 16, and how
 * much memory the CLI process needs for a 100,000-row file (and for `report users` over the same 100,000 users),
 * beside a 1,000-row file: the difference is what grows with the file.
 *
 * The mock runs in a process of its own (`vip-user-services mock`), so the CLI's figures are not mixed with the
 * server's work. Throughput is measured with the CLI in this process (runCli, as the bin calls it): rows per second
 * of the whole job (reading the CSV, journaling with fsync, the calls, the results file) and this process's CPU per
 * row. Memory is the peak RSS of a fresh `node --import tsx src/cli/main.ts` process running the job; tsx compiles
 * the sources in memory, so a built install needs somewhat less. Not a test: it prints a table to quote.
 * Run: npm run bench:cli-bulk [-- --rows 5000 --memory-rows 100000]; `--smoke` runs 50 and 200 rows, for CI.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { fileURLToPath } from 'node:url';
import { runCli } from '../src/cli/program.js';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CLI = join(ROOT, 'src', 'cli', 'main.ts');

function option(name: string, fallback: number): number {
  const at = process.argv.indexOf(name);
  return at === -1 ? fallback : Number(process.argv[at + 1]);
}
const smoke = process.argv.includes('--smoke');
const ROWS = option('--rows', smoke ? 50 : 5000);
const MEMORY_ROWS = option('--memory-rows', smoke ? 200 : 100_000);
const CONCURRENCIES = [1, 4, 16];

/** Starts `vip-user-services mock` in a child process; resolves with its URL. */
function startMock(): Promise<{ url: string; child: ChildProcess }> {
  const child = spawn(process.execPath, ['--import', 'tsx', CLI, 'mock', '--port', '0'], { cwd: ROOT, stdio: ['pipe', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let text = '';
    child.stdout?.setEncoding('utf8');
    child.stdout?.on('data', (chunk: string) => {
      text += chunk;
      const match = /listening on (http:\/\/\S+)/.exec(text);
      if (match !== null) resolve({ url: match[1] as string, child });
    });
    child.once('exit', (code) => reject(new Error(`the mock exited (${code}) before listening:\n${text}`)));
  });
}

async function usersFile(folder: string, name: string, prefix: string, rows: number): Promise<string> {
  const path = join(folder, name);
  const lines = Array.from({ length: rows }, (_, index) => `${prefix}${index}@example.com`);
  await writeFile(path, `userId\n${lines.join('\n')}\n`);
  return path;
}

/** Runs one command line in this process, its output thrown away; resolves with the exit code. */
function runHere(argv: string[], cwd: string): Promise<number> {
  const sink = () => new PassThrough().resume();
  return runCli(argv, { stdout: sink(), stderr: sink(), stdin: new PassThrough(), env: {}, cwd, signal: new AbortController().signal });
}

/** Runs the bin in a fresh process; resolves with its exit code and peak RSS in MiB. */
function runInChild(argv: string[]): Promise<{ code: number | null; maxRssMiB: number }> {
  // The bin, with the process's peak RSS (kB on Linux) printed as it exits. After `--`, the arguments are the
  // script's; main.ts reads them from process.argv[2] on, so a placeholder takes the place of a script path.
  const script = [
    "process.on('exit', () => process.stderr.write('MAXRSS ' + process.resourceUsage().maxRSS + '\\n'));",
    "process.argv.splice(1, 0, 'vip-user-services');",
    `await import(${JSON.stringify(CLI)});`,
  ].join(' ');
  // Started in the repository, where `--import tsx` resolves; every path in argv is absolute.
  const child = spawn(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script, '--', ...argv], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let errors = '';
  child.stderr?.setEncoding('utf8');
  child.stderr?.on('data', (chunk: string) => {
    errors += chunk;
  });
  return new Promise((resolve) => {
    child.once('exit', (code) => {
      const kilobytes = Number(/MAXRSS (\d+)/.exec(errors)?.[1] ?? Number.NaN);
      resolve({ code, maxRssMiB: kilobytes / 1024 });
    });
  });
}

const folder = await mkdtemp(join(tmpdir(), 'vip-bench-bulk-'));
const mock = await startMock();
try {
  console.log(`bulk create-users against the mock (own process), ${ROWS} rows per run, Node ${process.version}`);
  // Warm-up, not reported: the first job of a process also pays for loading and compiling the code.
  await runHere(['--endpoint', mock.url, 'bulk', 'create-users', await usersFile(folder, 'warm.csv', 'warm-', 500)], folder);
  console.log('  concurrency   rows/s   CLI CPU per row');
  for (const concurrency of CONCURRENCIES) {
    const input = await usersFile(folder, `c${concurrency}.csv`, `c${concurrency}-`, ROWS);
    const started = performance.now();
    const cpu = process.cpuUsage();
    const code = await runHere(['--endpoint', mock.url, 'bulk', 'create-users', input, '--concurrency', String(concurrency)], folder);
    const seconds = (performance.now() - started) / 1000;
    const used = process.cpuUsage(cpu);
    if (code !== 0) throw new Error(`bulk create-users ended with exit ${code}`);
    const micros = (used.user + used.system) / ROWS;
    console.log(`  ${String(concurrency).padStart(11)} ${(ROWS / seconds).toFixed(0).padStart(8)} ${micros.toFixed(0).padStart(12)} µs`);
  }

  console.log('\npeak RSS of the CLI process (node --import tsx src/cli/main.ts, concurrency 16)');
  console.log('         rows   bulk create-users   report users');
  const idle = await runInChild(['--version']);
  console.log(`  ${'(--version)'.padStart(11)} ${idle.maxRssMiB.toFixed(0).padStart(15)} MiB`);
  for (const rows of smoke ? [MEMORY_ROWS] : [1000, MEMORY_ROWS]) {
    const input = await usersFile(folder, `m${rows}.csv`, `m${rows}-`, rows);
    const create = await runInChild(['--endpoint', mock.url, 'bulk', 'create-users', input, '--concurrency', '16']);
    const audit = join(folder, `m${rows}.audit.csv`);
    const report = await runInChild(['--endpoint', mock.url, 'report', 'users', input, '--concurrency', '16', '--output', audit]);
    if (create.code !== 0 || report.code !== 0) throw new Error(`exit ${create.code} (create), ${report.code} (report) for ${rows} rows`);
    console.log(
      `  ${String(rows).padStart(11)} ${create.maxRssMiB.toFixed(0).padStart(15)} MiB ${report.maxRssMiB.toFixed(0).padStart(10)} MiB`,
    );
  }
} finally {
  mock.child.kill('SIGTERM');
  await rm(folder, { recursive: true, force: true });
}
