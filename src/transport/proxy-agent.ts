/**
 * The undici `ProxyAgent` behind the `proxy` option. The connection to an https: proxy is verified strictly (it
 * receives the proxy password), against Node's roots plus `proxy.ca`, and every failure on the way to the proxy is
 * marked as the proxy's, so it is never reported as VIP's.
 */
import { type buildConnector, type Dispatcher, Pool, ProxyAgent } from 'undici';
import { VipConfigurationError } from '../errors/request-errors.js';
import { isolatedSecureContext, trustOptions, VERIFY_SERVER } from './certificate-authorities.js';
import { ProxyFailure } from './proxy-failure.js';
import type { VipConnectOptions } from './tls-credentials.js';

/** The `proxy` option in its long form, for an https: proxy with a certificate from a private CA. */
export interface VipProxyOptions {
  /**
   * The proxy's `http:` or `https:` URL, e.g. `https://user:password@proxy.example:3128`. Credentials in it are sent
   * to the proxy only (as `proxy-authorization` on CONNECT) and never appear in errors.
   */
  url: string | URL;
  /**
   * Extra CAs (PEM or DER) for verifying an `https:` proxy's certificate, added to Node's default roots (like
   * `tls.ca`, which applies to VIP only). Only for an `https:` proxy URL.
   */
  ca?: string | Buffer | Array<string | Buffer> | undefined;
}

/** The `proxy` option: the proxy's URL, or {@link VipProxyOptions}. */
export type VipProxy = string | URL | VipProxyOptions;

/** Settings of the agent that are not the proxy's own. */
export interface ProxyAgentSettings {
  /** Sockets per origin. */
  connections: number;
  /** Idle keep-alive time in milliseconds. */
  keepAliveTimeout: number;
  /** TLS towards VIP, inside the tunnel: the client certificate and VIP's trust settings. */
  requestTls: VipConnectOptions;
  /** Builds the pools towards VIP (see `poolsMarkingSetupFailures`). */
  factory: (origin: string | URL, options: object) => Dispatcher;
}

/**
 * Builds the agent that tunnels every request to VIP through the proxy with CONNECT.
 * @throws {VipConfigurationError} when the option is not a URL or `{ url, ca }`, the URL is invalid or neither http:
 * nor https:, or a CA is unreadable or given for an http: proxy. Messages never repeat the URL.
 */
export function createProxyAgent(proxy: VipProxy, settings: ProxyAgentSettings): ProxyAgent {
  const { url, ca } = readProxyOption(proxy);
  const proxyTls = {
    // Spelled out: Node's default reads NODE_TLS_REJECT_UNAUTHORIZED, which must not switch off the verification of
    // the host that receives the proxy password.
    ...VERIFY_SERVER,
    secureContext: isolatedSecureContext(trustOptions(ca, 'proxy.ca')),
  } satisfies buildConnector.BuildOptions;
  const name = proxyName(url);
  return new ProxyAgent({
    connections: settings.connections,
    keepAliveTimeout: settings.keepAliveTimeout,
    uri: url.href,
    proxyTls,
    requestTls: settings.requestTls,
    factory: settings.factory,
    // undici reads the credentials from the URL before it calls this, so the proxy's own pool gets the URL without
    // them: nothing it reports can contain them.
    clientFactory: (origin, options) => new ProxyTunnels(withoutCredentials(origin), options as Pool.Options, name),
  });
}

/**
 * The pool of connections to the proxy. undici's ProxyAgent uses it for nothing but CONNECT requests (lib/dispatcher/
 * proxy-agent.js), so whatever it reports is a failure of the proxy leg; a refusal of the tunnel becomes one too,
 * with the proxy's status. Exported for its tests only.
 */
export class ProxyTunnels extends Pool {
  readonly #proxy: string;

  constructor(origin: URL, options: Pool.Options, proxy: string) {
    super(origin, options);
    this.#proxy = proxy;
  }

  override connect(options: Omit<Dispatcher.ConnectOptions, 'origin'>): Promise<Dispatcher.ConnectData>;
  override connect(
    options: Omit<Dispatcher.ConnectOptions, 'origin'>,
    callback: (error: Error | null, data: Dispatcher.ConnectData) => void,
  ): void;
  override connect(
    options: Omit<Dispatcher.ConnectOptions, 'origin'>,
    callback?: (error: Error | null, data: Dispatcher.ConnectData) => void,
  ): Promise<Dispatcher.ConnectData> | undefined {
    const tunnel = this.#openTunnel(options);
    if (callback === undefined) return tunnel;
    tunnel.then(
      (data) => callback(null, data),
      (error: Error) => callback(error, undefined as unknown as Dispatcher.ConnectData),
    );
    return undefined;
  }

  async #openTunnel(options: Omit<Dispatcher.ConnectOptions, 'origin'>): Promise<Dispatcher.ConnectData> {
    let data: Dispatcher.ConnectData;
    try {
      data = await super.connect(options);
    } catch (error) {
      throw new ProxyFailure(this.#proxy, options.path, { cause: error });
    }
    if (data.statusCode !== 200) {
      data.socket.on('error', () => undefined).destroy();
      throw new ProxyFailure(this.#proxy, options.path, { status: data.statusCode });
    }
    return data;
  }
}

function readProxyOption(proxy: unknown): { url: URL; ca: VipProxyOptions['ca'] } {
  if (typeof proxy === 'string' || proxy instanceof URL) return { url: proxyUrl(proxy, 'proxy'), ca: undefined };
  if (typeof proxy !== 'object' || proxy === null) {
    throw new VipConfigurationError('proxy must be a URL or an object { url, ca }');
  }
  const { url: given, ca } = proxy as Partial<VipProxyOptions>;
  const url = proxyUrl(given, 'proxy.url');
  if (ca !== undefined && url.protocol !== 'https:') {
    throw new VipConfigurationError('proxy.ca applies only to an https: proxy URL');
  }
  return { url, ca };
}

function proxyUrl(value: unknown, label: string): URL {
  let url: URL;
  try {
    url = new URL(value as string | URL);
  } catch {
    // The URL may hold proxy credentials, so it is not repeated in the message.
    throw new VipConfigurationError(`${label} is not a valid URL`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new VipConfigurationError(`${label} must be an http: or https: URL, not ${url.protocol}`);
  }
  return url;
}

/** `host:port`, with the default port spelled out so messages always show which port was tried. */
function proxyName(url: URL): string {
  return `${url.hostname}:${url.port === '' ? (url.protocol === 'https:' ? '443' : '80') : url.port}`;
}

function withoutCredentials(url: URL): URL {
  const bare = new URL(url.href);
  bare.username = '';
  bare.password = '';
  return bare;
}
