/**
 * The options every bulk job takes, checked before anything is read or sent: `--concurrency`, `--rate`, and
 * `--exclude` patterns (globs on the user ID, for the users a job must never touch: administrators, break-glass
 * accounts).
 */
import picomatch from 'picomatch';
import { CliUsageError } from '../exit-codes.js';

/** Most calls in flight at once; far above what VIP should be asked for, low enough to catch a typo (`400`). */
export const MAX_CONCURRENCY = 64;
/** The default: gentle on VIP, still four times faster than one call at a time. */
export const DEFAULT_CONCURRENCY = 4;

/**
 * Reads `--concurrency`.
 * @throws {CliUsageError} unless it is a whole number from 1 to {@link MAX_CONCURRENCY}.
 */
export function parseConcurrency(text: string | undefined): number {
  if (text === undefined) return DEFAULT_CONCURRENCY;
  const value = Number(text);
  if (!/^\d+$/.test(text) || value < 1 || value > MAX_CONCURRENCY) {
    throw new CliUsageError(`--concurrency takes a whole number from 1 to ${MAX_CONCURRENCY}, got ${JSON.stringify(text)}`);
  }
  return value;
}

const RATE = /^(\d+(?:\.\d+)?)\s*(?:\/\s*(s|sec|second|m|min|minute))?$/i;

/**
 * Reads `--rate`: calls per second as `N`, `N/s` or `N/min` (e.g. `20/s`, `600/min`, `0.5/s`).
 * @returns calls per second, or undefined when not given.
 * @throws {CliUsageError} for anything else, zero, or more than 10000/s.
 */
export function parseRate(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const match = RATE.exec(text.trim());
  const amount = Number(match?.[1]);
  const perSecond = match?.[2]?.toLowerCase().startsWith('m') === true ? amount / 60 : amount;
  if (match === null || !(perSecond > 0) || perSecond > 10_000) {
    throw new CliUsageError(`--rate takes calls per time unit, e.g. 20/s or 600/min (at most 10000/s), got ${JSON.stringify(text)}`);
  }
  return perSecond;
}

/** The user IDs a job leaves alone. */
export interface Exclusions {
  /** The first pattern that matches `userId` (case does not matter, like VIP's user IDs), else undefined. */
  match(userId: string): string | undefined;
}

/**
 * Compiles `--exclude` patterns: `*` (not across `/`), `?`, `[abc]`, `{a,b}` and `**`.
 * @throws {CliUsageError} for an empty pattern.
 */
export function parseExclusions(patterns: readonly string[]): Exclusions {
  const matchers = patterns.map((pattern) => {
    if (pattern.trim() === '') throw new CliUsageError('--exclude takes a pattern, e.g. --exclude "ADM_*"');
    return { pattern, test: picomatch(pattern, { nocase: true, dot: true }) };
  });
  return { match: (userId) => matchers.find(({ test }) => test(userId))?.pattern };
}
