/**
 * Undoes a response's content codings while it streams in, with `maxResponseBytes` applied to the decoded bytes, so
 * a compression bomb fails after inflating about the cap instead of filling the memory.
 */
import { type Readable, type Transform, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { constants, createBrotliDecompress, createGunzip } from 'node:zlib';
import { VipProtocolError } from '../errors/request-errors.js';
import { VipError } from '../errors/vip-error.js';
import { type BodyOrigin, CappedBody } from './capped-body.js';
import type { ContentCoding } from './content-encoding.js';
import { DeflateDecoder } from './deflate-decoder.js';

// The same leniency as fetch (and curl): a stream that stops without its final block is decoded as far as it goes
// instead of failing. A SOAP message cut short that way still fails in the XML reader.
const ZLIB_OPTIONS = { flush: constants.Z_SYNC_FLUSH, finishFlush: constants.Z_SYNC_FLUSH };
const BROTLI_OPTIONS = { flush: constants.BROTLI_OPERATION_FLUSH, finishFlush: constants.BROTLI_OPERATION_FLUSH };

/**
 * Decodes `encoded` through the decoders of `codings`, in order, into a capped body. Every stage passes back-pressure
 * on, so nothing is inflated faster than the cap check consumes it, and the whole pipeline is torn down (the source
 * included) as soon as the cap is passed.
 * @param encoded The encoded body.
 * @param codings The codings to undo, in the order to undo them (see `contentCodings`).
 * @param origin The response, for errors.
 * @throws {VipProtocolError} "response exceeds N bytes" for a decoded body over the cap; "could not be decoded" for
 * corrupt data. Errors of the source itself (a broken connection) are rethrown unchanged.
 */
export async function decodeBody(encoded: Readable, codings: readonly ContentCoding[], origin: BodyOrigin): Promise<Uint8Array> {
  const body = new CappedBody(origin);
  const collect = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      try {
        body.add(chunk);
        callback();
      } catch (error) {
        callback(error as Error);
      }
    },
  });
  try {
    await pipeline([encoded, ...codings.map(decoderOf), collect]);
  } catch (error) {
    if (error instanceof VipError) throw error;
    throw toDecodingFailure(error, codings, origin) ?? error;
  }
  return body.bytes();
}

/**
 * Turns a decoder's complaint about corrupt data (also when fetch did the decoding and reports it wrapped in a
 * `TypeError`) into a `VipProtocolError` naming the codings; anything else gives `undefined`.
 * @param error What reading the body threw.
 * @param codings The codings being undone, in the order to undo them.
 * @param origin The response, for the error.
 */
export function toDecodingFailure(error: unknown, codings: readonly ContentCoding[], origin: BodyOrigin): VipProtocolError | undefined {
  const decoderError = findDecoderError(error);
  if (decoderError === undefined) return undefined;
  const header = [...codings].reverse().join(', ');
  // zlib's and brotli's messages are fixed texts ("incorrect header check"), never the data.
  return new VipProtocolError(
    `The response body could not be decoded (content-encoding: ${header}): ${decoderError.message} (${decoderError.code})`,
    { httpStatus: origin.status, cause: decoderError },
  );
}

function decoderOf(coding: ContentCoding): Transform {
  switch (coding) {
    case 'gzip':
      return createGunzip(ZLIB_OPTIONS);
    case 'deflate':
      return new DeflateDecoder(ZLIB_OPTIONS);
    case 'br':
      return createBrotliDecompress(BROTLI_OPTIONS);
  }
}

/**
 * Node's zlib errors carry a numeric `errno` and a code naming the zlib status (`Z_DATA_ERROR`, `Z_BUF_ERROR`) or,
 * for brotli, `ERR_` followed by the decoder's error name, which itself starts with `_ERROR_`.
 */
const DECODER_ERROR_CODE = /^(?:Z_[A-Z_]+|ERR__ERROR_[A-Z0-9_]+)$/;

function findDecoderError(error: unknown): (Error & { code: string }) | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const { code, errno } = current as { code?: unknown; errno?: unknown };
    if (typeof errno === 'number' && typeof code === 'string' && DECODER_ERROR_CODE.test(code)) {
      return current as Error & { code: string };
    }
    current = current.cause;
  }
  return undefined;
}
