/**
 * `npm run demo`: runs every example against one local VIP mock, each as its own process, the way a reader runs
 * them against VIP.
 *
 * It starts the mock over mutual TLS (throwaway certificates), writes the client's certificate files to a temporary
 * folder, sets the VIP_* variables the examples read, and stands in for the user's phone (security codes and the
 * number to match, via VIP_DEMO_PHONE). Each example must exit 0 and print what its use case ends with; the web
 * application is driven like a browser. Exits 0 when every example passed; otherwise names the ones that failed.
 * Whatever VIP_* variables are set outside, it never talks to real VIP.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomInt } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { VipClient } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';

interface Example {
  readonly file: string;
  /** Lines the output must contain for the use case to have ended as it should against the mock. */
  readonly expect: readonly RegExp[];
  /** Runs the example's process to its end (or drives it, for a server) and returns its output. */
  readonly drive?: (child: ChildProcess, output: () => string) => Promise<void>;
}

const EXAMPLES: readonly Example[] = [
  { file: 'provision-user.ts', expect: [/^bound VSMT\d{8} to example-/m, /: ACTIVE, 1 credential/] },
  { file: 'sign-in-with-otp.ts', expect: [/^signed in: the code came from STANDARD_OTP credential VSMT12345678$/m] },
  { file: 'push-with-fallback.ts', expect: [/^login page: "Open VIP Access and pick \d\d"$/m, /^push approved/m, /^signed in: /m] },
  { file: 'risk-evaluation.ts', expect: [/: risky$/m, /^challenge passed, reported with denyRisk: signed in$/m] },
  { file: 'lost-phone.ts', expect: [/^the user signed in with the temporary code$/m] },
  { file: 'error-handling.ts', expect: [/→ 401 wrong_code/, /→ 400 invalid_input/, /→ 503 try_later \{"retry-after":"30"\}/] },
  { file: 'web-app.ts', expect: [/^stopped$/m], drive: browseWebApp },
];

const DEMO_USER = 'alice@example.com'; // seeded by the mock, with the push-capable credential VSMT12345678
const EXAMPLE_TIMEOUT_MS = 60_000;
const examplesDir = fileURLToPath(new URL('.', import.meta.url));

const mock = await startMockServer({ tls: true, seed: true, push: { numberChallenge: true } });
const tls = mock.tls;
if (tls === undefined) throw new Error('the mock was started with tls: true but made no certificates');
const folder = await mkdtemp(join(tmpdir(), 'vip-demo-'));
await writeFile(join(folder, 'client.p12'), tls.clientPfx, { mode: 0o600 });
await writeFile(join(folder, 'ca.pem'), tls.ca);
// The demo's own client, for the stand-in phone to look up a user's credential.
const lookup = new VipClient({ endpoint: mock.url, tls: { cert: tls.clientCert, key: tls.clientKey, ca: tls.ca } });
const phone = await startPhone(mock, lookup);

const childEnv: NodeJS.ProcessEnv = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('VIP_')));
Object.assign(childEnv, {
  VIP_ENDPOINT: mock.url,
  VIP_CERT_P12: join(folder, 'client.p12'),
  VIP_CERT_PASSPHRASE: tls.pfxPassphrase,
  VIP_CA: join(folder, 'ca.pem'),
  VIP_USER_ID: DEMO_USER,
  // A fresh VIP Access credential ID for the enrolment example; the mock knows the codes of any such ID.
  VIP_CREDENTIAL_ID: `VSMT${randomInt(10_000_000, 100_000_000)}`,
  VIP_DEMO_PHONE: phone.url,
});

console.log(`vip-user-services demo: ${EXAMPLES.length} examples, each its own process, against a local VIP mock`);
console.log(`at ${mock.url} (mutual TLS; client certificate in ${folder})\n`);
const failed: string[] = [];
for (const [index, example] of EXAMPLES.entries()) {
  console.log(`[${index + 1}/${EXAMPLES.length}] examples/${example.file}`);
  const started = performance.now();
  const { output, problem } = await run(example);
  for (const line of output.trimEnd().split('\n')) console.log(`    ${line}`);
  const missing = example.expect.find((pattern) => !pattern.test(output));
  const verdict = problem ?? (missing === undefined ? undefined : `its output lacks ${missing}`);
  if (verdict === undefined) {
    console.log(`  ✓ passed in ${Math.round(performance.now() - started)} ms\n`);
  } else {
    failed.push(example.file);
    console.log(`  ✗ FAILED: ${verdict}\n`);
  }
}

await lookup.close();
await new Promise<void>((resolve) => phone.server.close(() => resolve()));
await mock.close();
await rm(folder, { recursive: true, force: true });
if (failed.length === 0) {
  console.log(`All ${EXAMPLES.length} examples passed.`);
} else {
  console.error(`${failed.length} of ${EXAMPLES.length} examples failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}

/** Runs one example as `node --import tsx examples/<file>`; `problem` says what went wrong, if anything. */
async function run(example: Example): Promise<{ output: string; problem: string | undefined }> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(examplesDir, example.file)], {
    cwd: join(examplesDir, '..'),
    env: childEnv,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<number | null>((resolve) => child.once('close', (code) => resolve(code)));
  const timer = setTimeout(() => child.kill('SIGKILL'), EXAMPLE_TIMEOUT_MS);
  let problem: string | undefined;
  try {
    await example.drive?.(child, () => output);
  } catch (error) {
    problem = error instanceof Error ? error.message : String(error);
    child.kill('SIGTERM');
  }
  const code = await exited;
  clearTimeout(timer);
  if (problem === undefined && code !== 0) problem = code === null ? `no end within ${EXAMPLE_TIMEOUT_MS} ms` : `exit code ${code}`;
  return { output, problem };
}

/** Acts as a browser on the web application: the form, a right code, a wrong one; then stops the server. */
async function browseWebApp(child: ChildProcess, output: () => string): Promise<void> {
  const url = await waitFor(() => /listening on (http:\/\/\S+)/.exec(output())?.[1]);
  const check = async (init: RequestInit, expectedStatus: number, expectedText: string): Promise<void> => {
    const response = await fetch(url, init);
    const html = await response.text();
    if (response.status !== expectedStatus || !html.includes(expectedText)) {
      throw new Error(`${init.method ?? 'GET'} ${url} answered ${response.status}: ${html}`);
    }
    console.log(`  browser: ${init.method ?? 'GET'} → ${response.status}`);
  };
  await check({}, 200, '<form method="post"');
  const code = await (await fetch(new URL(`/code?user=${encodeURIComponent(DEMO_USER)}`, phone.url))).text();
  const form = (otp: string) => ({ method: 'POST', body: new URLSearchParams({ user: DEMO_USER, code: otp }) });
  await check(form(code), 200, `Signed in as ${DEMO_USER}`);
  await check(form(code), 401, 'That code is not right'); // a code works once
  child.kill('SIGTERM');
}

async function waitFor<T>(probe: () => T | undefined): Promise<T> {
  for (let waited = 0; waited < EXAMPLE_TIMEOUT_MS; waited += 50) {
    const found = probe();
    if (found !== undefined) return found;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`gave up after ${EXAMPLE_TIMEOUT_MS} ms`);
}

/**
 * The user's phone, played by the demo: `GET /code?user=U[&credential=C]` answers the code that credential (or the
 * user's first VIP Access credential) shows now; `POST /number?transaction=T&number=N` picks the number on a push.
 */
async function startPhone(server: MockServer, client: VipClient): Promise<{ server: Server; url: string }> {
  const http = createServer((request, response) => {
    const { pathname, searchParams } = new URL(request.url ?? '/', 'http://phone');
    const answer = async (): Promise<string> => {
      if (pathname === '/code') {
        const credential = searchParams.get('credential') ?? (await firstCredentialOf(client, searchParams.get('user') ?? ''));
        return server.otp(credential);
      }
      if (pathname === '/number' && request.method === 'POST') {
        server.answerNumberChallenge(searchParams.get('transaction') ?? '', searchParams.get('number') ?? '');
        return 'picked';
      }
      throw new Error(`the phone does not know ${request.method} ${pathname}`);
    };
    answer().then(
      (text) => response.end(text),
      (error: unknown) => response.writeHead(400).end(error instanceof Error ? error.message : String(error)),
    );
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  const address = http.address();
  if (address === null || typeof address === 'string') throw new Error('the phone has no port');
  return { server: http, url: `http://127.0.0.1:${address.port}` };
}

async function firstCredentialOf(client: VipClient, userId: string): Promise<string> {
  const user = await client.getUserInfo({ userId });
  const binding = user.credentialBindingDetail?.find((candidate) => candidate.credentialType === 'STANDARD_OTP');
  if (binding === undefined) throw new Error(`${userId} has no VIP Access credential`);
  return binding.credentialId;
}
