/** Starts a mock server and a client pointed at it, for the mock's tests. */
import { afterAll, afterEach, beforeAll } from 'vitest';
import { VipClient, type VipClientOptions } from 'vip-user-services';
import { type MockServer, type MockServerOptions, startMockServer } from 'vip-user-services/mock';

/** A running mock and a client configured for it. */
export interface MockPair {
  mock: MockServer;
  vip: VipClient;
  close: () => Promise<void>;
}

/** Quick retries, so the fault tests measure attempts rather than back-off. */
export const FAST_RETRY = { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 5 } as const;

/**
 * Starts a mock (mutual TLS with throwaway certificates unless `tls: false` is given) and a client that trusts it
 * and presents the mock's PKCS#12 client certificate.
 */
export async function startPair(options: MockServerOptions = {}, clientOptions: VipClientOptions = {}): Promise<MockPair> {
  const mock = await startMockServer({ tls: true, ...options });
  const tls = mock.tls === undefined ? undefined : { pfx: mock.tls.clientPfx, passphrase: mock.tls.pfxPassphrase, ca: mock.tls.ca };
  const vip = new VipClient({ endpoint: mock.url, retry: FAST_RETRY, ...(tls === undefined ? {} : { tls }), ...clientOptions });
  return {
    mock,
    vip,
    close: async () => {
      await vip.close();
      await mock.close();
    },
  };
}

/** The error a promise rejects with (fails the test when it resolves). */
export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    (value) => {
      throw new Error(`expected a rejection, got ${JSON.stringify(value)}`);
    },
    (error: unknown) => error,
  );
}

/**
 * One seeded mock over mutual TLS for a whole test file, reset after each test (state, requests and rules) and
 * closed at the end.
 * @returns A getter for the pair, valid inside tests.
 */
export function seededPairPerFile(): () => MockPair {
  let pair: MockPair | undefined;
  beforeAll(async () => {
    pair = await startPair({ tls: true, seed: true });
  });
  afterEach(() => {
    pair?.mock.reset();
  });
  afterAll(async () => {
    await pair?.close();
  });
  return () => {
    if (pair === undefined) throw new Error('the mock pair is only available inside tests');
    return pair;
  };
}
