/**
 * Reads a request body for the mock: at most {@link MAX_REQUEST_BYTES}, gunzipped when the client says so, and
 * decoded as UTF-8, the only encoding the mock reads. Each problem becomes a SOAP Fault with a text that names it.
 */
import type { IncomingMessage } from 'node:http';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';
import type { SoapFault } from './soap-fault.js';

/** The largest request body the mock reads (VIP requests are a few kilobytes at most). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

const gunzipAsync = promisify(gunzip);
const utf8 = new TextDecoder('utf-8', { fatal: true });

/** The body's text, or the Fault that explains why it cannot be read. */
export type BodyText = { ok: true; text: string } | { ok: false; fault: SoapFault };

function refused(text: string): BodyText {
  return { ok: false, fault: { code: 'Client', text } };
}

async function readBytes(request: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    // Stop collecting, but let the rest arrive: the Fault is sent once the client has finished sending.
    if (size <= MAX_REQUEST_BYTES) chunks.push(chunk as Buffer);
  }
  return size > MAX_REQUEST_BYTES ? undefined : Buffer.concat(chunks);
}

/**
 * Reads and decodes the body of `request`.
 * @throws when the connection fails while the body is arriving (the caller only has to drop the request then).
 */
export async function readRequestText(request: IncomingMessage): Promise<BodyText> {
  const tooLarge = `The request body is larger than ${MAX_REQUEST_BYTES} bytes; VIP requests are far smaller.`;
  let bytes = await readBytes(request);
  if (bytes === undefined) return refused(tooLarge);
  const encoding = (request.headers['content-encoding'] ?? 'identity').trim().toLowerCase();
  if (encoding === 'gzip') {
    try {
      bytes = await gunzipAsync(bytes, { maxOutputLength: MAX_REQUEST_BYTES });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return refused(code === 'ERR_BUFFER_TOO_LARGE' ? tooLarge : 'The request body is declared as gzip but cannot be gunzipped.');
    }
  } else if (encoding !== 'identity') {
    return refused('The request has a Content-Encoding other than gzip or identity, which the mock cannot read.');
  }
  try {
    // The charset in Content-Type is not consulted: the SDK sends UTF-8, and bytes that are not UTF-8 are refused below.
    return { ok: true, text: utf8.decode(bytes) };
  } catch {
    return refused('The request body is not valid UTF-8, the only encoding the mock reads.');
  }
}
