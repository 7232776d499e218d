/**
 * The argument values everyday commands share: the contract's enumerations as commander choices (so a typo is a
 * usage error before anything is sent), phone numbers as people write them, and expiry times.
 */
import { InvalidArgumentError, Option } from 'commander';
import type { CredentialStatusChange, UserStatus } from '../../index.js';
import { CREDENTIAL_TYPES } from '../credential-types.js';

/**
 * The user states an administrator may set. The contract's enumeration also has LOCKED, but VIP documents only
 * ACTIVE (enable or unlock) and DISABLED for updateUser: VIP locks users itself after failed sign-ins.
 */
export const SETTABLE_USER_STATUSES = ['ACTIVE', 'DISABLED'] as const satisfies readonly UserStatus[];

/** The states updateCredential can give a binding (API 1.10). */
export const CREDENTIAL_STATUS_CHANGES = ['ENABLED', 'DISABLED'] as const satisfies readonly CredentialStatusChange[];

/** `--type`, the credential type every credential operation needs; VIP Access apps and tokens by default. */
export function credentialTypeOption(): Option {
  return new Option('--type <type>', 'credential type').choices(CREDENTIAL_TYPES).default('STANDARD_OTP');
}

/**
 * A phone number as VIP wants it (digits, optionally `x` and an extension): the spaces, hyphens, parentheses and
 * leading `+` people write are dropped. Anything else is left for the SDK's contract check to judge.
 */
export function phoneNumber(text: string): string {
  return text.replace(/[\s()-]/g, '').replace(/^\+/, '');
}

const DAY_MS = 24 * 3600_000;
/** VIP keeps a temporary security code at most 30 days (601A beyond). */
export const MAX_TEMPORARY_CODE_MS = 30 * DAY_MS;
const UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3600_000, d: DAY_MS };

/**
 * A commander parser for `--expires`: a duration from now (`90m`, `12h`, `7d`) or an ISO 8601 date-time, in the
 * future and at most 30 days ahead, so VIP's 601A never has to say so.
 * @param now The clock, for tests.
 */
export function expiryParser(now: () => number = Date.now): (text: string) => Date {
  return (text) => {
    const duration = /^(\d+)([mhd])$/.exec(text);
    const at = duration === null ? Date.parse(text) : now() + Number(duration[1]) * (UNIT_MS[duration[2] as string] as number);
    if (Number.isNaN(at)) throw new InvalidArgumentError('give a duration such as 90m, 12h or 7d, or an ISO 8601 date-time.');
    const ahead = at - now();
    if (ahead <= 0) throw new InvalidArgumentError('the expiry must lie in the future.');
    if (ahead > MAX_TEMPORARY_CODE_MS) throw new InvalidArgumentError('VIP keeps a temporary code at most 30 days (30d).');
    return new Date(at);
  };
}

/** A commander parser for a whole number of at least 1 (seconds, milliseconds). */
export function positiveInteger(text: string): number {
  if (!/^\d+$/.test(text) || Number(text) < 1) throw new InvalidArgumentError('give a whole number of at least 1.');
  return Number(text);
}
