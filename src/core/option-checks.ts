/**
 * The building blocks of option validation: unknown names caught with a suggestion, and the rules every service URL
 * must meet. A mistyped option must not be ignored silently: `endpointUrl` instead of `endpoint` would send every
 * call to production VIP.
 */
import { VipConfigurationError } from '../errors/request-errors.js';

/** Names other SDKs use for our options, mapped to ours, for the "did you mean" hint. */
const FAMILIAR_NAMES: Readonly<Record<string, readonly string[]>> = {
  timeout: ['timeoutMs'],
  requestTimeout: ['timeoutMs'],
  retries: ['retry'],
  maxRetries: ['retry', 'maxAttempts'],
  endpointUrl: ['endpoint'],
  baseUrl: ['endpoint'],
  baseURL: ['endpoint'],
  url: ['endpoint'],
  agent: ['dispatcher'],
  httpsAgent: ['dispatcher'],
  cert: ['tls', 'ca'],
  key: ['tls'],
  pfx: ['tls'],
  ca: ['tls'],
  passphrase: ['tls'],
  password: ['passphrase', 'tls'],
  accountId: ['onBehalfOfAccountId'],
  maxSockets: ['connections'],
  keepAliveTimeout: ['keepAliveTimeoutMs'],
  interval: ['intervalMs'],
  attempts: ['maxAttempts'],
};

/** Edit distance between two short names (insertions, deletions, substitutions). */
function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] as number) + 1, (current[j - 1] as number) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] as number;
}

/** The known name closest to `name`, when one is close enough to be a likely typo. */
export function nearestName(name: string, known: readonly string[]): string | undefined {
  const familiar = Object.hasOwn(FAMILIAR_NAMES, name)
    ? (FAMILIAR_NAMES[name] as readonly string[]).find((meant) => known.includes(meant))
    : undefined;
  if (familiar !== undefined) return familiar;
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of known) {
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= Math.max(2, Math.floor(name.length / 3)) ? best : undefined;
}

/**
 * Refuses any own property of `value` that is not a known option name.
 * @param path Where the object sits, e.g. `options` or `tls`, for the message.
 * @throws {VipConfigurationError} naming the unknown option and, when one is close, the option that was meant.
 */
export function checkKnownNames(value: object, known: readonly string[], path: string): void {
  for (const name of Object.keys(value)) {
    if (known.includes(name)) continue;
    const nearest = nearestName(name, known);
    const hint = nearest === undefined ? `; the known options are ${known.join(', ')}` : `; did you mean ${nearest}?`;
    throw new VipConfigurationError(`${path === '' ? '' : `${path}.`}${printableName(name)} is not an option${hint}`);
  }
}

function printableName(name: string): string {
  return /^[\w$.-]{1,64}$/.test(name) ? name : JSON.stringify(name.slice(0, 64));
}

/** An object of options, or `undefined`; anything else is refused. */
export function checkObject<T extends object>(value: unknown, name: string): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new VipConfigurationError(`${name} must be an object`);
  return value as T;
}

/** Loopback hosts, where plain HTTP never leaves the machine (the mock server, tests). */
export function isLoopback(hostname: string): boolean {
  // Stryker disable next-line Regex: a parsed hostname has brackets only around an IPv6 address, so both anchors hold
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || host === '::1' || /^127(?:\.\d{1,3}){3}$/.test(host);
}

/** What a service URL is checked against. */
export interface UrlRules {
  /** `allowInsecureHttp` was set: `http:` is accepted for any host. */
  allowInsecureHttp: boolean;
  /** A client certificate is configured: then `http:` is never accepted, it would carry no TLS at all. */
  hasClientCertificate: boolean;
}

/**
 * Parses and checks one service URL: `https:`, or `http:` for a loopback host (or with `allowInsecureHttp`), never
 * `http:` together with a client certificate; no credentials, query or fragment.
 * @throws {VipConfigurationError} naming the option and the rule.
 */
export function checkServiceUrl(value: unknown, name: string, rules: UrlRules): URL {
  if (typeof value !== 'string' && !(value instanceof URL)) throw new VipConfigurationError(`${name} must be a URL string or a URL`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new VipConfigurationError(`${name} is not a valid absolute URL`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new VipConfigurationError(`${name} must be an https: URL, not ${url.protocol}`);
  }
  if (url.username !== '' || url.password !== '') throw new VipConfigurationError(`${name} must not hold credentials`);
  if (url.search !== '' || url.hash !== '') throw new VipConfigurationError(`${name} must not have a query or a fragment`);
  if (url.protocol === 'http:') {
    if (rules.hasClientCertificate) {
      throw new VipConfigurationError(
        `${name} is plain http: but a client certificate (tls) is configured; VIP is reached over https: only`,
      );
    }
    if (!rules.allowInsecureHttp && !isLoopback(url.hostname)) {
      throw new VipConfigurationError(
        `${name} is plain http: to ${url.host}, which would send one-time codes unencrypted; use https:, ` +
          'or set allowInsecureHttp: true for a test server that is not on this machine',
      );
    }
  }
  return url;
}
