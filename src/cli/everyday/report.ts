/** How the everyday commands that change something report it: one JSON object, or a sentence and the request ID. */
import type { Output } from '../output.js';
import { renderFields } from '../output.js';

/** What a changing command reports: `result` names what was done; `requestId` is VIP's reference for support. */
export interface DoneReport {
  readonly result: string;
  readonly requestId: string;
  readonly [field: string]: unknown;
}

/**
 * Prints that something was done: `report` as JSON with `--json`, else `sentence` and the request ID. `report` is
 * printed as it is: it must never hold a secret.
 */
export function reportDone(output: Output, sentence: string, report: DoneReport): void {
  output.result(report, () => `${sentence}\n${renderFields({ 'request ID': report.requestId })}`);
}
