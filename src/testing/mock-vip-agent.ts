/**
 * An undici `MockAgent` that speaks VIP: canned answers per operation on the right service URL, and the requests
 * the client made, by operation. Hand it to the client as `dispatcher`; no network is involved.
 */
import { MockAgent, type MockPool } from 'undici';
import type { OperationName } from '../generated/operations.js';
import { operationOfRequest, requestIdOfRequest } from './request-body.js';
import { requestMatcher, type VipEndpointOptions, vipServiceUrl } from './service-url.js';
import { vipReply } from './vip-reply.js';
import type { VipErrorResponseOptions, VipResponseFields, VipResponseOptions } from './vip-response.js';

// undici's package entry does not export these two types; they are reached through the classes that return them.
/** An undici mock interceptor: `.reply(...)`, `.replyWithError(...)`. */
export type MockInterceptor = ReturnType<MockPool['intercept']>;
type MockScope = ReturnType<MockInterceptor['replyWithError']>;

const REPLY_HEADERS = { 'content-type': 'text/xml; charset=utf-8' };

/** How many requests a canned answer serves, and when. */
export interface VipInterceptOptions {
  /**
   * Answer this many matching requests, then stop matching.
   * @default 1
   */
  times?: number;
  /** Answer every matching request, for as long as the agent lives. */
  persist?: boolean;
  /** Wait this many milliseconds before answering. */
  delayMs?: number;
}

/** One request the client sent through the agent. */
export interface RecordedVipRequest {
  /** The operation its body calls; `undefined` for a body that is not a VIP request. */
  operation: OperationName | undefined;
  /** The `requestId` it carries. */
  requestId: string | undefined;
  /** The full URL it was sent to. */
  url: string;
  /** The SOAP envelope as sent. It holds the call's secrets (codes, PINs): assert on it, do not log it. */
  body: string;
}

/**
 * An undici `MockAgent` with network access switched off and VIP-aware helpers. Create it with
 * {@link mockVipAgent}. Answers registered for one operation are served in the order they were registered.
 *
 * @example
 * ```ts
 * const agent = mockVipAgent();
 * const vip = new VipClient({ dispatcher: agent });
 * agent.respond('getUserInfo', { userId: 'alice', userStatus: 'ACTIVE', numBindings: 0 });
 * agent.fail('authenticateUser', '6009', { detail: '49B5', detailMessage: 'Failed with an invalid OTP' });
 * ```
 */
export class MockVipAgent extends MockAgent {
  readonly #endpoints: VipEndpointOptions;

  /**
   * @param options The endpoint settings of the client under test (production URLs when omitted).
   * @throws `VipConfigurationError` for an unusable endpoint or API version.
   */
  constructor(options: VipEndpointOptions = {}) {
    super({ enableCallHistory: true });
    this.disableNetConnect();
    this.#endpoints = { endpoint: options.endpoint, endpoints: options.endpoints, apiVersion: options.apiVersion };
    // Resolves the URLs once now, so a bad endpoint fails here rather than at the first interceptor.
    vipServiceUrl('getServerTime', this.#endpoints);
  }

  /** The agent itself, to pass as the client's `dispatcher` option. */
  get dispatcher(): this {
    return this;
  }

  /**
   * Answers the next request(s) for `operation` with a VIP response (status `'0000'` unless `options.status`
   * says otherwise), echoing each request's `requestId`. Returns the agent, so calls chain.
   * @throws {TypeError} for an unknown operation or fields that do not fit its response.
   */
  respond<N extends OperationName>(
    operation: N,
    fields?: VipResponseFields<N>,
    options: VipResponseOptions & VipInterceptOptions = {},
  ): this {
    const { times, persist, delayMs, ...response } = options;
    this.#schedule(this.intercept(operation).reply(200, vipReply(operation, fields, response), { headers: REPLY_HEADERS }), {
      times,
      persist,
      delayMs,
    });
    return this;
  }

  /**
   * Answers the next request(s) for `operation` with status `code` and its documented message, e.g.
   * `fail('authenticateUser', '6009', { detail: '49B5' })`. Returns the agent, so calls chain.
   * @throws {TypeError} for an unknown operation.
   */
  fail(operation: OperationName, code: string, options: VipErrorResponseOptions & VipInterceptOptions = {}): this {
    return this.respond(operation, {}, { ...options, status: code });
  }

  /**
   * The raw undici interceptor for `operation` (its URL, POST, and a body matcher for the operation), for answers
   * that are not VIP responses: `agent.intercept('getUserInfo').reply(502, httpError(502))`,
   * `.reply(500, soapFault())` or `.replyWithError(new Error('reset'))`.
   * @throws {TypeError} for an unknown operation.
   */
  intercept(operation: OperationName): MockInterceptor {
    const url = vipServiceUrl(operation, this.#endpoints);
    return this.get(url.origin).intercept({ path: url.pathname, method: 'POST', body: requestMatcher(operation) });
  }

  /** The requests sent through the agent so far, oldest first, answered or not; only those for `operation` if given. */
  requests(operation?: OperationName): RecordedVipRequest[] {
    const calls = this.getCallHistory()?.calls() ?? [];
    const recorded = calls.map((call): RecordedVipRequest => {
      const body = typeof call.body === 'string' ? call.body : '';
      return { operation: operationOfRequest(body), requestId: requestIdOfRequest(body), url: call.fullUrl, body };
    });
    return operation === undefined ? recorded : recorded.filter((request) => request.operation === operation);
  }

  #schedule(scope: MockScope, options: VipInterceptOptions): void {
    if (options.delayMs !== undefined) scope.delay(options.delayMs);
    if (options.persist === true) scope.persist();
    else if (options.times !== undefined) scope.times(options.times);
  }
}

/**
 * Creates a {@link MockVipAgent}: an undici `MockAgent` (network connections disabled) that answers VIP operations.
 * Pass it, or its `dispatcher` property, as the client's `dispatcher`. Close it after the test
 * (`await agent.close()`); `agent.assertNoPendingInterceptors()` checks every canned answer was used.
 * @param options `endpoint`, `endpoints` and `apiVersion` as given to the client under test.
 * @throws `VipConfigurationError` for an unusable endpoint or API version.
 */
export function mockVipAgent(options: VipEndpointOptions = {}): MockVipAgent {
  return new MockVipAgent(options);
}
