/** The README's generated and quoted parts stay in step with the code. */
import { readFileSync } from 'node:fs';
import { expect, it } from 'vitest';
import { readmeWithErrors } from '../../scripts/readme-errors.js';

const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

it('has an errors section equal to what scripts/readme-errors.ts renders (run npm run readme:errors)', () => {
  expect(readmeWithErrors(readme)).toBe(readme);
});

it('shows only testing snippets whose code test/testing/readme-snippets.test.ts runs', () => {
  const section = readme.slice(readme.indexOf('## Testing your own app'), readme.indexOf('### The helpers in `vip-user-services/testing`'));
  const blocks = [...section.matchAll(/```ts\n([\s\S]*?)```/g)].map((m) => m[1] as string);
  expect(blocks).toHaveLength(3);
  const tested = new Set(
    readFileSync(new URL('../testing/readme-snippets.test.ts', import.meta.url), 'utf8')
      .split('\n')
      .map((line) => line.trim()),
  );
  // Imports are merged in the test file; every other line of the README's snippets must be there as written.
  const missing = blocks
    .flatMap((block) => block.split('\n'))
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('import ') && !tested.has(line));
  expect(missing).toEqual([]);
});
