/** Reading a doctor report in tests. */
import { type CliRun, jsonOf } from '../support.js';

export interface ReportedCheck {
  readonly name: string;
  readonly verdict: 'pass' | 'warn' | 'fail' | 'skipped';
  readonly detail: string;
  readonly fix?: string;
  readonly info?: Record<string, unknown>;
}

export interface Report {
  readonly ok: boolean;
  readonly endpoint: string;
  readonly summary: Record<string, number>;
  readonly checks: readonly ReportedCheck[];
}

/** Each check's verdict by name, in report order. */
export function verdicts(report: { checks: readonly { name: string; verdict: string }[] }): Record<string, string> {
  return Object.fromEntries(report.checks.map((check) => [check.name, check.verdict]));
}

/** The `--json` report of a run. */
export function reportOf(run: CliRun): Report {
  return jsonOf(run) as Report;
}

/** One check of the `--json` report; fails the test when it is missing. */
export function checkOf(run: CliRun, name: string): ReportedCheck {
  const check = reportOf(run).checks.find((candidate) => candidate.name === name);
  if (check === undefined) throw new Error(`the report has no check named ${name}: ${run.stdout}${run.stderr}`);
  return check;
}
