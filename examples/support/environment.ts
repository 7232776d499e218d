/**
 * Decides where the examples run and hands them a ready client.
 *
 * - Real VIP, when `VIP_ENDPOINT` and a client certificate are configured:
 *   `VIP_CERT_P12` (path of the .p12 from VIP Manager) + `VIP_CERT_PASSPHRASE`, or
 *   `VIP_CERT_PEM` + `VIP_KEY_PEM` (paths; `VIP_CERT_PASSPHRASE` too if the key is encrypted).
 *   Optional: `VIP_CA` (extra CA file), `VIP_CREDENTIAL_ID` (a VIP Access credential you hold, for the examples
 *   that bind one), `VIP_OTP` (a current security code, for runs without a terminal to type it in).
 * - Otherwise the embedded mock server, over HTTPS with mutual TLS and its throwaway client certificate, so every
 *   example exercises the same TLS path as production.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createInterface } from 'node:readline/promises';
import { VipClient, type VipClientOptions, type VipTlsOptions } from 'vip-user-services';
import { type MockServer, startMockServer } from 'vip-user-services/mock';

/** What every example receives. */
export interface ExampleContext {
  /** A client connected to the target over mutual TLS. */
  readonly vip: VipClient;
  /**
   * A second client connected like `vip` (same endpoint and certificate) with more options, e.g. `apiVersion`.
   * The caller closes it.
   */
  newClient(options: VipClientOptions): VipClient;
  /** Where the calls go. */
  readonly target: 'mock' | 'vip';
  /** The embedded mock server when that is the target, for the few steps only a mock can stage (push outcomes, faults). */
  readonly mock: MockServer | undefined;
  /** Base URL of the target, for examples that build a client of their own. */
  readonly endpoint: string;
  /** Extra CA the target's server certificate needs (the mock's throwaway CA), if any. */
  readonly ca: string | Buffer | undefined;
  /** The client certificate as PKCS#12, when it is configured that way. */
  readonly pkcs12: { readonly pfx: Buffer; readonly passphrase: string } | undefined;
  /** Pause between push polls: short against the mock, VIP's own pace against VIP. */
  readonly pushPollIntervalMs: number;
  /** Prints one line about what just happened. */
  step(message: string): void;
  /** A user ID nobody has yet, e.g. `example-sign-in-4f2a9c@example.com`. */
  newUserId(label: string): string;
  /**
   * A standard (VIP Access) credential ID the example may bind: a fresh push-capable one on the mock,
   * `VIP_CREDENTIAL_ID` on VIP.
   * @throws {Error} on VIP when `VIP_CREDENTIAL_ID` is not set.
   */
  standardCredentialId(): string;
  /**
   * The security code valid now for `credentialId`: read from the mock, or on VIP typed in at the terminal (or
   * taken once from `VIP_OTP`).
   * @throws {Error} on VIP without a terminal and without an unused `VIP_OTP`.
   */
  otp(credentialId: string): Promise<string>;
}

/** A started target: the context to run examples with, and how to stop it. */
export interface ExampleEnvironment {
  readonly context: ExampleContext;
  /** One line saying where the examples run. */
  readonly description: string;
  /** Closes the client and, for the mock, stops the server. */
  close(): Promise<void>;
}

/**
 * Starts the mock or connects to VIP, as the environment variables say.
 * @param options `target: 'mock'` ignores the VIP variables (the demo always runs against a fresh mock).
 * @throws {Error} when the VIP variables are set only in part, or a certificate file cannot be read.
 */
export async function openEnvironment(options: { target?: 'auto' | 'mock' } = {}): Promise<ExampleEnvironment> {
  const env = process.env;
  const wantsVip =
    options.target !== 'mock' && (env.VIP_ENDPOINT !== undefined || env.VIP_CERT_P12 !== undefined || env.VIP_CERT_PEM !== undefined);
  return wantsVip ? connectToVip(env) : startMock();
}

async function startMock(): Promise<ExampleEnvironment> {
  const mock = await startMockServer({ tls: true });
  const tls = mock.tls;
  if (tls === undefined) throw new Error('the mock server was started with tls: true but exposes no certificates');
  // The shared client presents the PEM form of the throwaway certificate; the PKCS#12 example uses the .p12 form.
  const connection = { endpoint: mock.url, tls: { cert: tls.clientCert, key: tls.clientKey, ca: tls.ca } };
  const vip = new VipClient(connection);
  return {
    description: `the embedded mock server at ${mock.url}, over mutual TLS`,
    context: makeContext({
      vip,
      newClient: (options) => new VipClient({ ...connection, ...options }),
      target: 'mock',
      mock,
      endpoint: mock.url,
      ca: tls.ca,
      pkcs12: { pfx: tls.clientPfx, passphrase: tls.pfxPassphrase },
      pushPollIntervalMs: 200,
      // VSMT IDs are VIP Access apps to the mock: they accept push. A fresh one per call keeps examples apart.
      standardCredentialId: () => `VSMT${String(randomInt(10_000_000, 100_000_000))}`,
      otp: async (credentialId) => mock.otp(credentialId),
    }),
    async close() {
      await vip.close();
      await mock.close();
    },
  };
}

async function connectToVip(env: NodeJS.ProcessEnv): Promise<ExampleEnvironment> {
  const endpoint = required(env, 'VIP_ENDPOINT');
  const ca = env.VIP_CA === undefined ? undefined : readFileSync(env.VIP_CA);
  const passphrase = env.VIP_CERT_PASSPHRASE;
  let tls: VipTlsOptions;
  let pkcs12: ExampleContext['pkcs12'];
  if (env.VIP_CERT_P12 !== undefined) {
    pkcs12 = { pfx: readFileSync(env.VIP_CERT_P12), passphrase: required(env, 'VIP_CERT_PASSPHRASE') };
    tls = { ...pkcs12, ca };
  } else if (env.VIP_CERT_PEM !== undefined) {
    tls = { cert: readFileSync(env.VIP_CERT_PEM), key: readFileSync(required(env, 'VIP_KEY_PEM')), passphrase, ca };
  } else {
    throw new Error('VIP_ENDPOINT is set but no client certificate: set VIP_CERT_P12 + VIP_CERT_PASSPHRASE, or VIP_CERT_PEM + VIP_KEY_PEM');
  }
  const vip = new VipClient({ endpoint, tls });
  let unusedEnvironmentCode = env.VIP_OTP;
  return {
    description: `VIP at ${endpoint} with the certificate ${vip.certificate?.subject ?? '(unknown)'}`,
    context: makeContext({
      vip,
      newClient: (options) => new VipClient({ endpoint, tls, ...options }),
      target: 'vip',
      mock: undefined,
      endpoint,
      ca,
      pkcs12,
      pushPollIntervalMs: 3000,
      standardCredentialId: () =>
        required(env, 'VIP_CREDENTIAL_ID', 'the ID of a VIP Access credential you hold (shown in the app, e.g. VSMT12345678)'),
      otp: async (credentialId) => {
        if (unusedEnvironmentCode !== undefined) {
          const code = unusedEnvironmentCode;
          unusedEnvironmentCode = undefined; // a code works once; the next one must be fresh
          return code;
        }
        return askForCode(credentialId);
      },
    }),
    close: () => vip.close(),
  };
}

type ContextParts = Omit<ExampleContext, 'step' | 'newUserId'>;

function makeContext(parts: ContextParts): ExampleContext {
  return {
    ...parts,
    step: (message) => console.log(`  • ${message}`),
    newUserId: (label) => `example-${label}-${randomBytes(3).toString('hex')}@example.com`,
  };
}

async function askForCode(credentialId: string): Promise<string> {
  if (!process.stdin.isTTY) {
    throw new Error(`this step needs the security code currently shown for ${credentialId}: run it in a terminal, or set VIP_OTP`);
  }
  const terminal = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return (await terminal.question(`    Security code shown for ${credentialId}: `)).trim();
  } finally {
    terminal.close();
  }
}

function required(env: NodeJS.ProcessEnv, name: string, meaning?: string): string {
  const value = env[name];
  if (value === undefined || value === '') throw new Error(`set ${name}${meaning === undefined ? '' : ` to ${meaning}`}`);
  return value;
}
