import { fileURLToPath } from 'node:url';
import { configDefaults, defineConfig } from 'vitest/config';

const src = (path: string) => fileURLToPath(new URL(`./src/${path}`, import.meta.url));

export default defineConfig({
  resolve: {
    // Tests import the package by its public name, exactly as users do.
    alias: [
      { find: /^vip-user-services$/, replacement: src('index.ts') },
      { find: /^vip-user-services\/(.+)$/, replacement: src('$1/index.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts'],
    // The packed-tarball tests build, pack and install the package: they run on their own (npm run test:package).
    exclude: [...configDefaults.exclude, 'test/package/**'],
    environment: 'node',
    restoreMocks: true,
    typecheck: { enabled: true, include: ['test/**/*.test-d.ts'], tsconfig: './tsconfig.json' },
    coverage: {
      provider: 'v8',
      // Hand-written library code, including the shipped mock server and testing helpers.
      include: ['src/**/*.ts'],
      exclude: [
        // Generated from wsdl/; its behaviour is covered through the client, its text by the staleness check.
        'src/generated/**',
        // The two bin entry files only hand the process's streams to runCli, which the CLI tests run in-process; the
        // bins themselves run in child processes, where in-process coverage cannot see them.
        'src/cli/main.ts',
        'src/cli/vip-mock.ts',
      ],
      reporter: ['text-summary', 'text', 'html'],
      thresholds: { lines: 90, statements: 90, branches: 85, functions: 90 },
    },
  },
});
