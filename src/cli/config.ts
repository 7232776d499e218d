/**
 * Where the CLI connects and as whom: from flags, then environment variables, then an optional JSON config file, in
 * that order of precedence. The certificate passphrase is read only from `VIP_CERT_PASSPHRASE` or a hidden prompt:
 * never from argv (visible in `ps` and shell history) and never from the config file (often committed).
 */
import { readFile } from 'node:fs/promises';
import { isAbsolute, resolve } from 'node:path';
import { CliUsageError } from './exit-codes.js';
import type { CliIo } from './io.js';

/** The global flags, as commander hands them over (all optional strings, `mock`/`json` booleans). */
export interface GlobalFlags {
  endpoint?: string;
  mock?: boolean;
  apiVersion?: string;
  certP12?: string;
  certPem?: string;
  keyPem?: string;
  ca?: string;
  childAccount?: string;
  proxy?: string;
  timeout?: string;
  config?: string;
  json?: boolean;
}

/** Where one setting came from, shown by `doctor`. */
export type SettingSource = 'flag' | 'environment' | 'config file' | 'default';

/** A setting and its origin. */
export interface Setting<T> {
  readonly value: T;
  readonly source: SettingSource;
  /** The flag, variable or file key it was read from, e.g. `--endpoint`, `VIP_ENDPOINT`, `endpoint`. */
  readonly name: string;
}

/** The client certificate files to present. */
export type CertificateFiles =
  | { readonly kind: 'pkcs12'; readonly path: Setting<string> }
  | { readonly kind: 'pem'; readonly certPath: Setting<string>; readonly keyPath: Setting<string> };

/** Everything the CLI needs to build a client, resolved once per command; paths are absolute. */
export interface CliConfig {
  /** VIP's base URL; undefined means the SDK's default (VIP's production endpoint) unless `mock` is set. */
  readonly endpoint: Setting<string> | undefined;
  /** Run against an embedded mock server started for this command. */
  readonly mock: boolean;
  readonly apiVersion: Setting<'1.8' | '1.10'> | undefined;
  readonly certificate: CertificateFiles | undefined;
  readonly ca: Setting<string> | undefined;
  /** `onBehalfOfAccountId` for every call, unless a bulk row names its own. */
  readonly childAccount: Setting<string> | undefined;
  readonly proxy: Setting<string> | undefined;
  readonly timeoutMs: Setting<number> | undefined;
  /** Machine-readable output: JSON on stdout, nothing else there. */
  readonly json: boolean;
  /** The config file that was read, if any. */
  readonly configFile: string | undefined;
}

/** The environment variables the CLI reads (the examples use the same names). */
export const ENVIRONMENT = {
  endpoint: 'VIP_ENDPOINT',
  apiVersion: 'VIP_API_VERSION',
  certP12: 'VIP_CERT_P12',
  certPem: 'VIP_CERT_PEM',
  keyPem: 'VIP_KEY_PEM',
  ca: 'VIP_CA',
  childAccount: 'VIP_CHILD_ACCOUNT',
  proxy: 'VIP_PROXY',
  timeout: 'VIP_TIMEOUT_MS',
  config: 'VIP_CONFIG',
  passphrase: 'VIP_CERT_PASSPHRASE',
} as const;

/** Keys a config file may hold, each the camel-case name of a flag. */
const FILE_KEYS = ['endpoint', 'apiVersion', 'certP12', 'certPem', 'keyPem', 'ca', 'childAccount', 'proxy', 'timeoutMs'] as const;
type FileKey = (typeof FILE_KEYS)[number];
type FileSettings = Partial<Record<FileKey, string | number>>;

const FLAG_NAMES: Record<FileKey, string> = {
  endpoint: '--endpoint',
  apiVersion: '--api-version',
  certP12: '--cert-p12',
  certPem: '--cert-pem',
  keyPem: '--key-pem',
  ca: '--ca',
  childAccount: '--child-account',
  proxy: '--proxy',
  timeoutMs: '--timeout',
};

const ENVIRONMENT_NAMES: Record<FileKey, string> = {
  endpoint: ENVIRONMENT.endpoint,
  apiVersion: ENVIRONMENT.apiVersion,
  certP12: ENVIRONMENT.certP12,
  certPem: ENVIRONMENT.certPem,
  keyPem: ENVIRONMENT.keyPem,
  ca: ENVIRONMENT.ca,
  childAccount: ENVIRONMENT.childAccount,
  proxy: ENVIRONMENT.proxy,
  timeoutMs: ENVIRONMENT.timeout,
};

/**
 * Resolves the configuration of one command.
 * @throws {CliUsageError} for an unreadable or malformed config file, an unknown API version, a bad timeout, a PEM
 * certificate without its key, or both a `.p12` and PEM files.
 */
export async function resolveConfig(flags: GlobalFlags, io: CliIo): Promise<CliConfig> {
  const configPath = nonEmpty(flags.config) ?? nonEmpty(io.env[ENVIRONMENT.config]);
  const file = configPath === undefined ? {} : await readConfigFile(resolve(io.cwd, configPath));
  const fromFlags: Partial<Record<FileKey, string | undefined>> = {
    endpoint: flags.endpoint,
    apiVersion: flags.apiVersion,
    certP12: flags.certP12,
    certPem: flags.certPem,
    keyPem: flags.keyPem,
    ca: flags.ca,
    childAccount: flags.childAccount,
    proxy: flags.proxy,
    timeoutMs: flags.timeout,
  };
  const pick = (key: FileKey): Setting<string> | undefined => {
    const flag = nonEmpty(fromFlags[key]);
    if (flag !== undefined) return { value: flag, source: 'flag', name: FLAG_NAMES[key] };
    const variable = nonEmpty(io.env[ENVIRONMENT_NAMES[key]]);
    if (variable !== undefined) return { value: variable, source: 'environment', name: ENVIRONMENT_NAMES[key] };
    const fromFile = file[key];
    if (fromFile !== undefined) return { value: String(fromFile), source: 'config file', name: key };
    return undefined;
  };
  const path = (key: FileKey): Setting<string> | undefined => {
    const setting = pick(key);
    return setting === undefined ? undefined : { ...setting, value: absolute(io.cwd, setting.value) };
  };

  const certP12 = path('certP12');
  const certPem = path('certPem');
  const keyPem = path('keyPem');
  if (certP12 !== undefined && (certPem !== undefined || keyPem !== undefined)) {
    throw new CliUsageError(
      `both a PKCS#12 file (${certP12.name}) and PEM files (${(certPem ?? keyPem)?.name}) are configured: use one of them`,
    );
  }
  if ((certPem === undefined) !== (keyPem === undefined)) {
    const missing =
      certPem === undefined ? `${FLAG_NAMES.certPem} (or ${ENVIRONMENT.certPem})` : `${FLAG_NAMES.keyPem} (or ${ENVIRONMENT.keyPem})`;
    throw new CliUsageError(`a PEM client certificate needs both the certificate and its key: ${missing} is missing`);
  }
  let certificate: CertificateFiles | undefined;
  if (certP12 !== undefined) certificate = { kind: 'pkcs12', path: certP12 };
  else if (certPem !== undefined && keyPem !== undefined) certificate = { kind: 'pem', certPath: certPem, keyPath: keyPem };

  return {
    endpoint: pick('endpoint'),
    mock: flags.mock === true,
    apiVersion: checkApiVersion(pick('apiVersion')),
    certificate,
    ca: path('ca'),
    childAccount: pick('childAccount'),
    proxy: pick('proxy'),
    timeoutMs: checkTimeout(pick('timeoutMs')),
    json: flags.json === true,
    configFile: configPath === undefined ? undefined : resolve(io.cwd, configPath),
  };
}

async function readConfigFile(path: string): Promise<FileSettings> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new CliUsageError(`cannot read the config file ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliUsageError(`the config file ${path} is not valid JSON: ${(error as Error).message}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) {
    throw new CliUsageError(`the config file ${path} must hold a JSON object, e.g. { "endpoint": "https://..." }`);
  }
  const settings: FileSettings = {};
  for (const [key, value] of Object.entries(parsed)) {
    if (/pass(word|phrase)/i.test(key)) {
      throw new CliUsageError(
        `the config file ${path} holds "${key}": passphrases are never read from files; set ${ENVIRONMENT.passphrase} or type it at the prompt`,
      );
    }
    if (!(FILE_KEYS as readonly string[]).includes(key)) {
      throw new CliUsageError(`the config file ${path} has an unknown key "${key}"; known keys: ${FILE_KEYS.join(', ')}`);
    }
    const expected = key === 'timeoutMs' ? 'number' : 'string';
    if (typeof value !== expected) throw new CliUsageError(`the config file ${path}: "${key}" must be a ${expected}`);
    settings[key as FileKey] = value as string | number;
  }
  return settings;
}

function checkApiVersion(setting: Setting<string> | undefined): Setting<'1.8' | '1.10'> | undefined {
  if (setting === undefined) return undefined;
  if (setting.value === '1.8' || setting.value === '1.10') return { ...setting, value: setting.value };
  throw new CliUsageError(`${setting.name} must be 1.8 or 1.10, got ${JSON.stringify(setting.value)}`);
}

function checkTimeout(setting: Setting<string> | undefined): Setting<number> | undefined {
  if (setting === undefined) return undefined;
  const value = Number(setting.value);
  if (!/^\d+$/.test(setting.value) || value < 1 || value > 2_147_483_647) {
    throw new CliUsageError(
      `${setting.name} takes milliseconds, a whole number from 1 to 2147483647, got ${JSON.stringify(setting.value)}`,
    );
  }
  return { ...setting, value };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function absolute(cwd: string, path: string): string {
  return isAbsolute(path) ? path : resolve(cwd, path);
}
