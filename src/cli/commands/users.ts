/**
 * `users get|create|update|delete|unlock|clear-pin`: one user at a time. `get` prints the user and the User Detail
 * rows of its credentials; the others change the user and print what VIP did. PINs come only from VIP_PIN,
 * VIP_NEW_PIN, VIP_OLD_PIN or a hidden prompt and are never printed; `delete` needs a yes at a terminal or --yes.
 */
import { Option } from 'commander';
import type { GetUserInfoOutput, UserStatus } from '../../index.js';
import { withExamples } from '../everyday/examples.js';
import { reportDone } from '../everyday/report.js';
import { NEW_PIN, OLD_PIN, PIN, readSecret } from '../everyday/secrets.js';
import { SETTABLE_USER_STATUSES } from '../everyday/values.js';
import { CliUsageError } from '../exit-codes.js';
import { type Column, renderFields, renderTable } from '../output.js';
import type { RegisterCommand } from '../program.js';
import { canPrompt, confirmOrStop } from '../prompts.js';
import { USER_DETAIL_COLUMNS, type UserDetailRow, userDetailRows } from '../user-detail.js';

interface CreateFlags {
  pin?: boolean;
  forcePinChange?: boolean;
}

interface UpdateFlags {
  newUserId?: string;
  status?: UserStatus;
  newPin?: boolean;
  oldPin?: boolean;
  forcePinChange?: boolean;
}

export const registerUsers: RegisterCommand = (program, act) => {
  const users = withExamples(
    program.command('users').description('look up, create, change and delete users'),
    'vip-user-services users get alice@example.com',
    'vip-user-services users unlock carol@example.com --json',
  );

  withExamples(
    users
      .command('get')
      .description("print a user's state, PIN facts and one User Detail row per bound credential")
      .argument('<user>', 'user ID'),
    'vip-user-services users get alice@example.com',
    'vip-user-services --child-account 12345 users get alice@example.com --json',
  ).action(
    act(async ({ output, connect }, userId: string) => {
      const { vip } = await connect();
      const view = userView(userId, await vip.getUserInfo({ userId, includePushAttributes: true }));
      output.result(view, () => renderUser(view));
    }),
  );

  withExamples(
    users
      .command('create')
      .description('create a user (enabled from the start), optionally with a PIN')
      .argument('<user>', 'user ID')
      .option('--pin', `give the user a PIN, read from ${PIN.variable} or a hidden prompt`)
      .option('--force-pin-change', 'make the user choose another PIN at the next sign-in (needs --pin)'),
    'vip-user-services users create dave@example.com',
    'VIP_PIN=... vip-user-services users create dave@example.com --pin --force-pin-change',
  ).action(
    act(async ({ io, output, connect }, userId: string, flags: CreateFlags) => {
      if (flags.forcePinChange === true && flags.pin !== true) throw new CliUsageError('--force-pin-change needs --pin; nothing was sent');
      const pin = flags.pin === true ? await readSecret(io, PIN, { confirm: true }) : undefined;
      const { vip } = await connect();
      const forcePinChange = flags.forcePinChange === true;
      const { requestId } = await vip.createUser({ userId, pin, ...(forcePinChange ? { forcePinChange } : {}) });
      reportDone(output, `Created user ${userId}${pin === undefined ? '' : ' with a PIN'}.`, {
        result: 'created',
        userId,
        pinSet: pin !== undefined,
        forcePinChange,
        requestId,
      });
    }),
  );

  withExamples(
    users
      .command('update')
      .description('rename a user, enable or disable it, or change its PIN; only what is given changes')
      .argument('<user>', 'user ID')
      .option('--new-user-id <id>', 'rename the user')
      .addOption(new Option('--status <status>', 'ACTIVE enables (and unlocks), DISABLED disables').choices(SETTABLE_USER_STATUSES))
      .option('--new-pin', `set a new PIN, read from ${NEW_PIN.variable} or a hidden prompt`)
      .option('--old-pin', `prove the current PIN with the new one, read from ${OLD_PIN.variable} or a hidden prompt`)
      .option('--force-pin-change', 'make the user choose another PIN at the next sign-in (needs --new-pin)'),
    'vip-user-services users update dave@example.com --new-user-id david@example.com',
    'vip-user-services users update dave@example.com --status DISABLED --json',
    'VIP_NEW_PIN=... vip-user-services users update dave@example.com --new-pin',
  ).action(
    act(async ({ io, output, connect }, userId: string, flags: UpdateFlags) => {
      for (const flag of ['oldPin', 'forcePinChange'] as const) {
        if (flags[flag] === true && flags.newPin !== true) {
          throw new CliUsageError(`--${flag === 'oldPin' ? 'old-pin' : 'force-pin-change'} needs --new-pin; nothing was sent`);
        }
      }
      if (flags.newUserId === undefined && flags.status === undefined && flags.newPin !== true) {
        throw new CliUsageError('nothing to change: give --new-user-id, --status or --new-pin; nothing was sent');
      }
      const oldPin = flags.oldPin === true ? await readSecret(io, OLD_PIN) : undefined;
      const newPin = flags.newPin === true ? await readSecret(io, NEW_PIN, { confirm: true }) : undefined;
      const forcePinChange = flags.forcePinChange === true;
      const { vip } = await connect();
      const { requestId } = await vip.updateUser({
        userId,
        newUserId: flags.newUserId,
        newUserStatus: flags.status,
        oldPin,
        newPin,
        ...(forcePinChange ? { forcePinChange } : {}),
      });
      const changes = [
        flags.newUserId === undefined ? undefined : `renamed to ${flags.newUserId}`,
        flags.status === undefined ? undefined : `status ${flags.status}`,
        newPin === undefined ? undefined : `new PIN${forcePinChange ? ' (to be changed at the next sign-in)' : ''}`,
      ].filter((change) => change !== undefined);
      reportDone(output, `Updated user ${userId}: ${changes.join(', ')}.`, {
        result: 'updated',
        userId,
        newUserId: flags.newUserId,
        userStatus: flags.status,
        pinChanged: newPin !== undefined,
        forcePinChange,
        requestId,
      });
    }),
  );

  withExamples(
    users
      .command('delete')
      .description('delete a user and all its credential bindings (credentials bound to nobody else are deactivated)')
      .argument('<user>', 'user ID')
      .option('--yes', 'do not ask for confirmation (needed when no terminal can ask)')
      .addHelpText('after', '\nAt a terminal it asks first; answering no (or Ctrl-C) ends with exit 130 and nothing sent.'),
    'vip-user-services users delete dave@example.com',
    'vip-user-services users delete dave@example.com --yes --json',
  ).action(
    act(async ({ io, output, connect }, userId: string, flags: { yes?: boolean }) => {
      if (flags.yes !== true) {
        if (!canPrompt(io)) throw new CliUsageError(`deleting ${userId} needs --yes when no terminal can confirm; nothing was sent`);
        await confirmOrStop(io, `Delete user ${userId} and all its credential bindings?`, `${userId} was not deleted`);
      }
      const { vip } = await connect();
      const { requestId } = await vip.deleteUser({ userId });
      reportDone(output, `Deleted user ${userId}.`, { result: 'deleted', userId, requestId });
    }),
  );

  withExamples(
    users
      .command('unlock')
      .description('set a user ACTIVE: unlocks a user VIP locked after failed sign-ins (and enables a disabled one)')
      .argument('<user>', 'user ID'),
    'vip-user-services users unlock carol@example.com',
  ).action(
    act(async ({ output, connect }, userId: string) => {
      const { vip } = await connect();
      const { requestId } = await vip.updateUser({ userId, newUserStatus: 'ACTIVE' });
      reportDone(output, `Unlocked user ${userId}: status ACTIVE.`, { result: 'unlocked', userId, userStatus: 'ACTIVE', requestId });
    }),
  );

  withExamples(
    users.command('clear-pin').description("remove a user's PIN").argument('<user>', 'user ID'),
    'vip-user-services users clear-pin dave@example.com',
  ).action(
    act(async ({ output, connect }, userId: string) => {
      const { vip } = await connect();
      const { requestId } = await vip.clearUserPin({ userId });
      reportDone(output, `Cleared the PIN of user ${userId}.`, { result: 'pin cleared', userId, requestId });
    }),
  );
};

/** What `users get` prints: the user's facts and its User Detail rows (none for a user without credentials). */
interface UserView {
  userId: string;
  userStatus: UserStatus | undefined;
  userCreationTime: Date | undefined;
  isPinSet: boolean | undefined;
  isPinExpired: boolean | undefined;
  pinExpirationTime: Date | undefined;
  isTempPasswordSet: boolean | undefined;
  numBindings: number;
  credentials: UserDetailRow[];
  requestId: string;
}

function userView(userId: string, info: GetUserInfoOutput): UserView {
  const bound = (info.credentialBindingDetail ?? []).length > 0;
  return {
    userId: info.userId ?? userId,
    userStatus: info.userStatus,
    userCreationTime: info.userCreationTime,
    isPinSet: info.isPinSet,
    isPinExpired: info.isPinExpired,
    pinExpirationTime: info.pinExpirationTime,
    isTempPasswordSet: info.isTempPasswordSet,
    numBindings: info.numBindings ?? info.credentialBindingDetail?.length ?? 0,
    // userDetailRows gives a credential-less user one placeholder row, which a report needs and a list does not.
    credentials: bound ? userDetailRows(userId, info) : [],
    requestId: info.requestId,
  };
}

// The user's ID and status are printed above the table, so its rows leave them out.
const CREDENTIAL_COLUMNS: readonly Column<UserDetailRow>[] = USER_DETAIL_COLUMNS.filter(
  ({ key }) => key !== 'userId' && key !== 'userStatus',
).map(({ key, heading }) => ({ heading, value: (row: UserDetailRow) => row[key] }));

function renderUser(view: UserView): string {
  const fields = renderFields({
    user: view.userId,
    status: view.userStatus,
    created: view.userCreationTime,
    'PIN set': view.isPinSet,
    'PIN expired': view.isPinExpired,
    'PIN expires': view.pinExpirationTime,
    'temporary code set': view.isTempPasswordSet,
    credentials: view.numBindings,
    'request ID': view.requestId,
  });
  return `${fields}\n${renderTable(view.credentials, CREDENTIAL_COLUMNS)}`;
}
