/** Every command of the CLI, in the order `--help` lists them. */
import type { RegisterCommand } from '../program.js';
import { registerAuth } from './auth.js';
import { registerBulk } from './bulk.js';
import { registerCredentials } from './credentials.js';
import { registerDoctor } from './doctor.js';
import { registerMock } from './mock.js';
import { registerReport } from './report.js';
import { registerServerTime } from './server-time.js';
import { registerTempCode } from './temp-code.js';
import { registerUsers } from './users.js';

export const COMMANDS: readonly RegisterCommand[] = [
  registerDoctor,
  registerServerTime,
  registerUsers,
  registerCredentials,
  registerAuth,
  registerTempCode,
  registerBulk,
  registerReport,
  registerMock,
];
