/**
 * Turns a response body into text. A SOAP answer is read strictly: UTF-8 only (VIP never sends anything else), and a
 * byte sequence that is not UTF-8 is an error rather than a replacement character, because a user ID read as
 * `Jos\uFFFD` would then address another user. Bodies shown only for diagnosis (an HTTP error page) are decoded
 * leniently.
 */

const UTF8_LABELS: ReadonlySet<string> = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);
const strictDecoder = new TextDecoder('utf-8', { fatal: true });
const lenientDecoder = new TextDecoder('utf-8');

/** Why a body could not be turned into text; the caller wraps it in its own error. */
export class BodyTextError extends Error {}

/** The `charset` parameter of a `content-type` value, lower-cased, or `undefined` when there is none. */
export function declaredCharset(contentType: string | undefined): string | undefined {
  if (contentType === undefined) return undefined;
  const match = /;\s*charset\s*=\s*(?:"([^"]*)"|([^;\s]*))/i.exec(contentType);
  const charset = match?.[1] ?? match?.[2];
  return charset === undefined || charset === '' ? undefined : charset.toLowerCase();
}

/**
 * Decodes a SOAP body. A string passes through (a custom transport decoded it already).
 * @throws {BodyTextError} when the declared charset is not UTF-8 or the bytes are not valid UTF-8.
 */
export function strictBodyText(body: Uint8Array | string, contentType: string | undefined): string {
  if (typeof body === 'string') return body;
  const charset = declaredCharset(contentType);
  if (charset !== undefined && !UTF8_LABELS.has(charset)) {
    throw new BodyTextError(`the response is declared as ${printableLabel(charset)}; VIP responses must be UTF-8`);
  }
  try {
    // TextDecoder drops a leading byte-order mark, which the XML reader would otherwise see as text before the prolog.
    return strictDecoder.decode(body);
  } catch {
    throw new BodyTextError('the response is not valid UTF-8');
  }
}

/** Decodes a body for display only: invalid bytes become U+FFFD. */
export function lenientBodyText(body: Uint8Array | string): string {
  return typeof body === 'string' ? body : lenientDecoder.decode(body);
}

function printableLabel(charset: string): string {
  return /^[\w.:-]{1,40}$/.test(charset) ? charset : 'an unknown charset';
}
