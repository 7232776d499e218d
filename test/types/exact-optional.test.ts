/**
 * The package's own tsconfig leaves `exactOptionalPropertyTypes` off, and with it off `field?: T` and
 * `field?: T | undefined` cannot be told apart, so the type tests cannot see whether optional inputs accept an
 * explicit `undefined`. This test compiles the consumer fixture against src/ with the flag on, as a user with the
 * strictest settings would, and requires it to compile cleanly. A control snippet proves the flag is in force.
 */
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../', import.meta.url));
const FIXTURE = `${root}test/package/consumers/optional-inputs.ts`;
// Fails only when exactOptionalPropertyTypes is on: the property does not accept an explicit undefined.
const CONTROL = `${root}test/types/exact-optional-control.ts`;
const CONTROL_SOURCE = 'const settings: { retries?: number } = { retries: undefined };\nexport { settings };\n';

function diagnosticsOf(file: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    lib: ['lib.es2023.d.ts', 'lib.dom.d.ts'],
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    types: ['node'],
    strict: true,
    exactOptionalPropertyTypes: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    skipLibCheck: true,
    noEmit: true,
    baseUrl: root,
    paths: { 'vip-user-services': ['./src/index.ts'] },
  };
  const host = ts.createCompilerHost(options);
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const getSourceFile = host.getSourceFile.bind(host);
  host.readFile = (name) => (name === CONTROL ? CONTROL_SOURCE : readFile(name));
  host.fileExists = (name) => name === CONTROL || fileExists(name);
  host.getSourceFile = (name, language, onError, create) =>
    name === CONTROL ? ts.createSourceFile(name, CONTROL_SOURCE, language) : getSourceFile(name, language, onError, create);
  const program = ts.createProgram([file], options, host);
  const source = program.getSourceFile(file);
  if (source === undefined) throw new Error(`${file} was not compiled`);
  // Only the file's own diagnostics: src/ itself is compiled with the package's settings, not these.
  return [...program.getSyntacticDiagnostics(source), ...program.getSemanticDiagnostics(source)].map((d) =>
    ts.flattenDiagnosticMessageText(d.messageText, '\n'),
  );
}

describe('with exactOptionalPropertyTypes and strict on', () => {
  it('rejects an explicit undefined for a property declared without it (the flag is in force)', () => {
    expect(diagnosticsOf(CONTROL).join('\n')).toMatch(/exactOptionalPropertyTypes/);
  });

  it('compiles user code passing possibly-undefined values to optional inputs, call options and waitForPush options', () => {
    expect(diagnosticsOf(FIXTURE)).toEqual([]);
  });
});
