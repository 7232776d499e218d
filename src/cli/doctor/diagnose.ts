/**
 * Runs the doctor's checks in the order a connection to VIP needs them: the certificate, the endpoint, DNS, the TCP
 * connection, the proxy tunnel, the TLS handshake and the server's certificate, then one real call through the SDK
 * for the server's time and the clock skew. A network step that fails ends the steps after it (they are reported as
 * skipped, with the reason), so the report points at the first cause instead of its echoes.
 */
import type { Duplex } from 'node:stream';
import { VipAbortError } from '../../index.js';
import type { CliConfig } from '../config.js';
import { type Connection, connect } from '../connect.js';
import type { CliIo } from '../io.js';
import type { CommandContext } from '../program.js';
import { CHECK_NAMES, type Check, type CheckName, fail, skip } from './checks.js';
import { type CertificateReport, inspectClientCertificate } from './client-certificate.js';
import { checkServerTime } from './clock.js';
import type { StepLimits } from './deadline.js';
import { type Hop, lookUp, noProxy, openConnection, openTunnel } from './network.js';
import { buildReport, type DoctorReport } from './report.js';
import { resolveRoute, type Route } from './route.js';
import { shakeHands } from './tls-handshake.js';

/** Deadline of each network step without `--timeout`: long enough for a slow proxy, short enough to wait for. */
export const DEFAULT_STEP_TIMEOUT_MS = 10_000;

/** The checks that need the network, in order; each depends on the ones before it. */
const NETWORK_CHECKS: readonly CheckName[] = [
  'dns',
  'connection',
  'proxy',
  'tls handshake',
  'server certificate',
  'server time',
  'clock skew',
];

export async function diagnose(context: CommandContext): Promise<DoctorReport> {
  const { config, io } = context;
  const limits: StepLimits = { timeoutMs: config.timeoutMs?.value ?? DEFAULT_STEP_TIMEOUT_MS, signal: io.signal };
  const now = new Date();
  // With --mock the embedded server is started first: its URL is the endpoint. The command closes it at the end.
  const mock = config.mock ? await context.connect({ retry: false }) : undefined;
  const { endpoint, proxyProblem, route } = resolveRoute(config, mock?.endpoint);
  const certificate = await inspectClientCertificate(config, io, route?.secure ?? true, now);
  checkpoint(io.signal);
  let network: Check[];
  if (route === undefined) {
    const reason = proxyProblem === undefined ? 'the endpoint is unusable' : 'the proxy setting is unusable';
    const found = proxyProblem === undefined ? [] : [proxyProblem];
    network = [...found, ...skipRemaining(found, reason)];
  } else {
    network = await reachVip({ config, io, route, certificate, limits, now, mock });
  }
  const checks = [...certificate.checks, endpoint, ...network].sort((a, b) => CHECK_NAMES.indexOf(a.name) - CHECK_NAMES.indexOf(b.name));
  return buildReport(route?.endpoint.origin ?? config.endpoint?.value ?? '(none)', checks);
}

interface Reach {
  readonly config: CliConfig;
  readonly io: CliIo;
  readonly route: Route;
  readonly certificate: CertificateReport;
  readonly limits: StepLimits;
  readonly now: Date;
  readonly mock: Connection | undefined;
}

async function reachVip(reach: Reach): Promise<Check[]> {
  const { route, certificate, limits } = reach;
  const done: Check[] = [];
  const stop = (reason: string) => [...done, ...skipRemaining(done, reason)];
  const hop: Hop = route.proxy === undefined ? { ...route.target, isProxy: false } : { ...route.proxy, isProxy: true };

  done.push(await lookUp(hop, limits));
  checkpoint(limits.signal);
  if (done.at(-1)?.verdict === 'fail') return stop('the DNS lookup failed');
  const connection = await openConnection(hop, limits);
  checkpoint(limits.signal);
  done.push(connection.check);
  if (connection.socket === undefined) return stop(`no connection to ${hop.isProxy ? 'the proxy' : 'the endpoint'}`);
  let channel: Duplex = connection.socket;
  try {
    if (route.proxy === undefined) {
      done.push(noProxy(reach.io.env));
    } else {
      const tunnel = await openTunnel(connection.socket, route.proxy, route.target, limits);
      checkpoint(limits.signal);
      done.push(tunnel.check);
      if (tunnel.tunnel === undefined) return stop('the proxy refused the tunnel');
      channel = tunnel.tunnel;
    }
    if (!route.secure) {
      done.push(skip('tls handshake', 'plain HTTP'), skip('server certificate', 'plain HTTP'));
    } else if (certificate.unreadable !== undefined) {
      return stop('the certificate settings could not be read (see certificate)');
    } else {
      const tls = await shakeHands({
        channel,
        target: route.target,
        tls: certificate.tls,
        presentCertificate: certificate.usable,
        subject: certificate.subject,
        limits,
        now: reach.now,
      });
      checkpoint(limits.signal);
      done.push(tls.handshake);
      if (tls.serverCertificate !== undefined) done.push(tls.serverCertificate);
      if (tls.blocker !== undefined) return stop(tls.blocker);
    }
  } finally {
    // The diagnosis's own connection; the SDK call below opens its own, as an application would.
    channel.destroy();
  }
  const { serverTime, clockSkew } = await callVip(reach);
  checkpoint(limits.signal);
  return [...done, serverTime, clockSkew];
}

/** Calls getServerTime through the SDK, configured as every command is, without retries (one call, one verdict). */
async function callVip({ config, io, certificate, limits, mock }: Reach): Promise<{ serverTime: Check; clockSkew: Check }> {
  let connection: Connection;
  try {
    // The certificate (and its passphrase) was read already: hand it to connect() so nobody is asked twice.
    connection = mock ?? (await connect(config, io, { retry: false, timeoutMs: limits.timeoutMs }, certificate.tls));
  } catch (error) {
    return {
      serverTime: fail(
        'server time',
        `the SDK refused the settings: ${(error as Error).message}`,
        'correct the setting it names: every command refuses it the same way',
      ),
      clockSkew: skip('clock skew', 'VIP could not be called'),
    };
  }
  try {
    return await checkServerTime(connection.vip, limits.signal);
  } finally {
    if (mock === undefined) await connection.close();
  }
}

/**
 * Ends the diagnosis when Ctrl-C interrupted the step just taken: its finding is an artefact of the interruption.
 * @throws {VipAbortError} which the command line turns into exit code 130.
 */
function checkpoint(signal: AbortSignal): void {
  if (signal.aborted) throw new VipAbortError('doctor was interrupted', { cause: signal.reason });
}

/** The network checks not yet in `done`, skipped for `reason`. */
function skipRemaining(done: readonly Check[], reason: string): Check[] {
  return NETWORK_CHECKS.filter((name) => !done.some((check) => check.name === name)).map((name) => skip(name, `not tried: ${reason}`));
}
