import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/**
 * The packed-package tests (`npm run test:package`): they pack the tarball, install it into a temporary project and
 * test it from the outside, so there is no alias to src/ and no coverage here.
 */
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  test: {
    include: ['test/package/**/*.test.ts'],
    environment: 'node',
    // Packing (which builds) and installing take tens of seconds on a 2-core machine.
    hookTimeout: 300_000,
    testTimeout: 300_000,
  },
});
