/**
 * `npm run bench`: one realistic getUserInfo call, three ways, against the same local server (in a worker thread):
 * a bare undici.request + fast-xml-parser (the floor: no validation, no typing), this SDK, and node-soap. Two
 * figures per contender: requests per second, and client CPU per call (busy time of the calling thread's event
 * loop divided by calls), which does not depend on how fast the server thread answers.
 * `--smoke` runs a few requests of each, to prove the benchmark still works (CI).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { XMLParser } from 'fast-xml-parser';
import * as soap from 'soap';
import { Agent, request } from 'undici';
import { VipClient } from '../src/index.js';

const smoke = process.argv.includes('--smoke');
const CONCURRENCY = 8;
const WARMUP = smoke ? 20 : 2_000;
const MEASURED = smoke ? 50 : 20_000;
const ROUNDS = smoke ? 1 : 3;

type Call = () => Promise<unknown>;

interface Round {
  /** Requests per second. */
  rate: number;
  /** Microseconds of the calling thread's CPU per request. */
  cpuMicros: number;
}

async function measure(call: Call, count: number): Promise<Round> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await call();
  };
  const started = performance.now();
  const loop = performance.eventLoopUtilization();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const busy = performance.eventLoopUtilization(loop);
  return { rate: count / ((performance.now() - started) / 1000), cpuMicros: (busy.active * 1000) / count };
}

async function main(): Promise<void> {
  const server = new Worker(new URL('./server.mjs', import.meta.url));
  const port = await new Promise<number>((resolve) => server.once('message', resolve));
  const endpoint = `http://127.0.0.1:${port}`;
  const queryUrl = `${endpoint}/vipuserservices/QueryService_1_8`;

  // The floor: one pooled agent, a prebuilt envelope, a parser with the same safety-relevant options.
  const agent = new Agent({ connections: CONCURRENCY });
  const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true });
  const envelope = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:vip="https://schemas.symantec.com/vip/2011/04/vipuserservices"><soapenv:Body><vip:GetUserInfoRequest><vip:requestId>bench_0001</vip:requestId><vip:userId>alice@example.com</vip:userId><vip:includePushAttributes>true</vip:includePushAttributes></vip:GetUserInfoRequest></soapenv:Body></soapenv:Envelope>`;
  const bare: Call = async () => {
    const response = await request(queryUrl, {
      method: 'POST',
      dispatcher: agent,
      headers: { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' },
      body: envelope,
    });
    return parser.parse(await response.body.text());
  };

  const vip = new VipClient({ endpoint, retry: false });
  const sdk: Call = () => vip.getUserInfo({ userId: 'alice@example.com', includePushAttributes: true });

  const soapClient = await soap.createClientAsync(fileURLToPath(new URL('../wsdl/vipuserservices-query-1.8.wsdl', import.meta.url)), {
    endpoint: queryUrl,
  });
  const nodeSoap: Call = () =>
    (soapClient as unknown as { getUserInfoAsync: (args: object) => Promise<unknown> }).getUserInfoAsync({
      requestId: 'bench_0001',
      userId: 'alice@example.com',
      includePushAttributes: true,
    });

  const contenders: Array<[string, Call]> = [
    ['undici.request + fast-xml-parser (floor)', bare],
    ['vip-user-services VipClient', sdk],
    ['node-soap client', nodeSoap],
  ];
  for (const [, call] of contenders) await measure(call, WARMUP);
  // Interleaved rounds, best of each, so a noisy neighbour hurts all three alike.
  const best = new Map<string, Round>();
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of contenders) {
      const result = await measure(call, MEASURED);
      const previous = best.get(name);
      best.set(name, {
        rate: Math.max(previous?.rate ?? 0, result.rate),
        cpuMicros: Math.min(previous?.cpuMicros ?? Number.POSITIVE_INFINITY, result.cpuMicros),
      });
    }
  }

  const [floor, ours, theirs] = contenders.map(([name]) => best.get(name) as Round) as [Round, Round, Round];
  console.log(`getUserInfo, ${MEASURED} requests per round, ${CONCURRENCY} in flight, best of ${ROUNDS} rounds, Node ${process.version}`);
  console.log(`  ${'contender'.padEnd(42)} ${'req/s'.padStart(7)} ${'client CPU/call'.padStart(16)}`);
  for (const [name] of contenders) {
    const { rate, cpuMicros } = best.get(name) as Round;
    console.log(`  ${name.padEnd(42)} ${Math.round(rate).toString().padStart(7)} ${`${cpuMicros.toFixed(0)} µs`.padStart(16)}`);
  }
  const percent = (ratio: number) => `${((ratio - 1) * 100).toFixed(1)}%`;
  console.log(
    `  SDK over the floor: ${percent(floor.rate / ours.rate)} more time per request, ${percent(ours.cpuMicros / floor.cpuMicros)} more client CPU per call`,
  );
  console.log(
    `  SDK vs node-soap: ${(ours.rate / theirs.rate).toFixed(2)}x the throughput, ${(theirs.cpuMicros / ours.cpuMicros).toFixed(2)}x less client CPU per call`,
  );

  await vip.close();
  await agent.close();
  server.postMessage('close');
}

await main();
