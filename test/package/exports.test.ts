/**
 * The export-surface test: the PACKED package, installed into a temporary project, seen from the outside with
 * `import()` and `require()`, and compiled against by TypeScript consumer projects under each module resolution.
 * Slow (it builds, packs and installs), so it runs with `npm run test:package`, not `npm test`.
 */
import { spawn } from 'node:child_process';
import { copyFile, cp, readdir, readFile, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type InstalledPackage, installPackedPackage, REPO_ROOT, run } from './installed-package.js';

const ENTRY_POINTS = ['vip-user-services', 'vip-user-services/mock', 'vip-user-services/testing'] as const;
type EntryPoint = (typeof ENTRY_POINTS)[number];
type Surface = Record<string, string>;

/** What inspect-package.mjs prints. */
interface InspectionReport {
  esm: Record<EntryPoint, Surface>;
  cjs: Record<EntryPoint, Surface>;
  separateCopies: boolean;
  serviceErrorClassesChecked: number;
  otherErrorClassesChecked: string[];
  categories: string[];
  failures: string[];
}

// Names users write in their code: losing one is a breaking change even if the sources dropped it on purpose.
const REQUIRED: Record<EntryPoint, Record<string, string>> = {
  'vip-user-services': {
    VipClient: 'class',
    VipError: 'error class',
    VipCallError: 'error class',
    VipServiceError: 'error class',
    VipValidationError: 'error class',
    VipConfigurationError: 'error class',
    VipConnectionError: 'error class',
    VipTimeoutError: 'error class',
    VipAbortError: 'error class',
    VipHttpError: 'error class',
    VipProtocolError: 'error class',
    VipSoapFaultError: 'error class',
    UserError: 'error class',
    CredentialError: 'error class',
    AuthenticationError: 'error class',
    AccountPolicyError: 'error class',
    ClientCertificateError: 'error class',
    DeliveryError: 'error class',
    PushError: 'error class',
    PushTransactionError: 'error class',
    RiskError: 'error class',
    InvalidRequestError: 'error class',
    ServiceUnavailableError: 'error class',
    AuthenticationFailedError: 'error class',
    CredentialRevokedError: 'error class',
    UserNotFoundError: 'error class',
    VipStatus: 'object',
    normalizeStatusCode: 'function',
    describeStatus: 'function',
    errorClassForStatus: 'function',
    VIP_NAMESPACE: 'string',
    DEFAULT_ENDPOINT: 'string',
    REDACTED: 'string',
    VERSION: 'string',
  },
  'vip-user-services/mock': {
    startMockServer: 'function',
  },
  'vip-user-services/testing': {
    vipResponse: 'function',
    vipErrorResponse: 'function',
    vipReply: 'function',
    mockVipAgent: 'function',
    MockVipAgent: 'class',
    soapFault: 'function',
    httpError: 'function',
    createServiceError: 'function',
  },
};

/**
 * The complete runtime surface of each entry point. Any name added or removed is a change to the public API (and
 * under semver): update this list on purpose, and say so in the CHANGELOG.
 */
const SURFACE: Record<EntryPoint, readonly string[]> = {
  'vip-user-services': [
    'AccountNotAuthorizedError',
    'AccountPolicyError',
    'AuthenticationError',
    'AuthenticationFailedError',
    'BadCredentialStateError',
    'BindingsLimitError',
    'ClientCertificateError',
    'ClientCertificateRequiredError',
    'ClientCertificateRevokedError',
    'ClientKeyDecryptionError',
    'CredentialAlreadyRegisteredError',
    'CredentialError',
    'CredentialExpiredError',
    'CredentialNotBoundError',
    'CredentialOrderUnavailableError',
    'CredentialRevokedError',
    'CredentialStateNotAllowedError',
    'CredentialTypeNotSupportedError',
    'DEFAULT_ENDPOINT',
    'DeliveryError',
    'EnabledBindingsLimitError',
    'IaPolicyNotEnabledError',
    'IaServiceUnavailableError',
    'IaTransactionMonitoringNotEnabledError',
    'InvalidAccountError',
    'InvalidCredentialIdError',
    'InvalidCredentialTypeError',
    'InvalidExpirationDateError',
    'InvalidFriendlyNameError',
    'InvalidInputError',
    'InvalidRequestError',
    'InvalidUserPinError',
    'LocalAuthenticationCancelledError',
    'LocalAuthenticationFailedError',
    'LocalAuthenticationNotConfiguredError',
    'LocalAuthenticationNotPerformedError',
    'LocalAuthenticationNotSupportedByClientError',
    'LocalAuthenticationNotSupportedByDeviceError',
    'MobilePushNotEnabledError',
    'MobileTokenValidationDeniedError',
    'MobileTokenValidationNotAllowedError',
    'MultiUserCredentialDisabledError',
    'NoEnabledCredentialError',
    'NoPushCredentialsError',
    'NonUsSmsVoiceBlockedError',
    'NumberChallengeFailedError',
    'NumberChallengeNotSupportedError',
    'OperationNotSupportedError',
    'PushChangedError',
    'PushDeniedError',
    'PushError',
    'PushExpiredError',
    'PushNotCompletedError',
    'PushNotFoundError',
    'PushNotSupportedError',
    'PushRequestParametersNotMetError',
    'PushSendFailedError',
    'PushTransactionError',
    'REDACTED',
    'RiskError',
    'RiskEventNotFoundError',
    'RiskEventNotRiskyError',
    'SchemaValidationError',
    'ServiceUnavailableError',
    'SmsDeliveryError',
    'TemporaryPasswordNotSetError',
    'TokenNotRegisteredError',
    'TooManySmsVoiceCredentialsError',
    'TransactionParametersNotSetError',
    'TrustedDeviceNotEnabledError',
    'UserAlreadyExistsError',
    'UserError',
    'UserNotFoundError',
    'UserPinNotEnabledError',
    'UserPinPolicyViolationError',
    'UserStatusNotAllowedError',
    'VERSION',
    'VIP_NAMESPACE',
    'VipAbortError',
    'VipCallError',
    'VipClient',
    'VipConfigurationError',
    'VipConnectionError',
    'VipError',
    'VipHttpError',
    'VipInternalError',
    'VipProtocolError',
    'VipServiceError',
    'VipSoapFaultError',
    'VipStatus',
    'VipTimeoutError',
    'VipValidationError',
    'VoiceDeliveryError',
    'describeStatus',
    'errorClassForStatus',
    'normalizeStatusCode',
  ],
  'vip-user-services/mock': ['CHILD_ACCOUNT_ID', 'DEMO_DATA', 'startMockServer'],
  'vip-user-services/testing': [
    'MockVipAgent',
    'createServiceError',
    'httpError',
    'mockVipAgent',
    'requestMatcher',
    'soapFault',
    'vipErrorResponse',
    'vipReply',
    'vipResponse',
    'vipServiceUrl',
  ],
};

const SOURCES: Record<EntryPoint, () => Promise<object>> = {
  'vip-user-services': () => import('../../src/index.js'),
  'vip-user-services/mock': () => import('../../src/mock/index.js'),
  'vip-user-services/testing': () => import('../../src/testing/index.js'),
};

let installed: InstalledPackage;
let report: InspectionReport;

beforeAll(async () => {
  installed = await installPackedPackage();
  await copyFile(join(REPO_ROOT, 'test/package/inspect-package.mjs'), join(installed.dir, 'inspect-package.mjs'));
  const { stdout } = await run(process.execPath, ['inspect-package.mjs'], installed.dir);
  report = JSON.parse(stdout) as InspectionReport;
});

afterAll(async () => {
  await installed?.remove();
});

describe('the packed tarball', () => {
  it('holds only the builds, the contracts and the package documents', async () => {
    const { stdout } = await run('tar', ['-tzf', installed.tarball], installed.dir);
    const files = stdout.split('\n').filter((line) => line !== '');
    const topLevel = [...new Set(files.map((file) => file.replace(/^package\//, '').split('/')[0]))].sort();
    expect(topLevel).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'dist', 'package.json', 'wsdl']);
    expect(files).toContain('package/dist/cjs/package.json');
    expect(files.filter((file) => /\.(test|test-d)\.[cm]?[jt]s$/.test(file))).toEqual([]);
  });
});

describe.each(ENTRY_POINTS)('%s', (entry) => {
  it('exports the same names, of the same kinds, to import() and require()', () => {
    expect(report.cjs[entry]).toEqual(report.esm[entry]);
  });

  it('exports every runtime name its source entry point exports', async () => {
    const sourceNames = Object.keys(await SOURCES[entry]()).sort();
    expect(Object.keys(report.esm[entry])).toEqual(sourceNames);
  });

  it('exports the names users rely on, as the right kind of value', () => {
    expect(report.esm[entry]).toMatchObject(REQUIRED[entry]);
  });

  it('exports exactly the pinned runtime surface, nothing more or less', () => {
    expect(Object.keys(report.esm[entry]).sort()).toEqual([...SURFACE[entry]].sort());
  });
});

describe('error classes across the ESM and CommonJS builds', () => {
  it('loads two separate copies, so the checks below compare different classes', () => {
    expect(report.separateCopies).toBe(true);
  });

  it('checks every per-status class and every other error class', async () => {
    const source = (await SOURCES['vip-user-services']()) as Record<string, unknown>;
    const perStatus = Object.values(source).filter(
      (value) => typeof value === 'function' && typeof (value as { code?: unknown }).code === 'string',
    );
    expect(perStatus.length).toBeGreaterThan(40);
    expect(report.serviceErrorClassesChecked).toBe(perStatus.length);
    expect(report.otherErrorClassesChecked).toEqual(
      expect.arrayContaining(['VipError', 'VipServiceError', 'CredentialError', 'VipTimeoutError']),
    );
    expect(report.categories).toEqual(expect.arrayContaining(['AuthenticationError', 'CredentialError', 'PushError', 'UserError']));
  });

  it('keeps instanceof for class, category, VipServiceError and VipError in both directions', () => {
    expect(report.failures).toEqual([]);
  });
});

/** The user code every consumer project compiles: use-package.ts and the modules it imports. */
const SHARED_USER_CODE = ['use-package.ts', 'optional-inputs.ts'];

/** Copies a consumer project and the shared user code into the installed project, compiles it and runs it. */
async function buildAndRunConsumer(name: string): Promise<unknown> {
  const target = join(installed.dir, 'consumers', name);
  await cp(join(REPO_ROOT, 'test/package/consumers', name), target, { recursive: true });
  for (const file of SHARED_USER_CODE) await copyFile(join(REPO_ROOT, 'test/package/consumers', file), join(target, file));
  const tsc = join(installed.dir, 'node_modules/typescript/bin/tsc');
  await run(process.execPath, [tsc, '-p', target], target);
  const { stdout } = await run(process.execPath, [join(target, 'out/use-package.js')], target, 60_000);
  return JSON.parse(stdout);
}

describe('TypeScript consumer projects compiled against the installed package', async () => {
  const consumers = (await readdir(join(REPO_ROOT, 'test/package/consumers'), { withFileTypes: true }))
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();

  it('covers nodenext, node16 (CommonJS) and bundler resolution', () => {
    expect(consumers).toEqual(['bundler', 'node16-cjs', 'nodenext']);
  });

  // tsc is the slow part and each project compiles on its own, so they share the cores.
  it.concurrent.for(consumers)('%s: type-checks with skipLibCheck off, then calls the mock over mutual TLS', async (name, { expect }) => {
    expect(await buildAndRunConsumer(name)).toEqual({
      userStatus: 'ACTIVE',
      rejectedAs: 'AuthenticationFailedError 6009',
      revokedIsCredentialError: true,
      solution: 'string',
      cannedResponse: true,
      optionalInputs: { pushStatus: '6040', approvedBy: 'VSMT12345678', eventIdIsDigits: true, risky: false },
    });
  });
});

/** Runs an installed bin the way a shell would: through the .bin link, so the shebang and the file mode matter. */
function bin(name: string) {
  return join(installed.dir, 'node_modules/.bin', name);
}

/**
 * Starts `command` (a mock server), waits for the URL it prints, asks it for a contract, then stops it with SIGTERM.
 * @returns What it printed on stderr.
 */
async function serveAndStop(command: string, args: string[]): Promise<string> {
  const child = spawn(command, args, { cwd: installed.dir });
  const exited = new Promise<number | null>((resolveExit) => child.on('exit', (code) => resolveExit(code)));
  let output = '';
  let stderr = '';
  try {
    const url = await new Promise<string>((resolveUrl, rejectUrl) => {
      child.stdout.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        const printed = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
        if (printed) resolveUrl(printed[0]);
      });
      child.stderr.on('data', (chunk: Buffer) => {
        output += chunk.toString();
        stderr += chunk.toString();
      });
      child.on('exit', (code) => rejectUrl(new Error(`${command} exited (${code}) before printing its URL:\n${output}`)));
    });
    const response = await fetch(`${url}/vipuserservices/QueryService_1_8?wsdl`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('definitions');
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  return stderr;
}

describe('the vip-user-services command', () => {
  it('runs as vip-user-services and as vip from node_modules/.bin', async () => {
    const { stdout: version } = await run(bin('vip-user-services'), ['--version'], installed.dir);
    const manifest = JSON.parse(await readFile(join(REPO_ROOT, 'package.json'), 'utf8')) as { version: string };
    expect(version.trim()).toBe(manifest.version);
    const { stdout: help } = await run(bin('vip'), ['--help'], installed.dir);
    expect(help).toContain('Usage: vip-user-services');
  });

  it('calls VIP through the installed SDK: server-time against an embedded mock, as JSON', async () => {
    const { stdout } = await run(bin('vip-user-services'), ['--mock', '--json', 'server-time'], installed.dir);
    expect(JSON.parse(stdout)).toMatchObject({ serverTime: expect.any(String), requestId: expect.any(String) });
  });

  it('starts the mock server, serves the contracts and stops cleanly on SIGTERM', async () => {
    await serveAndStop(bin('vip-user-services'), ['mock', '--port', '0']);
  });

  it('keeps the old vip-mock command working for one release, saying where it moved', async () => {
    const stderr = await serveAndStop(bin('vip-mock'), ['--port', '0']);
    expect(stderr).toContain('vip-mock has moved: run `vip-user-services mock` instead');
  });
});

/**
 * `soap` is an optional peer: without it, importing the mock entry still works, and starting a server or the
 * command ends in one line naming the install command. The installed project's copy is hidden for the test.
 */
describe('without the optional soap package', () => {
  it('imports vip-user-services/mock, and starting a server or the mock command says what to install', async () => {
    const soapDir = join(installed.dir, 'node_modules/soap');
    const hidden = join(installed.dir, 'node_modules/.soap-hidden');
    await rename(soapDir, hidden);
    try {
      const script =
        "import('vip-user-services/mock').then((m) => m.startMockServer()).then(" +
        "() => console.log('started'), (e) => console.log(e.name + ': ' + e.message))";
      const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], installed.dir);
      expect(stdout.trim()).toBe(
        "Error: The VIP mock server needs the optional package 'soap' (node-soap). Install it next to vip-user-services: npm install --save-dev soap",
      );
      const failure = await run(bin('vip-user-services'), ['mock', '--port', '0'], installed.dir).then(
        () => expect.fail('vip-user-services mock should fail without soap'),
        (error: Error) => error.message,
      );
      expect(failure).toContain(
        "vip-user-services: Error: The VIP mock server needs the optional package 'soap' (node-soap). Install it next to vip-user-services: npm install --save-dev soap",
      );
      expect(failure).not.toMatch(/\n\s+at /);
    } finally {
      await rename(hidden, soapDir);
    }
  });
});

/**
 * `@opentelemetry/api` is an optional peer too, loaded only when telemetry wants it: both builds find the
 * application's copy and trace into a given provider, load nothing with telemetry off, and without the package
 * make their calls as before (a provider given is reported through the logger).
 */
describe('the optional @opentelemetry/api package', () => {
  const useTelemetry = async (build: 'esm' | 'cjs', telemetry: 'given' | 'default' | 'off') => {
    const { stdout } = await run(process.execPath, ['use-telemetry.mjs', build, telemetry], installed.dir);
    return JSON.parse(stdout) as {
      status: string;
      spans: Array<{ name: string; attributes: object }>;
      warnings: string[];
      loaded: boolean;
    };
  };
  const BUILDS = ['esm', 'cjs'] as const;

  beforeAll(() => copyFile(join(REPO_ROOT, 'test/package/use-telemetry.mjs'), join(installed.dir, 'use-telemetry.mjs')));

  it.for(BUILDS)('%s: is loaded when a tracer provider is given, which gets the span of the call', async (build, { expect }) => {
    const result = await useTelemetry(build, 'given');
    expect(result).toMatchObject({ status: '0000', warnings: [], loaded: true });
    expect(result.spans).toEqual([
      {
        name: 'QueryService/getServerTime',
        attributes: expect.objectContaining({ 'rpc.method': 'QueryService/getServerTime', 'vip.request_id': 'Package_0001' }),
      },
    ]);
  });

  it.for(BUILDS)('%s: is not loaded with tracerProvider and meterProvider false', async (build, { expect }) => {
    expect(await useTelemetry(build, 'off')).toEqual({ status: '0000', spans: [], warnings: [], loaded: false });
  });

  it('is not needed: without it both builds make their calls, and a tracer provider given is reported', async () => {
    const apiDir = join(installed.dir, 'node_modules/@opentelemetry/api');
    const hidden = join(installed.dir, 'node_modules/@opentelemetry/.api-hidden');
    await rename(apiDir, hidden);
    try {
      for (const build of BUILDS) {
        expect(await useTelemetry(build, 'default')).toEqual({ status: '0000', spans: [], warnings: [], loaded: false });
        expect(await useTelemetry(build, 'given')).toEqual({
          status: '0000',
          spans: [],
          warnings: ['tracerProvider was given, but @opentelemetry/api cannot be loaded: no spans are recorded'],
          loaded: false,
        });
      }
    } finally {
      await rename(hidden, apiDir);
    }
  });
});
