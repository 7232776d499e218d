/**
 * `auth otp` and `auth push` against the seeded mock: accepted and refused codes (never printed, never from argv),
 * the real sign-in variant with PIN and temporary code, and pushes approved, denied, expired, unanswered, refused by
 * a wrong number, and cancelled with Ctrl-C; the number challenge shown while the phone decides; the status line.
 */
import { PassThrough } from 'node:stream';
import { DEMO_DATA } from 'vip-user-services/mock';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli/program.js';
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
import { type CliRun, jsonOf } from './support.js';

vi.mock('../../src/cli/prompts.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/prompts.js')>()),
  askSecret: vi.fn(),
}));

const server = useMock();
const ALICE = DEMO_DATA.alice;
// Polls every 20 ms instead of 3 s: the mock answers "in progress" once before its outcome.
const FAST = ['--poll-interval', '20'];

describe('auth otp', () => {
  it('accepts the current code from VIP_OTP without printing it', async () => {
    const code = server.mock.otp(DEMO_DATA.aliceCredential);
    const run = await server.run(['auth', 'otp', ALICE], { env: { VIP_OTP: code } });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(
      /^Code accepted for alice@example\.com \(checkOtp\)\.\ncredential: +VSMT12345678 \(STANDARD_OTP\)\nauthentication ID: \S+\nrequest ID: +\S+\n$/,
    );
    expectNoSecret(run, code);
    expect(operationsOf(server.mock)).toEqual(['checkOtp']);
  });

  it('prints one JSON document', async () => {
    const run = await server.run(['auth', 'otp', ALICE, '--json'], { env: { VIP_OTP: server.mock.otp(DEMO_DATA.aliceCredential) } });
    expect(jsonOf(run)).toEqual({
      result: 'accepted',
      userId: ALICE,
      check: 'checkOtp',
      credentialId: DEMO_DATA.aliceCredential,
      credentialType: 'STANDARD_OTP',
      authnId: expect.any(String),
      requestId: server.mock.requests[0]?.requestId,
    });
  });

  it('reads the code from stdin with --otp-stdin', async () => {
    const code = server.mock.otp(DEMO_DATA.aliceCredential);
    const run = await server.run(['auth', 'otp', ALICE, '--otp-stdin'], { stdin: `${code}\r\n` });
    expect(run.code, run.stderr).toBe(0);
    expectNoSecret(run, code);
  });

  it('asks for the code at a terminal', async () => {
    const code = server.mock.otp(DEMO_DATA.aliceCredential);
    vi.mocked(askSecret).mockResolvedValueOnce(code);
    const run = await server.run(['auth', 'otp', ALICE], { tty: true });
    expect(run.code, run.stderr).toBe(0);
    expect(vi.mocked(askSecret).mock.calls[0]?.[1]).toBe('Security code');
    expectNoSecret(run, code);
  });

  it('exits 1 for a wrong code, without printing it', async () => {
    const run = await server.run(['auth', 'otp', ALICE, '--json'], { env: { VIP_OTP: '987123' } });
    expectRefusal(run, '6009', 'AuthenticationFailedError');
    expect(run.stdout).toBe('');
    expectNoSecret(run, '987123');
  });

  it('refuses a code on the command line without echoing it, and sends nothing', async () => {
    const run = await server.run(['auth', 'otp', ALICE, '987123']);
    expectUsageError(run, server.mock, /too many arguments for 'otp'/);
    expectNoSecret(run, '987123');
  });

  it('needs VIP_OTP, --otp-stdin or a terminal', async () => {
    expectUsageError(
      await server.run(['auth', 'otp', ALICE]),
      server.mock,
      /the security code is missing: set VIP_OTP, pipe it with --otp-stdin, or run in a terminal to be asked/,
    );
  });

  it('refuses --pin without --sign-in (checkOtp takes no PIN)', async () => {
    expectUsageError(
      await server.run(['auth', 'otp', ALICE, '--pin'], { env: { VIP_OTP: '123456', VIP_PIN: '1234' } }),
      server.mock,
      /--pin needs --sign-in/,
    );
  });

  it('signs in with --sign-in, checking the PIN from VIP_PIN', async () => {
    const pin = 'pin-2468-secret';
    await server.run(['users', 'create', 'dave@example.com', '--pin'], { env: { VIP_PIN: pin } });
    await server.run(['credentials', 'add', 'dave@example.com', 'SYMC87654321']);
    const wrongPin = await server.run(['auth', 'otp', 'dave@example.com', '--sign-in', '--pin'], {
      env: { VIP_OTP: server.mock.otp('SYMC87654321'), VIP_PIN: 'not-the-pin' },
    });
    expectRefusal(wrongPin, '6009', 'AuthenticationFailedError');
    const code = server.mock.otp('SYMC87654321');
    const run = await server.run(['auth', 'otp', 'dave@example.com', '--sign-in', '--pin', '--json'], {
      env: { VIP_OTP: code, VIP_PIN: pin },
    });
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run)).toMatchObject({ check: 'authenticateUser', credentialId: 'SYMC87654321', isPinExpired: false });
    expectNoSecret(run, code);
    expectNoSecret(run, pin);
    expect(operationsOf(server.mock).slice(-2)).toEqual(['authenticateUser', 'authenticateUser']);
  });

  it('accepts a temporary code on --sign-in and says so', async () => {
    await server.run(['temp-code', 'set', ALICE], { env: { VIP_TEMP_CODE: '135790' } });
    const run = await server.run(['auth', 'otp', ALICE, '--sign-in'], { env: { VIP_OTP: '135790' } });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/\(authenticateUser\)\.\ncredential: +temporary security code\n/);
    expectNoSecret(run, '135790');
  });
});

/**
 * Runs `auth push` with live stderr, acting as the user's phone: once the command has printed the transaction and
 * the number to pick, `phone` answers the number challenge (as the person holding the phone would).
 */
async function pushWithPhone(argv: readonly string[], phone: (transactionId: string, number: string) => void): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  let answered = false;
  stdout.on('data', (chunk: Buffer) => {
    out += chunk.toString();
  });
  stderr.on('data', (chunk: Buffer) => {
    err += chunk.toString();
    const shown = /transaction (\w+)\)[\s\S]*pick (\d+) in VIP Access/.exec(err);
    if (shown !== null && !answered) {
      answered = true;
      phone(shown[1] as string, shown[2] as string);
    }
  });
  const stdin = new PassThrough();
  stdin.end();
  const code = await runCli(['--endpoint', server.mock.url, ...argv], {
    stdout,
    stderr,
    stdin,
    env: {},
    cwd: process.cwd(),
    signal: new AbortController().signal,
  });
  return { code, stdout: out, stderr: err };
}

describe('auth push', () => {
  it('waits for the approval and prints who approved, exit 0', async () => {
    const run = await server.run(['auth', 'push', ALICE, ...FAST, '--message', 'Sign in to the console?']);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^Push approved by alice@example\.com\.\ntransaction: +\w+\ncredential: +VSMT12345678 \(STANDARD_OTP\)\napproved at: +\d{4}-.*\nrequest ID: +\S+\n$/,
    );
    expect(run.stderr).toMatch(/^Push sent to alice@example\.com \(transaction \w+\)\.\n/);
    // Without a terminal the status line is a plain line, no carriage returns in a log.
    expect(run.stderr).toContain('Waiting for alice@example.com to answer on the phone: 0 s of 120 s (Ctrl-C stops waiting)\n');
    expect(run.stderr).not.toContain('\r');
    expect(operationsOf(server.mock)).toEqual(['authenticateUserWithPush', 'pollPushStatus', 'pollPushStatus']);
  });

  it('prints one JSON document with the outcome', async () => {
    const run = await server.run(['auth', 'push', ALICE, ...FAST, '--json']);
    expect(jsonOf(run)).toEqual({
      userId: ALICE,
      transactionId: expect.stringMatching(/^\w+$/),
      requestId: server.mock.requests[0]?.requestId,
      outcome: 'approved',
      credentialId: DEMO_DATA.aliceCredential,
      credentialType: 'STANDARD_OTP',
      authnTime: ISO_DATE,
    });
  });

  it.each([
    ['deny', 'denied', '7002', 'PushDeniedError'],
    ['expire', 'expired', '7004', 'PushExpiredError'],
  ] as const)(
    'reports a push the phone ended with %s: exit 1 with the outcome and status',
    async (outcome, printed, status, errorClass) => {
      server.mock.setPushOutcome(outcome);
      const human = await server.run(['auth', 'push', ALICE, ...FAST]);
      expect(human.code).toBe(1);
      expect(human.stdout).toMatch(
        new RegExp(`^Push ${printed} \\(status ${status}, ${errorClass}\\)\\.\\ntransaction: +\\w+\\nrequest ID: +\\S+\\n$`),
      );
      const json = await server.run(['auth', 'push', ALICE, ...FAST, '--json']);
      expect(json.code).toBe(1);
      expect(jsonOf(json)).toMatchObject({ outcome: printed, status, errorClass, transactionId: expect.any(String) });
    },
  );

  it('gives up after --wait seconds without an answer, exit 1', async () => {
    server.mock.setPushOutcome('never');
    const run = await server.run(['auth', 'push', ALICE, '--wait', '1', '--poll-interval', '200', '--json']);
    expect(run.code).toBe(1);
    expect(jsonOf(run)).toMatchObject({ outcome: 'not answered' });
  });

  it('shows the number to pick (API 1.10) and is approved once the phone picks it', async () => {
    server.mock.setPushOutcome('approve', { numberChallenge: true });
    const picked: string[] = [];
    const run = await pushWithPhone(['--api-version', '1.10', 'auth', 'push', ALICE, ...FAST, '--json'], (transactionId, number) => {
      picked.push(number);
      server.mock.answerNumberChallenge(transactionId, number);
    });
    expect(run.code, run.stderr).toBe(0);
    expect(picked).toEqual([expect.stringMatching(/^\d\d$/)]);
    expect(run.stderr).toContain(`Number challenge: pick ${picked[0]} in VIP Access on the phone.`);
    expect(jsonOf(run)).toMatchObject({ outcome: 'approved', number: picked[0] });
  });

  it('reports a wrong number picked on the phone, exit 1', async () => {
    server.mock.setPushOutcome('approve', { numberChallenge: true });
    const run = await pushWithPhone(['--api-version', '1.10', 'auth', 'push', ALICE, ...FAST, '--json'], (transactionId, number) =>
      server.mock.answerNumberChallenge(transactionId, number === '42' ? '24' : '42'),
    );
    expect(run.code).toBe(1);
    expect(jsonOf(run)).toMatchObject({
      outcome: 'refused: wrong number picked',
      status: '7141',
      errorClass: 'NumberChallengeFailedError',
    });
  });

  it('rewrites one status line on a terminal and clears it at the end', async () => {
    const run = await server.run(['auth', 'push', ALICE, ...FAST], { tty: true });
    expect(run.code).toBe(0);
    // Carriage return and "erase line" before each redraw, and once more to leave a clean line behind.
    const eraseLine = '\r\x1b[2K';
    expect(run.stderr).toContain(`${eraseLine}Waiting for alice@example.com to answer on the phone: 0 s of 120 s`);
    expect(run.stderr.endsWith(eraseLine)).toBe(true);
  });

  it('stops waiting on Ctrl-C, exit 130, and says the push stays on the phone', async () => {
    server.mock.setPushOutcome('never');
    const interrupt = new AbortController();
    const running = server.run(['auth', 'push', ALICE, ...FAST, '--json'], { signal: interrupt.signal });
    await vi.waitFor(() => expect(operationsOf(server.mock)).toContain('pollPushStatus'));
    interrupt.abort('SIGINT');
    const run = await running;
    expect(run.code).toBe(130);
    expect(jsonOf(run)).toMatchObject({ outcome: 'cancelled', transactionId: expect.any(String) });
    expect(run.stderr).toContain('Stopped waiting. VIP cannot withdraw a push: it stays on the phone until it expires.');
  });

  it('exits 1 when the user has no credential to push to', async () => {
    const run = await server.run(['auth', 'push', DEMO_DATA.bob, ...FAST]);
    expectRefusal(run, '6008', 'NoEnabledCredentialError');
    expect(operationsOf(server.mock)).toEqual(['authenticateUserWithPush']);
  });

  it('checks the PIN from VIP_PIN with the push, never printing it', async () => {
    const pin = 'pin-1357-secret';
    await server.run(['users', 'create', 'dave@example.com', '--pin'], { env: { VIP_PIN: pin } });
    await server.run(['credentials', 'add', 'dave@example.com', 'SYMC87654321']);
    const wrong = await server.run(['auth', 'push', 'dave@example.com', ...FAST, '--pin'], { env: { VIP_PIN: 'not-the-pin' } });
    expectRefusal(wrong, '6009', 'AuthenticationFailedError');
    const run = await server.run(['auth', 'push', 'dave@example.com', ...FAST, '--pin'], { env: { VIP_PIN: pin } });
    expect(run.code, run.stderr).toBe(0);
    expectNoSecret(run, pin);
  });

  it('does not wait when VIP answers without sending a push, exit 1', async () => {
    server.mock.inject({ operation: 'authenticateUserWithPush', status: '0000', times: 1 });
    const run = await server.run(['auth', 'push', ALICE, ...FAST, '--json']);
    expect(run.code).toBe(1);
    expect(jsonOf(run)).toEqual({ userId: ALICE, requestId: expect.any(String), outcome: 'not sent', status: '0000' });
    expect(operationsOf(server.mock)).toEqual(['authenticateUserWithPush']);
  });

  it.each([
    [['--wait', '0'], /option '--wait <seconds>' argument '0' is invalid\. give a whole number of at least 1/],
    [['--poll-interval', 'soon'], /option '--poll-interval <ms>' argument 'soon' is invalid/],
  ])('refuses %j before sending anything', async (flags, message) => {
    expectUsageError(await server.run(['auth', 'push', ALICE, ...flags]), server.mock, message);
  });
});

it('shows an example in the help of auth and each of its commands, and the push exit codes', async () => {
  await expectExamplesInHelp('auth', ['otp', 'push']);
  const help = await server.run(['auth', 'push', '--help']);
  expect(help.stdout).toMatch(/0 +approved\n +1 +denied, wrong number picked, expired, not answered within --wait/);
  expect(help.stdout).toMatch(/130 +Ctrl-C/);
});
