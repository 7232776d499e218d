/**
 * `temp-code set|get|update|clear` against the seeded mock: the code comes from VIP_TEMP_CODE, --code-stdin or a
 * prompt, or --generate makes one that is shown once on the terminal (stderr) and nowhere else; expiry and one-time
 * rules reach VIP (read back with `temp-code get`); refusals exit 1, bad input exits 2 with nothing sent.
 */
import { VipClient } from 'vip-user-services';
import { DEMO_DATA } from 'vip-user-services/mock';
import { describe, expect, it, vi } from 'vitest';
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

vi.mock('../../src/cli/prompts.js', async (importOriginal) => ({
  ...(await importOriginal<typeof import('../../src/cli/prompts.js')>()),
  askSecret: vi.fn(),
}));

const server = useMock();
const ALICE = DEMO_DATA.alice;
const CODE = '246810';

/** The temporary code's attributes as `temp-code get --json` shows them now. */
async function attributesNow(userId = ALICE): Promise<Record<string, unknown>> {
  const run = await server.run(['temp-code', 'get', userId, '--json']);
  expect(run.code, run.stderr).toBe(0);
  return jsonOf(run) as Record<string, unknown>;
}

/** Whether VIP takes `code` as the user's temporary code in a sign-in (asked through the SDK, not the CLI). */
async function signsIn(code: string, userId = ALICE): Promise<boolean> {
  await using vip = new VipClient({ endpoint: server.mock.url });
  try {
    await vip.authenticateUser({ userId, otpAuthData: { otp: code } });
    return true;
  } catch {
    return false;
  }
}

describe('temp-code set', () => {
  it('sets the code from VIP_TEMP_CODE with an expiry and one-time use, never printing it', async () => {
    const before = Date.now();
    const run = await server.run(['temp-code', 'set', ALICE, '--expires', '2h', '--one-time', '--json'], { env: { VIP_TEMP_CODE: CODE } });
    expect(run.code, run.stderr).toBe(0);
    const report = jsonOf(run) as Record<string, unknown>;
    expect(report).toEqual({
      result: 'set',
      userId: ALICE,
      generated: false,
      expiresAt: ISO_DATE,
      oneTimeUse: true,
      requestId: server.mock.requests[0]?.requestId,
    });
    const expiresIn = Date.parse(report.expiresAt as string) - before;
    expect(expiresIn).toBeGreaterThanOrEqual(2 * 3600_000);
    expect(expiresIn).toBeLessThan(2 * 3600_000 + 60_000);
    expectNoSecret(run, CODE);
    expect(await attributesNow()).toMatchObject({ expiresAt: report.expiresAt, oneTimeUse: true });
    expect(await signsIn(CODE)).toBe(true);
  });

  it('says what it set, VIP default expiry included', async () => {
    const run = await server.run(['temp-code', 'set', ALICE], { env: { VIP_TEMP_CODE: CODE } });
    expect(run.stdout).toMatch(
      /^Set a temporary security code for alice@example\.com: expires at VIP's default \(one day\)\.\nrequest ID: \S+\n$/,
    );
  });

  it('reads the code from stdin with --code-stdin', async () => {
    const run = await server.run(['temp-code', 'set', ALICE, '--code-stdin'], { stdin: `${CODE}\n` });
    expect(run.code, run.stderr).toBe(0);
    expectNoSecret(run, CODE);
    expect(await signsIn(CODE)).toBe(true);
  });

  it('asks for the code twice at a terminal, and sends nothing when they differ', async () => {
    vi.mocked(askSecret).mockResolvedValueOnce(CODE).mockResolvedValueOnce('246811');
    const run = await server.run(['temp-code', 'set', ALICE], { tty: true });
    expectUsageError(run, server.mock, /the two temporary security codes typed differ; nothing was sent/);
    expect(vi.mocked(askSecret).mock.calls.map(([, message]) => message)).toEqual([
      'Temporary security code',
      'Temporary security code again',
    ]);
  });

  it('shows a generated code once, on the terminal only, also with --json', async () => {
    const run = await server.run(['temp-code', 'set', ALICE, '--generate', '--json'], { tty: true });
    expect(run.code, run.stderr).toBe(0);
    const shown = /Temporary security code for alice@example\.com: (\d{6})\n\(shown this once and not stored: pass it on now\)/.exec(
      run.stderr,
    );
    expect(shown).not.toBeNull();
    const code = shown?.[1] as string;
    expect(run.stderr.split(code)).toHaveLength(2);
    expect(run.stdout).not.toContain(code);
    expect(jsonOf(run)).toEqual({ result: 'set', userId: ALICE, generated: true, oneTimeUse: false, requestId: expect.any(String) });
    expect(await signsIn(code)).toBe(true);
  });

  it('refuses --generate without a terminal, where the code would be lost, and sends nothing', async () => {
    expectUsageError(
      await server.run(['temp-code', 'set', ALICE, '--generate']),
      server.mock,
      /--generate shows the code only on a terminal, and none is attached; nothing was sent/,
    );
  });

  it('delivers a generated code by SMS without showing it anywhere', async () => {
    const run = await server.run(['temp-code', 'set', ALICE, '--generate', '--sms', '+1 555 123 4567', '--json']);
    expect(run.code, run.stderr).toBe(0);
    expect(jsonOf(run)).toMatchObject({ generated: true, deliveredBy: 'SMS', deliveredTo: '15551234567' });
    expect(`${run.stdout}${run.stderr}`).not.toMatch(/\b\d{6}\b/);
    expect(operationsOf(server.mock)).toEqual(['setTemporaryPassword']);
  });

  it('refuses a code that is not six digits through the contract check, without echoing it', async () => {
    const run = await server.run(['temp-code', 'set', ALICE], { env: { VIP_TEMP_CODE: '12ab56' } });
    expectUsageError(run, server.mock, /VipValidationError: setTemporaryPassword: temporaryPassword/);
    expectNoSecret(run, '12ab56');
  });

  it.each([
    [['--expires', '31d'], /argument '31d' is invalid\. VIP keeps a temporary code at most 30 days/],
    [['--expires', '2000-01-01T00:00:00Z'], /the expiry must lie in the future/],
    [['--expires', 'tomorrow'], /give a duration such as 90m, 12h or 7d, or an ISO 8601 date-time/],
    [['--sms', '15551234567', '--voice', '15551234567'], /option '--sms <phone>' cannot be used with option '--voice <phone>'/],
    [['--generate', '--code-stdin'], /option '--generate' cannot be used with option '--code-stdin'/],
  ])('refuses %j before sending anything', async (flags, message) => {
    expectUsageError(await server.run(['temp-code', 'set', ALICE, ...flags], { env: { VIP_TEMP_CODE: CODE } }), server.mock, message);
  });

  it('exits 1 for a user VIP does not know', async () => {
    expectRefusal(
      await server.run(['temp-code', 'set', 'nobody@example.com'], { env: { VIP_TEMP_CODE: CODE } }),
      '6003',
      'UserNotFoundError',
    );
  });
});

describe('temp-code get, update and clear', () => {
  /** Gives alice a code valid for a day, reusable. */
  async function withCode(): Promise<void> {
    const run = await server.run(['temp-code', 'set', ALICE, '--expires', '1d'], { env: { VIP_TEMP_CODE: CODE } });
    expect(run.code, run.stderr).toBe(0);
  }

  it('prints the expiry and one-time rule', async () => {
    await withCode();
    const run = await server.run(['temp-code', 'get', ALICE]);
    expect(run.stdout).toMatch(/^user: +alice@example\.com\nexpires: +\d{4}-\S+\none-time use: no\nrequest ID: +\S+\n$/);
    expect(await attributesNow()).toEqual({ userId: ALICE, expiresAt: ISO_DATE, oneTimeUse: false, requestId: expect.any(String) });
  });

  it('exits 1 when the user has no temporary code', async () => {
    expectRefusal(await server.run(['temp-code', 'get', ALICE]), '6017', 'TemporaryPasswordNotSetError');
  });

  it('changes the expiry and the one-time rule of the code in force', async () => {
    await withCode();
    const run = await server.run(['temp-code', 'update', ALICE, '--expires', '90m', '--one-time', '--json']);
    expect(run.code, run.stderr).toBe(0);
    const report = jsonOf(run) as Record<string, unknown>;
    expect(report).toEqual({ result: 'updated', userId: ALICE, expiresAt: ISO_DATE, oneTimeUse: true, requestId: expect.any(String) });
    expect(await attributesNow()).toMatchObject({ expiresAt: report.expiresAt, oneTimeUse: true });
    const reusable = await server.run(['temp-code', 'update', ALICE, '--reusable']);
    expect(reusable.stdout).toMatch(/^Updated the temporary security code of alice@example\.com: reusable\.\n/);
    expect(await attributesNow()).toMatchObject({ oneTimeUse: false });
    // The code itself stayed.
    expect(await signsIn(CODE)).toBe(true);
  });

  it.each([
    [[], /nothing to change: give --expires, --one-time or --reusable/],
    [['--one-time', '--reusable'], /option '--one-time' cannot be used with option '--reusable'/],
  ])('update refuses %j before sending anything', async (flags, message) => {
    expectUsageError(await server.run(['temp-code', 'update', ALICE, ...flags]), server.mock, message);
  });

  it('clears the code, and a second clear is refused', async () => {
    await withCode();
    const run = await server.run(['temp-code', 'clear', ALICE, '--json']);
    expect(jsonOf(run)).toEqual({ result: 'cleared', userId: ALICE, requestId: expect.any(String) });
    const user = await server.run(['users', 'get', ALICE, '--json']);
    expect(jsonOf(user)).toMatchObject({ isTempPasswordSet: false });
    expectRefusal(await server.run(['temp-code', 'clear', ALICE]), '6017', 'TemporaryPasswordNotSetError');
  });
});

it('shows an example in the help of temp-code and each of its commands', async () => {
  await expectExamplesInHelp('temp-code', ['set', 'get', 'update', 'clear']);
});
