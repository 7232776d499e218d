/**
 * `bulk create-users`: one createUser per row, then an updateUser for rows that ask for a DISABLED user (VIP creates
 * users enabled). 6002 "user already exists" skips the row, unless an interrupted run had sent the create: then
 * that run created the user, and the row is done.
 */
import { booleanValue, choiceValue, type RowValues, RowProblem, requiredValue } from '../columns.js';
import { alreadyMeans, childAccountOf, type JobDefinition, type Step } from '../job.js';
import { csvKeyOf, jobColumns } from './csv-job.js';

export const createUsers: JobDefinition<RowValues> = {
  name: 'create-users',
  description: 'create the users listed in a CSV file',
  destructive: false,
  columns: jobColumns(
    { name: 'pin', secret: true, description: 'first-factor PIN, when the account uses PINs (never written anywhere)' },
    { name: 'forcePinChange', description: 'true to make the user choose a new PIN at the next sign-in (needs pin)' },
    { name: 'userStatus', description: 'ACTIVE (default) or DISABLED' },
  ),
  example: 'vip-user-services bulk create-users users.csv --concurrency 8 --rate 20/s',
  keyOf: csvKeyOf,
  plan(values, context) {
    const userId = requiredValue(values, 'userId');
    const forcePinChange = booleanValue(values, 'forcePinChange');
    const status = choiceValue(values, 'userStatus', ['ACTIVE', 'DISABLED'] as const);
    if (forcePinChange === true && values.pin === undefined) throw new RowProblem('forcePinChange needs a pin');
    const extras = [values.pin === undefined ? undefined : 'PIN', forcePinChange === true ? 'forcePinChange' : undefined].filter(Boolean);
    const steps: Step[] = [
      {
        name: 'create',
        operation: 'createUser',
        input: { userId, pin: values.pin, forcePinChange },
        description: `createUser ${userId}${extras.length > 0 ? ` (${extras.join(', ')})` : ''}`,
        onRefusal: alreadyMeans({ '6002': 'already exists' }, 'create', 'created by the interrupted run'),
      },
    ];
    if (status === 'DISABLED') {
      steps.push({
        name: 'disable',
        operation: 'updateUser',
        input: { userId, newUserStatus: 'DISABLED' },
        description: `updateUser ${userId} -> DISABLED`,
      });
    }
    return { key: { userId, childAccount: childAccountOf(values.childAccount, context) }, steps, notes: [] };
  },
};
