/**
 * The TLS checks: the handshake with the client certificate (`tls handshake`: protocol, cipher, whether the server
 * accepts the certificate) and the server's certificate (`server certificate`: its chain, whether it is trusted and
 * issued for the host). The handshake is made with the SDK's settings (TLS 1.2 or later, Node's roots plus `--ca`)
 * but without aborting on a bad server certificate, so the chain can be shown and both of its problems (trust, host
 * name) reported. Nothing is sent over a connection whose server failed verification.
 */
import { X509Certificate } from 'node:crypto';
import { isIP } from 'node:net';
import type { Duplex } from 'node:stream';
import * as nodeTls from 'node:tls';
import type { DetailedPeerCertificate, PeerCertificate, TLSSocket } from 'node:tls';
import { VERSION, type VipTlsOptions } from '../../index.js';
import { ENVIRONMENT } from '../config.js';
import { type CertificateFacts, certificateFacts, describeBriefly } from './certificate-facts.js';
import { type Check, type Finding, checkOf, fail, pass } from './checks.js';
import { type StepLimits, StepTimeout, errorCode, withDeadline } from './deadline.js';
import { keepErrorsQuiet, settled } from './network.js';
import { type HostPort, hostPort } from './route.js';

export interface HandshakeRequest {
  /** The connection to VIP (a TCP socket, or a tunnel through the proxy). */
  readonly channel: Duplex;
  /** VIP's host and port: the name the certificate must be issued for. */
  readonly target: HostPort;
  /** The TLS settings as read; the client certificate in them is presented only when `presentCertificate`. */
  readonly tls: VipTlsOptions | undefined;
  /** The client certificate opened and its key matches (see the certificate checks). */
  readonly presentCertificate: boolean;
  /** The client certificate's subject, for messages. */
  readonly subject: string | undefined;
  readonly limits: StepLimits;
  readonly now: Date;
}

export interface HandshakeReport {
  readonly handshake: Check;
  /** Undefined when the handshake did not get as far as the server's certificate. */
  readonly serverCertificate: Check | undefined;
  /**
   * Why a call through the SDK cannot succeed after what the handshake showed (it failed, the server failed
   * verification, no client certificate was presented or it was refused); undefined when it can.
   */
  readonly blocker: string | undefined;
}

/**
 * TLS alerts by name. Node turns an alert from the server into `ERR_SSL_<prefix>_ALERT_<NAME>`, with a prefix that
 * depends on the alert and the OpenSSL version (`SSLV3`, `TLSV1`, `TLSV13`, `SSL/TLS`), so only the name counts.
 */
const TLS_ALERT = /^ERR_SSL_(?:SSLV3|TLSV1|TLSV13|SSL\/TLS)_ALERT_([A-Z_]+)$/;

/** Alerts a server sends when it does not accept (or did not get) a client certificate. */
const CLIENT_CERTIFICATE_ALERTS: ReadonlySet<string> = new Set([
  'CERTIFICATE_REQUIRED',
  'UNKNOWN_CA',
  'BAD_CERTIFICATE',
  'CERTIFICATE_EXPIRED',
  'CERTIFICATE_REVOKED',
  'CERTIFICATE_UNKNOWN',
  'UNSUPPORTED_CERTIFICATE',
  'ACCESS_DENIED',
  'DECRYPT_ERROR',
]);

const NO_COMMON_VERSION: ReadonlySet<string> = new Set(['ERR_SSL_UNSUPPORTED_PROTOCOL', 'ERR_SSL_NO_PROTOCOLS_AVAILABLE']);
const NOT_TLS: ReadonlySet<string> = new Set(['ERR_SSL_WRONG_VERSION_NUMBER', 'ERR_SSL_PACKET_LENGTH_TOO_LONG', 'ERR_SSL_HTTP_REQUEST']);

/** OpenSSL's verification errors, as Node reports them in `authorizationError`: what is wrong with the chain. */
const CHAIN_PROBLEMS: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: 'has expired',
  CERT_NOT_YET_VALID: "is not valid yet (check this machine's clock)",
  DEPTH_ZERO_SELF_SIGNED_CERT: 'is self-signed',
  SELF_SIGNED_CERT_IN_CHAIN: 'leads to a root CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT: 'was issued by a CA this machine does not trust',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'was issued by a CA this machine does not trust (or the server leaves out an intermediate CA)',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'was issued by a CA this machine does not trust (or the server leaves out an intermediate CA)',
  CERT_REVOKED: 'has been revoked',
};

/** Chain problems that more trust would not solve. */
const CHAIN_FIXES: Readonly<Record<string, string>> = {
  CERT_HAS_EXPIRED: "the server's certificate must be renewed by its owner; check that the endpoint is VIP's",
  CERT_NOT_YET_VALID: "check this machine's clock (see clock skew)",
  CERT_REVOKED: "check that the endpoint is VIP's; a revoked certificate must not be trusted",
};

const CLIENT_CERTIFICATE_FIX =
  "VIP accepts only the account's current VIP certificate: check that this is the one from VIP Manager > Account > " +
  "Manage VIP Certificates for the account behind this endpoint, not an older one or another account's, and that it is " +
  'neither expired nor revoked (see the certificate checks)';

const TRUST_FIX =
  `if the server is a test server with a private CA, or VIP seen through a TLS-inspecting proxy, give that CA with --ca FILE ` +
  `(or ${ENVIRONMENT.ca}); VIP's own chain ends at DigiCert Global Root G2 (Broadcom KB 272572), which Node.js trusts, ` +
  "so an untrusted chain on VIP's real host means something in between replaced it. Do not pin VIP's certificate";

/** Performs the handshake, checks the server's certificate and asks whether the client certificate was accepted. */
export async function shakeHands(request: HandshakeRequest): Promise<HandshakeReport> {
  const { target, limits } = request;
  const socket = keepErrorsQuiet(nodeTls.connect(connectOptions(request)));
  try {
    await withDeadline(limits, settled(socket, 'secureConnect'), () => socket.destroy());
  } catch (error) {
    socket.destroy();
    return {
      handshake: checkOf('tls handshake', handshakeFailure(error, request)),
      serverCertificate: undefined,
      blocker: 'the TLS handshake failed',
    };
  }
  try {
    const protocol = socket.getProtocol() ?? 'TLS';
    const cipher = socket.getCipher().standardName;
    const server = verifyServer(socket, target, request.now);
    const { finding, blocker } = await acceptance(socket, request, server.trusted);
    return {
      handshake: checkOf(
        'tls handshake',
        { ...finding, detail: `${protocol}, ${cipher}; ${finding.detail}` },
        { info: { protocol, cipher } },
      ),
      serverCertificate: server.check,
      blocker,
    };
  } finally {
    socket.destroy();
  }
}

/** Whether the server accepts the client certificate, asked only of a server that passed verification. */
async function acceptance(
  socket: TLSSocket,
  request: HandshakeRequest,
  trusted: boolean,
): Promise<{ finding: Finding; blocker: string | undefined }> {
  if (!trusted) {
    return {
      finding: { verdict: 'pass', detail: 'the client certificate was not tried: the server failed verification' },
      blocker: "the server's certificate failed verification, and the SDK refuses such a server",
    };
  }
  if (!request.presentCertificate) {
    return {
      finding: { verdict: 'pass', detail: 'no client certificate was presented (see certificate)' },
      blocker: 'there is no usable client certificate',
    };
  }
  const certificate = `the client certificate ${request.subject ?? ''}`.trimEnd();
  const answer = await askForAnswer(socket, request.target, request.limits);
  switch (answer.kind) {
    case 'answered':
      return { finding: { verdict: 'pass', detail: `the server accepted ${certificate}` }, blocker: undefined };
    case 'silent':
      return {
        finding: {
          verdict: 'warn',
          detail: `but no answer to an HTTP request within ${request.limits.timeoutMs} ms, so whether the server accepts ${certificate} is unknown`,
          fix: 'on a slow link raise --timeout; otherwise see server time',
        },
        blocker: undefined,
      };
    case 'refused':
      return {
        finding: { verdict: 'fail', detail: `but the server refused ${certificate}: ${answer.how}`, fix: CLIENT_CERTIFICATE_FIX },
        blocker: 'the server refused the client certificate',
      };
  }
}

function connectOptions(request: HandshakeRequest): nodeTls.ConnectionOptions {
  const { tls, target } = request;
  const identity =
    !request.presentCertificate || tls === undefined
      ? {}
      : tls.pfx === undefined
        ? { cert: tls.cert, key: tls.key, passphrase: tls.passphrase }
        : { pfx: tls.pfx, passphrase: tls.passphrase };
  return {
    socket: request.channel,
    host: target.host,
    // SNI carries host names only (RFC 6066); Node warns when given an IP address.
    ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
    minVersion: 'TLSv1.2',
    // The SDK's trust store: Node's default roots plus --ca (Node would replace its roots with a bare `ca`).
    ...(tls?.ca === undefined ? {} : { ca: [...defaultRoots(), ...[tls.ca].flat()] }),
    // Verified below, where the chain and the host name are reported separately instead of ending the handshake.
    rejectUnauthorized: false,
    checkServerIdentity: nodeTls.checkServerIdentity,
    ...identity,
  };
}

/** Node 22.15+ tells the store it really uses by default; older versions offer the bundled Mozilla roots. */
function defaultRoots(): readonly string[] {
  const getCaCertificates = (nodeTls as { getCACertificates?: (type: 'default') => string[] }).getCACertificates;
  return typeof getCaCertificates === 'function' ? getCaCertificates('default') : nodeTls.rootCertificates;
}

function handshakeFailure(error: unknown, request: HandshakeRequest): Finding {
  const where = hostPort(request.target);
  if (error instanceof StepTimeout) {
    return {
      verdict: 'fail',
      detail: `no TLS answer from ${where} within ${error.ms} ms: something accepts connections there but does not complete a TLS handshake`,
      fix: 'check the port in the endpoint (VIP listens on 443): it may be another service, or a firewall or proxy holding the connection; on a slow link raise --timeout',
    };
  }
  const code = errorCode(error) ?? 'unknown error';
  const alert = TLS_ALERT.exec(code)?.[1];
  const presented = request.presentCertificate;
  const certificateFix = presented ? CLIENT_CERTIFICATE_FIX : 'configure a usable client certificate (see the certificate checks)';
  if (alert !== undefined && CLIENT_CERTIFICATE_ALERTS.has(alert)) {
    return {
      verdict: 'fail',
      detail: presented
        ? `the server refused the client certificate ${request.subject ?? ''} (TLS alert ${alert.toLowerCase()}, ${code})`
        : `the server requires a client certificate and none was presented (TLS alert ${alert.toLowerCase()}, ${code})`,
      fix: certificateFix,
    };
  }
  if (alert === 'HANDSHAKE_FAILURE') {
    return {
      verdict: 'fail',
      detail: `the server rejected the handshake (TLS alert handshake_failure, ${code}); with VIP this usually means ${presented ? 'it does not accept the client certificate' : 'no client certificate was presented'}`,
      fix: certificateFix,
    };
  }
  if (alert === 'PROTOCOL_VERSION' || NO_COMMON_VERSION.has(code)) {
    return {
      verdict: 'fail',
      detail: `${where} and this client share no TLS version (${code}): the SDK speaks TLS 1.2 and 1.3 only`,
      fix: 'check the endpoint: VIP speaks TLS 1.2 and later, so this server (or a proxy in between) is not VIP',
    };
  }
  if (NOT_TLS.has(code)) {
    return {
      verdict: 'fail',
      detail: `${where} does not speak TLS (${code}): it answered with something else, such as plain HTTP`,
      fix: 'use http:// in the endpoint for a plain test server, or the port where the server speaks TLS',
    };
  }
  if (code === 'ECONNRESET' || code === 'EPIPE') {
    return {
      verdict: 'fail',
      detail: `${where} closed the connection during the TLS handshake (${code})${presented ? '; under TLS 1.2 this is how many servers refuse a client certificate' : ''}`,
      fix: presented ? CLIENT_CERTIFICATE_FIX : 'check the endpoint and any firewall or proxy in between',
    };
  }
  return {
    verdict: 'fail',
    detail: `the TLS handshake with ${where} failed (${code})`,
    fix: 'check the endpoint and any firewall or proxy in between',
  };
}

/** The `server certificate` check, from the verification OpenSSL did and Node's host-name check. */
function verifyServer(socket: TLSSocket, target: HostPort, now: Date): { check: Check; trusted: boolean } {
  const peer = socket.getPeerCertificate(true);
  const chain = chainOf(peer);
  const lines = chain.map((facts, index) => `${index === 0 ? 'chain: ' : '       '}${index + 1}. ${describeBriefly(facts, now)}`);
  const info = { chain };
  const chainError = chainErrorOf(socket);
  // Node checks the host name only once the chain verified; checking it here as well reports both problems at once.
  const nameError = peer.raw === undefined ? undefined : nodeTls.checkServerIdentity(target.host, peer);
  const problems: string[] = [];
  const fixes: string[] = [];
  if (chainError !== undefined) {
    problems.push(`${CHAIN_PROBLEMS[chainError] ?? 'failed verification'} (${chainError})`);
    fixes.push(CHAIN_FIXES[chainError] ?? TRUST_FIX);
  }
  if (nameError !== undefined) {
    problems.push(
      `was issued for ${peer.subjectaltname ?? `CN=${peer.subject?.CN ?? '?'}`}, not for ${target.host} (${(nameError as NodeJS.ErrnoException).code ?? 'ERR_TLS_CERT_ALTNAME_INVALID'})`,
    );
    fixes.push(
      "connect with a host name the certificate names (check the endpoint); VIP's API hosts are *.vip.symantec.com, " +
        'e.g. userservices-auth.vip.symantec.com; a TLS-inspecting proxy presents its own certificate instead',
    );
  }
  if (problems.length > 0) {
    return {
      check: fail('server certificate', `the server's certificate ${problems.join(', and ')}`, fixes.join('; '), { lines, info }),
      trusted: false,
    };
  }
  return { check: pass('server certificate', `trusted, and issued for ${target.host}`, { lines, info }), trusted: true };
}

/** OpenSSL's verdict on the chain, leaving out the host-name check Node adds to `authorizationError`. */
function chainErrorOf(socket: TLSSocket): string | undefined {
  // Typed as an Error, but Node sets the verification code (a string) there.
  const code =
    socket.authorizationError === undefined || socket.authorizationError === null ? undefined : String(socket.authorizationError);
  return code === undefined || code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? undefined : code;
}

/** The certificates the server sent, leaf first, up to the root (Node links each to its issuer; a root to itself). */
function chainOf(leaf: DetailedPeerCertificate): CertificateFacts[] {
  const chain: CertificateFacts[] = [];
  const seen = new Set<string>();
  let current: PeerCertificate | undefined = leaf;
  while (current?.raw !== undefined && !seen.has(current.fingerprint256)) {
    seen.add(current.fingerprint256);
    chain.push(certificateFacts(new X509Certificate(current.raw)));
    current = (current as DetailedPeerCertificate).issuerCertificate;
  }
  return chain;
}

type Answer = { kind: 'answered' } | { kind: 'refused'; how: string } | { kind: 'silent' };

/**
 * Sends a bodiless HTTP request and waits for the first byte back. A server that checks the client certificate after
 * the handshake (every TLS 1.3 server) refuses it then: with an alert, or by closing the connection unanswered.
 */
async function askForAnswer(socket: TLSSocket, target: HostPort, limits: StepLimits): Promise<Answer> {
  const answered = new Promise<Answer>((resolve) => {
    socket.once('data', () => resolve({ kind: 'answered' }));
    socket.once('error', (error) => {
      const code = errorCode(error) ?? 'unknown error';
      const alert = TLS_ALERT.exec(code)?.[1];
      resolve({
        kind: 'refused',
        how: alert === undefined ? `the connection failed (${code})` : `TLS alert ${alert.toLowerCase()} (${code})`,
      });
    });
    socket.once('end', () =>
      resolve({
        kind: 'refused',
        how: 'it closed the connection right after the handshake without answering; under TLS 1.3 that is how a server refuses a client certificate',
      }),
    );
  });
  socket.write(
    `HEAD / HTTP/1.1\r\nHost: ${hostPort(target)}\r\nUser-Agent: vip-user-services-doctor/${VERSION}\r\nConnection: close\r\n\r\n`,
  );
  try {
    return await withDeadline(limits, answered);
  } catch {
    return { kind: 'silent' };
  }
}
