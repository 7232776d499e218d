/**
 * `npm run bench:telemetry`: what telemetry costs per call, on the getUserInfo call of `npm run bench`, as CPU time
 * of this process per call (which, unlike wall-clock figures, stays put when other jobs share the cores). Measured
 * twice: over HTTP to the benchmark's local server (in a child process, 64 calls in flight), and in memory, where a
 * transport hands the answer over directly and only the SDK's own work is left (the most sensitive measure).
 * - telemetry off: `tracerProvider: false, meterProvider: false`, nobody on the channels (an application without
 *   `@opentelemetry/api` gets the same path);
 * - baseline: with `--baseline <dir>`, the same call through another checkout's VipClient (`git archive <commit>`
 *   unpacked, with node_modules linked), to compare "off" with the SDK as it was;
 * - no-op tracer and meter: the defaults with `@opentelemetry/api` installed but no SDK registered;
 * - channel subscriber: telemetry off, a no-op subscriber on `tracing:vip-user-services:call`;
 * - telemetry off, again: the first contender once more, so the run shows its own noise;
 * - recording: last, with the AsyncLocalStorage context manager registered, the OpenTelemetry SDK recording every
 *   span (dropped by its processor) and the metrics.
 * `--smoke` runs a few requests of each.
 */
import { tracingChannel } from 'node:diagnostics_channel';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { fork } from 'node:child_process';
import { context } from '@opentelemetry/api';
import { AsyncLocalStorageContextManager } from '@opentelemetry/context-async-hooks';
import { MeterProvider } from '@opentelemetry/sdk-metrics';
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { type Transport, VipClient, type VipClientOptions } from '../src/index.js';
import { getUserInfoResponse, requestIdOf } from './get-user-info-response.mjs';
import { bestOf, type Call, type Contender, measure, type Round } from './measure.js';

const smoke = process.argv.includes('--smoke');
const baselineAt = process.argv.indexOf('--baseline');
const baselineDir = baselineAt === -1 ? undefined : process.argv[baselineAt + 1];
const CONCURRENCY = 64;
const WARMUP = smoke ? 20 : 3_000;
const MEASURED = smoke ? 50 : 20_000;
// Twice through every starting position of the five contenders without a context manager.
const ROUNDS = smoke ? 1 : 10;

type ClientClass = typeof VipClient;

function print(title: string, best: Map<string, Round>, reference: string): void {
  const base = best.get(reference) as Round;
  console.log(title);
  console.log(`  ${'contender'.padEnd(44)} ${'req/s'.padStart(7)} ${'CPU/call'.padStart(10)} ${`vs ${reference}`.padStart(18)}`);
  for (const [name, { rate, processCpuMicros }] of best) {
    const ratio = `${processCpuMicros >= base.processCpuMicros ? '+' : ''}${((processCpuMicros / base.processCpuMicros - 1) * 100).toFixed(1)} %`;
    console.log(
      `  ${name.padEnd(44)} ${Math.round(rate).toString().padStart(7)} ${`${processCpuMicros.toFixed(1)} µs`.padStart(10)} ${ratio.padStart(18)}`,
    );
  }
}

/** The contenders without a context manager, on clients made by `client`. */
function withoutContextManager(
  client: (Client: ClientClass, options?: VipClientOptions) => Call,
  Baseline: ClientClass | undefined,
): Contender[] {
  const off = { tracerProvider: false, meterProvider: false } as const;
  const contenders: Contender[] = [['telemetry off', client(VipClient, off)]];
  if (Baseline !== undefined) contenders.push([`baseline (${baselineDir})`, client(Baseline)]);
  contenders.push(['no-op tracer and meter (API, no SDK)', client(VipClient)]);
  const calls = tracingChannel('vip-user-services:call');
  const subscriber = { start() {}, end() {}, asyncStart() {}, asyncEnd() {}, error() {} };
  // Subscribed only while this contender's rounds run, so the others see no subscriber.
  contenders.push([
    'diagnostics_channel subscriber',
    client(VipClient, off),
    { before: () => calls.subscribe(subscriber), after: () => calls.unsubscribe(subscriber) },
  ]);
  // The same as the first: the difference between the two is this run's noise.
  contenders.push(['telemetry off, again (noise)', client(VipClient, off)]);
  return contenders;
}

async function run(title: string, contenders: Contender[], count: number, concurrency: number): Promise<void> {
  for (const [, call] of contenders) await measure(call, WARMUP, concurrency);
  print(
    `${title} (${count} calls per round, ${concurrency} in flight, best of ${ROUNDS} rounds):`,
    await bestOf(contenders, ROUNDS, count, concurrency),
    'telemetry off',
  );
}

async function main(): Promise<void> {
  // A child process, so this process's CPU time is the client's alone.
  const server = fork(fileURLToPath(new URL('./server.mjs', import.meta.url)));
  const port = await new Promise<number>((done) => server.once('message', (message) => done(message as number)));
  const endpoint = `http://127.0.0.1:${port}`;
  const Baseline =
    baselineDir === undefined
      ? undefined
      : ((await import(pathToFileURL(resolve(baselineDir, 'src/index.ts')).href)) as { VipClient: ClientClass }).VipClient;
  const clients: Array<{ close(): Promise<void> }> = [];
  const getUserInfo = (vip: VipClient): Call => {
    clients.push(vip);
    return () => vip.getUserInfo({ userId: 'alice@example.com', includePushAttributes: true });
  };
  const overHttp = (Client: ClientClass, options: VipClientOptions = {}) =>
    getUserInfo(new Client({ endpoint, retry: false, connections: CONCURRENCY, ...options }));
  // The SDK's own work alone: no socket, no HTTP parser, no server; the most sensitive measure of what it adds.
  const transport: Transport = {
    send: async (request) => ({
      status: 200,
      headers: { 'content-type': 'text/xml' },
      body: getUserInfoResponse(requestIdOf(request.body)),
    }),
  };
  const inMemory = (Client: ClientClass, options: VipClientOptions = {}) =>
    getUserInfo(new Client({ transport, retry: false, ...options }));

  console.log(`getUserInfo, CPU time of this process per call, Node ${process.version}`);
  await run('over HTTP to a local server, without a context manager', withoutContextManager(overHttp, Baseline), MEASURED, CONCURRENCY);
  await run('in memory (the SDK alone), without a context manager', withoutContextManager(inMemory, Baseline), MEASURED, 1);

  // What an application with the OpenTelemetry Node SDK has: a context manager, every span sampled, metrics read.
  context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const dropAll = { onStart() {}, onEnd() {}, forceFlush: async () => {}, shutdown: async () => {} };
  const tracerProvider = new BasicTracerProvider({ spanProcessors: [dropAll] });
  const meterProvider = new MeterProvider();
  const off = { tracerProvider: false, meterProvider: false } as const;
  const recording = { tracerProvider, meterProvider };
  await run(
    'over HTTP, with the AsyncLocalStorage context manager',
    [
      ['telemetry off', overHttp(VipClient, off)],
      ['recording (SDK spans and metrics)', overHttp(VipClient, recording)],
    ],
    MEASURED,
    CONCURRENCY,
  );

  await Promise.all(clients.map((client) => client.close()));
  server.send('close');
}

await main();
