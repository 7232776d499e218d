/**
 * `npm run bench:cold-start`: how long a fresh Node process takes to import the SDK's main entry and build a client,
 * beside importing undici alone (which the SDK cannot avoid) and undici with fast-xml-parser (what a hand-written
 * client loads). Uses the built package (dist/), as an application would; run `npm run build` first. Each figure is
 * the median of many fresh processes, measured inside the process from just before the import.
 * Run: npm run bench:cold-start [-- --runs N]
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const runsArgument = process.argv.indexOf('--runs');
const RUNS = runsArgument === -1 ? 25 : Number(process.argv[runsArgument + 1]);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const ENTRY = `${ROOT}dist/esm/index.js`;

const SCRIPTS: Array<[string, string]> = [
  ['import undici', "await import('undici');"],
  ['import undici + fast-xml-parser', "await import('undici'); await import('fast-xml-parser');"],
  ['import vip-user-services + new VipClient()', `const { VipClient } = await import(${JSON.stringify(ENTRY)}); new VipClient();`],
];

function timeOnce(body: string): number {
  const script = `const started = performance.now(); ${body} console.log(performance.now() - started);`;
  const output = execFileSync(process.execPath, ['--input-type=module', '-e', script], { cwd: ROOT, encoding: 'utf8' });
  return Number(output.trim());
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] as number;
}

if (!existsSync(ENTRY)) {
  console.error('dist/ is missing: run npm run build first');
  process.exit(1);
}
const results = new Map<string, number[]>(SCRIPTS.map(([name]) => [name, []]));
// Interleaved, so a noisy moment hurts every variant alike.
for (let run = 0; run < RUNS; run++) for (const [name, body] of SCRIPTS) results.get(name)?.push(timeOnce(body));
console.log(`cold start, median of ${RUNS} fresh processes each, Node ${process.version}`);
for (const [name, times] of results) console.log(`  ${name.padEnd(46)} ${median(times).toFixed(1).padStart(7)} ms`);
const undici = median(results.get('import undici') ?? []);
const sdk = median(results.get('import vip-user-services + new VipClient()') ?? []);
console.log(`  the SDK adds ${(sdk - undici).toFixed(1)} ms on top of undici (target: at most 20 ms)`);
