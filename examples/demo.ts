/**
 * `npm run demo`: starts one embedded mock server (HTTPS, mutual TLS, throwaway certificates) and runs every
 * example against it in order. Exits 0 when all of them succeed; otherwise names the ones that failed and exits 1.
 * It never touches real VIP, whatever the VIP_* variables say.
 */
import * as errorHandling from './error-handling.js';
import * as numberMatching from './number-matching.js';
import * as pkcs12Certificate from './pkcs12-certificate.js';
import * as provisionUser from './provision-user.js';
import * as pushApproval from './push-approval.js';
import * as riskEvaluation from './risk-evaluation.js';
import * as signInWithOtp from './sign-in-with-otp.js';
import { openEnvironment } from './support/environment.js';
import type { Example } from './support/standalone.js';
import * as temporarySecurityCode from './temporary-security-code.js';

const EXAMPLES: ReadonlyArray<[file: string, example: Example]> = [
  ['provision-user', provisionUser],
  ['sign-in-with-otp', signInWithOtp],
  ['push-approval', pushApproval],
  ['number-matching', numberMatching],
  ['temporary-security-code', temporarySecurityCode],
  ['risk-evaluation', riskEvaluation],
  ['error-handling', errorHandling],
  ['pkcs12-certificate', pkcs12Certificate],
];

const environment = await openEnvironment({ target: 'mock' });
console.log(`vip-user-services demo: ${EXAMPLES.length} examples against ${environment.description}\n`);
const failed: string[] = [];
for (const [index, [file, example]] of EXAMPLES.entries()) {
  console.log(`[${index + 1}/${EXAMPLES.length}] ${example.title} (examples/${file}.ts)`);
  const started = performance.now();
  try {
    await example.run(environment.context);
    console.log(`  ✓ passed in ${Math.round(performance.now() - started)} ms\n`);
  } catch (error) {
    failed.push(file);
    console.log(`  ✗ FAILED: ${String(error)}\n`);
  } finally {
    // A failed example may leave a fault rule behind; the next one starts clean.
    environment.context.mock?.clearFaults();
  }
}
await environment.close();

if (failed.length === 0) {
  console.log(`All ${EXAMPLES.length} examples succeeded.`);
} else {
  console.error(`${failed.length} of ${EXAMPLES.length} examples failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
