/**
 * The production transport: undici over a pooled keep-alive connection with the account's client certificate.
 */
import { Agent, type Dispatcher } from 'undici';
import { VipConfigurationError } from '../errors/request-errors.js';
import { isolatedSecureContext, VERIFY_SERVER } from './certificate-authorities.js';
import type { ClientCertificateInfo } from './client-certificate-info.js';
import { poolsMarkingSetupFailures } from './connection-setup.js';
import { createProxyAgent, type VipProxy } from './proxy-agent.js';
import { exchange } from './undici-exchange.js';
import { loadClientCredentials, type VipConnectOptions, type VipTlsOptions } from './tls-credentials.js';
import { type SoapHttpRequest, type SoapHttpResponse, STOPS_ON_SIGNAL, type Transport } from './transport.js';

/** Settings of {@link UndiciTransport}. */
export interface UndiciTransportOptions {
  /** Client certificate and trust settings; validated when the transport is built. Ignored with `dispatcher`. */
  tls?: VipTlsOptions | undefined;
  /**
   * Any undici `Dispatcher` to send through instead of the transport's own pool: a `MockAgent` in tests, a
   * preconfigured `ProxyAgent` or `Agent`. `tls`, `proxy`, `connections` and `keepAliveTimeoutMs` are then
   * ignored, and `close()` leaves the dispatcher open, since its owner may share it.
   */
  dispatcher?: Dispatcher | undefined;
  /**
   * The HTTP(S) proxy to tunnel through (CONNECT): its URL, e.g. `http://user:password@proxy.example:3128`, or
   * `{ url, ca }` to trust an `https:` proxy whose certificate comes from a private CA. The client certificate is used
   * for the tunnelled connection to VIP, never towards the proxy. An `https:` proxy is always verified, against
   * Node's default CAs plus `ca`, whatever `NODE_TLS_REJECT_UNAUTHORIZED` says. Failures on the way to the proxy
   * name the proxy (`host:port`, never its credentials).
   */
  proxy?: VipProxy | undefined;
  /**
   * Most sockets open at once to one origin.
   * @default 64
   */
  connections?: number | undefined;
  /**
   * How long an idle keep-alive socket is kept, in milliseconds, unless the server's `Keep-Alive` header asks
   * for less.
   * @default 4000
   */
  keepAliveTimeoutMs?: number | undefined;
}

/**
 * Sends SOAP requests with undici through one pooled keep-alive `Agent` (or `ProxyAgent`) per transport, presenting
 * the client certificate and always verifying the server's certificate and host name. Each attempt is bounded by its
 * deadline and the caller's signal, and the response body by `maxResponseBytes` while it streams in (after any
 * gzip, deflate or br content coding is undone; the SDK sends no `accept-encoding`, so only a server or gateway that
 * compresses unasked needs that).
 */
export class UndiciTransport implements Transport {
  /** `exchange` settles the moment the signal fires, whatever the dispatcher does. */
  readonly [STOPS_ON_SIGNAL] = true;
  /** The client certificate presented to VIP, when `tls` was given (and no `dispatcher`). */
  readonly certificate: ClientCertificateInfo | undefined;
  readonly #dispatcher: Dispatcher;
  readonly #ownsDispatcher: boolean;
  #closed = false;

  /**
   * @throws {VipConfigurationError} for unusable TLS settings (see `loadClientCredentials`), unusable proxy settings
   * (see `createProxyAgent`), or `connections` / `keepAliveTimeoutMs` that are not positive numbers.
   */
  constructor(options: UndiciTransportOptions = {}) {
    if (options.dispatcher !== undefined) {
      this.#dispatcher = options.dispatcher;
      this.#ownsDispatcher = false;
      this.certificate = undefined;
      return;
    }
    const credentials = options.tls === undefined ? undefined : loadClientCredentials(options.tls);
    this.certificate = credentials?.certificate;
    this.#dispatcher = buildDispatcher(options, credentials?.connect);
    this.#ownsDispatcher = true;
  }

  /**
   * POSTs one SOAP envelope and returns the answer, whatever its HTTP status, stopping when `request.signal` fires.
   * @throws what undici reports (mapped by the client); `VipConnectionError` for a failure of the proxy leg;
   * `VipProtocolError` for a (decoded) body over `maxResponseBytes`, a content coding it cannot decode or a corrupt
   * encoded body; `VipConfigurationError` once the transport is closed.
   */
  async send(request: SoapHttpRequest): Promise<SoapHttpResponse> {
    if (this.#closed) throw new VipConfigurationError('The transport has been closed; create a new client');
    return exchange(this.#dispatcher, {
      url: new URL(request.url),
      headers: request.headers,
      body: request.body,
      signal: request.signal,
      maxBytes: request.maxResponseBytes,
    });
  }

  /** Closes the pooled connections, if this transport created them; later sends fail. Safe to call twice. */
  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    if (this.#ownsDispatcher) await this.#dispatcher.close();
  }
}

function buildDispatcher(options: UndiciTransportOptions, tlsConnect: VipConnectOptions | undefined): Dispatcher {
  const pool = {
    connections: positiveInteger(options.connections ?? 64, 'connections'),
    keepAliveTimeout: positiveInteger(options.keepAliveTimeoutMs ?? 4000, 'keepAliveTimeoutMs'),
  };
  // Without a certificate (a plain-HTTP mock, say) the server must still be verified, whatever the environment says.
  const connect: VipConnectOptions = tlsConnect ?? { ...VERIFY_SERVER, secureContext: isolatedSecureContext({ minVersion: 'TLSv1.2' }) };
  const factory = poolsMarkingSetupFailures({ clientCertificate: tlsConnect !== undefined });
  if (options.proxy === undefined) return new Agent({ ...pool, connect, factory });
  return createProxyAgent(options.proxy, { ...pool, requestTls: connect, factory });
}

function positiveInteger(value: number, name: string): number {
  if (!Number.isInteger(value) || value < 1) {
    throw new VipConfigurationError(`${name} must be a positive integer, got ${String(value)}`);
  }
  return value;
}
