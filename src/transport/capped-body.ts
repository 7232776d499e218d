/**
 * Reads a response body with a hard size cap, so a runaway or hostile server cannot make the SDK buffer more than
 * `maxResponseBytes` in memory.
 */
import { VipProtocolError } from '../errors/request-errors.js';

/** Where the body came from, for the error raised when it is too large. */
export interface BodyOrigin {
  status: number;
  maxBytes: number;
}

/**
 * Fails fast when the `content-length` header already announces a body over the cap, before any of it is read.
 * A missing or unparsable header passes: the streaming check in {@link readCappedBody} still applies.
 * @throws {VipProtocolError} "response exceeds N bytes".
 */
export function rejectDeclaredOversize(contentLength: string | undefined, origin: BodyOrigin): void {
  if (contentLength === undefined || !/^\s*\d+\s*$/.test(contentLength)) return;
  if (Number(contentLength) > origin.maxBytes) throw tooLarge(origin);
}

/** Gathers a body's chunks up to the cap; the client decodes them once the whole body is in. */
export class CappedBody {
  readonly #parts: Uint8Array[] = [];
  readonly #origin: BodyOrigin;
  #total = 0;

  constructor(origin: BodyOrigin) {
    this.#origin = origin;
  }

  /**
   * Keeps `chunk`, unless the running total passes the cap.
   * @throws {VipProtocolError} "response exceeds N bytes"; the caller then stops the body.
   */
  add(chunk: Uint8Array): void {
    this.#total += chunk.byteLength;
    if (this.#total > this.#origin.maxBytes) throw tooLarge(this.#origin);
    this.#parts.push(chunk);
  }

  /** The whole body. */
  bytes(): Uint8Array {
    return this.#parts.length === 1 ? (this.#parts[0] as Uint8Array) : Buffer.concat(this.#parts, this.#total);
  }
}

/**
 * Reads a body stream through a {@link CappedBody}. Leaving the loop early makes the stream's iterator `return()`,
 * which cancels the underlying body, so the rest is never buffered.
 * @throws {VipProtocolError} "response exceeds N bytes".
 */
export async function readCappedBody(chunks: AsyncIterable<Uint8Array>, origin: BodyOrigin): Promise<Uint8Array> {
  const body = new CappedBody(origin);
  for await (const chunk of chunks) body.add(chunk);
  return body.bytes();
}

function tooLarge({ status, maxBytes }: BodyOrigin): VipProtocolError {
  return new VipProtocolError(`The response exceeds ${maxBytes} bytes (maxResponseBytes)`, { httpStatus: status });
}
