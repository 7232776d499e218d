/**
 * `bulk update-users`: one updateUser per row (rename, enable/disable or unlock, PIN change). updateUser is not
 * safe to repeat blindly: after an interrupted rename the old user ID is gone (6003), after an interrupted PIN
 * change the old PIN is wrong (601F). When the journal shows the call was sent before, those answers mean the
 * interrupted run applied it; otherwise they fail the row.
 */
import type { VipServiceError } from '../../../index.js';
import { booleanValue, choiceValue, type RowValues, RowProblem, requiredValue } from '../columns.js';
import { childAccountOf, type Decision, type JobDefinition, type StepHistory } from '../job.js';
import { csvKeyOf, jobColumns } from './csv-job.js';

export const updateUsers: JobDefinition<RowValues> = {
  name: 'update-users',
  description: 'rename users, enable, disable or unlock them, or change their PIN, from a CSV file',
  destructive: false,
  columns: jobColumns(
    { name: 'newUserId', description: 'the new user ID (rename)' },
    { name: 'userStatus', aliases: ['newUserStatus'], description: 'ACTIVE (enable or unlock) or DISABLED' },
    { name: 'oldPin', secret: true, description: 'the current PIN, when changing it (never written anywhere)' },
    { name: 'newPin', secret: true, description: 'the new PIN (never written anywhere)' },
    { name: 'forcePinChange', description: 'true to make the user choose another PIN at the next sign-in (needs newPin)' },
  ),
  example: 'vip-user-services bulk update-users changes.csv',
  keyOf: csvKeyOf,
  plan(values, context) {
    const userId = requiredValue(values, 'userId');
    const newUserStatus = choiceValue(values, 'userStatus', ['ACTIVE', 'DISABLED'] as const);
    const forcePinChange = booleanValue(values, 'forcePinChange');
    const { newUserId, oldPin, newPin } = values;
    if (forcePinChange === true && newPin === undefined) throw new RowProblem('forcePinChange needs a newPin');
    if (newUserId === undefined && newUserStatus === undefined && newPin === undefined) {
      throw new RowProblem('nothing to change (give newUserId, userStatus or newPin)');
    }
    if (oldPin !== undefined && newPin === undefined) throw new RowProblem('oldPin is given without a newPin');
    const changes = [
      newUserId === undefined ? undefined : `rename to ${newUserId}`,
      newUserStatus,
      newPin === undefined ? undefined : 'new PIN',
      forcePinChange === true ? 'forcePinChange' : undefined,
    ].filter(Boolean);
    const onRefusal = (error: VipServiceError, history: StepHistory): Decision | undefined => {
      if (!history.sentBefore('update')) return undefined;
      if (error.code === '6003' && newUserId !== undefined) return { kind: 'continue', note: 'renamed by the interrupted run' };
      if (error.code === '601F' && newPin !== undefined) return { kind: 'continue', note: 'PIN changed by the interrupted run' };
      return undefined;
    };
    return {
      key: { userId, childAccount: childAccountOf(values.childAccount, context) },
      steps: [
        {
          name: 'update',
          operation: 'updateUser',
          input: { userId, newUserId, newUserStatus, oldPin, newPin, forcePinChange },
          description: `updateUser ${userId} (${changes.join(', ')})`,
          onRefusal,
        },
      ],
      notes: [],
    };
  },
};
