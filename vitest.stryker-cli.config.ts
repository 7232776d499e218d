/**
 * The vitest setup StrykerJS runs for the bulk-job journal (`stryker.cli.config.json`): only the in-process bulk
 * suites, which drive the journal through real jobs against the mock and read it back alone. The 10,000-row fault
 * run and the SIGKILL run are left out: they cover the same lines through child processes and take seconds each.
 */
import { defineConfig, mergeConfig } from 'vitest/config';
import base from './vitest.config.js';

const config = mergeConfig(
  base,
  defineConfig({
    test: {
      typecheck: { enabled: false },
    },
  }),
);
// mergeConfig concatenates lists; this run takes these suites instead of the base's whole tree.
config.test.include = [
  'test/cli/bulk-journal.test.ts',
  'test/cli/bulk-units.test.ts',
  'test/cli/bulk-create.test.ts',
  'test/cli/bulk-credentials.test.ts',
  'test/cli/bulk-delete-restore.test.ts',
  'test/cli/bulk-options.test.ts',
];
export default config;
