/**
 * Reply functions for HTTP interceptors: build a canned VIP answer per request, echoing the request's `requestId`
 * as VIP does (the client refuses an answer to another request).
 */
import type { OperationName } from '../generated/operations.js';
import { requestBodyText, requestIdOfRequest } from './request-body.js';
import { type VipResponseFields, type VipResponseOptions, vipResponse } from './vip-response.js';

/**
 * What an interceptor calls to get the response body. It accepts the shapes both popular interceptors call their
 * reply callbacks with, so the same function plugs into either:
 * - undici `MockAgent`: `.reply(200, replyFn)` calls it with the request options (`{ body, path, ... }`);
 * - nock: `.reply(200, replyFn)` calls it with `(uri, body)`;
 * - and by hand: `replyFn(requestBody)`.
 */
export type VipReplyFunction = (request: string | { readonly body?: unknown }, body?: unknown) => string;

/**
 * A reply function answering `operation` with {@link vipResponse}`(operation, fields, options)`, the `requestId`
 * copied from each request body (unless `options.requestId` forces one, e.g. to test a mismatch).
 *
 * @example
 * ```ts
 * // undici MockAgent
 * mockAgent.get(origin).intercept({ path, method: 'POST' }).reply(200, vipReply('getServerTime', { timestamp: new Date() }));
 * // nock
 * nock(origin).post(path).reply(200, vipReply('authenticateUser', { credentialId: 'VSMT12345678' }));
 * ```
 * @throws {TypeError} at once, for an unknown operation or fields that do not fit its response.
 */
export function vipReply<N extends OperationName>(
  operation: N,
  fields?: VipResponseFields<N>,
  options: VipResponseOptions = {},
): VipReplyFunction {
  // Built once now, so a mistake in the fields fails where the reply is defined rather than inside an interceptor.
  vipResponse(operation, fields, options);
  return (request, body) => {
    const text = requestBodyText(body !== undefined ? body : typeof request === 'string' ? request : request?.body);
    return vipResponse(operation, fields, { ...options, requestId: options.requestId ?? requestIdOfRequest(text) });
  };
}
