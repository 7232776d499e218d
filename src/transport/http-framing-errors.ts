/**
 * Translates HTTP framing failures (the server answered, but not with valid HTTP/1.1: a bad header character, broken
 * chunked encoding, another protocol altogether) into a `VipProtocolError` that keeps the parser's reason.
 */
import { type CallContext, VipProtocolError } from '../errors/request-errors.js';
import { proxyFailureOf } from './proxy-failure.js';

/**
 * undici wraps llhttp's reason as "Response does not match the HTTP/1.1 protocol (<reason>)" (nodejs/undici#2055).
 */
const WRAPPED_REASON = /\(([^()]+)\)\s*$/;

/**
 * Maps an llhttp `HTTPParserError` (reported as is by undici, and as the `cause` of a `TypeError` by fetch) to a
 * `VipProtocolError`; anything else, and a proxy's broken answer to CONNECT (a connection failure, see
 * `toConnectionError`), gives `undefined`.
 *
 * The parser error is deliberately not kept as `cause`: its `data` holds the raw bytes around the fault, which may
 * be a response carrying secrets (an activation code, a temporary password) or a server echoing the request.
 * @param error What the HTTP call or the body reader threw.
 * @param url The service URL: its `host[:port]` goes into the message.
 * @param context The call, copied onto the error.
 */
export function toFramingError(error: unknown, url: URL, context: CallContext): VipProtocolError | undefined {
  if (proxyFailureOf(error) !== undefined) return undefined;
  const reason = httpParserReason(error);
  if (reason === undefined) return undefined;
  return new VipProtocolError(`The response from ${url.host} is not valid HTTP/1.1: ${reason}`, context);
}

/**
 * The reason an `HTTPParserError` (or a node:http parse error) in `error` or its causes gives (e.g. "Invalid header
 * value char"), or `undefined` when there is none. Recognised by name, which every copy of undici (the npm package, Node's fetch) uses. Its `code`
 * is no help: undici 7 looks the llhttp error number up in `constants.ERROR`, a map from names to numbers, so the
 * code always comes out undefined (lib/dispatcher/client-h1.js, `createError`).
 */
export function httpParserReason(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current.name === 'HTTPParserError') {
      const reason = WRAPPED_REASON.exec(current.message)?.[1] ?? current.message;
      return reason.slice(0, 200);
    }
    // node:http (a custom transport may use it) reports the same llhttp failures as codes HPE_*, with `reason`.
    const { code, reason } = current as { code?: unknown; reason?: unknown };
    if (typeof code === 'string' && code.startsWith('HPE_')) {
      return (typeof reason === 'string' && reason !== '' ? reason : code).slice(0, 200);
    }
    current = current.cause;
  }
  return undefined;
}
