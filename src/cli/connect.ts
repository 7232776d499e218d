/**
 * Turns the resolved configuration into a `VipClient`: reads the certificate files, asks for the passphrase when
 * needed, and with `--mock` starts an embedded mock server (seeded with the demo users) for the command's lifetime.
 * The CLI uses only the package's public entry points, like any application.
 */
import { readFile } from 'node:fs/promises';
import { VipClient, type VipClientOptions, type VipTlsOptions } from '../index.js';
import { type MockServer, startMockServer } from '../mock/index.js';
import { type CliConfig, ENVIRONMENT } from './config.js';
import { CliUsageError } from './exit-codes.js';
import type { CliIo } from './io.js';
import { askSecret } from './prompts.js';

/** An open client and how to let it go (closing the mock server too, when one was started). */
export interface Connection {
  readonly vip: VipClient;
  /** The embedded mock server, with `--mock`. */
  readonly mock: MockServer | undefined;
  /** Where calls go. */
  readonly endpoint: string;
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** Options a command adds to the configured ones (e.g. `retry: false` for a single diagnostic call). */
export type ExtraClientOptions = Omit<VipClientOptions, 'endpoint' | 'tls' | 'proxy' | 'apiVersion' | 'onBehalfOfAccountId'>;

/**
 * Opens a client as configured.
 * @param tls TLS options already read with {@link readTlsOptions} (so a passphrase typed once is not asked again);
 * read from the configuration when omitted.
 * @throws {CliUsageError} when a certificate file cannot be read or a needed passphrase is missing.
 * @throws {VipConfigurationError} when the SDK refuses the options (e.g. an unusable certificate or proxy URL).
 */
export async function connect(config: CliConfig, io: CliIo, extra: ExtraClientOptions = {}, tls?: VipTlsOptions): Promise<Connection> {
  const options: VipClientOptions = { ...extra };
  let mock: MockServer | undefined;
  if (config.mock) {
    mock = await startMockServer({ seed: true, push: { outcome: 'approve', pendingPolls: 1 } });
    options.endpoint = mock.url;
  } else {
    if (config.endpoint !== undefined) options.endpoint = config.endpoint.value;
    const tlsOptions = tls ?? (await readTlsOptions(config, io));
    if (tlsOptions !== undefined) options.tls = tlsOptions;
    if (config.proxy !== undefined) options.proxy = config.proxy.value;
  }
  if (config.apiVersion !== undefined) options.apiVersion = config.apiVersion.value;
  if (config.childAccount !== undefined) options.onBehalfOfAccountId = config.childAccount.value;
  if (config.timeoutMs !== undefined) options.timeoutMs = config.timeoutMs.value;
  let vip: VipClient;
  try {
    vip = new VipClient(options);
  } catch (error) {
    await mock?.close();
    throw error;
  }
  const close = async () => {
    await vip.close();
    await mock?.close();
  };
  return { vip, mock, endpoint: vip.config.endpoint, close, [Symbol.asyncDispose]: close };
}

/**
 * The TLS options for the configured certificate, or undefined when none is configured (VIP will then refuse the
 * handshake; `doctor` says so).
 */
export async function readTlsOptions(config: CliConfig, io: CliIo): Promise<VipTlsOptions | undefined> {
  const ca = config.ca === undefined ? undefined : await readSetting(config.ca.value, config.ca.name, 'CA file');
  const certificate = config.certificate;
  if (certificate === undefined) return ca === undefined ? undefined : { ca };
  if (certificate.kind === 'pkcs12') {
    const pfx = await readSetting(certificate.path.value, certificate.path.name, 'PKCS#12 file');
    const passphrase = await passphraseFor(io, certificate.path.value);
    return { pfx, passphrase, ...(ca === undefined ? {} : { ca }) };
  }
  const cert = await readSetting(certificate.certPath.value, certificate.certPath.name, 'certificate file');
  const key = await readSetting(certificate.keyPath.value, certificate.keyPath.name, 'key file');
  const encrypted = /-----BEGIN ENCRYPTED PRIVATE KEY-----|Proc-Type: 4,ENCRYPTED/.test(key.toString('latin1'));
  const passphrase = encrypted ? await passphraseFor(io, certificate.keyPath.value) : io.env[ENVIRONMENT.passphrase];
  return { cert, key, ...(passphrase === undefined ? {} : { passphrase }), ...(ca === undefined ? {} : { ca }) };
}

/**
 * The passphrase from `VIP_CERT_PASSPHRASE`, else asked on the terminal.
 * @throws {CliUsageError} when it is needed, not set and nobody can be asked.
 */
async function passphraseFor(io: CliIo, file: string): Promise<string> {
  const fromEnvironment = io.env[ENVIRONMENT.passphrase];
  if (fromEnvironment !== undefined) return fromEnvironment;
  const typed = await askSecret(io, `Passphrase for ${file}`);
  if (typed !== undefined) return typed;
  throw new CliUsageError(
    `${file} needs a passphrase: set ${ENVIRONMENT.passphrase}, or run in a terminal to be asked (it is never taken from the command line)`,
  );
}

async function readSetting(path: string, name: string, what: string): Promise<Buffer> {
  try {
    return await readFile(path);
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new CliUsageError(`cannot read the ${what} ${path} (from ${name}): ${reason}`);
  }
}
