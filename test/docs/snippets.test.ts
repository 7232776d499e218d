/**
 * Every code block of the documentation is compiled or run, so no page can show code that stopped working:
 *
 * - `ts` and `js` blocks are type-checked as modules against the package's sources, strict and with
 *   `exactOptionalPropertyTypes` on (stricter than this repository's own code), `js` blocks with `checkJs`;
 * - blocks marked `<!-- snippet:run -->` are also run, and print what their `// comments` say;
 * - `sh` blocks name only npm scripts that exist;
 * - `text` blocks are output and trees (the generated ones are checked by error-docs.test.ts), `xml` blocks are
 *   the wire examples of docs/soap.md (checked by soap-guide.test.ts). No other kind of block is allowed.
 *
 * Snippets may use the names PRELUDE declares, the stand-ins for what a reader's application already has (a
 * connected client, its TLS settings...); anything else they need they import or declare themselves.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type CodeBlock, codeBlocks, documentationPages, ROOT } from './markdown.js';

const PRELUDE = `
declare const vip: import('vip-user-services').VipClient;
declare const tls: import('vip-user-services').VipTlsOptions;
declare const mock: import('vip-user-services/mock').MockServer;
declare const userId: string;
declare const otp: string;
// The stand-ins of docs/telemetry.md's JavaScript, which cannot declare them itself.
declare const pfx: Buffer;
declare const passphrase: string;
declare const metrics: { timing(name: string, ms: number, tags?: Record<string, unknown>): void };
declare const log: { info(...args: unknown[]): void; warn(...args: unknown[]): void };
declare function tenantOf(operation: string): string;
`;

/** Packages the guides show how to set up, which this repository does not install: typed as `any`. */
const NOT_INSTALLED = `
declare module '@opentelemetry/sdk-node';
declare module '@opentelemetry/exporter-trace-otlp-http';
declare module '@opentelemetry/exporter-metrics-otlp-http';
declare module '@opentelemetry/instrumentation-undici';
`;

const COMPILED = new Set(['ts', 'js']);
const SHOWN = new Set(['text', 'xml', 'sh', 'json']);
const SNIPPET_DIR = join(ROOT, '.snippets');

const blocks = documentationPages().flatMap((page) => codeBlocks(page));
const compiled = blocks.filter((block) => COMPILED.has(block.language));

function snippetFile(block: CodeBlock): string {
  const extension = block.language === 'js' ? 'mjs' : 'mts';
  return join(SNIPPET_DIR, `${block.page.replace(/[/.]/g, '_')}_L${block.line}.${extension}`);
}

/** Type-checks every snippet in one program; returns the diagnostics per snippet file. */
function compileSnippets(): Map<string, string[]> {
  const configFile = ts.readConfigFile(join(ROOT, 'tsconfig.json'), (path) => ts.sys.readFile(path));
  const parsed = ts.parseJsonConfigFileContent(configFile.config, ts.sys, ROOT);
  const options: ts.CompilerOptions = {
    ...parsed.options,
    strict: true,
    exactOptionalPropertyTypes: true,
    allowJs: true,
    checkJs: true,
    noEmit: true,
    moduleDetection: ts.ModuleDetectionKind.Force,
  };
  const virtual = new Map<string, string>([
    [join(SNIPPET_DIR, 'prelude.d.ts'), PRELUDE],
    [join(SNIPPET_DIR, 'not-installed.d.ts'), NOT_INSTALLED],
  ]);
  for (const block of compiled) virtual.set(snippetFile(block), block.code);
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = (path) => virtual.has(path) || fileExists.call(host, path);
  host.readFile = (path) => virtual.get(path) ?? readFile.call(host, path);
  host.getSourceFile = (path, language, onError, shouldCreate) => {
    const text = virtual.get(path);
    return text === undefined
      ? getSourceFile.call(host, path, language, onError, shouldCreate)
      : ts.createSourceFile(path, text, language, true);
  };
  const program = ts.createProgram({ rootNames: [...virtual.keys()], options, host });
  const byFile = new Map<string, string[]>();
  for (const diagnostic of ts.getPreEmitDiagnostics(program)) {
    const file = diagnostic.file?.fileName;
    if (file === undefined || !virtual.has(file)) continue;
    const { line } = diagnostic.file?.getLineAndCharacterOfPosition(diagnostic.start ?? 0) ?? { line: 0 };
    const message = ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n');
    byFile.set(file, [...(byFile.get(file) ?? []), `line ${line + 1} of the block: ${message}`]);
  }
  return byFile;
}

describe('code blocks', () => {
  it('are all of a known kind', () => {
    const unknown = blocks.filter((block) => !COMPILED.has(block.language) && !SHOWN.has(block.language));
    expect(unknown.map((block) => `${block.page}:${block.line} (${block.language || 'no language'})`)).toEqual([]);
    const xmlElsewhere = blocks.filter((block) => block.language === 'xml' && block.page !== 'docs/soap.md');
    expect(xmlElsewhere.map((block) => `${block.page}:${block.line}`)).toEqual([]);
  });

  it('are found in every page that has them', () => {
    const pages = new Set(compiled.map((block) => block.page));
    for (const page of ['README.md', 'docs/connecting.md', 'docs/errors.md', 'docs/testing.md', 'docs/telemetry.md']) {
      expect(pages).toContain(page);
    }
  });
});

describe('ts and js blocks compile (strict, exactOptionalPropertyTypes)', () => {
  let diagnostics: Map<string, string[]>;
  beforeAll(() => {
    diagnostics = compileSnippets();
  }, 180_000);

  it.each(compiled.map((block) => [`${block.page}:${block.line}`, block] as const))('%s', (_name, block) => {
    expect(diagnostics.get(snippetFile(block)) ?? []).toEqual([]);
  });
});

describe('blocks marked snippet:run', () => {
  const runnable = compiled.filter((block) => block.marker === 'snippet:run');
  let directory: string;
  beforeAll(() => {
    // Inside the repository (.tmp/ is ignored), so tsx finds tsconfig.json and the package name maps to src/.
    mkdirSync(join(ROOT, '.tmp'), { recursive: true });
    directory = mkdtempSync(join(ROOT, '.tmp', 'snippet-'));
  });
  afterAll(() => rmSync(directory, { recursive: true, force: true }));

  it("include the README's mock server snippet", () => {
    expect(runnable.map((block) => block.page)).toContain('README.md');
  });

  it.each(runnable.map((block) => [`${block.page}:${block.line}`, block] as const))(
    '%s runs and prints what its comments say',
    async (_name, block) => {
      const file = join(directory, `${block.page.replace(/[/.]/g, '_')}_L${block.line}.ts`);
      writeFileSync(file, block.code);
      const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', file], { cwd: ROOT, timeout: 60_000 });
      const promised = [...block.code.matchAll(/console\.log\(.*\);\s*\/\/\s*(.*)$/gm)].map((match) => match[1]);
      expect(stdout.trim().split('\n')).toEqual(promised);
    },
    90_000,
  );
});

describe('sh blocks', () => {
  const scripts = Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: object }).scripts);
  const shell = blocks.filter((block) => block.language === 'sh');

  it.each(shell.map((block) => [`${block.page}:${block.line}`, block] as const))('%s names only npm scripts that exist', (_name, block) => {
    const named = [...block.code.matchAll(/\bnpm (?:run(?:-script)? ([\w:.-]+)|(test|start|stop|restart)\b)/g)].map(
      (match) => match[1] ?? match[2],
    );
    expect(named.filter((name) => name !== undefined && !scripts.includes(name))).toEqual([]);
  });
});

describe('json blocks', () => {
  const json = blocks.filter((block) => block.language === 'json');

  it.each(json.map((block) => [`${block.page}:${block.line}`, block] as const))('%s is valid JSON', (_name, block) => {
    expect(() => JSON.parse(block.code)).not.toThrow();
  });
});
