/**
 * The doctor's report: one JSON document for scripts, or an aligned list for people with the verdict first (so a
 * failure stands out when scanning), the fix under each warning or failure, and a closing verdict line.
 */
import { type Check, tally, type Verdict } from './checks.js';

export interface DoctorReport {
  /** No check failed (warnings and skipped checks allowed). */
  readonly ok: boolean;
  /** The endpoint diagnosed. */
  readonly endpoint: string;
  readonly summary: Record<Verdict, number>;
  readonly checks: readonly Check[];
}

export function buildReport(endpoint: string, checks: readonly Check[]): DoctorReport {
  const summary = tally(checks);
  return { ok: summary.fail === 0, endpoint, summary, checks };
}

const LABELS: Readonly<Record<Verdict, string>> = { pass: 'PASS', warn: 'WARN', fail: 'FAIL', skipped: 'SKIP' };

export function renderReport(report: DoctorReport): string {
  const width = Math.max(...report.checks.map((check) => check.name.length));
  const indent = ' '.repeat(2 + 4 + 2 + width + 2);
  const lines = [`vip-user-services doctor: ${report.endpoint}`, ''];
  for (const check of report.checks) {
    lines.push(`  ${LABELS[check.verdict]}  ${check.name.padEnd(width)}  ${check.detail}`);
    for (const line of check.lines ?? []) lines.push(`${indent}${line}`);
    if (check.fix !== undefined) lines.push(`${indent}fix: ${check.fix}`);
  }
  lines.push('', verdictLine(report));
  return lines.join('\n');
}

function verdictLine({ summary }: DoctorReport): string {
  const counts = [
    `${summary.pass} passed`,
    ...(summary.warn > 0 ? [`${summary.warn} warning${summary.warn === 1 ? '' : 's'}`] : []),
    ...(summary.fail > 0 ? [`${summary.fail} failed`] : []),
    ...(summary.skipped > 0 ? [`${summary.skipped} skipped`] : []),
  ].join(', ');
  if (summary.fail > 0)
    return `Verdict: FAIL (${counts}). Fix the first failure, then run doctor again: later checks often follow from it.`;
  if (summary.warn > 0) return `Verdict: OK with warnings (${counts}).`;
  return `Verdict: OK (${counts}).`;
}
