/**
 * The old `vip-mock` bin, kept for one release: it says where the command moved and runs it. `npx vip-mock` outside
 * an install would fetch an unrelated package of that name; `npx vip-user-services mock` cannot.
 */
import { processIo } from './io.js';
import { runCli } from './program.js';

process.stderr.write('vip-mock has moved: run `vip-user-services mock` instead (vip-mock goes away in the next release)\n');
process.exitCode = await runCli(['mock', ...process.argv.slice(2)], processIo());
