/**
 * `auth otp` checks a security code; `auth push` sends a push and waits for the phone's answer, showing the number to
 * pick when VIP sends one (API 1.10 number challenge). Codes and PINs come from environment variables, stdin or a
 * hidden prompt, never from argv, and are never printed.
 */
import {
  type AuthenticateUserOutput,
  type AuthenticateUserWithPushInput,
  type CheckOtpOutput,
  NumberChallengeFailedError,
  PushDeniedError,
  PushExpiredError,
  PushTransactionError,
  type KeyValuePair,
  VipAbortError,
  VipTimeoutError,
} from '../../index.js';
import { withExamples } from '../everyday/examples.js';
import { OTP, PIN, readSecret, whereFrom } from '../everyday/secrets.js';
import { startStatusLine } from '../everyday/status-line.js';
import { positiveInteger } from '../everyday/values.js';
import { CliUsageError, EXIT } from '../exit-codes.js';
import { renderFields } from '../output.js';
import type { RegisterCommand } from '../program.js';

interface OtpFlags {
  otpStdin?: boolean;
  signIn?: boolean;
  pin?: boolean;
}

interface PushFlags {
  message?: string;
  title?: string;
  wait: number;
  pollInterval: number;
  pin?: boolean;
}

const PUSH_HELP = `
The push lives on the phone for --wait seconds (VIP's request.timeout). With API 1.10 (--api-version 1.10) and the
account policy "Require Number Challenge", VIP sends a number that is shown here: the user picks it on the phone.
On API 1.8 VIP cannot send the number, so such a push cannot be approved.

Exit codes:
  0    approved
  1    denied, wrong number picked, expired, not answered within --wait, or not sent (printed with its status code)
  130  Ctrl-C: stops waiting (VIP cannot withdraw a push: it stays on the phone until it expires)`;

export const registerAuth: RegisterCommand = (program, act) => {
  const auth = withExamples(
    program.command('auth').description("test a user's sign-in: check a security code or send a push"),
    'vip-user-services auth otp alice@example.com',
    'vip-user-services auth push alice@example.com --message "Sign in to the admin console?"',
  );

  withExamples(
    auth
      .command('otp')
      .description(
        `check a security code for a user; the code comes from ${OTP.variable}, ${OTP.stdinFlag} or a hidden prompt. ` +
          'By default checkOtp: no effect on the lockout count, works for a locked user.',
      )
      .argument('<user>', 'user ID')
      .option('--otp-stdin', 'read the code from the first line of stdin')
      .option('--sign-in', 'a real sign-in (authenticateUser): failures count towards the lockout, temporary codes work')
      .option('--pin', `with --sign-in: also check the PIN, read from ${PIN.variable} or a hidden prompt`)
      .addHelpText('after', `\nThe code: ${whereFrom(OTP)}. A wrong code is VIP's refusal 6009: exit 1.`),
    'vip-user-services auth otp alice@example.com',
    'echo "$CODE" | vip-user-services auth otp alice@example.com --otp-stdin --json',
    'VIP_OTP=... VIP_PIN=... vip-user-services auth otp alice@example.com --sign-in --pin',
  ).action(
    act(async ({ io, output, connect }, userId: string, flags: OtpFlags) => {
      if (flags.pin === true && flags.signIn !== true)
        throw new CliUsageError('--pin needs --sign-in (checkOtp takes no PIN); nothing was sent');
      const otp = await readSecret(io, OTP, { fromStdin: flags.otpStdin === true });
      const pin = flags.pin === true ? await readSecret(io, PIN) : undefined;
      const { vip } = await connect();
      const signIn = flags.signIn === true;
      const input = { userId, otpAuthData: { otp } };
      // Only a sign-in reports on the PIN.
      const answer: CheckOtpOutput & Pick<AuthenticateUserOutput, 'isPinExpired' | 'pinExpirationTime'> = signIn
        ? await vip.authenticateUser({ ...input, pin })
        : await vip.checkOtp(input);
      const report = {
        result: 'accepted',
        userId,
        check: signIn ? 'authenticateUser' : 'checkOtp',
        credentialId: answer.credentialId,
        credentialType: answer.credentialType,
        authnId: answer.authnId,
        isPinExpired: answer.isPinExpired,
        pinExpirationTime: answer.pinExpirationTime,
        requestId: answer.requestId,
      };
      output.result(report, () => {
        // No credential named: a sign-in accepted the user's temporary security code.
        const credential =
          report.credentialId === undefined ? 'temporary security code' : `${report.credentialId} (${report.credentialType ?? ''})`;
        const fields = renderFields({
          credential,
          'authentication ID': report.authnId,
          'PIN expired': report.isPinExpired,
          'PIN expires': report.pinExpirationTime,
          'request ID': report.requestId,
        });
        return `Code accepted for ${userId} (${report.check}).\n${fields}`;
      });
    }),
  );

  withExamples(
    auth
      .command('push')
      .description('send a push to a user and wait until it is approved, denied or expired')
      .argument('<user>', 'user ID')
      .option('--message <text>', 'text shown on the phone (display.message.text)')
      .option('--title <text>', 'title shown on the phone (display.message.title)')
      .option('--wait <seconds>', 'how long the push lives and this command waits', positiveInteger, 120)
      .option('--poll-interval <ms>', 'how often to ask VIP for the answer', positiveInteger, 3000)
      .option('--pin', `also check the PIN, read from ${PIN.variable} or a hidden prompt`)
      .addHelpText('after', PUSH_HELP),
    'vip-user-services auth push alice@example.com',
    'vip-user-services --api-version 1.10 auth push alice@example.com --message "Sign in to the admin console?" --wait 60 --json',
  ).action(
    act(async ({ io, output, connect }, userId: string, flags: PushFlags) => {
      const pin = flags.pin === true ? await readSecret(io, PIN) : undefined;
      const { vip } = await connect();
      const sent = await vip.authenticateUserWithPush(pushRequest(userId, pin, flags), { signal: io.signal });
      const base = { userId, transactionId: sent.transactionId, number: sent.numbersChallengeValue, requestId: sent.requestId };
      if (sent.status !== '6040') {
        // A success status without a push: nothing will reach the phone, so there is nothing to wait for.
        output.result(
          { ...base, outcome: 'not sent', status: sent.status },
          () => `VIP sent no push (status ${sent.status}: ${sent.statusMessage}).`,
        );
        return EXIT.refused;
      }
      const { transactionId } = sent;
      output.note(`Push sent to ${userId} (transaction ${transactionId}).`);
      for (const { pushCredentialId, pushSent } of sent.pushDetail ?? []) {
        if (!pushSent) output.note(`VIP could not push to ${pushCredentialId} itself (no push key).`);
      }
      if (base.number !== undefined) output.note(`Number challenge: pick ${base.number} in VIP Access on the phone.`);
      const pick = base.number === undefined ? '' : `, pick ${base.number}`;
      const line = startStatusLine(
        io,
        (seconds) => `Waiting for ${userId} to answer on the phone${pick}: ${seconds} s of ${flags.wait} s (Ctrl-C stops waiting)`,
      );
      let ending: PushEnding;
      try {
        // One poll more than the push lives, so VIP's own "expired" can arrive before this command gives up.
        const approved = await vip.waitForPush(transactionId, {
          intervalMs: flags.pollInterval,
          timeoutMs: flags.wait * 1000 + flags.pollInterval,
          signal: io.signal,
        });
        ending = {
          outcome: 'approved',
          credentialId: approved.credentialId,
          credentialType: approved.credentialType,
          authnTime: approved.authnTime,
        };
      } catch (error) {
        const ended = pushEnding(error);
        if (ended === undefined) throw error;
        ending = ended;
      } finally {
        line.stop();
      }
      const report = { ...base, ...ending };
      output.result(report, () => renderPushEnding(report));
      if (ending.outcome === 'approved') return EXIT.ok;
      if (ending.outcome !== 'cancelled') return EXIT.refused;
      output.note('Stopped waiting. VIP cannot withdraw a push: it stays on the phone until it expires.');
      return EXIT.interrupted;
    }),
  );
};

/** The push to send: the texts shown on the phone, and its lifetime there (VIP's request.timeout) set to --wait. */
function pushRequest(userId: string, pin: string | undefined, flags: PushFlags): AuthenticateUserWithPushInput {
  const display: KeyValuePair[] = [];
  if (flags.title !== undefined) display.push({ Key: 'display.message.title', Value: flags.title });
  if (flags.message !== undefined) display.push({ Key: 'display.message.text', Value: flags.message });
  return {
    userId,
    pin,
    pushAuthData: {
      ...(display.length === 0 ? {} : { displayParameters: display }),
      requestParameters: [{ Key: 'request.timeout', Value: String(flags.wait) }],
    },
  };
}

/** How a push ended: approved (with who and when), or not (with VIP's status and error class when VIP said so). */
type PushEnding =
  | { outcome: 'approved'; credentialId: string | undefined; credentialType: string | undefined; authnTime: Date | undefined }
  | {
      outcome: 'denied' | 'expired' | 'refused: wrong number picked' | 'failed' | 'not answered' | 'cancelled';
      status?: string;
      errorClass?: string;
    };

function renderPushEnding(report: PushEnding & { userId: string; transactionId?: string | undefined; requestId: string }): string {
  if (report.outcome === 'approved') {
    const credential = report.credentialId === undefined ? undefined : `${report.credentialId} (${report.credentialType ?? ''})`;
    const fields = { transaction: report.transactionId, credential, 'approved at': report.authnTime, 'request ID': report.requestId };
    return `Push approved by ${report.userId}.\n${renderFields(fields)}`;
  }
  const status = report.status === undefined ? '' : ` (status ${report.status}, ${report.errorClass})`;
  return `Push ${report.outcome}${status}.\n${renderFields({ transaction: report.transactionId, 'request ID': report.requestId })}`;
}

/** How a push ended without approval, or undefined for a failure that is not an answer (the frame reports those). */
function pushEnding(error: unknown): PushEnding | undefined {
  if (error instanceof VipAbortError) return { outcome: 'cancelled' };
  // waitForPush's own deadline; a single poll that timed out would have been retried.
  if (error instanceof VipTimeoutError && error.operation === 'waitForPush') return { outcome: 'not answered' };
  if (!(error instanceof PushTransactionError)) return undefined;
  const outcome =
    error instanceof NumberChallengeFailedError
      ? 'refused: wrong number picked'
      : error instanceof PushDeniedError
        ? 'denied'
        : error instanceof PushExpiredError
          ? 'expired'
          : 'failed';
  return { outcome, status: error.code, errorClass: error.name };
}
