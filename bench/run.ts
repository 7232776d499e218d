/**
 * `npm run bench`: one realistic getUserInfo call, four ways, against the same local server (in a worker thread),
 * 64 calls in flight:
 * - transport only: the same exchange with undici.request, the body read as text, nothing built or parsed (the floor);
 * - hand-written: undici.request, a template envelope and a fast-xml-parser parse (what a careful user writes
 *   without an SDK: no validation, no types, no deadline);
 * - this SDK;
 * - node-soap.
 * Two figures per contender: requests per second, and client CPU per call (busy time of the calling thread's event
 * loop divided by calls), which does not depend on how fast the server thread answers.
 * `--smoke` runs a few requests of each, to prove the benchmark still works (CI).
 */
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { XMLParser } from 'fast-xml-parser';
import * as soap from 'soap';
import { Agent, request } from 'undici';
import { VipClient } from '../src/index.js';
import { bestOf, type Call, measure, type Round } from './measure.js';

const smoke = process.argv.includes('--smoke');
const CONCURRENCY = 64;
const WARMUP = smoke ? 20 : 2_000;
const MEASURED = smoke ? 50 : 20_000;
const ROUNDS = smoke ? 1 : 3;

async function main(): Promise<void> {
  const server = new Worker(new URL('./server.mjs', import.meta.url));
  const port = await new Promise<number>((resolve) => server.once('message', resolve));
  const endpoint = `http://127.0.0.1:${port}`;
  const queryUrl = `${endpoint}/vipuserservices/QueryService_1_8`;

  const agent = new Agent({ connections: CONCURRENCY });
  const headers = { 'content-type': 'text/xml; charset=utf-8', soapaction: '""' };
  const envelope = (requestId: string, userId: string) =>
    `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:vip="https://schemas.symantec.com/vip/2011/04/vipuserservices"><soapenv:Body><vip:GetUserInfoRequest><vip:requestId>${requestId}</vip:requestId><vip:userId>${userId}</vip:userId><vip:includePushAttributes>true</vip:includePushAttributes></vip:GetUserInfoRequest></soapenv:Body></soapenv:Envelope>`;
  const prebuilt = envelope('bench_0001', 'alice@example.com');
  // The floor: the exchange alone.
  const transportOnly: Call = async () => {
    const response = await request(queryUrl, { method: 'POST', dispatcher: agent, headers, body: prebuilt });
    return response.body.text();
  };
  // What a user writes by hand: a template with the values escaped, a parse with safety-relevant options, a status check.
  const parser = new XMLParser({ removeNSPrefix: true, parseTagValue: false, ignoreAttributes: true, processEntities: false });
  let sequence = 0;
  const escapeXml = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const handWritten: Call = async () => {
    const requestId = `hand_${++sequence}`;
    const response = await request(queryUrl, {
      method: 'POST',
      dispatcher: agent,
      headers,
      body: envelope(requestId, escapeXml('alice@example.com')),
    });
    const parsed = parser.parse(await response.body.text()) as {
      Envelope: { Body: { GetUserInfoResponse: { status: string; requestId: string } } };
    };
    const answer = parsed.Envelope.Body.GetUserInfoResponse;
    if (answer.status !== '0000' || answer.requestId !== requestId) throw new Error('unexpected answer');
    return answer;
  };

  const vip = new VipClient({ endpoint, retry: false, connections: CONCURRENCY });
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
    ['transport only (floor)', transportOnly],
    ['hand-written undici + fast-xml-parser', handWritten],
    ['vip-user-services VipClient', sdk],
    ['node-soap client', nodeSoap],
  ];
  for (const [, call] of contenders) await measure(call, WARMUP, CONCURRENCY);
  const best = await bestOf(contenders, ROUNDS, MEASURED, CONCURRENCY);

  const [floor, hand, ours, theirs] = contenders.map(([name]) => best.get(name) as Round) as [Round, Round, Round, Round];
  console.log(`getUserInfo, ${MEASURED} requests per round, ${CONCURRENCY} in flight, best of ${ROUNDS} rounds, Node ${process.version}`);
  console.log(`  ${'contender'.padEnd(42)} ${'req/s'.padStart(7)} ${'client CPU/call'.padStart(16)}`);
  for (const [name] of contenders) {
    const { rate, cpuMicros } = best.get(name) as Round;
    console.log(`  ${name.padEnd(42)} ${Math.round(rate).toString().padStart(7)} ${`${cpuMicros.toFixed(0)} µs`.padStart(16)}`);
  }
  console.log(`  SDK throughput vs hand-written: ${(ours.rate / hand.rate).toFixed(2)}x (target: at least 1)`);
  console.log(`  SDK throughput vs node-soap: ${(ours.rate / theirs.rate).toFixed(2)}x (target: at least 3)`);
  console.log(`  SDK client CPU per call vs transport only: ${(ours.cpuMicros / floor.cpuMicros).toFixed(2)}x (target: at most 1.3)`);

  await vip.close();
  await agent.close();
  server.postMessage('close');
}

await main();
