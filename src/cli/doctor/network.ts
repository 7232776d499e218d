/**
 * The network checks before TLS: resolving the first hop's host name (`dns`), opening a TCP connection to it
 * (`connection`) and, through a proxy, asking it for a tunnel to VIP (`proxy`). Each step reports its own failure
 * with the fix for it, so "DNS", "refused", "dropped" and "proxy says no" are told apart.
 */
import { lookup } from 'node:dns/promises';
import { isIP, type Socket, connect as connectTcp } from 'node:net';
import type { Duplex } from 'node:stream';
import { connect as connectTls, checkServerIdentity } from 'node:tls';
import { DEFAULT_ENDPOINT } from '../../index.js';
import { ENVIRONMENT } from '../config.js';
import { type Check, type Finding, checkOf, pass } from './checks.js';
import { type StepLimits, StepTimeout, errorCode, withDeadline } from './deadline.js';
import { type HostPort, type ProxyRoute, hostPort } from './route.js';

/** The first hop: VIP itself, or the proxy. */
export interface Hop extends HostPort {
  readonly isProxy: boolean;
}

const VIP_HOST = new URL(DEFAULT_ENDPOINT).hostname;

/** The `dns` check: the hop's addresses, or why there are none. */
export async function lookUp(hop: Hop, limits: StepLimits): Promise<Check> {
  const name = hop.isProxy ? `the proxy's host ${hop.host}` : hop.host;
  const through = hop.isProxy ? "; VIP's host name is resolved by the proxy" : '';
  if (isIP(hop.host) !== 0) return pass('dns', `${name} is an IP address: nothing to look up${through}`);
  try {
    const addresses = await withDeadline(limits, lookup(hop.host, { all: true }));
    const list = addresses.map((entry) => entry.address);
    return pass('dns', `${name} resolves to ${list.join(', ')}${through}`, { info: { addresses: list } });
  } catch (error) {
    return checkOf('dns', dnsFailure(hop, name, error));
  }
}

function dnsFailure(hop: Hop, name: string, error: unknown): Finding {
  const fix = hop.isProxy
    ? `check the proxy's host name in the proxy URL (--proxy or ${ENVIRONMENT.proxy}) and this machine's DNS settings`
    : `check the host name in the endpoint (VIP's is ${VIP_HOST}) and this machine's DNS settings; where the internet is ` +
      `reachable only through a proxy, give it with --proxy (or ${ENVIRONMENT.proxy})`;
  if (error instanceof StepTimeout) return { verdict: 'fail', detail: `${name}: the DNS lookup gave no answer within ${error.ms} ms`, fix };
  const code = errorCode(error) ?? 'unknown error';
  const reason =
    code === 'EAI_AGAIN' ? 'temporary DNS failure: the DNS server did not answer' : code === 'ENOTFOUND' ? 'no such host' : 'lookup failed';
  return { verdict: 'fail', detail: `${name} could not be resolved: ${reason} (${code})`, fix };
}

/** The `connection` check, and the connected socket when it passed. */
export async function openConnection(hop: Hop, limits: StepLimits): Promise<{ check: Check; socket: Socket | undefined }> {
  const where = `${hop.isProxy ? 'the proxy ' : ''}${hostPort(hop)}`;
  const startedAt = Date.now();
  const socket = keepErrorsQuiet(connectTcp({ host: hop.host, port: hop.port }));
  try {
    await withDeadline(limits, settled(socket, 'connect'), () => socket.destroy());
  } catch (error) {
    socket.destroy();
    return { check: checkOf('connection', connectionFailure(hop, where, error)), socket: undefined };
  }
  const address = socket.remoteAddress === hop.host || socket.remoteAddress === undefined ? '' : ` (${socket.remoteAddress})`;
  return {
    check: pass('connection', `connected to ${where}${address} in ${Date.now() - startedAt} ms`, {
      info: { address: socket.remoteAddress, port: hop.port },
    }),
    socket,
  };
}

/** Connection errors by code: what happened, and the fix given the advice about the port to check. */
const CONNECT_FAILURES: Readonly<Record<string, readonly [detail: string, fix: (portAdvice: string) => string]>> = {
  ECONNREFUSED: ['the connection was refused: nothing accepts connections there', (port) => `${port}; a firewall may also reject it`],
  EHOSTUNREACH: ['the host is unreachable', () => 'check the network route to it, or whether this network needs a proxy (--proxy)'],
  ENETUNREACH: ['the network is unreachable', () => "check this machine's network connection, or whether it needs a proxy (--proxy)"],
  ECONNRESET: ['the connection was reset while opening', () => 'a firewall may reset it: check the network route'],
};

function connectionFailure(hop: Hop, where: string, error: unknown): Finding {
  const portAdvice = hop.isProxy ? 'check the port in the proxy URL' : 'check the port in the endpoint (VIP listens on 443)';
  if (error instanceof StepTimeout) {
    return {
      verdict: 'fail',
      detail: `no connection to ${where} within ${error.ms} ms: the packets seem to be dropped on the way`,
      fix: `a firewall may drop them: ${portAdvice}, and whether this network needs a proxy (--proxy); on a slow link raise --timeout`,
    };
  }
  const code = errorCode(error) ?? 'unknown error';
  const [detail, fix] = CONNECT_FAILURES[code] ?? ['the connection failed', () => 'check the network route'];
  return { verdict: 'fail', detail: `could not connect to ${where}: ${detail} (${code})`, fix: fix(portAdvice) };
}

/** What a proxy's refusal of CONNECT means, by status. */
const TUNNEL_REFUSALS: Readonly<Record<number, (target: string, proxy: ProxyRoute) => [detail: string, fix: string]>> = {
  403: (target) => ['Forbidden: it does not allow tunnels to this host', `ask the proxy's administrators to allow CONNECT to ${target}`],
  407: (_target, proxy) => [
    'Proxy Authentication Required',
    proxy.authorization === undefined
      ? `put the proxy's user name and password in its URL, http://user:password@host:port (best in ${ENVIRONMENT.proxy}, not on the command line)`
      : 'check the user name and password in the proxy URL',
  ],
  502: (target) => ['Bad Gateway: it could not reach the host', `check the endpoint's host name; the proxy cannot reach ${target}`],
  504: (target) => ['Gateway Timeout: it could not reach the host in time', `the proxy cannot reach ${target}: ask its administrators`],
};

const MAX_RESPONSE_HEAD = 16 * 1024;

/**
 * The `proxy` check: asks the proxy for a tunnel to VIP with CONNECT (over TLS to an `https:` proxy), and returns
 * the tunnel when the proxy opened it. Credentials in the proxy URL are sent as `Proxy-Authorization`, never printed.
 */
export async function openTunnel(
  socket: Socket,
  proxy: ProxyRoute,
  target: HostPort,
  limits: StepLimits,
): Promise<{ check: Check; tunnel: Duplex | undefined }> {
  const destination = hostPort(target);
  const failed = (finding: Finding) => {
    socket.destroy();
    return { check: checkOf('proxy', finding), tunnel: undefined };
  };
  let channel: Duplex = socket;
  if (proxy.secure) {
    const secured = keepErrorsQuiet(
      connectTls({
        socket,
        host: proxy.host,
        ...(isIP(proxy.host) === 0 ? { servername: proxy.host } : {}),
        // The proxy receives its password: it is verified like VIP, whatever NODE_TLS_REJECT_UNAUTHORIZED says.
        rejectUnauthorized: true,
        checkServerIdentity,
      }),
    );
    try {
      await withDeadline(limits, settled(secured, 'secureConnect'), () => secured.destroy());
    } catch (error) {
      return failed(proxyTlsFailure(proxy, error));
    }
    channel = secured;
  }
  const authorization = proxy.authorization === undefined ? '' : `Proxy-Authorization: ${proxy.authorization}\r\n`;
  channel.write(`CONNECT ${destination} HTTP/1.1\r\nHost: ${destination}\r\n${authorization}\r\n`);
  let head: string;
  try {
    head = await withDeadline(limits, readResponseHead(channel), () => channel.destroy());
  } catch (error) {
    const detail =
      error instanceof StepTimeout
        ? `the proxy ${proxy.display} did not answer the CONNECT request within ${error.ms} ms`
        : `the proxy ${proxy.display} closed the connection without answering the CONNECT request`;
    return failed({ verdict: 'fail', detail, fix: 'check that the proxy URL names an HTTP proxy' });
  }
  const status = /^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1];
  if (status === undefined) {
    return failed({
      verdict: 'fail',
      detail: `the proxy ${proxy.display} answered CONNECT with something that is not HTTP`,
      fix: 'check that the proxy URL names an HTTP proxy',
    });
  }
  if (status !== '200') {
    const refusal = TUNNEL_REFUSALS[Number(status)]?.(destination, proxy);
    return failed({
      verdict: 'fail',
      detail: `the proxy ${proxy.display} refused the tunnel to ${destination} with HTTP ${status}${refusal === undefined ? '' : ` ${refusal[0]}`}`,
      fix: refusal?.[1] ?? "ask the proxy's administrators why it refuses the tunnel",
    });
  }
  return {
    check: pass('proxy', `${proxy.display} opened a tunnel to ${destination}`, { info: { proxy: proxy.display } }),
    tunnel: channel,
  };
}

/** Why the TLS connection to an `https:` proxy failed, and what to do. */
function proxyTlsFailure(proxy: ProxyRoute, error: unknown): Finding {
  const reason = error instanceof StepTimeout ? error.message : (errorCode(error) ?? 'unknown error');
  const detail = `the TLS handshake with the proxy ${proxy.display} failed (${reason})`;
  if (reason === 'ERR_SSL_WRONG_VERSION_NUMBER' || reason === 'ERR_SSL_PACKET_LENGTH_TOO_LONG') {
    return {
      verdict: 'fail',
      detail: `${detail}: it speaks plain HTTP`,
      fix: 'use http:// in the proxy URL: the tunnel inside still carries TLS to VIP',
    };
  }
  if (/CERT|SIGNATURE|ISSUER|ALTNAME/.test(reason)) {
    return {
      verdict: 'fail',
      detail: `${detail}: its certificate is not trusted or not for this host`,
      fix: "trust the proxy's CA for this Node.js with NODE_EXTRA_CA_CERTS=FILE (read at start), or use its http:// address",
    };
  }
  return { verdict: 'fail', detail, fix: "check the proxy URL's scheme and port (many proxies speak plain http: even for HTTPS traffic)" };
}

/** The `proxy` check when no proxy is configured. */
export function noProxy(environment: Readonly<Record<string, string | undefined>>): Check {
  const ignored = ['HTTPS_PROXY', 'https_proxy'].find((variable) => (environment[variable] ?? '') !== '');
  const note =
    ignored === undefined
      ? ''
      : `; ${ignored} is set, but vip-user-services reads only --proxy and ${ENVIRONMENT.proxy}: give it there if VIP must be reached through it`;
  return pass('proxy', `none configured: connecting directly${note}`);
}

/**
 * Reads an HTTP response head (up to the blank line) and puts any bytes after it back, for the TLS handshake that
 * follows in the tunnel.
 */
function readResponseHead(channel: Duplex): Promise<string> {
  return new Promise((resolve, reject) => {
    let buffered = Buffer.alloc(0);
    const cleanUp = () => {
      channel.off('data', onData);
      channel.off('end', onEnd);
      channel.off('error', onEnd);
    };
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf('\r\n\r\n');
      if (end === -1 && buffered.length < MAX_RESPONSE_HEAD) return;
      cleanUp();
      channel.pause();
      const headEnd = end === -1 ? buffered.length : end + 4;
      if (headEnd < buffered.length) channel.unshift(buffered.subarray(headEnd));
      resolve(buffered.subarray(0, headEnd).toString('latin1'));
    };
    const onEnd = (error?: Error) => {
      cleanUp();
      reject(error ?? new Error('closed'));
    };
    channel.on('data', onData);
    channel.once('end', onEnd);
    channel.once('error', onEnd);
    if (channel.destroyed) onEnd();
  });
}

/**
 * Each step listens for the errors of its own wait; between steps (and after the last) nobody does, and an
 * unheard `error` event would end the process. The step that uses the stream next sees it closed.
 */
export function keepErrorsQuiet<S extends Duplex>(stream: S): S {
  stream.on('error', () => {});
  return stream;
}

/** Resolves on `event`, rejects on `error` or an early `close`. */
export function settled(emitter: Duplex, event: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const onEvent = () => {
      cleanUp();
      resolve();
    };
    const onError = (error: Error) => {
      cleanUp();
      reject(error);
    };
    const onClose = () => {
      cleanUp();
      reject(Object.assign(new Error('the connection was closed'), { code: 'ECONNRESET' }));
    };
    const cleanUp = () => {
      emitter.off(event, onEvent);
      emitter.off('error', onError);
      emitter.off('close', onClose);
    };
    emitter.once(event, onEvent);
    emitter.once('error', onError);
    emitter.once('close', onClose);
    // Closed before this step began (the peer hung up right after the previous one): no event will come.
    if (emitter.destroyed) onClose();
  });
}
