/**
 * Packs the package exactly as `npm publish` would (prepack builds it) and installs the tarball into a fresh
 * temporary project, so the package tests see what a user's `npm install` gives them and nothing from this
 * repository: no src/, no path aliases, no devDependencies.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root. */
export const REPO_ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** A temporary project with the packed package installed in its node_modules. */
export interface InstalledPackage {
  /** The project folder; scripts placed in it resolve `vip-user-services` from its node_modules. */
  readonly dir: string;
  /** The tarball that was installed. */
  readonly tarball: string;
  /** Deletes the project folder. */
  remove(): Promise<void>;
}

/** Output of a finished child process. */
export interface RunResult {
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs a command and resolves with its output; rejects with the command, exit code and both streams when it
 * fails, so a failing step explains itself in the test report.
 */
export function run(command: string, args: readonly string[], cwd: string, timeoutMs = 240_000): Promise<RunResult> {
  return new Promise((resolveRun, rejectRun) => {
    execFile(command, args, { cwd, timeout: timeoutMs, maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' }, (error, stdout, stderr) => {
      if (error) {
        const shown = [command, ...args].join(' ');
        rejectRun(new Error(`${shown} failed in ${cwd} (${error.code ?? error.signal ?? error.message})\n${stdout}\n${stderr}`));
      } else resolveRun({ stdout, stderr });
    });
  });
}

/** `npm pack` in the repository: runs prepack (the build) and returns the tarball's absolute path. */
async function pack(destination: string): Promise<string> {
  const { stdout } = await run('npm', ['pack', '--json', '--pack-destination', destination], REPO_ROOT);
  // prepack's own output comes first; npm prints the JSON report last.
  const report = JSON.parse(stdout.slice(stdout.indexOf('\n[') + 1)) as Array<{ filename: string }>;
  const filename = report[0]?.filename;
  if (filename === undefined) throw new Error(`npm pack printed no file name:\n${stdout}`);
  return join(destination, filename);
}

/**
 * The tarball to test: the one named by `VIP_PACKAGE_TARBALL` (CI packs once and lints that same file with
 * publint and attw), otherwise a fresh `npm pack` of the working tree.
 */
async function tarballToTest(scratch: string): Promise<string> {
  const given = process.env.VIP_PACKAGE_TARBALL;
  return given ? resolve(REPO_ROOT, given) : pack(scratch);
}

/**
 * Installs the package tarball into a new temporary project, together with what a TypeScript user of every entry
 * point has: the optional peers `soap` (which `vip-user-services/mock` needs) and `@opentelemetry/api` (for
 * telemetry), `typescript` and `@types/node`, at the
 * versions this repository uses. `--prefer-offline` takes them from the npm cache that `npm ci` filled.
 */
export async function installPackedPackage(): Promise<InstalledPackage> {
  const dir = await mkdtemp(join(tmpdir(), 'vip-user-services-package-'));
  try {
    const tarball = await tarballToTest(dir);
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as {
      devDependencies: Record<string, string>;
    };
    const companions = ['soap', '@opentelemetry/api', 'typescript', '@types/node'].map(
      (name) => `${name}@${manifest.devDependencies[name]}`,
    );
    await writeFile(join(dir, 'package.json'), `${JSON.stringify({ name: 'package-test-project', private: true }, null, 2)}\n`);
    await run('npm', ['install', '--no-audit', '--no-fund', '--prefer-offline', '--loglevel=error', tarball, ...companions], dir);
    return { dir, tarball, remove: () => rm(dir, { recursive: true, force: true }) };
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    throw error;
  }
}
