/**
 * `bulk delete-users`: per row, getUserInfo and a backup line flushed to disk, then deleteUser. A user whose
 * backup failed is not deleted. 6003 "user not found" skips the row, unless the journal shows an interrupted run
 * had sent the delete: then that run deleted the user (its backup line was written before), and the row is done.
 */
import { type RowValues, requiredValue } from '../columns.js';
import { childAccountOf, type JobDefinition } from '../job.js';
import { csvKeyOf, jobColumns } from './csv-job.js';

const DELETED_BEFORE = 'deleted by the interrupted run';

export const deleteUsers: JobDefinition<RowValues> = {
  name: 'delete-users',
  description: 'delete the users listed in a CSV file, each saved to a backup file first',
  destructive: true,
  columns: jobColumns(),
  example: "vip-user-services bulk delete-users leavers.csv --exclude 'ADM_*' --exclude 'breakglass*' --yes",
  keyOf: csvKeyOf,
  plan(values, context) {
    const userId = requiredValue(values, 'userId');
    const childAccount = childAccountOf(values.childAccount, context);
    const backup = context.backup;
    return {
      key: { userId, childAccount },
      steps: [
        {
          name: 'backup',
          operation: 'getUserInfo',
          input: { userId, includePushAttributes: true },
          description: `getUserInfo ${userId} -> backup`,
          onRefusal: (error, history) => {
            if (error.code !== '6003') return undefined;
            return history.sentBefore('delete') ? { kind: 'done', note: DELETED_BEFORE } : { kind: 'skip', reason: 'user not found' };
          },
          after: async (info) => {
            if (backup === undefined) throw new Error('no backup file is open, so the user is not deleted');
            await backup.write(userId, childAccount, info);
          },
        },
        {
          name: 'delete',
          operation: 'deleteUser',
          input: { userId },
          description: `deleteUser ${userId}`,
          onRefusal: (error, history) => {
            if (error.code !== '6003') return undefined;
            return history.sentBefore('delete')
              ? { kind: 'continue', note: DELETED_BEFORE }
              : { kind: 'skip', reason: 'user not found (deleted by someone else after its backup)' };
          },
        },
      ],
      notes: [],
    };
  },
};
