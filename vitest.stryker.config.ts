/**
 * The vitest setup StrykerJS runs for each mutant: the unit tests without type checking or coverage (Stryker measures
 * its own per-test coverage), so a mutant costs only the tests that reach it.
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

export default mergeConfig(
  base,
  defineConfig({
    test: {
      typecheck: { enabled: false },
      // The mock's suites start node-soap servers; they cover the mock, which is not in the mutated set, and the
      // client paths they reach are covered by the client's own suites. The CLI and docs suites drive the SDK as a
      // user does (through child processes, the mock and the TypeScript compiler); what they reach is pinned by the
      // SDK's own suites, and the CLI is not in the mutated set.
      exclude: ['test/package/**', 'test/mock/**', 'test/cli/**', 'test/docs/**', 'node_modules/**'],
      // Property tests run for every mutant they cover: fewer runs per mutant, same fixed seed.
      env: { VIP_PROPERTY_RUNS: '100' },
    },
  }),
);
