/** Options of the client and of each call, their defaults, and their validation at construction time. */
import type { Dispatcher } from 'undici';
import { VipConfigurationError } from './errors/request-errors.js';
import type { VipError } from './errors/vip-error.js';
import { CONTRACT_VERSION, type ServiceName } from './generated/operations.js';
import type { ClientCertificateInfo } from './transport/client-certificate-info.js';
import { type ResolvedRetryOptions, type RetryOptions, resolveRetryOptions } from './transport/retry.js';
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
  /** HTTP(S) proxy URL; the tunnel to VIP still uses the client certificate. */
  proxy?: string | URL;
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
}

/** Options of a single call; all optional. */
export interface VipCallOptions {
  /** Request ID to send (4-40 of `[0-9A-Za-z_]`); a unique one is generated when omitted. */
  requestId?: string;
  /** Child account to act for on this call, overriding the client's `onBehalfOfAccountId`. */
  onBehalfOfAccountId?: string;
  /** Deadline of each attempt of this call, in milliseconds, overriding the client's `timeoutMs`. */
  timeoutMs?: number;
  /** Cancels the call, including any wait between retries. */
  signal?: AbortSignal;
}

export interface ResolvedClientOptions {
  urls: Record<ServiceName, string>;
  timeoutMs: number;
  maxResponseBytes: number;
  retry: ResolvedRetryOptions;
  onBehalfOfAccountId: string | undefined;
  certificateWarningDays: number;
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

/** A positive, finite number of milliseconds or bytes, for options and per-call overrides. */
export function checkPositive(value: number | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isFinite(value) || value <= 0) {
    throw new VipConfigurationError(`${name} must be a positive number, got ${String(value)}`);
  }
  return value;
}

/** Validates the options and computes everything the call path needs, once. */
export function resolveClientOptions(options: VipClientOptions): ResolvedClientOptions {
  const version = options.apiVersion ?? CONTRACT_VERSION;
  if (!/^\d+\.\d+$/.test(version)) throw new VipConfigurationError(`apiVersion must look like '1.8', got ${JSON.stringify(version)}`);
  const base = checkUrl(options.endpoint ?? DEFAULT_ENDPOINT, 'endpoint');
  const basePath = base.pathname.replace(/\/+$/, '');
  const urls = {} as Record<ServiceName, string>;
  for (const service of SERVICES) {
    const override = options.endpoints?.[service];
    urls[service] =
      override !== undefined
        ? checkUrl(override, `endpoints.${service}`).href
        : new URL(`${basePath}/vipuserservices/${service}Service_${version.replace('.', '_')}`, base).href;
  }
  if (options.onBehalfOfAccountId !== undefined && !/^[0-9A-Za-z]{3,50}$/.test(options.onBehalfOfAccountId)) {
    throw new VipConfigurationError('onBehalfOfAccountId must be 3 to 50 letters and digits');
  }
  return {
    urls,
    timeoutMs: checkPositive(options.timeoutMs, 'timeoutMs', 30_000),
    maxResponseBytes: checkPositive(options.maxResponseBytes, 'maxResponseBytes', 4 * 1024 * 1024),
    retry: resolveRetryOptions(options.retry === false ? { maxAttempts: 1 } : options.retry),
    onBehalfOfAccountId: options.onBehalfOfAccountId,
    certificateWarningDays: checkPositive(options.certificateWarningDays, 'certificateWarningDays', 30),
  };
}
