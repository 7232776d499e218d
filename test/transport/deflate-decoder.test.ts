import { once } from 'node:events';
import { deflateRawSync, deflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { DeflateDecoder } from '../../src/transport/deflate-decoder.js';

const MiB = 1024 * 1024;

describe('DeflateDecoder', () => {
  it.each([
    ['zlib-wrapped', deflateSync],
    ['bare', deflateRawSync],
  ])('inflates %s deflate data, skipping empty chunks', async (_name, deflate) => {
    const decoder = new DeflateDecoder({});
    const chunks: Buffer[] = [];
    decoder.on('data', (chunk: Buffer) => chunks.push(chunk));
    decoder.write(Buffer.alloc(0));
    decoder.end(deflate(Buffer.from('<ok>inflated</ok>')));
    await once(decoder, 'end');
    expect(Buffer.concat(chunks).toString()).toBe('<ok>inflated</ok>');
  });

  it('ends at once without any data', async () => {
    const decoder = new DeflateDecoder({});
    decoder.resume();
    decoder.end();
    await once(decoder, 'end');
  });

  it('inflates no further than its reader takes, so an unread bomb stays small', async () => {
    const decoder = new DeflateDecoder({});
    decoder.write(deflateSync(Buffer.alloc(64 * MiB)));
    // Time enough for zlib to inflate all 64 MiB, had it not been held back.
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(decoder.readableLength).toBeLessThanOrEqual(64 * 1024);
    decoder.destroy();
  });

  it('fails on corrupt data', async () => {
    const decoder = new DeflateDecoder({});
    decoder.resume();
    decoder.end(Buffer.from([0x78, 0x9c, 0xff, 0xff, 0xff]));
    const [error] = await once(decoder, 'error');
    expect(error).toMatchObject({ code: 'Z_DATA_ERROR' });
  });
});
