/**
 * The examples stay copyable and listed: each builds its client visibly from the VIP_* variables, the same way in
 * every file, and the README, examples/README.md and the demo name exactly the example files there are. (The demo
 * itself, which runs each one against the mock, is a CI step: npm run demo.)
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPage, ROOT } from './markdown.js';

const examples = readdirSync(join(ROOT, 'examples'))
  .filter((name) => name.endsWith('.ts') && name !== 'demo.ts')
  .sort();

/** The lines from the comment that introduces the client to the end of `new VipClient({...})`. */
function clientBlock(source: string): string[] {
  const lines = source.split('\n');
  const start = lines.findIndex((line) =>
    line.startsWith("// The endpoint and the account's client certificate come from the environment"),
  );
  const end = lines.findIndex((line, index) => index > start && line.startsWith('});'));
  return start === -1 || end === -1 ? [] : lines.slice(start, end + 1);
}

describe.each(examples)('examples/%s', (file) => {
  const source = readFileSync(join(ROOT, 'examples', file), 'utf8');

  it('builds its VipClient at the top, from the VIP_* variables, like every other example', () => {
    const block = clientBlock(source);
    expect(block.length, 'no client block').toBeGreaterThan(0);
    const reference = clientBlock(readFileSync(join(ROOT, 'examples', 'sign-in-with-otp.ts'), 'utf8'));
    // An example may add options of its own (apiVersion, say) before the closing line.
    expect(block.slice(0, reference.length - 1)).toEqual(reference.slice(0, -1));
    const firstStatement = source.split('\n').findIndex((line) => /^(const|let|await|try|async function|function)\b/.test(line));
    expect(source.split('\n')[firstStatement], 'the client block comes first').toBe('const env = process.env;');
  });

  it('imports nothing from the repository but the package and support/end-user.ts', () => {
    const relative = [...source.matchAll(/from '(\.[^']+)'/g)].map((match) => match[1]);
    expect(relative.filter((path) => path !== './support/end-user.js')).toEqual([]);
  });
});

describe('the lists of examples', () => {
  const linkedFiles = (page: string, prefix: string) =>
    [...new Set([...readPage(page).matchAll(/\]\(([\w/-]+\.ts)\)/g)].map((match) => (match[1] as string).replace(prefix, '')))]
      .filter((file) => !file.includes('/'))
      .sort();

  it('in the README', () => {
    expect(linkedFiles('README.md', 'examples/')).toEqual(examples);
  });

  it('in examples/README.md', () => {
    expect(linkedFiles('examples/README.md', '').filter((file) => file !== 'demo.ts')).toEqual(examples);
  });

  it('in the demo', () => {
    const demo = readFileSync(join(ROOT, 'examples', 'demo.ts'), 'utf8');
    expect([...demo.matchAll(/file: '([\w-]+\.ts)'/g)].map((match) => match[1]).sort()).toEqual(examples);
  });
});
