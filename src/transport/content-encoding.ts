/**
 * Reads a response's `content-encoding` header into the list of codings to undo. The SDK never asks for compression
 * (it sends no `accept-encoding`), but a gateway or load balancer in front of VIP may compress anyway, and such a
 * body must be decoded rather than handed to the XML reader as binary.
 */
import { VipProtocolError } from '../errors/request-errors.js';
import type { BodyOrigin } from './capped-body.js';

/** A content coding the SDK can undo. `x-gzip` is read as `gzip`. */
export type ContentCoding = 'gzip' | 'deflate' | 'br';

/**
 * The codings WHATWG fetch (undici's implementation, which the fetch transport runs on) undoes as well, so both
 * transports accept exactly the same responses. zstd is left out: Node.js 20 has no zstd decoder.
 */
const KNOWN_CODINGS: ReadonlyMap<string, ContentCoding | 'identity'> = new Map([
  ['gzip', 'gzip'],
  ['x-gzip', 'gzip'],
  ['deflate', 'deflate'],
  ['br', 'br'],
  ['identity', 'identity'],
]);

/**
 * More stacked codings than this are refused, as fetch does: each one costs a decoder, and no real server stacks
 * more than two.
 */
const MAX_CODINGS = 5;

/**
 * The codings named by a `content-encoding` header, in the order they must be undone (the reverse of the order they
 * were applied, which is the header's order), without `identity`. Names are case-insensitive; empty list elements
 * are skipped.
 * @param header The header's value; `undefined` or empty for an unencoded body.
 * @param origin The response, for the error.
 * @throws {VipProtocolError} for a coding the SDK cannot decode (`compress`, `zstd`, anything unknown), or more than
 * five codings.
 */
export function contentCodings(header: string | undefined, origin: BodyOrigin): ContentCoding[] {
  if (header === undefined || header.trim() === '') return [];
  const names = header.split(',').map((name) => name.trim().toLowerCase());
  if (names.length > MAX_CODINGS) {
    throw refusal(`is encoded ${names.length} times over (content-encoding); at most ${MAX_CODINGS} codings are accepted`, origin);
  }
  const codings: ContentCoding[] = [];
  for (const name of names) {
    if (name === '') continue;
    const coding = KNOWN_CODINGS.get(name);
    if (coding === undefined) {
      throw refusal(
        `is encoded with ${quote(name)} (content-encoding), which the SDK cannot decode; it decodes gzip, deflate and br`,
        origin,
      );
    }
    if (coding !== 'identity') codings.push(coding);
  }
  return codings.reverse();
}

function refusal(problem: string, { status }: BodyOrigin): VipProtocolError {
  return new VipProtocolError(`The response ${problem}`, { httpStatus: status });
}

// The name comes from the server; header values are already free of control characters, but may be long.
function quote(name: string): string {
  return JSON.stringify(name.length > 40 ? `${name.slice(0, 40)}...` : name);
}
