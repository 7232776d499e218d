/**
 * The decoder of the `deflate` content coding. The coding is defined as the zlib format (RFC 9110, section 8.4.1.2),
 * but some servers send bare deflate data without the zlib header; browsers and fetch accept both (undici's
 * `InflateStream` in lib/web/fetch/util.js), so this decoder also tells the two apart by the first byte.
 */
import { Transform, type TransformCallback } from 'node:stream';
import { createInflate, createInflateRaw, type Inflate, type InflateRaw, type ZlibOptions } from 'node:zlib';

/**
 * Inflates zlib-wrapped or bare deflate data. Unlike undici's version it passes back-pressure on to the inner
 * inflater, so a deflate bomb is inflated only as fast as the reader takes the output (and not at all once the reader
 * stops at its size cap).
 */
export class DeflateDecoder extends Transform {
  readonly #options: ZlibOptions;
  #inflater: Inflate | InflateRaw | undefined;

  /** @param options Passed to `zlib.createInflate` / `zlib.createInflateRaw`. */
  constructor(options: ZlibOptions) {
    super();
    this.#options = options;
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    if (chunk.length === 0) {
      callback();
      return;
    }
    this.#inflater ??= this.#start(chunk);
    // The inner write completes once the inflater has consumed the chunk, which it does only as its output is read.
    this.#inflater.write(chunk, () => callback());
  }

  override _read(size: number): void {
    this.#inflater?.resume();
    super._read(size);
  }

  override _flush(callback: TransformCallback): void {
    const inflater = this.#inflater;
    if (inflater === undefined) {
      callback();
      return;
    }
    inflater.once('end', () => callback());
    inflater.end();
  }

  override _destroy(error: Error | null, callback: (error?: Error | null) => void): void {
    this.#inflater?.destroy();
    callback(error);
  }

  // The low four bits of a zlib stream's first byte name the method, and 8 (deflate) is the only one defined.
  #start(first: Buffer): Inflate | InflateRaw {
    const inflater = ((first[0] ?? 0) & 0x0f) === 0x08 ? createInflate(this.#options) : createInflateRaw(this.#options);
    inflater.on('data', (output: Buffer) => {
      if (!this.push(output)) inflater.pause();
    });
    inflater.on('error', (error) => this.destroy(error));
    return inflater;
  }
}
