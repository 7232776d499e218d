/** The recipes of docs/testing.md are the ones test/testing/guide-snippets.test.ts runs. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { codeBlocks } from './markdown.js';

it('shows only testing recipes whose code test/testing/guide-snippets.test.ts runs', () => {
  const recipes = codeBlocks('docs/testing.md').filter((block) => block.language === 'ts');
  expect(recipes).toHaveLength(3);
  const tested = new Set(
    readFileSync(new URL('../testing/guide-snippets.test.ts', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim()),
  );
  // Imports are merged in the test file; every other line of the guide's recipes must be there as written.
  const missing = recipes
    .flatMap((block) => block.code.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('import ') && !tested.has(line));
  expect(missing).toEqual([]);
});
