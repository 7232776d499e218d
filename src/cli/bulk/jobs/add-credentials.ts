/**
 * `bulk add-credentials`: one addCredential per row. Binding a credential the user already holds only refreshes its
 * friendly name, so a row sent again after an interruption simply succeeds; VIP documents no "already bound to
 * this user" status (6025 is "bound to another user", a failure).
 */
import { booleanValue, type RowValues } from '../columns.js';
import { childAccountOf, type JobDefinition } from '../job.js';
import { CREDENTIAL_COLUMNS, credentialOf, csvKeyOf, jobColumns } from './csv-job.js';

export const addCredentials: JobDefinition<RowValues> = {
  name: 'add-credentials',
  description: 'bind credentials to users from a CSV file',
  destructive: false,
  columns: jobColumns(
    ...CREDENTIAL_COLUMNS,
    { name: 'friendlyName', description: 'the label the user recognises the credential by' },
    { name: 'trustedDevice', description: 'true when binding a remembered device' },
  ),
  example: 'vip-user-services bulk add-credentials tokens.csv --child-account 1234abcd',
  keyOf: csvKeyOf,
  plan(values, context) {
    const { userId, credentialId, credentialType } = credentialOf(values);
    const trustedDevice = booleanValue(values, 'trustedDevice');
    return {
      key: { userId, credentialId, childAccount: childAccountOf(values.childAccount, context) },
      steps: [
        {
          name: 'add',
          operation: 'addCredential',
          input: { userId, credentialDetail: { credentialId, credentialType, friendlyName: values.friendlyName, trustedDevice } },
          description: `addCredential ${credentialType} ${credentialId} -> ${userId}`,
        },
      ],
      notes: [],
    };
  },
};
