/** The texts the mock puts beside status and detail codes, taken from the documented table where VIP's wording is known. */
import { documentedStatus } from '../errors/status-codes.js';

/** Messages of the detail codes the mock uses; the push-transaction ones are worded as in the status table. */
const DETAIL_MESSAGES: Readonly<Record<string, string | undefined>> = {
  '49B5': 'Failed with an invalid OTP',
  '4E1B': 'Token has already been activated.',
  '7140': documentedStatus('7140')?.message,
  '7141': documentedStatus('7141')?.message,
};

/** VIP's status message for `code` (the documented one), or a neutral text for an undocumented code. */
export function statusMessageOf(code: string): string {
  return documentedStatus(code)?.message ?? 'Unknown status.';
}

/** VIP's message for a detail code (in either case, as hexBinary allows), when the mock knows it. */
export function detailMessageOf(code: string): string | undefined {
  return DETAIL_MESSAGES[code.toUpperCase()];
}
