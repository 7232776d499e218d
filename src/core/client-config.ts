/**
 * The readable form of a client's resolved configuration (`vip.config`): every default filled in, nothing secret.
 * Meant for logging at start-up and for support questions ("which endpoint, which certificate, which limits?").
 */
import type { ResolvedClientOptions, SupportedApiVersion } from '../client-options.js';
import type { ClientCertificateInfo } from '../transport/client-certificate-info.js';
import type { ServiceName } from './plan.js';

/** What {@link VipClient.config} shows. Holds no key, passphrase or proxy credentials. */
export interface VipClientConfig {
  /** The base endpoint. */
  readonly endpoint: string;
  /** The API version of the service paths. */
  readonly apiVersion: SupportedApiVersion;
  /** The full URL of each service. */
  readonly urls: Readonly<Record<ServiceName, string>>;
  /** Deadline of each HTTP attempt, in milliseconds. */
  readonly timeoutMs: number;
  /** Largest response accepted, in bytes. */
  readonly maxResponseBytes: number;
  /** The retry settings (`maxAttempts: 1` when retries are off). */
  readonly retry: Readonly<{ maxAttempts: number; baseDelayMs: number; maxDelayMs: number }>;
  /** The child account every call acts for, if any. */
  readonly onBehalfOfAccountId: string | undefined;
  /** Days before the certificate's expiry from which the client warns. */
  readonly certificateWarningDays: number;
  /** Whether personal data shows in logged bodies. */
  readonly logPersonalData: boolean;
  /** Whether plain `http:` is accepted beyond loopback hosts. */
  readonly allowInsecureHttp: boolean;
  /**
   * How requests travel: the SDK's own undici pool (`undici`), a `dispatcher` you gave, your `fetch`, or your
   * `transport`.
   */
  readonly transport: 'undici' | 'dispatcher' | 'fetch' | 'custom';
  /** Sockets and keep-alive of the SDK's own pool (`transport: 'undici'` only). */
  readonly pool: Readonly<{ connections: number; keepAliveTimeoutMs: number }> | undefined;
  /** The `user-agent` header sent. */
  readonly userAgent: string;
  /** The proxy's URL without its credentials, when one is used. */
  readonly proxy: string | undefined;
  /** The client certificate's public facts, when one is configured. */
  readonly certificate: ClientCertificateInfo | undefined;
  /** Which hooks are set, and whether a logger is. */
  readonly observers: readonly string[];
}

function proxyUrl(proxy: unknown): string | undefined {
  const value = typeof proxy === 'string' || proxy instanceof URL ? proxy : (proxy as { url?: string | URL } | undefined)?.url;
  if (value === undefined) return undefined;
  const url = new URL(value);
  url.username = '';
  url.password = '';
  return url.href;
}

/** Builds the frozen, secret-free view of `options`. */
export function describeConfig(options: ResolvedClientOptions, certificate: ClientCertificateInfo | undefined): VipClientConfig {
  const { transport } = options;
  const observers = Object.keys(options.hooks).filter((name) => options.hooks[name as keyof typeof options.hooks] !== undefined);
  if (options.logger?.debug !== undefined) observers.push('logger.debug');
  if (options.logger?.warn !== undefined) observers.push('logger.warn');
  return Object.freeze({
    endpoint: options.endpoint,
    apiVersion: options.apiVersion,
    urls: Object.freeze({ ...options.urls }),
    timeoutMs: options.timeoutMs,
    maxResponseBytes: options.maxResponseBytes,
    retry: Object.freeze({ ...options.retry }),
    onBehalfOfAccountId: options.onBehalfOfAccountId,
    certificateWarningDays: options.certificateWarningDays,
    logPersonalData: options.logPersonalData,
    allowInsecureHttp: options.allowInsecureHttp,
    transport: transport.kind,
    pool:
      transport.kind === 'undici'
        ? Object.freeze({ connections: transport.connections, keepAliveTimeoutMs: transport.keepAliveTimeoutMs })
        : undefined,
    userAgent: options.userAgent,
    proxy: transport.kind === 'undici' ? proxyUrl(transport.proxy) : undefined,
    certificate: certificate === undefined ? undefined : Object.freeze({ ...certificate }),
    observers: Object.freeze(observers),
  });
}
