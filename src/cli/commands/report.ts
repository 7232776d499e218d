/** `report`: being built (issue #10); registers nothing yet. */
import type { RegisterCommand } from '../program.js';

export const registerReport: RegisterCommand = () => {};
