/**
 * `credentials add|remove|update|info|register-sms|register-voice` against the seeded mock: outputs (sentence or
 * --json), the bindings VIP ends up with (read back with `users get`), refusals with exit 1, contract choices and
 * missing input as usage errors with nothing sent, and proof-of-possession codes that never show.
 */
import { DEMO_DATA } from 'vip-user-services/mock';
import { describe, expect, it } from 'vitest';
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

const server = useMock();
const BOB = DEMO_DATA.bob;
const ALICE = DEMO_DATA.alice;
// A VIP Access desktop credential ID the mock accepts (four letters, eight digits) and bound to nobody.
const DESKTOP = 'SYMC87654321';

/** The credential rows `users get --json` shows for a user now. */
async function bindingsOf(userId: string): Promise<Record<string, unknown>[]> {
  const run = await server.run(['users', 'get', userId, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return (jsonOf(run) as { credentials: Record<string, unknown>[] }).credentials;
}

describe('credentials add', () => {
  it('binds a credential with a friendly name', async () => {
    const run = await server.run(['credentials', 'add', BOB, DESKTOP, '--name', 'Bob laptop', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'added',
      userId: BOB,
      credentialId: DESKTOP,
      credentialType: 'STANDARD_OTP',
      friendlyName: 'Bob laptop',
      proven: false,
      requestId: server.mock.requests[0]?.requestId,
    });
    expect(await bindingsOf(BOB)).toMatchObject([{ credentialId: DESKTOP, credentialType: 'STANDARD_OTP', friendlyName: 'Bob laptop' }]);
  });

  it('says what it bound', async () => {
    const run = await server.run(['credentials', 'add', BOB, DESKTOP]);
    expect(run.stdout).toMatch(/^Bound STANDARD_OTP credential SYMC87654321 to bob@example\.com\.\nrequest ID: \S+\n$/);
  });

  it('proves possession with the code from VIP_OTP, never printed', async () => {
    const code = server.mock.otp(DESKTOP);
    const run = await server.run(['credentials', 'add', BOB, DESKTOP, '--prove', '--json'], { env: { VIP_OTP: code } });
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run)).toMatchObject({ proven: true });
    expectNoSecret(run, code);
  });

  it('reads the proof code from stdin with --otp-stdin', async () => {
    const code = server.mock.otp(DESKTOP);
    const run = await server.run(['credentials', 'add', BOB, DESKTOP, '--otp-stdin'], { stdin: `${code}\nnot read\n` });
    expect(run.stdout).toMatch(/\(code checked\)\./);
    expect(run.code).toBe(0);
    expectNoSecret(run, code);
  });

  it('binds nothing when the proof code is wrong, exit 1', async () => {
    const run = await server.run(['credentials', 'add', BOB, DESKTOP, '--prove'], { env: { VIP_OTP: '000000' } });
    expectRefusal(run, '6009', 'AuthenticationFailedError');
    expectNoSecret(run, '000000');
    expect(await bindingsOf(BOB)).toEqual([]);
  });

  it('needs a code source for --prove, and sends nothing', async () => {
    expectUsageError(
      await server.run(['credentials', 'add', BOB, DESKTOP, '--prove']),
      server.mock,
      /the security code is missing: set VIP_OTP, pipe it with --otp-stdin, or run in a terminal to be asked/,
    );
  });

  it('refuses an empty line on stdin', async () => {
    expectUsageError(
      await server.run(['credentials', 'add', BOB, DESKTOP, '--otp-stdin'], { stdin: '\n' }),
      server.mock,
      /the security code from stdin \(--otp-stdin\) is empty/,
    );
  });

  it('refuses a type the contract does not name, and sends nothing', async () => {
    expectUsageError(
      await server.run(['credentials', 'add', BOB, DESKTOP, '--type', 'SMS']),
      server.mock,
      /argument 'SMS' is invalid\. Allowed choices are STANDARD_OTP, SMS_OTP, VOICE_OTP, SERVICE_OTP, CERTIFICATE, IA, EMAIL_OTP, BIOMETRIC, SECURITY_KEY/,
    );
  });

  it('exits 1 for an SMS number VIP has not registered', async () => {
    expectRefusal(await server.run(['credentials', 'add', BOB, '15551234567', '--type', 'SMS_OTP']), '6016', 'TokenNotRegisteredError');
  });
});

describe('credentials register-sms and register-voice', () => {
  it('registers a number written the way people write it, then it can be bound', async () => {
    const run = await server.run(['credentials', 'register-sms', '+1 (555) 123-4567', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'registered',
      credentialId: '15551234567',
      credentialType: 'SMS_OTP',
      requestId: server.mock.requests[0]?.requestId,
    });
    const added = await server.run(['credentials', 'add', BOB, '15551234567', '--type', 'SMS_OTP']);
    expect(added.code, added.stderr).toBe(0);
    expect(await bindingsOf(BOB)).toMatchObject([{ credentialId: '15551234567', credentialType: 'SMS_OTP' }]);
  });

  it('registers a voice number, which VIP then knows as an unbound credential', async () => {
    const run = await server.run(['credentials', 'register-voice', '15557654321']);
    expect(run.stdout).toMatch(/^Registered 15557654321 as a voice credential \(VOICE_OTP\)\.\nrequest ID: \S+\n$/);
    const info = await server.run(['credentials', 'info', '15557654321', '--type', 'VOICE_OTP', '--json']);
    expect(jsonOf(info)).toMatchObject({
      credentialId: '15557654321',
      credentialType: 'VOICE_OTP',
      credentialStatus: 'INACTIVE',
      users: [],
    });
  });

  it('exits 1 when the number is registered already', async () => {
    await server.run(['credentials', 'register-sms', '15551234567']);
    expectRefusal(await server.run(['credentials', 'register-sms', '15551234567']), '6026', 'CredentialAlreadyRegisteredError');
  });

  it('leaves a malformed number to the contract check: exit 2, nothing sent', async () => {
    expectUsageError(
      await server.run(['credentials', 'register-voice', 'call-me']),
      server.mock,
      /VipValidationError: register: voiceDeliveryInfo\.phoneNumber/,
    );
  });
});

describe('credentials remove', () => {
  it('unbinds a credential', async () => {
    const run = await server.run(['credentials', 'remove', ALICE, DEMO_DATA.aliceCredential, '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'removed',
      userId: ALICE,
      credentialId: DEMO_DATA.aliceCredential,
      credentialType: 'STANDARD_OTP',
      requestId: server.mock.requests[0]?.requestId,
    });
    expect(await bindingsOf(ALICE)).toEqual([]);
  });

  it('exits 1 when the credential is not bound to the user', async () => {
    expectRefusal(await server.run(['credentials', 'remove', BOB, DEMO_DATA.aliceCredential]), '6007', 'CredentialNotBoundError');
  });
});

describe('credentials update', () => {
  it('renames a binding', async () => {
    const run = await server.run(['credentials', 'update', ALICE, DEMO_DATA.aliceCredential, '--name', 'Work phone', '--json']);
    expect(run.code).toBe(0);
    expect(jsonOf(run)).toEqual({
      result: 'updated',
      userId: ALICE,
      credentialId: DEMO_DATA.aliceCredential,
      credentialType: 'STANDARD_OTP',
      friendlyName: 'Work phone',
      requestId: server.mock.requests[0]?.requestId,
    });
    expect(await bindingsOf(ALICE)).toMatchObject([{ friendlyName: 'Work phone', credentialStatus: 'ENABLED' }]);
  });

  it('disables a binding on API 1.10, keeping the friendly name it looks up first', async () => {
    const run = await server.run([
      '--api-version',
      '1.10',
      'credentials',
      'update',
      ALICE,
      DEMO_DATA.aliceCredential,
      '--status',
      'DISABLED',
    ]);
    expect(run.stdout).toMatch(/^Updated STANDARD_OTP credential VSMT12345678 of alice@example\.com: "Alice's phone", DISABLED\.\n/);
    expect(run.code).toBe(0);
    expect(operationsOf(server.mock)).toEqual(['getUserInfo', 'updateCredential']);
    expect(await bindingsOf(ALICE)).toMatchObject([{ friendlyName: DEMO_DATA.aliceCredentialName, credentialStatus: 'DISABLED' }]);
  });

  it('refuses --status on API 1.8 before anything is sent', async () => {
    expectUsageError(
      await server.run(['credentials', 'update', ALICE, DEMO_DATA.aliceCredential, '--status', 'DISABLED']),
      server.mock,
      /--status needs --api-version 1\.10/,
    );
  });

  it('needs --name when the binding has no name to keep', async () => {
    const run = await server.run(['--api-version', '1.10', 'credentials', 'update', BOB, DESKTOP, '--status', 'ENABLED']);
    expect(run.stderr).toMatch(/SYMC87654321 is not bound to bob@example\.com: give --name/);
    expect(run.code).toBe(2);
    // Only the look-up went out.
    expect(operationsOf(server.mock)).toEqual(['getUserInfo']);
  });

  it.each([
    [[], /nothing to change: give --name or --status/],
    [['--status', 'LOCKED'], /argument 'LOCKED' is invalid\. Allowed choices are ENABLED, DISABLED/],
  ])('refuses %j before sending anything', async (flags, message) => {
    expectUsageError(await server.run(['credentials', 'update', ALICE, DEMO_DATA.aliceCredential, ...flags]), server.mock, message);
  });
});

describe('credentials info', () => {
  it('prints the credential, its push attributes and the users it is bound to', async () => {
    const run = await server.run(['credentials', 'info', DEMO_DATA.aliceCredential]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^credential: +VSMT12345678\ntype: +STANDARD_OTP\nstatus: +ENABLED\npush attributes: PUSH_ENABLED=true, PUSH_PLATFORM=ANDROID, CLIENT_VERSION=4\.2\.5\nbound to: +1 user\nrequest ID: +\S+\n/,
    );
    expect(run.stdout).toMatch(/│ User ID +│ User Status +│ Bind Status +│ Friendly Name +│ Last Bind Time +│ Last Authentication Time +│/);
    expect(run.stdout).toMatch(/│ alice@example\.com +│ ACTIVE +│ ENABLED +│ Alice's phone +│ \d{4}-/);
  });

  it('prints one JSON document', async () => {
    const run = await server.run(['credentials', 'info', DEMO_DATA.aliceCredential, '--json']);
    expect(jsonOf(run)).toEqual({
      credentialId: DEMO_DATA.aliceCredential,
      credentialType: 'STANDARD_OTP',
      credentialStatus: 'ENABLED',
      numBindings: 1,
      pushAttributes: { PUSH_ENABLED: 'true', PUSH_PLATFORM: 'ANDROID', CLIENT_VERSION: '4.2.5' },
      users: [{ userId: ALICE, userStatus: 'ACTIVE', bindStatus: 'ENABLED', friendlyName: "Alice's phone", lastBindTime: ISO_DATE }],
      requestId: server.mock.requests[0]?.requestId,
    });
  });

  it('exits 1 for a credential VIP does not know', async () => {
    expectRefusal(await server.run(['credentials', 'info', DESKTOP]), '6004', 'InvalidCredentialIdError');
  });
});

it('shows an example in the help of credentials and each of its commands', async () => {
  await expectExamplesInHelp('credentials', ['add', 'remove', 'update', 'info', 'register-sms', 'register-voice']);
});
