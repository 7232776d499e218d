/** What the CSV jobs share: the user and credential columns, the credential types, and how a row's key is read. */
import type { CredentialType } from '../../../index.js';
import { CHILD_ACCOUNT_COLUMN, type ColumnSpec, choiceValue, type RowValues, requiredValue } from '../columns.js';
import { childAccountOf, type PlanContext, type RowKey } from '../job.js';
import { CREDENTIAL_TYPES } from '../../credential-types.js';

export const USER_ID_COLUMN: ColumnSpec = { name: 'userId', required: true, description: 'the VIP user ID' };

export const CREDENTIAL_COLUMNS: readonly ColumnSpec[] = [
  { name: 'credentialId', required: true, description: 'the credential ID (token serial, or the phone number of SMS_OTP/VOICE_OTP)' },
  { name: 'credentialType', required: true, description: `one of ${CREDENTIAL_TYPES.join(', ')}` },
];

/** `[userId, ...columns, childAccount]`: every CSV job reads the user first and the child account last. */
export function jobColumns(...columns: readonly ColumnSpec[]): readonly ColumnSpec[] {
  return [USER_ID_COLUMN, ...columns, CHILD_ACCOUNT_COLUMN];
}

/** A CSV row's key: its user, credential and child account. */
export function csvKeyOf(values: RowValues, context: PlanContext): RowKey {
  return { userId: values.userId, credentialId: values.credentialId, childAccount: childAccountOf(values.childAccount, context) };
}

/** The user ID and credential of a credential row; throws RowProblem for a blank or unknown value. */
export function credentialOf(values: RowValues): { userId: string; credentialId: string; credentialType: CredentialType } {
  return {
    userId: requiredValue(values, 'userId'),
    credentialId: requiredValue(values, 'credentialId'),
    credentialType: choiceValue(values, 'credentialType', CREDENTIAL_TYPES) ?? requiredValue(values, 'credentialType'),
  };
}
