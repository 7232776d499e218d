/** Every command of the CLI, in the order `--help` lists them. */
import type { RegisterCommand } from '../program.js';
import { registerMock } from './mock.js';
import { registerServerTime } from './server-time.js';

export const COMMANDS: readonly RegisterCommand[] = [registerServerTime, registerMock];
