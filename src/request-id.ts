/** Request IDs: VIP requires `[0-9A-Za-z_]{4,40}` and echoes the ID back, so every call gets a unique one. */
import { randomBytes } from 'node:crypto';
import { VipConfigurationError } from './errors/request-errors.js';
import type { OperationName } from './generated/operations.js';

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

/** What VIP accepts as a request ID. */
const REQUEST_ID = /^[0-9A-Za-z_]{4,40}$/;

/**
 * Asks the application's `generateRequestId` for the ID of a call, and checks it: a wrong ID is the client's
 * configuration at fault, so it fails as such, before anything is sent, instead of as a rejected input field.
 * @throws {VipConfigurationError} when the generator throws or returns anything but 4 to 40 of `[0-9A-Za-z_]`.
 */
export function generatedRequestId(generate: (operation: OperationName) => string, operation: OperationName): string {
  let id: unknown;
  try {
    id = generate(operation);
  } catch (cause) {
    throw new VipConfigurationError(`generateRequestId threw for ${operation}`, { cause });
  }
  if (typeof id === 'string' && REQUEST_ID.test(id)) return id;
  const got = typeof id === 'string' ? JSON.stringify(id.slice(0, 48)) : `the ${typeof id} ${String(id).slice(0, 48)}`;
  throw new VipConfigurationError(`generateRequestId must return 4 to 40 of [0-9A-Za-z_], got ${got}`);
}
