/**
 * Builds the published package: dist/esm (ES modules) and dist/cjs (CommonJS), each with its own declarations,
 * from two `tsc` passes. Run with `npm run build`; `npm pack` and `npm publish` run it first (prepack).
 */
import { spawn } from 'node:child_process';
import { chmod, readFile, rm, stat, writeFile } from 'node:fs/promises';
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

const started = performance.now();
await rm(join(ROOT, 'dist'), { recursive: true, force: true });
// The passes write to separate folders, so they can share the two cores.
await Promise.all([compile('tsconfig.build.json'), compile('tsconfig.build.cjs.json')]);
// The package root says "type": "module"; this marker makes Node load dist/cjs/**/*.js as CommonJS.
await writeFile(join(ROOT, 'dist/cjs/package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
await prepareBins();
console.log(`build: dist/esm + dist/cjs in ${((performance.now() - started) / 1000).toFixed(1)} s`);
