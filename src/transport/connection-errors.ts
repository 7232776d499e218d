/**
 * Translates network and TLS failures (from undici, Node's fetch, or nock) into `VipConnectionError`s with a
 * readable message, the underlying error code, and whether the request certainly never reached the server. Failures
 * on the way to a proxy are reported as the proxy's.
 */
import { type CallContext, VipConnectionError } from '../errors/request-errors.js';
import { type SetupFailure, setupFailureOf } from './connection-setup.js';
import { httpParserReason } from './http-framing-errors.js';
import { type ProxyFailure, proxyFailureOf } from './proxy-failure.js';

interface FailureKind {
  /** The message, given `host[:port]`. */
  describe: (host: string) => string;
  requestNotSent: boolean;
}

/** Failures that happen before a connection exists, so nothing can have been sent. */
const CONNECT_FAILURES: Readonly<Record<string, string>> = {
  ECONNREFUSED: 'the connection was refused',
  ENOTFOUND: 'the host name could not be resolved',
  EAI_AGAIN: 'the host name could not be resolved (temporary DNS failure)',
  EAI_FAIL: 'the host name could not be resolved',
  ENETUNREACH: 'the network is unreachable',
  ENETDOWN: 'the network is down',
  EHOSTUNREACH: 'the host is unreachable',
  EHOSTDOWN: 'the host is down',
  EADDRNOTAVAIL: 'no local address is available',
  UND_ERR_CONNECT_TIMEOUT: 'connecting timed out',
};

/** The peer's certificate failed our verification (Node/OpenSSL verify codes): what is wrong with it. */
const CERTIFICATE_PROBLEMS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: "is not valid yet (check this machine's clock)",
  CERT_REVOKED: 'has been revoked',
  ERR_TLS_CERT_ALTNAME_INVALID: 'was not issued for this host name',
  HOSTNAME_MISMATCH: 'was not issued for this host name',
};

/** The peer's certificate chain does not lead to a CA we trust, or is unusable as a chain. */
const UNTRUSTED_SERVER_CERTIFICATE = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_GET_ISSUER_CERT',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_DECRYPT_CERT_SIGNATURE',
  'UNABLE_TO_DECODE_ISSUER_PUBLIC_KEY',
  'CERT_SIGNATURE_FAILURE',
  'CERT_CHAIN_TOO_LONG',
  'PATH_LENGTH_EXCEEDED',
  'INVALID_CA',
  'INVALID_PURPOSE',
  'CERT_UNTRUSTED',
  'CERT_REJECTED',
  'ERR_TLS_CERT_SIGNATURE_ALGORITHM_UNSUPPORTED',
]);

/**
 * TLS alerts by name. Node turns an alert received from the server into `ERR_SSL_<prefix>_ALERT_<NAME>`, and the
 * prefix depends on the OpenSSL version as well as the alert (`SSLV3`, `TLSV1`, `TLSV13`; OpenSSL 3.2+ says
 * `SSL/TLS` where older versions said `SSLV3`), so only the name is compared.
 */
const TLS_ALERT = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13|SSL\/TLS)_ALERT_([A-Z_]+)$/;

/** Alerts a server sends when it does not accept the client certificate. */
const CLIENT_CERTIFICATE_ALERTS = new Set([
  'CERTIFICATE_REQUIRED',
  'UNKNOWN_CA',
  'BAD_CERTIFICATE',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_UNKNOWN',
  'UNSUPPORTED_CERTIFICATE',
  'ACCESS_DENIED',
]);

/** Other alerts that a server can only send while the handshake is negotiated. */
const HANDSHAKE_ALERTS = new Set(['HANDSHAKE_FAILURE', 'PROTOCOL_VERSION', 'INSUFFICIENT_SECURITY', 'NO_APPLICATION_PROTOCOL']);

/**
 * Local errors that can only occur while the handshake is negotiated. OpenSSL errors later in a connection (a bad
 * record MAC, say) are deliberately absent: by then the request may have been delivered.
 */
const HANDSHAKE_FAILURES = new Set([
  'ERR_SSL_WRONG_VERSION_NUMBER',
  'ERR_SSL_UNSUPPORTED_PROTOCOL',
  'ERR_SSL_NO_PROTOCOLS_AVAILABLE',
  'ERR_SSL_PACKET_LENGTH_TOO_LONG',
  'ERR_TLS_HANDSHAKE_TIMEOUT',
]);

/** The connection broke at a point where the server may already have received (and acted on) the request. */
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'ECONNABORTED', 'ETIMEDOUT', 'UND_ERR_SOCKET']);

/** Where a connection failed: its scheme, and what is known when it failed before it was established. */
interface FailurePoint {
  secure: boolean;
  setup: SetupFailure | undefined;
}

function classify(code: string, { secure, setup }: FailurePoint): FailureKind {
  const connectFailure = CONNECT_FAILURES[code];
  if (connectFailure !== undefined) {
    return { describe: (host) => `Could not connect to ${host}: ${connectFailure} (${code})`, requestNotSent: true };
  }
  const certificateProblem = CERTIFICATE_PROBLEMS[code];
  if (certificateProblem !== undefined) {
    return {
      describe: (host) => `TLS handshake with ${host} failed: the server's certificate ${certificateProblem} (${code})`,
      requestNotSent: true,
    };
  }
  if (UNTRUSTED_SERVER_CERTIFICATE.has(code)) {
    return {
      describe: (host) =>
        `TLS handshake with ${host} failed: the server's certificate is not trusted (${code}); ` +
        'if the server uses a private CA, add it with tls.ca',
      requestNotSent: true,
    };
  }
  const alert = TLS_ALERT.exec(code)?.[1];
  if (alert !== undefined && CLIENT_CERTIFICATE_ALERTS.has(alert)) {
    return {
      describe: (host) =>
        `No client certificate was accepted by ${host} (${code}): check that tls holds this account's current ` +
        'VIP certificate, issued by VIP and neither expired nor revoked',
      requestNotSent: true,
    };
  }
  if (alert === 'HANDSHAKE_FAILURE') {
    return {
      describe: (host) =>
        `TLS handshake with ${host} failed: the server rejected it (${code}); with VIP this usually means no client ` +
        'certificate, or one it does not accept, was presented',
      requestNotSent: true,
    };
  }
  if ((alert !== undefined && HANDSHAKE_ALERTS.has(alert)) || HANDSHAKE_FAILURES.has(code)) {
    return { describe: (host) => `TLS handshake with ${host} failed (${code})`, requestNotSent: true };
  }
  if (CONNECTION_LOST.has(code) && setup !== undefined) {
    return { describe: (host) => describeClosedDuringSetup(host, code, secure, setup), requestNotSent: true };
  }
  if (CONNECTION_LOST.has(code)) {
    // Under TLS 1.3 the server checks the client certificate after the client considers the handshake done, and
    // undici then reports only "other side closed": the rejection cannot be told apart from a dropped connection.
    const hint = secure && code === 'UND_ERR_SOCKET' ? '; a server rejecting the client certificate under TLS 1.3 looks the same' : '';
    return {
      describe: (host) => `The connection to ${host} was lost before a complete response arrived (${code})${hint}`,
      requestNotSent: false,
    };
  }
  return { describe: (host) => `The request to ${host} failed (${code})`, requestNotSent: false };
}

/**
 * Under TLS 1.2 the client certificate is checked inside the handshake, and many servers (Node's among them) refuse
 * one by closing the connection there, without an alert: Node then reports ECONNRESET ("Client network socket
 * disconnected before secure TLS connection was established").
 */
function describeClosedDuringSetup(host: string, code: string, secure: boolean, setup: SetupFailure): string {
  if (!secure) return `The connection to ${host} was lost while connecting (${code})`;
  const hint = setup.clientCertificate ? '; a server rejecting the client certificate looks like this' : '';
  return `The connection to ${host} was closed during the TLS handshake (${code})${hint}`;
}

/**
 * Refusals that asking again cannot change: the proxy wants other credentials, or does not allow the destination.
 * Gateway errors (502-504) may pass.
 */
const FINAL_TUNNEL_REFUSALS: ReadonlySet<number> = new Set([403, 407]);

/** Statuses a proxy commonly refuses a tunnel with: the reason phrase, and what it means here. */
const TUNNEL_REFUSALS: Readonly<Record<number, readonly [phrase: string, meaning?: string]>> = {
  403: ['Forbidden', 'the proxy does not allow tunnels to this host'],
  407: ['Proxy Authentication Required', 'check the user name and password in the proxy URL'],
  502: ['Bad Gateway', 'the proxy could not reach the host'],
  503: ['Service Unavailable'],
  504: ['Gateway Timeout', 'the proxy could not reach the host in time'],
};

function describeRefusal(proxy: string, target: string, status: number): string {
  const [phrase, meaning] = TUNNEL_REFUSALS[status] ?? [];
  const refusal = `The proxy ${proxy} refused the tunnel to ${target} with HTTP ${status}`;
  if (phrase === undefined) return refusal;
  return `${refusal} (${phrase})${meaning === undefined ? '' : `: ${meaning}`}`;
}

/**
 * Describes a failure of the proxy leg, naming the proxy and never VIP; nothing was sent to VIP. The cause is the
 * error from the proxy connection, except for a broken HTTP answer, whose raw bytes could echo the request with its
 * `proxy-authorization` header.
 */
function toProxyConnectionError(failure: ProxyFailure, context: CallContext): VipConnectionError {
  const { proxy, target, status } = failure;
  const notSent = { ...context, requestNotSent: true };
  if (status !== undefined) {
    return new VipConnectionError(describeRefusal(proxy, target, status), { ...notSent, retryable: !FINAL_TUNNEL_REFUSALS.has(status) });
  }
  const cause = failure.cause;
  const parserReason = httpParserReason(cause);
  if (parserReason !== undefined) {
    return new VipConnectionError(`The proxy ${proxy} did not answer the tunnel request with valid HTTP/1.1: ${parserReason}`, notSent);
  }
  const code = errorCode(cause);
  const withCause = { ...notSent, code, cause };
  if (code === undefined) {
    return new VipConnectionError(`The tunnel through the proxy ${proxy} failed: ${describeUncoded(cause)}`, withCause);
  }
  const connectFailure = CONNECT_FAILURES[code];
  if (connectFailure !== undefined) {
    return new VipConnectionError(`Could not connect to the proxy ${proxy}: ${connectFailure} (${code})`, withCause);
  }
  const certificateProblem = CERTIFICATE_PROBLEMS[code];
  if (certificateProblem !== undefined) {
    return new VipConnectionError(
      `TLS handshake with the proxy ${proxy} failed: its certificate ${certificateProblem} (${code})`,
      withCause,
    );
  }
  if (UNTRUSTED_SERVER_CERTIFICATE.has(code)) {
    return new VipConnectionError(
      `TLS handshake with the proxy ${proxy} failed: its certificate is not trusted (${code}); add its CA with proxy.ca`,
      withCause,
    );
  }
  if (TLS_ALERT.test(code) || HANDSHAKE_FAILURES.has(code)) {
    return new VipConnectionError(`TLS handshake with the proxy ${proxy} failed (${code})`, withCause);
  }
  if (CONNECTION_LOST.has(code)) {
    return new VipConnectionError(
      `The connection to the proxy ${proxy} was lost before the tunnel to ${target} was open (${code})`,
      withCause,
    );
  }
  return new VipConnectionError(`The tunnel through the proxy ${proxy} failed (${code})`, withCause);
}

/** Error codes of test interceptors (nock, undici's MockAgent) that found no reply for a request. */
const UNMATCHED_INTERCEPTOR: Readonly<Record<string, string>> = {
  ERR_NOCK_NO_MATCH: 'nock',
  UND_MOCK_ERR_MOCK_NOT_MATCHED: "undici's MockAgent",
};

/**
 * Wraps a network or TLS failure. The original error stays available as `cause`.
 * @param error What undici, fetch or an interceptor threw; `fetch`'s `TypeError('fetch failed')` is unwrapped, and a
 * failure of the proxy leg is described as the proxy's.
 * @param url The service URL: its `host[:port]` goes into the message, its scheme decides which hints apply.
 * @param context The call, copied onto the error.
 */
export function toConnectionError(error: unknown, url: URL, context: CallContext): VipConnectionError {
  const proxyFailure = proxyFailureOf(error);
  if (proxyFailure !== undefined) return toProxyConnectionError(proxyFailure, context);
  const { host } = url;
  const code = errorCode(error);
  if (code === undefined) {
    return new VipConnectionError(`The request to ${host} failed: ${describeUncoded(error)}`, { ...context, cause: error });
  }
  const interceptor = UNMATCHED_INTERCEPTOR[code];
  if (interceptor !== undefined) {
    // Test interceptors quote the whole request body in this message, OTPs and PINs included, so it must not travel
    // as cause.
    return new VipConnectionError(`${interceptor} has no interceptor matching the request to ${host} (${code})`, {
      ...context,
      code,
      requestNotSent: true,
    });
  }
  const kind = classify(code, { secure: url.protocol === 'https:', setup: setupFailureOf(error) });
  return new VipConnectionError(kind.describe(host), {
    ...context,
    code,
    requestNotSent: kind.requestNotSent,
    cause: error,
  });
}

/**
 * Finds the most specific error code: fetch hides the real error in `cause` (sometimes two levels deep), and
 * Node's "happy eyeballs" connect reports an `AggregateError` whose members carry the codes.
 */
function errorCode(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && typeof current === 'object' && current !== null; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && code !== '') return code;
    const members = (current as { errors?: unknown }).errors;
    if (Array.isArray(members) && members.length > 0) {
      current = members[0];
      continue;
    }
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

// Only the error's class name: network error messages are harmless, but a message from an unknown interceptor could
// quote anything, including the request body. The full error remains in `cause`.
function describeUncoded(error: unknown): string {
  return error instanceof Error ? `${error.name} without an error code` : 'a non-Error value was thrown';
}
