/** Options of the client and of each call, their defaults, and their validation at construction time. */
import type { Dispatcher } from 'undici';
import { VipConfigurationError } from './errors/request-errors.js';
import type { VipError } from './errors/vip-error.js';
import { CONTRACT_VERSION, type ServiceName } from './generated/operations.js';
import type { ClientCertificateInfo } from './transport/client-certificate-info.js';
import { type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from './core/retry-policy.js';
import type { VipTlsOptions } from './transport/tls-credentials.js';
import type { Transport } from './transport/transport.js';

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
  onRequest?: (event: VipRequestEvent) => void;
  /** After each HTTP response has been read, whatever its status. */
  onResponse?: (event: VipResponseEvent) => void;
  /** When a failed attempt will be retried. */
  onRetry?: (event: VipRetryEvent) => void;
  /** Called at construction when the client certificate expires within `certificateWarningDays`. */
  onCertificateExpiring?: (certificate: ClientCertificateInfo) => void;
}

/** Anything with console-like `debug` and `warn` methods (console, pino, winston...). Receives redacted text only. */
export interface VipLogger {
  /** One line per request and per response, with the redacted event as details. */
  debug?: (message: string, details?: Record<string, unknown>) => void;
  /** The client certificate's expiry warning. */
  warn?: (message: string, details?: Record<string, unknown>) => void;
}

/** Options of {@link VipClient}. Every field is optional; a real deployment needs at least `tls`. */
export interface VipClientOptions {
  /**
   * Base URL of VIP User Services; each service's path is appended (`/vipuserservices/QueryService_1_8`...).
   * @default 'https://userservices-auth.vip.symantec.com'
   */
  endpoint?: string | URL;
  /** Full URL per service, overriding `endpoint` for that service. */
  endpoints?: Partial<Record<ServiceName, string | URL>>;
  /**
   * API version in the service paths (`1.8` gives `..._1_8`). The request and response shapes are those of 1.8.
   * @default '1.8'
   */
  apiVersion?: string;
  /** Child account to act for on every call (a parent account's certificate may act for its children). */
  onBehalfOfAccountId?: string;
  /**
   * Deadline of each HTTP attempt, in milliseconds: connect, send and the whole response.
   * @default 30000
   */
  timeoutMs?: number;
  /**
   * Largest response body accepted, in bytes; a larger one fails with `VipProtocolError` while it streams.
   * @default 4194304 (4 MiB)
   */
  maxResponseBytes?: number;
  /** The VIP client certificate (PEM or PKCS#12) and extra CAs. Required by VIP itself; ignored with `fetch`. */
  tls?: VipTlsOptions;
  /** An undici Dispatcher to send through (a `MockAgent` in tests, a `ProxyAgent`...). `tls` and `proxy` are then not used. */
  dispatcher?: Dispatcher;
  /**
   * The HTTP(S) proxy to tunnel through: its URL (`http://user:password@proxy.example:3128`), or `{ url, ca }` to add
   * CAs for an `https:` proxy's certificate (`tls.ca` is for VIP only). The tunnel to VIP still uses the client
   * certificate. An `https:` proxy is always verified, whatever `NODE_TLS_REJECT_UNAUTHORIZED` says; failures on the
   * way to the proxy name the proxy, never its credentials.
   */
  proxy?: import('./transport/proxy-agent.js').VipProxy;
  /**
   * Send through this WHATWG `fetch` instead of undici, so nock or msw can intercept requests in tests.
   * Client certificates do not apply on this path.
   */
  fetch?: typeof globalThis.fetch;
  /** A custom transport; replaces `tls`, `dispatcher`, `proxy` and `fetch`. */
  transport?: Transport;
  /**
   * Retries with exponential backoff and jitter, or `false` for none. Only what is safe is retried: connection
   * failures before anything was sent (any operation); timeouts, HTTP 502/503/504 and VIP 6005/6029 (reads only).
   * @default { maxAttempts: 3, baseDelayMs: 200, maxDelayMs: 2000 }
   */
  retry?: RetryOptions | false;
  /** Receives redacted debug lines for each request and response, and the certificate expiry warning. */
  logger?: VipLogger;
  /** Observability callbacks; see {@link VipHooks}. */
  hooks?: VipHooks;
  /**
   * Warn when the client certificate expires within this many days.
   * @default 30
   */
  certificateWarningDays?: number;
  /**
   * Show personal data (the `IAAuthData` device fingerprints of `evaluateRisk` and `denyRisk`) in logged bodies and
   * hook payloads. Off by default: they are masked like secrets. Secrets themselves are always masked.
   * @default false
   */
  logPersonalData?: boolean;
}

/** Options of a single call; all optional. */
export interface VipCallOptions {
  /** Request ID to send (4-40 of `[0-9A-Za-z_]`); a unique one is generated when omitted. */
  requestId?: string;
  /** Child account to act for on this call, overriding the client's `onBehalfOfAccountId`. */
  onBehalfOfAccountId?: string;
  /** Deadline of each attempt of this call, in milliseconds (1 to 2147483647), overriding the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Cancels the call, including any wait between retries. Must be an `AbortSignal`. */
  signal?: AbortSignal;
  /**
   * This call's retries, overriding the client's `retry`: `false` for none, or any of `maxAttempts`, `baseDelayMs`,
   * `maxDelayMs` (the others are the client's). Only what is safe is ever repeated, whatever this says.
   */
  retry?: RetryOptions | false;
}

export interface ResolvedClientOptions {
  urls: Record<ServiceName, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: ResolvedRetryOptions;
  onBehalfOfAccountId: string | undefined;
  certificateWarningDays: number;
  hooks: VipHooks;
  logger: VipLogger | undefined;
  logPersonalData: boolean;
}

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

function checkUrl(value: string | URL, name: string): URL {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new VipConfigurationError(`${name} is not a valid URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new VipConfigurationError(`${name} must be an http(s) URL`);
  return url;
}

/** A positive, finite number (of bytes, days...). */
export function checkPositive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new VipConfigurationError(`${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

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
  if (value === undefined) return {} as T;
  if (typeof value !== 'object' || value === null) throw new VipConfigurationError(`${name} must be an object`);
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
 * @throws {VipConfigurationError} for a `timeoutMs` out of range or a `signal` that is not an AbortSignal.
 */
export function resolveCallOptions(options: VipCallOptions | undefined, client: ResolvedClientOptions): ResolvedCallOptions {
  if (options !== undefined && (typeof options !== 'object' || options === null)) {
    throw new VipConfigurationError('the call options must be an object');
  }
  return {
    requestId: own(options, 'requestId'),
    // Checked by the request writer against the contract, as a VipValidationError naming the field.
    onBehalfOfAccountId: own(options, 'onBehalfOfAccountId') ?? client.onBehalfOfAccountId,
    timeoutMs: checkDuration(own(options, 'timeoutMs'), 'timeoutMs', client.timeoutMs),
    signal: checkSignal(own(options, 'signal'), 'signal'),
    retry: callRetry(own(options, 'retry'), client.retry),
  };
}

function callRetry(retry: RetryOptions | false | undefined, client: ResolvedRetryOptions): ResolvedRetryOptions {
  if (retry === undefined) return client;
  if (retry === false) return { ...client, maxAttempts: 1 };
  return resolveRetryOptions({ ...client, ...retry });
}

/** Validates the options and computes everything the call path needs, once. */
export function resolveClientOptions(options: VipClientOptions): ResolvedClientOptions {
  if (typeof options !== 'object' || options === null) throw new VipConfigurationError('the client options must be an object');
  const version = own(options, 'apiVersion') ?? CONTRACT_VERSION;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) {
    throw new VipConfigurationError(
      `apiVersion must be a string like '1.8', got ${typeof version === 'string' ? JSON.stringify(version) : String(version)}`,
    );
  }
  const base = checkUrl(own(options, 'endpoint') ?? DEFAULT_ENDPOINT, 'endpoint');
  const basePath = base.pathname.replace(/\/+$/, '');
  const urls = {} as Record<ServiceName, string>;
  const endpoints = own(options, 'endpoints');
  for (const service of SERVICES) {
    const override = own(endpoints, service);
    urls[service] =
      override !== undefined
        ? checkUrl(override, `endpoints.${service}`).href
        : new URL(`${basePath}/vipuserservices/${service}Service_${version.replace('.', '_')}`, base).href;
  }
  const retry = own(options, 'retry');
  const logPersonalData = own(options, 'logPersonalData') ?? false;
  if (typeof logPersonalData !== 'boolean') throw new VipConfigurationError('logPersonalData must be a boolean');
  return {
    urls,
    timeoutMs: checkDuration(own(options, 'timeoutMs'), 'timeoutMs', 30_000),
    maxResponseBytes: checkPositive(own(options, 'maxResponseBytes'), 'maxResponseBytes', 4 * 1024 * 1024),
    retry: resolveRetryOptions(retry === false ? { maxAttempts: 1 } : retry),
    onBehalfOfAccountId: checkAccountId(own(options, 'onBehalfOfAccountId'), 'onBehalfOfAccountId'),
    certificateWarningDays: checkPositive(own(options, 'certificateWarningDays'), 'certificateWarningDays', 30),
    hooks: checkFunctions(own(options, 'hooks'), 'hooks', ['onRequest', 'onResponse', 'onRetry', 'onCertificateExpiring']),
    logger: checkLogger(own(options, 'logger')),
    logPersonalData,
  };
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
