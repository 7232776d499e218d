/**
 * Builds the published package: dist/esm (ES modules) and dist/cjs (CommonJS), each with its own declarations,
 * from two `tsc` passes. Run with `npm run build`; `npm pack` and `npm publish` run it first (prepack).
 */
import { spawn } from 'node:child_process';
import { chmod, mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const TSC = createRequire(import.meta.url).resolve('typescript/bin/tsc');
const SHEBANG = '#!/usr/bin/env node\n';

/** Runs one `tsc -p <project>` and rejects with its exit code when the compiler reports errors. */
function compile(project) {
  return new Promise((resolvePass, rejectPass) => {
    const child = spawn(process.execPath, [TSC, '-p', project], { cwd: ROOT, stdio: 'inherit' });
    child.on('error', rejectPass);
    child.on('exit', (code, signal) => {
      if (code === 0) resolvePass();
      else rejectPass(new Error(`tsc -p ${project} failed (${signal ?? `exit code ${code}`})`));
    });
  });
}

async function exists(path) {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Every `bin` target must start with a shebang and be executable: npm links the file as-is, and without the
 * shebang the shell would try to run JavaScript as a script.
 */
async function prepareBins() {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  for (const [name, target] of Object.entries(manifest.bin ?? {})) {
    const path = join(ROOT, target);
    if (!(await exists(path))) throw new Error(`bin "${name}" points to ${target}, which the build did not produce`);
    const code = await readFile(path, 'utf8');
    if (!code.startsWith('#!')) await writeFile(path, SHEBANG + code);
    await chmod(path, 0o755);
  }
}

/**
 * Replaces the ESM build's JavaScript with one file per entry point plus shared chunks, from the tsc output. An
 * application imports the SDK in one file read and one compile instead of about sixty: measured with
 * `npm run bench:cold-start`, 31 ms became about 14 ms on top of undici. The declarations stay as tsc wrote them.
 */
async function bundleEsm() {
  const { build } = await import('esbuild');
  const esm = join(ROOT, 'dist/esm');
  const staging = join(ROOT, 'dist/esm-bundle');
  const entries = ['index', 'mock/index', 'testing/index', 'cli/main', 'cli/vip-mock'];
  await build({
    entryPoints: Object.fromEntries(entries.map((entry) => [entry, join(esm, `${entry}.js`)])),
    outdir: staging,
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20.19',
    // Dependencies and peers stay imports: the installed copies are used (soap is the mock's optional peer, loaded
    // when a server starts; @opentelemetry/api the client's, loaded when telemetry is on, and bundled it would not
    // be the application's copy), and the CLI's CommonJS dependencies could not be bundled into ES modules anyway.
    external: await packageNames(),
    chunkNames: 'chunks/[name]-[hash]',
    legalComments: 'none',
    logLevel: 'warning',
  });
  await removeJavaScript(esm);
  for (const file of await readdir(staging, { recursive: true })) {
    if (!file.endsWith('.js')) continue;
    await mkdir(dirname(join(esm, file)), { recursive: true });
    await rename(join(staging, file), join(esm, file));
  }
  await rm(staging, { recursive: true, force: true });
}

/** Every dependency and peer dependency of the package, with their subpaths. */
async function packageNames() {
  const manifest = JSON.parse(await readFile(join(ROOT, 'package.json'), 'utf8'));
  const names = Object.keys({ ...manifest.dependencies, ...manifest.peerDependencies });
  return names.flatMap((name) => [name, `${name}/*`]);
}

/** Deletes the `.js` files tsc wrote under `dir`, keeping the declarations. */
async function removeJavaScript(dir) {
  for (const file of await readdir(dir, { recursive: true })) {
    if (file.endsWith('.js')) await rm(join(dir, file));
  }
}

const started = performance.now();
await rm(join(ROOT, 'dist'), { recursive: true, force: true });
// The passes write to separate folders, so they can share the two cores.
await Promise.all([compile('tsconfig.build.json'), compile('tsconfig.build.cjs.json')]);
await bundleEsm();
// The package root says "type": "module"; this marker makes Node load dist/cjs/**/*.js as CommonJS.
await writeFile(join(ROOT, 'dist/cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
await prepareBins();
console.log(`build: dist/esm (bundled) + dist/cjs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
