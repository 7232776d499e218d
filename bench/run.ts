/**
 * `npm run bench`: requests per second for one realistic getUserInfo call, three ways, against the same local
 * server: a bare undici.request + fast-xml-parser (the floor: no validation, no typing), this SDK, and node-soap.
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

async function throughput(call: Call, count: number): Promise<number> {
  let next = 0;
  const worker = async () => {
    while (next++ < count) await call();
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  return count / ((performance.now() - started) / 1000);
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
  const best = new Map<string, number>();
  for (const [, call] of contenders) await throughput(call, WARMUP);
  // Interleaved rounds, best of each, so a noisy neighbour hurts all three alike.
  for (let round = 0; round < ROUNDS; round++) {
    for (const [name, call] of contenders) best.set(name, Math.max(best.get(name) ?? 0, await throughput(call, MEASURED)));
  }

  const floor = best.get(contenders[0]?.[0] as string) as number;
  const ours = best.get(contenders[1]?.[0] as string) as number;
  const theirs = best.get(contenders[2]?.[0] as string) as number;
  console.log(`getUserInfo, ${MEASURED} requests per round, ${CONCURRENCY} in flight, best of ${ROUNDS} rounds, Node ${process.version}`);
  for (const [name] of contenders)
    console.log(
      `  ${name.padEnd(42)} ${Math.round(best.get(name) as number)
        .toString()
        .padStart(7)} req/s`,
    );
  console.log(`  SDK overhead over the floor: ${((floor / ours - 1) * 100).toFixed(1)}% more time per request`);
  console.log(`  SDK vs node-soap: ${(ours / theirs).toFixed(2)}x the throughput`);

  await vip.close();
  await agent.close();
  server.postMessage('close');
}

await main();
