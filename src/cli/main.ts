/**
 * The `vip-user-services` bin (alias `vip`). Run `vip-user-services --help`; during development
 * `npx tsx src/cli/main.ts --help`.
 */
import { processIo } from './io.js';
import { runCli } from './program.js';

process.exitCode = await runCli(process.argv.slice(2), processIo());
