/**
 * The unit of a doctor's report: one named check with a verdict, what was found and, for a warning or a failure, what
 * to do about it. Every run lists the same checks in the same order (a check that could not run is `skipped` with
 * the reason), so scripts reading `--json` can look a check up by name.
 */

/** How a check ended. `warn` does not fail the run; `skipped` says why the check could not run. */
export type Verdict = 'pass' | 'warn' | 'fail' | 'skipped';

/** Every check, in the order the report lists them. */
export const CHECK_NAMES = [
  'certificate',
  'certificate validity',
  'private key',
  'p12 encryption',
  'endpoint',
  'dns',
  'connection',
  'proxy',
  'tls handshake',
  'server certificate',
  'server time',
  'clock skew',
] as const;

export type CheckName = (typeof CHECK_NAMES)[number];

export interface Check {
  readonly name: CheckName;
  readonly verdict: Verdict;
  /** What was found, in one sentence; never a secret. */
  readonly detail: string;
  /** What to do, for a warning or a failure. */
  readonly fix?: string | undefined;
  /** Further lines for people (e.g. the server's chain), printed under the detail. */
  readonly lines?: readonly string[] | undefined;
  /** The facts behind the detail, for `--json` readers (dates, addresses, chain entries). */
  readonly info?: Readonly<Record<string, unknown>> | undefined;
}

type Extras = Pick<Check, 'lines' | 'info'>;

export function pass(name: CheckName, detail: string, extras: Extras = {}): Check {
  return { name, verdict: 'pass', detail, ...extras };
}

export function warn(name: CheckName, detail: string, fix: string, extras: Extras = {}): Check {
  return { name, verdict: 'warn', detail, fix, ...extras };
}

export function fail(name: CheckName, detail: string, fix: string, extras: Extras = {}): Check {
  return { name, verdict: 'fail', detail, fix, ...extras };
}

export function skip(name: CheckName, reason: string): Check {
  return { name, verdict: 'skipped', detail: reason };
}

/** A finding about a check not yet named: network steps describe a failure before the caller knows which step it was. */
export interface Finding {
  readonly verdict: Exclude<Verdict, 'skipped'>;
  readonly detail: string;
  readonly fix?: string | undefined;
}

/** Turns a {@link Finding} into the named check. */
export function checkOf(name: CheckName, finding: Finding, extras: Extras = {}): Check {
  return { name, ...finding, ...extras };
}

/** Checks by verdict, for the summary line and the JSON report. */
export function tally(checks: readonly Check[]): Record<Verdict, number> {
  const counts: Record<Verdict, number> = { pass: 0, warn: 0, fail: 0, skipped: 0 };
  for (const check of checks) counts[check.verdict] += 1;
  return counts;
}

/** Days between two moments, rounded down (negative once `until` has passed), as `ClientCertificateInfo` counts them. */
export function daysBetween(from: Date, until: Date): number {
  return Math.floor((until.getTime() - from.getTime()) / 86_400_000);
}

/** `1 day`, `12 days`. */
export function dayCount(days: number): string {
  return `${days} day${days === 1 ? '' : 's'}`;
}

/** `2027-03-01` from a date: certificate lifetimes count in days, so the time of day is noise in a report. */
export function day(date: Date): string {
  return date.toISOString().slice(0, 10);
}
