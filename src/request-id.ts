/** Request IDs: VIP requires `[0-9A-Za-z_]{4,40}` and echoes the ID back, so every call gets a unique one. */
import { randomBytes } from 'node:crypto';

const ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

function randomToken(length: number): string {
  const bytes = randomBytes(length);
  let token = '';
  for (const byte of bytes) token += ALPHABET[byte % ALPHABET.length];
  return token;
}

// A random per-process prefix keeps IDs from different processes apart; the counter keeps this process's IDs
// unique even under heavy concurrency, without a random draw per call.
const prefix = randomToken(12);
let counter = 0;

/** Returns a new request ID such as `vip_k3j9x0q2m1zp_1c`: schema-valid and unique within the process. */
export function createRequestId(): string {
  counter = counter === Number.MAX_SAFE_INTEGER ? 0 : counter + 1;
  return `vip_${prefix}_${counter.toString(36)}`;
}
