/**
 * Where the connection to VIP goes: the endpoint (configured, VIP's default, or the embedded mock) and the proxy in
 * between, if any. The first network hop is the proxy when there is one, since it resolves and reaches VIP itself.
 */
import { isIP } from 'node:net';
import { DEFAULT_ENDPOINT } from '../../index.js';
import type { CliConfig } from '../config.js';
import { ENVIRONMENT } from '../config.js';
import { type Check, fail, pass } from './checks.js';

/** A host and TCP port. */
export interface HostPort {
  readonly host: string;
  readonly port: number;
}

export interface ProxyRoute extends HostPort {
  /** The proxy's URL without its credentials, safe to print. */
  readonly display: string;
  /** `https:` proxies are reached over TLS before the CONNECT request. */
  readonly secure: boolean;
  /** The `Proxy-Authorization` header value for credentials in the URL. Never printed. */
  readonly authorization: string | undefined;
}

export interface Route {
  readonly endpoint: URL;
  /** VIP's host and port. */
  readonly target: HostPort;
  readonly secure: boolean;
  readonly proxy: ProxyRoute | undefined;
}

export interface RouteResult {
  /** The `endpoint` check. */
  readonly endpoint: Check;
  /** The `proxy` check when the proxy setting itself is unusable; the tunnel is checked later otherwise. */
  readonly proxyProblem: Check | undefined;
  /** Undefined when the endpoint or the proxy setting is unusable. */
  readonly route: Route | undefined;
}

/**
 * Reads the endpoint and proxy settings.
 * @param mockUrl The embedded mock's URL with `--mock`; the mock is reached directly, as `connect` does.
 */
export function resolveRoute(config: CliConfig, mockUrl: string | undefined): RouteResult {
  const text = mockUrl ?? config.endpoint?.value ?? DEFAULT_ENDPOINT;
  const source =
    mockUrl !== undefined
      ? 'embedded mock server, --mock'
      : config.endpoint === undefined
        ? "VIP's default"
        : `from ${config.endpoint.name}`;
  const endpoint = parseUrl(text);
  if (endpoint === undefined || (endpoint.protocol !== 'https:' && endpoint.protocol !== 'http:')) {
    return {
      endpoint: fail(
        'endpoint',
        `${JSON.stringify(text)} (${source}) is not an http(s) URL`,
        `give the endpoint as a URL, e.g. --endpoint ${DEFAULT_ENDPOINT}`,
      ),
      proxyProblem: undefined,
      route: undefined,
    };
  }
  const secure = endpoint.protocol === 'https:';
  const target = { host: hostOf(endpoint), port: portOf(endpoint) };
  const plain = secure ? '' : '; plain HTTP without TLS: for test servers and the mock only';
  const endpointCheck = pass('endpoint', `${endpoint.origin} (${source})${plain}`, { info: { url: endpoint.href } });
  if (config.proxy === undefined || mockUrl !== undefined) {
    return { endpoint: endpointCheck, proxyProblem: undefined, route: { endpoint, target, secure, proxy: undefined } };
  }
  const proxyUrl = parseUrl(config.proxy.value);
  if (proxyUrl === undefined || (proxyUrl.protocol !== 'http:' && proxyUrl.protocol !== 'https:')) {
    return {
      endpoint: endpointCheck,
      // Never repeat the setting: a proxy URL can hold a password.
      proxyProblem: fail(
        'proxy',
        `the proxy setting (from ${config.proxy.name}) is not an http(s) URL`,
        `give it as http://host:port, with credentials if needed (http://user:password@host:port, best in ${ENVIRONMENT.proxy})`,
      ),
      route: undefined,
    };
  }
  return { endpoint: endpointCheck, proxyProblem: undefined, route: { endpoint, target, secure, proxy: proxyRoute(proxyUrl) } };
}

function proxyRoute(url: URL): ProxyRoute {
  const credentials =
    url.username === '' && url.password === '' ? undefined : `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}`;
  return {
    host: hostOf(url),
    port: portOf(url),
    display: `${url.protocol}//${url.host}${credentials === undefined ? '' : ' (with credentials)'}`,
    secure: url.protocol === 'https:',
    authorization: credentials === undefined ? undefined : `Basic ${Buffer.from(credentials).toString('base64')}`,
  };
}

function parseUrl(text: string): URL | undefined {
  try {
    return new URL(text);
  } catch {
    return undefined;
  }
}

/** The host without the brackets URL keeps around IPv6 addresses, as `net.connect` and `dns.lookup` want it. */
function hostOf(url: URL): string {
  return url.hostname.startsWith('[') ? url.hostname.slice(1, -1) : url.hostname;
}

function portOf(url: URL): number {
  if (url.port !== '') return Number(url.port);
  return url.protocol === 'https:' ? 443 : 80;
}

/** `host:port`, with IPv6 addresses bracketed. */
export function hostPort({ host, port }: HostPort): string {
  return `${isIP(host) === 6 ? `[${host}]` : host}:${port}`;
}
