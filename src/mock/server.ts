/**
 * startMockServer: an HTTP or mutual-TLS HTTPS server carrying the three VIP services through node-soap, backed by
 * the in-memory model, with fault injection and the control methods tests use.
 */
import { createServer as createHttpServer, type RequestListener, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createThrowawayCertificates } from './certificates.js';
import { FaultInjector } from './faults.js';
import { gateListener } from './gate-listener.js';
import { VipModel } from './model/vip-model.js';
import { checkNumberChallenge, checkPendingPolls, checkPushOutcome, type ResolvedMockOptions, resolveMockOptions } from './options.js';
import { type MockRuntime, mountServices } from './soap-services.js';
import type { MockServer, MockServerOptions, MockTlsMaterial, ReceivedRequest } from './types.js';

/** Makes the HTTP(S) server, and the throwaway certificates when asked for. */
async function createListener(
  tls: ResolvedMockOptions['tls'],
  listener: RequestListener,
): Promise<{ server: Server; material: MockTlsMaterial | undefined }> {
  if (tls === false) return { server: createHttpServer(listener), material: undefined };
  const common = { requestCert: true, rejectUnauthorized: true, minVersion: 'TLSv1.2' } as const;
  if (tls !== true)
    return { server: createHttpsServer({ ...common, ca: tls.ca, cert: tls.cert, key: tls.key }, listener), material: undefined };
  const { serverCert, serverKey, ...material } = await createThrowawayCertificates();
  return { server: createHttpsServer({ ...common, ca: material.ca, cert: serverCert, key: serverKey }, listener), material };
}

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/**
 * Starts a local, stateful stand-in for VIP User Services. Point a `VipClient` at `mock.url` (with the mock's
 * certificates when `tls` is on) and every operation behaves like VIP: documented status codes, users,
 * credentials, security codes, push, risk, temporary codes and a child account.
 *
 * @example
 * ```ts
 * import { VipClient } from 'vip-user-services';
 * import { startMockServer } from 'vip-user-services/mock';
 *
 * const mock = await startMockServer({ tls: true, seed: true });
 * const vip = new VipClient({
 *   endpoint: mock.url,
 *   tls: { pfx: mock.tls!.clientPfx, passphrase: mock.tls!.pfxPassphrase, ca: mock.tls!.ca },
 * });
 * await vip.authenticateUser({ userId: 'alice@example.com', otpAuthData: { otp: mock.otp('VSMT12345678') } });
 * await vip.close();
 * await mock.close();
 * ```
 * @throws {TypeError} for invalid options; an `Error` when `tls: true` cannot make certificates (no `openssl`),
 * or when the port cannot be bound.
 */
export async function startMockServer(options: MockServerOptions = {}): Promise<MockServer> {
  const resolved = resolveMockOptions(options);
  const requests: ReceivedRequest[] = [];
  const runtime: MockRuntime = {
    model: new VipModel(resolved),
    faults: new FaultInjector(),
    requests,
    timers: new Set(),
    requestElements: new WeakMap(),
    requestVersions: new WeakMap(),
  };
  const services = await mountServices(runtime);
  const { server, material } = await createListener(resolved.tls, gateListener(services, runtime));
  const address = await listen(server, resolved.port, resolved.host);
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const url = `${resolved.tls === false ? 'http' : 'https'}://${host}:${address.port}`;
  let closing: Promise<void> | undefined;
  const close = (): Promise<void> => {
    closing ??= new Promise<void>((resolve) => {
      for (const timer of runtime.timers) clearTimeout(timer);
      runtime.timers.clear();
      server.close(() => resolve());
      // Keep-alive connections and held ('hang') requests would otherwise keep close() waiting.
      server.closeAllConnections();
    });
    return closing;
  };

  return {
    url,
    tls: material,
    requests,
    otp: (credentialId) => runtime.model.currentOtp(credentialId),
    setPushOutcome(outcome, change = {}) {
      const { settings } = runtime.model;
      const pendingPolls = change.pendingPolls === undefined ? settings.pendingPolls : checkPendingPolls(change.pendingPolls);
      const numberChallenge =
        change.numberChallenge === undefined ? settings.numberChallenge : checkNumberChallenge(change.numberChallenge);
      settings.pushOutcome = checkPushOutcome(outcome);
      settings.pendingPolls = pendingPolls;
      settings.numberChallenge = numberChallenge;
    },
    answerNumberChallenge: (transactionId, number) => runtime.model.answerNumberChallenge(transactionId, number),
    inject: (rule) => runtime.faults.add(rule),
    clearFaults: () => runtime.faults.clear(),
    reset() {
      runtime.model.reset();
      runtime.faults.clear();
      requests.length = 0;
    },
    close,
    [Symbol.asyncDispose]: close,
  };
}
