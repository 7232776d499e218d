/**
 * Profiles the SDK's call path (not a benchmark): runs getUserInfo calls against the benchmark server and lets
 * `node --cpu-prof` record where the client's CPU goes. Run: npx tsx --cpu-prof --cpu-prof-dir=.tmp/prof bench/profile-call.ts
 */
import { Worker } from 'node:worker_threads';
import { VipClient } from '../src/index.js';

const server = new Worker(new URL('./server.mjs', import.meta.url));
const port = await new Promise<number>((resolve) => server.once('message', resolve));
const vip = new VipClient({ endpoint: `http://127.0.0.1:${port}`, retry: false, connections: 64 });
let left = Number(process.argv[2] ?? 40_000);
await Promise.all(
  Array.from({ length: 64 }, async () => {
    while (left-- > 0) await vip.getUserInfo({ userId: 'alice@example.com', includePushAttributes: true });
  }),
);
await vip.close();
server.postMessage('close');
