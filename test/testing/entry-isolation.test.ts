import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = resolve(dirname(fileURLToPath(import.meta.url)), '../../src');
const IMPORT = /(?:^|\s)(?:import|export)\s[^'"]*?from\s+'([^']+)'|import\(\s*'([^']+)'\s*\)/g;

/** Every module the entry loads, following relative imports, with the package names they import. */
function dependencyGraph(entry: string): { modules: string[]; packages: Set<string> } {
  const modules: string[] = [];
  const packages = new Set<string>();
  const pending = [resolve(SRC, entry)];
  while (pending.length > 0) {
    const file = pending.pop() as string;
    if (modules.includes(file)) continue;
    modules.push(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = (match[1] ?? match[2]) as string;
      if (specifier.startsWith('.')) pending.push(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(specifier);
    }
  }
  return { modules: modules.map((file) => relative(SRC, file)), packages };
}

describe('the vip-user-services/testing entry', () => {
  const { modules, packages } = dependencyGraph('testing/index.ts');

  it('loads neither the mock server nor soap nor nock', () => {
    expect(modules.length).toBeGreaterThan(5);
    expect(modules.filter((file) => file.startsWith('mock/'))).toEqual([]);
    expect([...packages].filter((name) => ['soap', 'nock'].includes(name))).toEqual([]);
  });

  it('needs no package the SDK does not already depend on', () => {
    const dependencies = Object.keys(
      (JSON.parse(readFileSync(resolve(SRC, '../package.json'), 'utf8')) as { dependencies: object }).dependencies,
    );
    const external = [...packages].filter((name) => !name.startsWith('node:'));
    expect(external.filter((name) => !dependencies.includes(name))).toEqual([]);
  });
});
