/**
 * `bulk remove-credentials`: one removeCredential per row. 6007 "not bound" skips the row, unless an interrupted run
 * had sent the removal: then that run removed it, and the row is done. 6003 (no such user) skips the row too: the
 * credential is not bound to that user either way.
 */
import { booleanValue, type RowValues } from '../columns.js';
import { childAccountOf, type JobDefinition } from '../job.js';
import { CREDENTIAL_COLUMNS, credentialOf, csvKeyOf, jobColumns } from './csv-job.js';

export const removeCredentials: JobDefinition<RowValues> = {
  name: 'remove-credentials',
  description: 'unbind credentials from users from a CSV file (a `report users` export works as input)',
  destructive: true,
  columns: jobColumns(...CREDENTIAL_COLUMNS, { name: 'trustedDevice', description: 'true when removing a remembered device' }),
  example: 'vip-user-services bulk remove-credentials lost-tokens.csv --yes',
  keyOf: csvKeyOf,
  plan(values, context) {
    const { userId, credentialId, credentialType } = credentialOf(values);
    const trustedDevice = booleanValue(values, 'trustedDevice');
    return {
      key: { userId, credentialId, childAccount: childAccountOf(values.childAccount, context) },
      steps: [
        {
          name: 'remove',
          operation: 'removeCredential',
          input: { userId, credentialId, credentialType, trustedDevice },
          description: `removeCredential ${credentialType} ${credentialId} from ${userId}`,
          onRefusal: (error, history) => {
            if (error.code === '6003') return { kind: 'skip', reason: 'user not found' };
            if (error.code !== '6007') return undefined;
            return history.sentBefore('remove')
              ? { kind: 'continue', note: 'removed by the interrupted run' }
              : { kind: 'skip', reason: 'not bound to this user' };
          },
        },
      ],
      notes: [],
    };
  },
};
