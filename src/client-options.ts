/** Options of the client and of each call, their defaults, and their validation at construction time. */
import type { Dispatcher } from 'undici';
import { VipConfigurationError } from './errors/request-errors.js';
import type { VipError } from './errors/vip-error.js';
import type { ServiceName } from './core/plan.js';
import { CONTRACT_VERSION, type OperationName } from './generated/operations.js';
import type { ClientCertificateInfo } from './transport/client-certificate-info.js';
import { type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from './core/retry-policy.js';
import type { VipTlsOptions } from './transport/tls-credentials.js';
import type { VipProxy, VipProxyOptions } from './transport/proxy-agent.js';
import { defaultUserAgent } from './transport/soap-http-headers.js';
import type { Transport } from './transport/transport.js';
import { VERSION } from './version.js';
import { checkKnownNames, checkObject, checkServiceUrl } from './core/option-checks.js';
import { checkMeterProvider, checkTracerProvider, type VipMeterProvider, type VipTracerProvider } from './telemetry/providers.js';

/** Production host of VIP User Services; all three services live on it. */
export const DEFAULT_ENDPOINT = 'https://userservices-auth.vip.symantec.com';

/** Sent just before each HTTP attempt. `body` is the SOAP envelope with every secret replaced by `[REDACTED]`. */
export interface VipRequestEvent {
  /** The operation, e.g. `getUserInfo`. */
  operation: string;
  /** The request ID sent (the same on every attempt of a call). */
  requestId: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** The service URL. */
  url: string;
  /** The SOAP envelope, secrets replaced by `[REDACTED]`. */
  body: string;
}

/** Sent when an HTTP response has been read. `body` is redacted like the request's. */
export interface VipResponseEvent {
  /** The operation, e.g. `getUserInfo`. */
  operation: string;
  /** The request ID sent. */
  requestId: string;
  /** Which attempt this response answers. */
  attempt: number;
  /** The HTTP status code. */
  httpStatus: number;
  /** Milliseconds from sending to having the whole body, on a monotonic clock. */
  durationMs: number;
  /** The response body, secrets replaced by `[REDACTED]`. */
  body: string;
}

/** Sent when an attempt failed and another one will follow after `delayMs`. */
export interface VipRetryEvent {
  /** The operation being retried. */
  operation: string;
  /** The request ID, sent again unchanged. */
  requestId: string;
  /** The attempt that failed. */
  attempt: number;
  /** The wait before the next attempt, in milliseconds. */
  delayMs: number;
  /** Why the attempt failed. */
  error: VipError;
}

/** Callbacks for logging, metrics and tracing. A hook that throws is ignored; it never breaks a call. */
export interface VipHooks {
  /** Before each HTTP attempt. */
  onRequest?: ((event: VipRequestEvent) => void) | undefined;
  /** After each HTTP response has been read, whatever its status. */
  onResponse?: ((event: VipResponseEvent) => void) | undefined;
  /** When a failed attempt will be retried. */
  onRetry?: ((event: VipRetryEvent) => void) | undefined;
  /** Called at construction when the client certificate expires within `certificateWarningDays`. */
  onCertificateExpiring?: ((certificate: ClientCertificateInfo) => void) | undefined;
}

/** Anything with console-like `debug` and `warn` methods (console, pino, winston...). Receives redacted text only. */
export interface VipLogger {
  /** One line per request and per response, with the redacted event as details. */
  debug?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
  /** The client certificate's expiry warning. */
  warn?: ((message: string, details?: Record<string, unknown>) => void) | undefined;
}

/** Options of {@link VipClient}. Every field is optional; a real deployment needs at least `tls`. */
export interface VipClientOptions {
  /**
   * Base URL of VIP User Services; each service's path is appended (`/vipuserservices/QueryService_1_8`...).
   * @default 'https://userservices-auth.vip.symantec.com'
   */
  endpoint?: string | URL | undefined;
  /** Full URL per service, overriding `endpoint` for that service. */
  endpoints?: { [S in ServiceName]?: string | URL | undefined } | undefined;
  /**
   * API version in the service paths (`1.8` gives `..._1_8`, `1.10` gives `..._1_10`). `'1.10'` also allows the request
   * fields that 1.10 added (marked `@since 1.10`, known from Broadcom's documentation only); with an older version the
   * client refuses them before sending. 1.7 is sent the shapes of 1.8.
   * @default '1.8'
   */
  apiVersion?: string | undefined;
  /** Child account to act for on every call (a parent account's certificate may act for its children). */
  onBehalfOfAccountId?: string | undefined;
  /**
   * Deadline of each HTTP attempt, in milliseconds: connect, send and the whole response.
   * @default 30000
   */
  timeoutMs?: number | undefined;
  /**
   * Largest response body accepted, in bytes; a larger one fails with `VipProtocolError` while it streams.
   * @default 4194304 (4 MiB)
   */
  maxResponseBytes?: number | undefined;
  /** The VIP client certificate (PEM or PKCS#12) and extra CAs. Required by VIP itself; ignored with `fetch`. */
  tls?: VipTlsOptions | undefined;
  /** An undici Dispatcher to send through (a `MockAgent` in tests, a `ProxyAgent`...). `tls` and `proxy` are then not used. */
  dispatcher?: Dispatcher | undefined;
  /**
   * The HTTP(S) proxy to tunnel through: its URL (`http://user:password@proxy.example:3128`), or `{ url, ca }` to add
   * CAs for an `https:` proxy's certificate (`tls.ca` is for VIP only). The tunnel to VIP still uses the client
   * certificate. An `https:` proxy is always verified, whatever `NODE_TLS_REJECT_UNAUTHORIZED` says; failures on the
   * way to the proxy name the proxy, never its credentials.
   */
  proxy?: VipProxy | undefined;
  /**
   * Send through this WHATWG `fetch` instead of undici, so nock or msw can intercept requests in tests.
   * Client certificates do not apply on this path.
   */
  fetch?: typeof globalThis.fetch | undefined;
  /** A custom transport; replaces `tls`, `dispatcher`, `proxy` and `fetch`. */
  transport?: Transport | undefined;
  /**
   * Retries with exponential backoff and jitter, or `false` for none. Only what is safe is retried: connection
   * failures before anything was sent (any operation); timeouts, HTTP 502/503/504 and VIP 6005/6029 (reads only).
   * @default { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 }
   */
  retry?: RetryOptions | false | undefined;
  /** Receives redacted debug lines for each request and response, and the certificate expiry warning. */
  logger?: VipLogger | undefined;
  /** Observability callbacks; see {@link VipHooks}. */
  hooks?: VipHooks | undefined;
  /**
   * Warn when the client certificate expires within this many days.
   * @default 30
   */
  certificateWarningDays?: number | undefined;
  /**
   * Show personal data (the `IAAuthData` device fingerprints of `evaluateRisk` and `denyRisk`) in logged bodies and
   * hook payloads. Off by default: they are masked like secrets. Secrets themselves are always masked.
   * @default false
   */
  logPersonalData?: boolean | undefined;
  /**
   * Most sockets open at once to VIP's host. Sized for concurrent sign-ins: calls beyond it wait for a free socket.
   * Not with `dispatcher`, `fetch` or `transport`.
   * @default 64
   */
  connections?: number | undefined;
  /**
   * How long an idle keep-alive socket is kept, in milliseconds, unless the server asks for less. Not with
   * `dispatcher`, `fetch` or `transport`.
   * @default 4000
   */
  keepAliveTimeoutMs?: number | undefined;
  /**
   * Your product and version, appended to the SDK's own `user-agent` (`vip-user-services/x.y.z node/vNN`), so
   * VIP support can tell your traffic apart. Printable ASCII, at most 200 characters.
   */
  userAgent?: string | undefined;
  /**
   * Accept plain `http:` endpoints on hosts other than this machine's loopback. Only for test servers: over plain
   * HTTP, one-time codes and PINs travel unencrypted. `http:` is never accepted together with `tls`.
   * @default false
   */
  allowInsecureHttp?: boolean | undefined;
  /**
   * Makes the request ID of each call that is not given one in its call options, e.g. to embed your trace or
   * correlation ID so the call can be found in VIP Manager reports and Report Streaming. It must return 4 to 40 of
   * `[0-9A-Za-z_]`, checked on every call; IDs should be unique, since each response must echo its request's.
   * @default unique IDs such as `vip_k3j9x0q2m1zp_1c`
   */
  generateRequestId?: ((operation: OperationName) => string) | undefined;
  /**
   * Where the spans of the calls go (one CLIENT span per call, retries included; see docs/telemetry.md): an
   * OpenTelemetry `TracerProvider`, or `false` for no spans.
   * @default the global provider, when `@opentelemetry/api` is installed
   */
  tracerProvider?: VipTracerProvider | false | undefined;
  /**
   * Where the `rpc.client.call.duration` histogram and the retry counter go: an OpenTelemetry `MeterProvider`, or
   * `false` for no metrics.
   * @default the global provider, when `@opentelemetry/api` is installed
   */
  meterProvider?: VipMeterProvider | false | undefined;
}

/** Options of a single call; all optional. */
export interface VipCallOptions {
  /** Request ID to send (4-40 of `[0-9A-Za-z_]`); a unique one is generated when omitted. */
  requestId?: string | undefined;
  /** Child account to act for on this call, overriding the client's `onBehalfOfAccountId`. */
  onBehalfOfAccountId?: string | undefined;
  /** Deadline of each attempt of this call, in milliseconds (1 to 2147483647), overriding the client's `timeoutMs`. */
  timeoutMs?: number | undefined;
  /** Cancels the call, including any wait between retries. Must be an `AbortSignal`. */
  signal?: AbortSignal | undefined;
  /**
   * This call's retries, overriding the client's `retry`: `false` for none, or any of `maxAttempts`, `baseDelayMs`,
   * `maxDelayMs` (the others are the client's). Only what is safe is ever repeated, whatever this says.
   */
  retry?: RetryOptions | false | undefined;
}

/** How requests travel, decided once from the options: which transport, and its settings. */
export type TransportSettings =
  | { kind: 'custom'; transport: Transport }
  | { kind: 'fetch'; fetch: typeof globalThis.fetch }
  | { kind: 'dispatcher'; dispatcher: Dispatcher }
  | { kind: 'undici'; tls: VipTlsOptions | undefined; proxy: VipProxy | undefined; connections: number; keepAliveTimeoutMs: number };

export interface ResolvedClientOptions {
  endpoint: string;
  apiVersion: SupportedApiVersion;
  urls: Record<ServiceName, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: ResolvedRetryOptions;
  onBehalfOfAccountId: string | undefined;
  certificateWarningDays: number;
  hooks: VipHooks;
  logger: VipLogger | undefined;
  logPersonalData: boolean;
  allowInsecureHttp: boolean;
  generateRequestId: ((operation: OperationName) => string) | undefined;
  tracerProvider: VipTracerProvider | false | undefined;
  meterProvider: VipMeterProvider | false | undefined;
  /** The complete `user-agent` header: the SDK's own, then the user's `userAgent`. */
  userAgent: string;
  transport: TransportSettings;
}

/**
 * The API versions whose service paths this SDK knows. 1.7 and 1.8 speak the shapes of 1.8; 1.10 adds the fields
 * marked `@since 1.10`.
 */
export const SUPPORTED_API_VERSIONS = ['1.7', '1.8', '1.10'] as const;
/** An API version whose service paths this SDK knows: `'1.7'`, `'1.8'` or `'1.10'`. */
export type SupportedApiVersion = (typeof SUPPORTED_API_VERSIONS)[number];

const CLIENT_OPTIONS: readonly (keyof VipClientOptions)[] = [
  'endpoint',
  'endpoints',
  'apiVersion',
  'onBehalfOfAccountId',
  'timeoutMs',
  'maxResponseBytes',
  'tls',
  'dispatcher',
  'proxy',
  'fetch',
  'transport',
  'retry',
  'logger',
  'hooks',
  'certificateWarningDays',
  'logPersonalData',
  'connections',
  'keepAliveTimeoutMs',
  'userAgent',
  'allowInsecureHttp',
  'generateRequestId',
  'tracerProvider',
  'meterProvider',
];
const CALL_OPTIONS: readonly (keyof VipCallOptions)[] = ['requestId', 'onBehalfOfAccountId', 'timeoutMs', 'signal', 'retry'];
const RETRY_OPTIONS: readonly (keyof RetryOptions)[] = ['maxAttempts', 'baseDelayMs', 'maxDelayMs'];
const HOOKS: readonly (keyof VipHooks)[] = ['onRequest', 'onResponse', 'onRetry', 'onCertificateExpiring'];
const TLS_OPTIONS: readonly (keyof VipTlsOptions)[] = ['cert', 'key', 'passphrase', 'pfx', 'ca', 'servername', 'minVersion'];
const PROXY_OPTIONS: readonly (keyof VipProxyOptions)[] = ['url', 'ca'];
/** A user-agent part: printable ASCII only, so it can never break the header (no CR/LF injection). */
const USER_AGENT_PART = /^[\x20-\x7e]{1,200}$/;

/** The options of one call, checked and merged with the client's. */
export interface ResolvedCallOptions {
  requestId: string | undefined;
  onBehalfOfAccountId: string | undefined;
  timeoutMs: number;
  signal: AbortSignal | undefined;
  retry: ResolvedRetryOptions;
}

/** The longest delay Node's timers can hold: a longer one fires after 1 ms instead. */
export const MAX_TIMER_MS = 2_147_483_647;

/**
 * Reads one option: own properties only, so a property polluted onto `Object.prototype` elsewhere in the
 * application (`hooks`, `endpoint`, ...) can never configure the client.
 */
export function own<T extends object, K extends keyof T>(options: T | undefined, key: K): T[K] | undefined {
  return options !== undefined && options !== null && Object.hasOwn(options, key) ? options[key] : undefined;
}

const SERVICES: readonly ServiceName[] = ['Authentication', 'Management', 'Query'];

/** A duration that a Node timer can hold: 1 to 2147483647 milliseconds. */
export function checkDuration(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 1 || value > MAX_TIMER_MS) {
    throw new VipConfigurationError(`${name} must be a number of milliseconds from 1 to ${MAX_TIMER_MS}, got ${String(value)}`);
  }
  return value;
}

/**
 * Checks a cancellation signal.
 * @throws {VipConfigurationError} for anything but an `AbortSignal` (or `undefined`).
 */
export function checkSignal(value: unknown, name: string): AbortSignal | undefined {
  if (value === undefined) return undefined;
  if (value instanceof AbortSignal || Object.prototype.toString.call(value) === '[object AbortSignal]') return value as AbortSignal;
  throw new VipConfigurationError(`${name} must be an AbortSignal`);
}

function checkAccountId(value: unknown, name: string): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !/^[0-9A-Za-z]{3,50}$/.test(value)) {
    throw new VipConfigurationError(`${name} must be 3 to 50 letters and digits`);
  }
  return value;
}

/**
 * Reads a callback: an own property, or a method of the object's class, but never one inherited from
 * `Object.prototype`, where a polluting library could have put it.
 */
function method<T extends object>(value: T, key: keyof T & string): unknown {
  const found = value[key];
  return found === (Object.prototype as Record<string, unknown>)[key] ? undefined : found;
}

function checkFunctions<T extends object>(value: T | undefined, name: string, keys: ReadonlyArray<keyof T & string>): T {
  if (value === undefined) return Object.create(null) as T;
  if (typeof value !== 'object' || value === null) throw new VipConfigurationError(`${name} must be an object`);
  // A hooks object is checked for stray names; a logger is any object with debug/warn (console, pino, winston).
  if (name === 'hooks') checkKnownNames(value, keys, name);
  // No prototype: a hook that was not given must not be found on Object.prototype either.
  const picked: Partial<T> = Object.create(null);
  for (const key of keys) {
    const member = method(value, key);
    if (member === undefined) continue;
    if (typeof member !== 'function') throw new VipConfigurationError(`${name}.${key} must be a function`);
    picked[key] = member as T[typeof key];
  }
  return picked as T;
}

/**
 * Checks one call's options and merges them with the client's.
 * @throws {VipConfigurationError} for an unknown option, a `timeoutMs` out of range, a `signal` that is not an
 * AbortSignal, or bad `retry` values.
 */
export function resolveCallOptions(options: VipCallOptions | undefined, client: ResolvedClientOptions): ResolvedCallOptions {
  const given = checkObject<VipCallOptions>(options, 'the call options');
  if (given !== undefined) checkKnownNames(given, CALL_OPTIONS, '');
  return {
    requestId: own(given, 'requestId'),
    // Checked by the request writer against the contract, as a VipValidationError naming the field.
    onBehalfOfAccountId: own(given, 'onBehalfOfAccountId') ?? client.onBehalfOfAccountId,
    timeoutMs: checkDuration(own(given, 'timeoutMs'), 'timeoutMs', client.timeoutMs),
    signal: checkSignal(own(given, 'signal'), 'signal'),
    retry: checkRetry(own(given, 'retry'), client.retry),
  };
}

/** `false`, or a partial retry setting over `base`, checked; `undefined` keeps `base`. */
function checkRetry(retry: RetryOptions | false | undefined, base: ResolvedRetryOptions): ResolvedRetryOptions {
  if (retry === undefined) return base;
  if (retry === false) return { ...base, maxAttempts: 1 };
  const given = checkObject<RetryOptions>(retry, 'retry') as RetryOptions;
  checkKnownNames(given, RETRY_OPTIONS, 'retry');
  return resolveRetryOptions({
    maxAttempts: own(given, 'maxAttempts') ?? base.maxAttempts,
    baseDelayMs: own(given, 'baseDelayMs') ?? base.baseDelayMs,
    maxDelayMs: own(given, 'maxDelayMs') ?? base.maxDelayMs,
  });
}

function checkBoolean(value: unknown, name: string): boolean {
  if (value === undefined) return false;
  if (typeof value !== 'boolean') throw new VipConfigurationError(`${name} must be true or false`);
  return value;
}

function checkCount(value: unknown, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw new VipConfigurationError(`${name} must be a whole number of at least 1, got ${String(value)}`);
  }
  return value;
}

function checkApiVersion(value: unknown): SupportedApiVersion {
  if (value === undefined) return CONTRACT_VERSION as SupportedApiVersion;
  if (typeof value === 'string' && (SUPPORTED_API_VERSIONS as readonly string[]).includes(value)) return value as SupportedApiVersion;
  const got = typeof value === 'string' ? JSON.stringify(value) : `the ${typeof value} ${String(value)}`;
  throw new VipConfigurationError(`apiVersion must be one of ${SUPPORTED_API_VERSIONS.map((v) => `'${v}'`).join(', ')}, got ${got}`);
}

/**
 * The one way each request travels. A client certificate, a proxy or pool settings belong to the SDK's own undici
 * transport; given together with a `dispatcher`, `fetch` or `transport` they would be dropped, so that is an error.
 */
function checkTransport(options: VipClientOptions, tls: VipTlsOptions | undefined): TransportSettings {
  const chosen = (['transport', 'fetch', 'dispatcher'] as const).filter((name) => own(options, name) !== undefined);
  if (chosen.length > 1) throw new VipConfigurationError(`give only one of ${chosen.join(', ')}`);
  const proxyGiven = own(options, 'proxy');
  const connections = checkCount(own(options, 'connections'), 'connections', 64);
  const keepAliveTimeoutMs = checkDuration(own(options, 'keepAliveTimeoutMs'), 'keepAliveTimeoutMs', 4000);
  const other = chosen[0];
  if (other === undefined) {
    const proxy = proxyGiven === undefined ? undefined : checkProxyShape(proxyGiven);
    return { kind: 'undici', tls, proxy, connections, keepAliveTimeoutMs };
  }
  const unusable = (['tls', 'proxy', 'connections', 'keepAliveTimeoutMs'] as const).filter((name) => own(options, name) !== undefined);
  if (unusable.length > 0) {
    throw new VipConfigurationError(
      `${unusable.join(', ')} cannot be combined with ${other}: they configure the SDK's own connection, which ${other} replaces` +
        (unusable.includes('tls') && other === 'dispatcher' ? ' (give the client certificate to your dispatcher instead)' : ''),
    );
  }
  const value = own(options, other);
  if (other === 'transport') {
    const transport = value as Transport;
    if (typeof transport !== 'object' || transport === null || typeof transport.send !== 'function') {
      throw new VipConfigurationError('transport must be an object with a send() method');
    }
    if (transport.close !== undefined && typeof transport.close !== 'function') {
      throw new VipConfigurationError('transport.close must be a function when given');
    }
    return { kind: 'custom', transport };
  }
  if (other === 'fetch') {
    if (typeof value !== 'function') throw new VipConfigurationError('fetch must be a function');
    return { kind: 'fetch', fetch: value as typeof globalThis.fetch };
  }
  const dispatcher = value as Dispatcher;
  if (typeof dispatcher !== 'object' || dispatcher === null || typeof dispatcher.dispatch !== 'function') {
    throw new VipConfigurationError('dispatcher must be an undici Dispatcher');
  }
  return { kind: 'dispatcher', dispatcher };
}

/** The proxy option's shape; its URL and CAs are checked when the agent is built. */
function checkProxyShape(proxy: unknown): VipProxy {
  if (typeof proxy === 'string' || proxy instanceof URL) return proxy;
  // Called only with a value, so checkObject either returns it or throws.
  const given = checkObject<VipProxyOptions>(proxy, 'proxy') as VipProxyOptions;
  checkKnownNames(given, PROXY_OPTIONS, 'proxy');
  return ownCopy(given, PROXY_OPTIONS);
}

/**
 * A copy holding only the object's own, known properties: a `ca` polluted onto `Object.prototype` must never become
 * a trusted certificate authority.
 */
function ownCopy<T extends object>(value: T, names: readonly (keyof T)[]): T {
  // Without a prototype, so a setting that was not given reads as undefined everywhere it is looked up later.
  const copy = Object.create(null) as T;
  for (const name of names) {
    const member = own(value, name);
    if (member !== undefined) copy[name] = member;
  }
  return copy;
}

/** The endpoint is a base URL: the service path is appended to it, so one that already holds a service path is a mistake. */
function checkBaseEndpoint(url: URL): void {
  if (/\/vipuserservices(?:\/|$)/i.test(url.pathname)) {
    throw new VipConfigurationError(
      `endpoint must be the base URL (e.g. ${url.origin}); the service paths are appended to it. ` +
        "To set one service's full URL, use endpoints: { Query: '...' }",
    );
  }
}

/**
 * Validates every option, once, and computes everything the call path needs.
 * @throws {VipConfigurationError} for an unknown option (naming the nearest known one), a value of the wrong type
 * or out of range, conflicting options, or a URL that breaks the rules (see `checkServiceUrl`).
 */
export function resolveClientOptions(options: VipClientOptions): ResolvedClientOptions {
  const given = checkObject<VipClientOptions>(options, 'the client options') ?? {};
  checkKnownNames(given, CLIENT_OPTIONS, '');
  const tlsGiven = checkObject<VipTlsOptions>(own(given, 'tls'), 'tls');
  if (tlsGiven !== undefined) checkKnownNames(tlsGiven, TLS_OPTIONS, 'tls');
  const tls = tlsGiven === undefined ? undefined : ownCopy(tlsGiven, TLS_OPTIONS);
  const transport = checkTransport(given, tls);
  const allowInsecureHttp = checkBoolean(own(given, 'allowInsecureHttp'), 'allowInsecureHttp');
  const rules = { allowInsecureHttp, hasClientCertificate: tls !== undefined };
  const apiVersion = checkApiVersion(own(given, 'apiVersion'));
  const base = checkServiceUrl(own(given, 'endpoint') ?? DEFAULT_ENDPOINT, 'endpoint', rules);
  checkBaseEndpoint(base);
  const basePath = base.pathname.replace(/\/+$/, '');
  const endpoints = checkObject<NonNullable<VipClientOptions['endpoints']>>(own(given, 'endpoints'), 'endpoints');
  if (endpoints !== undefined) checkKnownNames(endpoints, SERVICES, 'endpoints');
  const urls = {} as Record<ServiceName, string>;
  for (const service of SERVICES) {
    const override = own(endpoints, service);
    urls[service] =
      override !== undefined
        ? checkServiceUrl(override, `endpoints.${service}`, rules).href
        : new URL(`${basePath}/vipuserservices/${service}Service_${apiVersion.replace('.', '_')}`, base).href;
  }
  const retry = own(given, 'retry');
  return {
    endpoint: base.href,
    apiVersion,
    urls,
    timeoutMs: checkDuration(own(given, 'timeoutMs'), 'timeoutMs', 30_000),
    maxResponseBytes: checkCount(own(given, 'maxResponseBytes'), 'maxResponseBytes', 4 * 1024 * 1024),
    retry: checkRetry(retry === false ? { maxAttempts: 1 } : retry, resolveRetryOptions()),
    onBehalfOfAccountId: checkAccountId(own(given, 'onBehalfOfAccountId'), 'onBehalfOfAccountId'),
    certificateWarningDays: checkCount(own(given, 'certificateWarningDays'), 'certificateWarningDays', 30),
    hooks: checkFunctions(checkObject(own(given, 'hooks'), 'hooks'), 'hooks', HOOKS),
    logger: checkLogger(own(given, 'logger')),
    logPersonalData: checkBoolean(own(given, 'logPersonalData'), 'logPersonalData'),
    allowInsecureHttp,
    generateRequestId: checkGenerator(own(given, 'generateRequestId')),
    tracerProvider: checkTracerProvider(own(given, 'tracerProvider')),
    meterProvider: checkMeterProvider(own(given, 'meterProvider')),
    userAgent: checkUserAgent(own(given, 'userAgent')),
    transport,
  };
}

function checkGenerator(value: unknown): ((operation: OperationName) => string) | undefined {
  if (value === undefined || typeof value === 'function') return value as ((operation: OperationName) => string) | undefined;
  throw new VipConfigurationError('generateRequestId must be a function');
}

/** The SDK's `user-agent`, with the application's part appended. */
function checkUserAgent(part: unknown): string {
  if (part === undefined) return defaultUserAgent(VERSION);
  if (typeof part !== 'string' || !USER_AGENT_PART.test(part)) {
    throw new VipConfigurationError('userAgent must be 1 to 200 printable ASCII characters');
  }
  return `${defaultUserAgent(VERSION)} ${part}`;
}

/** A logger is kept as given (its methods may rely on `this`); only its shape is checked. */
function checkLogger(logger: VipLogger | undefined): VipLogger | undefined {
  if (logger === undefined) return undefined;
  checkFunctions(logger, 'logger', ['debug', 'warn']);
  return { debug: bound(logger, 'debug'), warn: bound(logger, 'warn') };
}

function bound(logger: VipLogger, level: 'debug' | 'warn'): VipLogger['debug'] {
  const write = method(logger, level);
  return typeof write === 'function' ? (message, details) => write.call(logger, message, details) : undefined;
}
