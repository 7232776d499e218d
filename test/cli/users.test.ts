/**
 * `users get|create|update|delete|unlock|clear-pin` against the seeded mock: what each prints (table and --json),
 * what reached VIP (checked through the mock's state with a second `users get`), exit codes for refusals and usage
 * errors, PINs only from the environment or a prompt and never shown, and delete's confirmation.
 */
import { CHILD_ACCOUNT_ID } from 'vip-user-services/mock';
import { describe, expect, it, vi } from 'vitest';
import { CANCEL_SYMBOL, confirm } from '@clack/prompts';
import { askSecret } from '../../src/cli/prompts.js';
import {
  expectExamplesInHelp,
  expectNoSecret,
  expectRefusal,
  expectUsageError,
  ISO_DATE,
  operationsOf,
  useMock,
} from './everyday-support.js';
import { jsonOf } from './support.js';

// The prompts themselves are @clack/prompts' business; these tests script the answers a person would give.
vi.mock('../../src/cli/prompts.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/prompts.js')>()),
  askSecret: vi.fn(),
}));
vi.mock('@clack/prompts', async (importOriginal) => ({
  ...(await importOriginal<typeof import('@clack/prompts')>()),
  confirm: vi.fn(),
}));

const server = useMock();
const PIN = 'pin-9876-secret';

/** The user as `users get --json` shows it now: the way to see what an earlier command did to VIP's state. */
async function userNow(userId: string, flags: string[] = []): Promise<Record<string, unknown>> {
  const run = await server.run([...flags, 'users', 'get', userId, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return jsonOf(run) as Record<string, unknown>;
}

describe('users get', () => {
  it('prints the user and one User Detail row per credential', async () => {
    const run = await server.run(['users', 'get', 'alice@example.com']);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^user: +alice@example\.com\nstatus: +ACTIVE\ncreated: +\d{4}-/);
    expect(run.stdout).toMatch(/PIN set: +no\ntemporary code set: +no\ncredentials: +1\nrequest ID: +\S+\n/);
    // The table: headings, then alice's binding with its push attribute read as "yes".
    expect(run.stdout).toMatch(
      /│ Credential ID +│ Credential Type +│ Credential Status +│ Friendly Name +│ Push Enabled +│ Last Bind Time/,
    );
    expect(run.stdout).toMatch(/│ VSMT12345678 +│ STANDARD_OTP +│ ENABLED +│ Alice's phone +│ yes +│ \d{4}-/);
    // Push attributes are asked for, or the Push Enabled column would be empty.
    expect(operationsOf(server.mock)).toEqual(['getUserInfo']);
  });

  it('prints one JSON document with the User Detail rows', async () => {
    const run = await server.run(['users', 'get', 'alice@example.com', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      userId: 'alice@example.com',
      userStatus: 'ACTIVE',
      userCreationTime: ISO_DATE,
      isPinSet: false,
      isTempPasswordSet: false,
      numBindings: 1,
      credentials: [
        {
          userId: 'alice@example.com',
          userStatus: 'ACTIVE',
          credentialId: 'VSMT12345678',
          credentialType: 'STANDARD_OTP',
          credentialStatus: 'ENABLED',
          friendlyName: "Alice's phone",
          pushEnabled: true,
          lastBindTime: ISO_DATE,
        },
      ],
      requestId: server.mock.requests[0]?.requestId,
    });
  });

  it('lists no credentials for a user without any (not a placeholder row)', async () => {
    expect((await userNow('bob@example.com')).credentials).toEqual([]);
    const run = await server.run(['users', 'get', 'bob@example.com']);
    expect(run.stdout).toMatch(/credentials: +0\n/);
    expect(run.stdout).toMatch(/\n\(none\)\n$/);
  });

  it('exits 1 with the status and class when the user does not exist', async () => {
    expectRefusal(await server.run(['users', 'get', 'nobody@example.com']), '6003', 'UserNotFoundError');
  });

  it('acts for the child account given with --child-account', async () => {
    const created = await server.run(['--child-account', CHILD_ACCOUNT_ID, 'users', 'create', 'kid@example.com']);
    expect(created.code).toBe(0);
    expect(server.mock.requests[0]?.onBehalfOfAccountId).toBe(CHILD_ACCOUNT_ID);
    // The user exists in the child account only.
    expect((await userNow('kid@example.com', ['--child-account', CHILD_ACCOUNT_ID])).userStatus).toBe('ACTIVE');
    expectRefusal(await server.run(['users', 'get', 'kid@example.com']), '6003', 'UserNotFoundError');
  });
});

describe('users create', () => {
  it('creates an active user and reports it', async () => {
    const run = await server.run(['users', 'create', 'dave@example.com', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'created',
      userId: 'dave@example.com',
      pinSet: false,
      forcePinChange: false,
      requestId: server.mock.requests[0]?.requestId,
    });
    expect(await userNow('dave@example.com')).toMatchObject({ userStatus: 'ACTIVE', isPinSet: false });
  });

  it('prints a sentence and the request ID for people', async () => {
    const run = await server.run(['users', 'create', 'dave@example.com']);
    expect(run.stdout).toMatch(/^Created user dave@example\.com\.\nrequest ID: \S+\n$/);
  });

  it('takes the PIN from VIP_PIN and never prints it', async () => {
    const run = await server.run(['users', 'create', 'dave@example.com', '--pin', '--force-pin-change', '--json'], {
      env: { VIP_PIN: PIN },
    });
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toMatchObject({ pinSet: true, forcePinChange: true });
    expectNoSecret(run, PIN);
    expect(await userNow('dave@example.com')).toMatchObject({ isPinSet: true });
  });

  it('asks for the PIN twice at a terminal', async () => {
    vi.mocked(askSecret).mockResolvedValueOnce(PIN).mockResolvedValueOnce(PIN);
    const run = await server.run(['users', 'create', 'dave@example.com', '--pin'], { tty: true });
    expect(run.code, run.stderr).toBe(0);
    expect(vi.mocked(askSecret).mock.calls.map(([, message]) => message)).toEqual(['PIN', 'PIN again']);
    expectNoSecret(run, PIN);
    expect(await userNow('dave@example.com')).toMatchObject({ isPinSet: true });
  });

  it('sends nothing when the two PINs typed differ', async () => {
    vi.mocked(askSecret).mockResolvedValueOnce(PIN).mockResolvedValueOnce(`${PIN}x`);
    const run = await server.run(['users', 'create', 'dave@example.com', '--pin'], { tty: true });
    expectUsageError(run, server.mock, /the two PINs typed differ; nothing was sent/);
    expectNoSecret(run, PIN);
  });

  it('needs VIP_PIN or a terminal for --pin', async () => {
    const run = await server.run(['users', 'create', 'dave@example.com', '--pin']);
    expectUsageError(
      run,
      server.mock,
      /the PIN is missing: set VIP_PIN, or run in a terminal to be asked \(it is never taken from the command line\)/,
    );
  });

  it('refuses a PIN on the command line without echoing it', async () => {
    const run = await server.run(['users', 'create', 'dave@example.com', '--pin', PIN], { env: { VIP_PIN: 'other-pin' } });
    expectUsageError(run, server.mock, /too many arguments/);
    expectNoSecret(run, PIN);
  });

  it('refuses --force-pin-change without --pin', async () => {
    expectUsageError(
      await server.run(['users', 'create', 'dave@example.com', '--force-pin-change']),
      server.mock,
      /--force-pin-change needs --pin/,
    );
  });

  it('exits 1 when the user exists already', async () => {
    expectRefusal(await server.run(['users', 'create', 'alice@example.com']), '6002', 'UserAlreadyExistsError');
  });
});

describe('users update', () => {
  it('renames and disables a user in one call', async () => {
    const run = await server.run([
      'users',
      'update',
      'bob@example.com',
      '--new-user-id',
      'robert@example.com',
      '--status',
      'DISABLED',
      '--json',
    ]);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'updated',
      userId: 'bob@example.com',
      newUserId: 'robert@example.com',
      userStatus: 'DISABLED',
      pinChanged: false,
      forcePinChange: false,
      requestId: server.mock.requests[0]?.requestId,
    });
    expect(operationsOf(server.mock)).toEqual(['updateUser']);
    expect(await userNow('robert@example.com')).toMatchObject({ userId: 'robert@example.com', userStatus: 'DISABLED' });
    expectRefusal(await server.run(['users', 'get', 'bob@example.com']), '6003', 'UserNotFoundError');
  });

  it('says what changed', async () => {
    const run = await server.run(['users', 'update', 'bob@example.com', '--status', 'DISABLED']);
    expect(run.stdout).toMatch(/^Updated user bob@example\.com: status DISABLED\.\nrequest ID: \S+\n$/);
  });

  it('changes the PIN with the old one, both from the environment and never printed', async () => {
    await server.run(['users', 'create', 'dave@example.com', '--pin'], { env: { VIP_PIN: PIN } });
    const newPin = 'new-pin-5555';
    const run = await server.run(['users', 'update', 'dave@example.com', '--new-pin', '--old-pin', '--force-pin-change'], {
      env: { VIP_OLD_PIN: PIN, VIP_NEW_PIN: newPin },
    });
    expect(run.stdout).toMatch(/^Updated user dave@example\.com: new PIN \(to be changed at the next sign-in\)\./);
    expect(run.code).toBe(0);
    expectNoSecret(run, PIN);
    expectNoSecret(run, newPin);
    // The mock now knows the new PIN only: proving the old one again fails.
    const again = await server.run(['users', 'update', 'dave@example.com', '--new-pin', '--old-pin'], {
      env: { VIP_OLD_PIN: PIN, VIP_NEW_PIN: 'third-pin-7777' },
    });
    expectRefusal(again, '601F', 'InvalidUserPinError');
    expectNoSecret(again, PIN);
  });

  it.each([
    [[], /nothing to change: give --new-user-id, --status or --new-pin/],
    [['--status', 'LOCKED'], /argument 'LOCKED' is invalid\. Allowed choices are ACTIVE, DISABLED/],
    [['--old-pin'], /--old-pin needs --new-pin/],
    [['--status', 'ACTIVE', '--force-pin-change'], /--force-pin-change needs --new-pin/],
  ])('refuses %j before sending anything', async (flags, message) => {
    expectUsageError(await server.run(['users', 'update', 'bob@example.com', ...flags]), server.mock, message);
  });
});

describe('users delete', () => {
  it('deletes with --yes', async () => {
    const run = await server.run(['users', 'delete', 'alice@example.com', '--yes', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({ result: 'deleted', userId: 'alice@example.com', requestId: server.mock.requests[0]?.requestId });
    expectRefusal(await server.run(['users', 'get', 'alice@example.com']), '6003', 'UserNotFoundError');
  });

  it('needs --yes when no terminal can confirm, and sends nothing', async () => {
    expectUsageError(
      await server.run(['users', 'delete', 'alice@example.com']),
      server.mock,
      /deleting alice@example\.com needs --yes when no terminal can confirm; nothing was sent/,
    );
    expect(vi.mocked(confirm)).not.toHaveBeenCalled();
  });

  it('deletes after a yes at the terminal', async () => {
    vi.mocked(confirm).mockResolvedValueOnce(true);
    const run = await server.run(['users', 'delete', 'alice@example.com'], { tty: true });
    expect(run.code).toBe(0);
    expect(vi.mocked(confirm).mock.calls[0]?.[0]).toMatchObject({
      message: 'Delete user alice@example.com and all its credential bindings?',
      initialValue: false,
    });
    expect(operationsOf(server.mock)).toEqual(['deleteUser']);
  });

  it.each([
    ['a no', false],
    ['Ctrl-C at the question', CANCEL_SYMBOL],
  ] as const)('sends nothing after %s, exit 130', async (_answer, answer) => {
    vi.mocked(confirm).mockResolvedValueOnce(answer as boolean);
    const run = await server.run(['users', 'delete', 'alice@example.com'], { tty: true });
    expect(run.code).toBe(130);
    expect(run.stderr).toContain('not confirmed: alice@example.com was not deleted');
    expect(server.mock.requests).toEqual([]);
  });
});

describe('users unlock and clear-pin', () => {
  it('unlocks a locked user', async () => {
    expect((await userNow('carol@example.com')).userStatus).toBe('LOCKED');
    server.mock.reset();
    const run = await server.run(['users', 'unlock', 'carol@example.com', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'unlocked',
      userId: 'carol@example.com',
      userStatus: 'ACTIVE',
      requestId: server.mock.requests[0]?.requestId,
    });
    expect(operationsOf(server.mock)).toEqual(['updateUser']);
    expect((await userNow('carol@example.com')).userStatus).toBe('ACTIVE');
  });

  it('clears a PIN', async () => {
    await server.run(['users', 'create', 'dave@example.com', '--pin'], { env: { VIP_PIN: PIN } });
    const run = await server.run(['users', 'clear-pin', 'dave@example.com']);
    expect(run.stdout).toMatch(/^Cleared the PIN of user dave@example\.com\.\nrequest ID: \S+\n$/);
    expect(run.code).toBe(0);
    expect((await userNow('dave@example.com')).isPinSet).toBe(false);
  });

  it.each([
    ['unlock', 'updateUser'],
    ['clear-pin', 'clearUserPin'],
  ] as const)('%s exits 1 with the status and class when VIP refuses', async (command, operation) => {
    server.mock.inject({ operation, status: '6005', times: 1 });
    expectRefusal(await server.run(['users', command, 'alice@example.com']), '6005', 'VipInternalError');
  });
});

it('shows an example in the help of users and each of its commands', async () => {
  await expectExamplesInHelp('users', ['get', 'create', 'update', 'delete', 'unlock', 'clear-pin']);
});
