/**
 * VipClient: the one road every operation travels. validate + envelope (request-writer) -> transport (with the
 * retry policy) -> parse (response-reader) -> status (success codes from the operation table, or the error class
 * for the code).
 */
import {
  type ResolvedCallOptions,
  type ResolvedClientOptions,
  resolveCallOptions,
  resolveClientOptions,
  type VipCallOptions,
  type VipClientOptions,
  type VipHooks,
  type VipLogger,
} from './client-options.js';
import { createServiceError } from './errors/service-error-factory.js';
import { type CallContext, VipHttpError, VipProtocolError } from './errors/request-errors.js';
import type { VipError } from './errors/vip-error.js';
import { VipOperations } from './generated/methods.js';
import type { OperationPlan, ServiceName } from './core/plan.js';
import { OPERATIONS, type OperationName } from './generated/operations.js';
import type { OperationInputs, OperationOutputs } from './generated/types.js';
import { redactXml } from './observability/redact.js';
import { SecretScrubber } from './observability/secret-scrubber.js';
import { type PushWaitOptions, type PushTransactionResult, waitForPush } from './push.js';
import { createRequestId, generatedRequestId } from './request-id.js';
import type { ClientCertificateInfo } from './transport/client-certificate-info.js';
import { backoffDelay, shouldRetry, sleep } from './core/retry-policy.js';
import { createTransport } from './transport/create-transport.js';
import { soapRequestHeaders } from './transport/soap-http-headers.js';
import { sendAttempt } from './core/attempt.js';
import { describeConfig, type VipClientConfig } from './core/client-config.js';
import type { SoapHttpResponse, Transport } from './transport/transport.js';
import { BodyTextError, lenientBodyText, strictBodyText } from './xml/body-text.js';
import { readResponse, type ResponseObject } from './xml/response-reader.js';
import { writeRequest } from './xml/request-writer.js';
import { ClientTelemetry } from './telemetry/client-telemetry.js';
import type { CallTracker } from './telemetry/call-record.js';

const EXCERPT_LENGTH = 300;
/** How much more than the excerpt is cleaned before it is cut, so a secret straddling the cut is still found whole. */
const EXCERPT_MARGIN = 1024;

/**
 * A typed client for VIP User Services: one method per operation (Authentication, Management and Query
 * services), mutual TLS, retries where they are safe, typed errors for every VIP status, and a push helper.
 *
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { VipClient, AuthenticationFailedError } from 'vip-user-services';
 *
 * const vip = new VipClient({ tls: { pfx: readFileSync('vip-cert.p12'), passphrase: process.env.VIP_P12_PASSPHRASE } });
 * try {
 *   const { credentialId } = await vip.authenticateUser({ userId: 'alice@example.com', otpAuthData: { otp: '123456' } });
 * } catch (error) {
 *   if (error instanceof AuthenticationFailedError) console.log('wrong code');
 *   else throw error;
 * }
 * ```
 */
export class VipClient extends VipOperations<VipCallOptions> {
  /** The client certificate presented to VIP (subject, issuer, validity), when one was configured. */
  readonly certificate: ClientCertificateInfo | undefined;
  readonly #options: ResolvedClientOptions;
  readonly #transport: Transport;
  readonly #hooks: VipHooks;
  readonly #logger: VipLogger | undefined;
  readonly #urls: Readonly<Record<ServiceName, URL>>;
  readonly #headers: Readonly<Record<string, string>>;
  readonly #config: VipClientConfig;
  readonly #telemetry: ClientTelemetry;
  #closing: Promise<void> | undefined;

  /**
   * @throws {@link VipConfigurationError} for an unusable endpoint or option, an unreadable certificate or a
   * wrong key passphrase.
   */
  constructor(options: VipClientOptions = {}) {
    super();
    this.#options = resolveClientOptions(options);
    this.#hooks = this.#options.hooks;
    this.#logger = this.#options.logger;
    this.#telemetry = new ClientTelemetry(this.#options, (message) => this.#log('warn', message, {}));
    const { transport, certificate } = createTransport(this.#options.transport);
    this.#transport = transport;
    this.certificate = certificate;
    this.#urls = {
      Authentication: new URL(this.#options.urls.Authentication),
      Management: new URL(this.#options.urls.Management),
      Query: new URL(this.#options.urls.Query),
    };
    this.#headers = soapRequestHeaders(this.#options.userAgent);
    this.#config = describeConfig(this.#options, certificate);
    if (certificate !== undefined && certificate.daysUntilExpiry <= this.#options.certificateWarningDays) {
      this.#log(
        'warn',
        `The VIP client certificate expires in ${certificate.daysUntilExpiry} days (${certificate.validTo.toISOString()})`,
        {
          subject: certificate.subject,
          validTo: certificate.validTo.toISOString(),
        },
      );
      this.#notify(this.#hooks.onCertificateExpiring, certificate);
    }
  }

  /**
   * Polls `pollPushStatus` until the push transaction is final, then resolves with its status (7000, approved)
   * or throws the push error class for its code (`PushDeniedError`, `PushExpiredError`, ...).
   * @throws {@link VipTimeoutError} when `timeoutMs` passes first; {@link VipAbortError} when `signal` fires.
   */
  waitForPush(transactionId: string, options?: PushWaitOptions): Promise<PushTransactionResult> {
    return this.#telemetry.traceWait(transactionId, () => waitForPush(this, transactionId, options));
  }

  /**
   * The configuration the client resolved its options to, with every default filled in and nothing secret: no key,
   * passphrase or proxy credentials, only the client certificate's public facts. Frozen.
   */
  get config(): VipClientConfig {
    return this.#config;
  }

  /** Closes pooled connections. Calls made afterwards fail. Safe to call more than once. */
  close(): Promise<void> {
    this.#closing ??= Promise.resolve(this.#transport.close?.()).then(() => undefined);
    return this.#closing;
  }

  /** `await using vip = new VipClient(...)` closes the client when the block ends. */
  [Symbol.asyncDispose](): Promise<void> {
    return this.close();
  }

  protected override async invoke<N extends OperationName>(
    name: N,
    input: OperationInputs[N],
    options: VipCallOptions | undefined,
  ): Promise<OperationOutputs[N]> {
    const operation: OperationPlan = OPERATIONS[name];
    const call = resolveCallOptions(options, this.#options);
    const generate = this.#options.generateRequestId;
    const requestId = call.requestId ?? (generate === undefined ? createRequestId() : generatedRequestId(generate, name));
    const url = this.#urls[operation.service];
    const described = { operation: name, service: operation.service, requestId, url };
    const output = this.#telemetry.traceCall(described, (tracker) => this.#send(name, operation, input, call, requestId, tracker));
    return output as Promise<unknown> as Promise<OperationOutputs[N]>;
  }

  /** Sends one call: its envelope, then attempts until one answers or the retry policy gives up. */
  async #send(
    name: OperationName,
    operation: OperationPlan,
    input: object,
    call: ResolvedCallOptions,
    requestId: string,
    tracker: CallTracker,
  ): Promise<ResponseObject> {
    const request = writeRequest(operation, input, {
      requestId,
      onBehalfOfAccountId: call.onBehalfOfAccountId,
      apiVersion: this.#options.apiVersion,
    });
    const body = request.xml;
    const scrubber = new SecretScrubber(request.secrets);
    const { timeoutMs, signal } = call;
    const url = this.#urls[operation.service];
    const { retry } = call;

    for (let attempt = 1; ; attempt++) {
      const context: CallContext = { operation: name, requestId, attempts: attempt };
      tracker.attempting(attempt);
      try {
        const started = performance.now();
        // Stryker disable next-line ConditionalExpression: only spares redacting a body nobody sees
        if (this.#observed) this.#emitRequest(scrubber, { operation: name, requestId, attempt, url: url.href, body });
        const response = await sendAttempt(this.#transport, {
          url,
          body,
          headers: this.#headers,
          timeoutMs,
          signal,
          maxResponseBytes: this.#options.maxResponseBytes,
          context,
        });
        // Stryker disable next-line ConditionalExpression: only spares redacting a body nobody sees
        if (this.#observed) {
          const durationMs = performance.now() - started;
          this.#emitResponse(scrubber, {
            operation: name,
            requestId,
            attempt,
            httpStatus: response.status,
            durationMs,
            body: lenientBodyText(response.body),
          });
        }
        return this.#interpret(operation, response, context, scrubber);
      } catch (error) {
        // The error carries this attempt's context already: sendAttempt and the answer's reading both attach it.
        scrubber.scrubError(error);
        if (attempt >= retry.maxAttempts || !shouldRetry(error, operation.idempotent)) throw error;
        const delayMs = backoffDelay(attempt, retry);
        const retrying = { operation: name, requestId, attempt, delayMs, error: error as VipError };
        const line = `VIP ${name} request ${requestId} attempt ${attempt} failed (${retrying.error.name}); retrying in ${delayMs} ms`;
        this.#log('debug', line, { ...retrying });
        this.#notify(this.#hooks.onRetry, retrying);
        tracker.retrying(attempt, delayMs, retrying.error);
        await sleep(delayMs, signal, context);
      }
    }
  }

  /**
   * Turns one HTTP response into the operation's result, or throws the error it stands for. Only a 2xx answer can
   * be a result, and only a 500 may carry a SOAP Fault; any other status is a `VipHttpError` whatever its body says
   * (a gateway's 503 may wrap a Fault, a misrouted 404 may even hold a success envelope).
   */
  #interpret(operation: OperationPlan, response: SoapHttpResponse, context: CallContext, scrubber: SecretScrubber): ResponseObject {
    const httpStatus = response.status;
    if (httpStatus === 500) {
      const fault = this.#faultIn(operation, response, context);
      if (fault !== undefined) throw fault;
    }
    if (httpStatus < 200 || httpStatus > 299) {
      throw new VipHttpError(httpStatus, this.#excerpt(response.body, scrubber), context);
    }
    let text: string;
    try {
      text = strictBodyText(response.body, response.headers['content-type']);
    } catch (error) {
      // Stryker disable next-line ConditionalExpression: strictBodyText throws nothing else; this keeps a bug there visible as itself
      if (!(error instanceof BodyTextError)) throw error;
      throw new VipProtocolError(error.message, { ...context, httpStatus });
    }
    const parsed = readResponse(operation, text, httpStatus, context);
    if (parsed.kind === 'fault') throw parsed.error;
    const result = parsed.value;
    // Own fields only: what the response did not carry must not be found on Object.prototype.
    const field = (name: string): unknown => (Object.hasOwn(result, name) ? result[name] : undefined);
    const status = field('status');
    if (typeof status !== 'string' || status === '') {
      throw new VipProtocolError(`${operation.responseElement} has no status`, { ...context, httpStatus });
    }
    const requestId = field('requestId');
    if (requestId !== context.requestId) {
      const answered = requestId === undefined ? 'no request' : `request ${JSON.stringify(String(requestId).slice(0, 64))}`;
      throw new VipProtocolError(`${operation.responseElement} answers ${answered}, not this one`, { ...context, httpStatus });
    }
    if (!operation.successCodes.includes(status)) {
      throw createServiceError(
        {
          status,
          statusMessage: (field('statusMessage') as string | undefined) ?? '',
          detail: field('detail') as string | undefined,
          detailMessage: field('detailMessage') as string | undefined,
        },
        context,
      );
    }
    // The output type promises these fields for this status; an answer without them would make that promise a lie.
    // The generator lists the fields of every success code, so the list is always there.
    const missing = (operation.presentOnSuccess[status as string] as readonly string[]).filter((name) => !Object.hasOwn(result, name));
    if (missing.length > 0) {
      throw new VipProtocolError(
        `${operation.responseElement} with status ${status as string} lacks ${missing.join(', ')}, which VIP always sends`,
        {
          ...context,
          httpStatus,
        },
      );
    }
    if (operation.resultFlag !== undefined) result[operation.resultFlag.field] = operation.resultFlag.codes.includes(status);
    return result;
  }

  /** The SOAP Fault a 500 carries, or `undefined` when its body is not a readable Fault. */
  #faultIn(operation: OperationPlan, response: SoapHttpResponse, context: CallContext): VipError | undefined {
    let parsed: ReturnType<typeof readResponse>;
    try {
      parsed = readResponse(operation, strictBodyText(response.body, response.headers['content-type']), response.status, context);
    } catch {
      return undefined;
    }
    // Stryker disable next-line ConditionalExpression: an answer that is not a fault has no error to give
    return parsed.kind === 'fault' ? parsed.error : undefined;
  }

  /** The start of a body for diagnosis, with secrets masked by element and by value. */
  #excerpt(body: Uint8Array | string, scrubber: SecretScrubber): string {
    const window =
      typeof body === 'string'
        ? body.slice(0, EXCERPT_LENGTH + EXCERPT_MARGIN)
        : lenientBodyText(body.subarray(0, EXCERPT_LENGTH * 4 + EXCERPT_MARGIN));
    return scrubber.scrub(redactXml(window, { personalData: !this.#options.logPersonalData })).slice(0, EXCERPT_LENGTH);
  }

  get #observed(): boolean {
    // Stryker disable next-line ConditionalExpression: only spares redacting bodies nobody sees
    return this.#logger?.debug !== undefined || this.#hooks.onRequest !== undefined || this.#hooks.onResponse !== undefined;
  }

  #emitRequest(scrubber: SecretScrubber, event: Parameters<NonNullable<VipHooks['onRequest']>>[0]): void {
    event.body = this.#redact(event.body, scrubber);
    this.#log('debug', `VIP ${event.operation} request ${event.requestId} (attempt ${event.attempt}) -> ${event.url}`, { ...event });
    this.#notify(this.#hooks.onRequest, event);
  }

  #emitResponse(scrubber: SecretScrubber, event: Parameters<NonNullable<VipHooks['onResponse']>>[0]): void {
    event.body = this.#redact(event.body, scrubber);
    this.#log(
      'debug',
      `VIP ${event.operation} response ${event.requestId}: HTTP ${event.httpStatus} in ${event.durationMs.toFixed(1)} ms`,
      {
        ...event,
      },
    );
    this.#notify(this.#hooks.onResponse, event);
  }

  #redact(body: string, scrubber: SecretScrubber): string {
    return scrubber.scrub(redactXml(body, { personalData: !this.#options.logPersonalData }));
  }

  #log(level: 'debug' | 'warn', message: string, details: Record<string, unknown>): void {
    const logger = this.#logger;
    const write = logger?.[level];
    // Stryker disable next-line ConditionalExpression: a missing method would throw inside #notify, which drops what a logger throws
    if (write !== undefined) this.#notify((d: Record<string, unknown>) => write.call(logger, message, d), details);
  }

  #notify<T>(hook: ((event: T) => void) | undefined, event: T): void {
    // Stryker disable next-line ConditionalExpression: calling a missing hook would throw below, and be dropped
    if (hook === undefined) return;
    try {
      hook(event);
    } catch {
      // A failing hook or logger must not turn a successful call into a failure.
    }
  }
}
