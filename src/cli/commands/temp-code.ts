/**
 * `temp-code set|get|update|clear`: a user's temporary security code (six digits standing in for a lost token). The
 * code to set comes from VIP_TEMP_CODE, --code-stdin or a hidden prompt; `--generate` makes one with node:crypto and
 * shows it once, on the terminal (stderr) only: never on stdout, never in --json output, never without a terminal.
 * VIP's answer echoes the code; it is never printed.
 */
import { randomInt } from 'node:crypto';
import { Option } from 'commander';
import type { TemporaryPasswordAttributes } from '../../index.js';
import { withExamples } from '../everyday/examples.js';
import { reportDone } from '../everyday/report.js';
import { readSecret, TEMPORARY_CODE, whereFrom } from '../everyday/secrets.js';
import { expiryParser, phoneNumber } from '../everyday/values.js';
import { CliUsageError } from '../exit-codes.js';
import { cell, renderFields } from '../output.js';
import type { RegisterCommand } from '../program.js';

interface AttributeFlags {
  expires?: Date;
  oneTime?: boolean;
}

interface SetFlags extends AttributeFlags {
  generate?: boolean;
  codeStdin?: boolean;
  sms?: string;
  voice?: string;
}

interface UpdateFlags extends AttributeFlags {
  reusable?: boolean;
}

const EXPIRES_HELP = 'when the code stops working: 90m, 12h, 7d or an ISO 8601 date-time, at most 30 days ahead';

export const registerTempCode: RegisterCommand = (program, act) => {
  const tempCode = withExamples(
    program.command('temp-code').description("set, inspect, change and clear a user's temporary security code"),
    'vip-user-services temp-code set alice@example.com --generate --expires 12h',
    'vip-user-services temp-code get alice@example.com --json',
  );

  withExamples(
    tempCode
      .command('set')
      .description(`give a user a temporary security code; the code comes from ${TEMPORARY_CODE.variable}, --code-stdin or a prompt`)
      .argument('<user>', 'user ID')
      .addOption(
        new Option('--generate', 'make a random code and show it once on this terminal (stderr), never on stdout').conflicts('codeStdin'),
      )
      .option('--code-stdin', 'read the code from the first line of stdin')
      .option('--expires <when>', `${EXPIRES_HELP} (default: VIP's, one day)`, expiryParser())
      .option('--one-time', 'the code works for one sign-in only')
      .addOption(new Option('--sms <phone>', 'VIP also sends the code by SMS to this number').argParser(phoneNumber).conflicts('voice'))
      .addOption(new Option('--voice <phone>', 'VIP also reads the code out in a call to this number').argParser(phoneNumber))
      .addHelpText('after', `\nThe code: --generate, or ${whereFrom(TEMPORARY_CODE)}. It is six digits.`),
    'vip-user-services temp-code set alice@example.com --generate --expires 12h --one-time',
    'VIP_TEMP_CODE=... vip-user-services temp-code set alice@example.com --json',
    'vip-user-services temp-code set alice@example.com --generate --sms "+1 555 123 4567"',
  ).action(
    act(async ({ io, output, connect }, userId: string, flags: SetFlags) => {
      const delivery =
        flags.sms !== undefined
          ? { smsDeliveryInfo: { phoneNumber: flags.sms } }
          : flags.voice !== undefined
            ? { voiceDeliveryInfo: { phoneNumber: flags.voice } }
            : {};
      const delivered = flags.sms !== undefined || flags.voice !== undefined;
      const generate = flags.generate === true;
      // A generated code that is neither shown (no terminal) nor delivered would lock the user out of the code.
      if (generate && !delivered && io.stderr.isTTY !== true) {
        throw new CliUsageError(
          '--generate shows the code only on a terminal, and none is attached; nothing was sent. Run it in a terminal, ' +
            `deliver the code with --sms or --voice, or give the code yourself (${TEMPORARY_CODE.variable} or ${TEMPORARY_CODE.stdinFlag})`,
        );
      }
      const code = generate
        ? String(randomInt(0, 1_000_000)).padStart(6, '0')
        : await readSecret(io, TEMPORARY_CODE, { fromStdin: flags.codeStdin === true, confirm: true });
      const attributes = attributesOf(flags);
      const { vip } = await connect();
      const { requestId } = await vip.setTemporaryPassword({
        userId,
        temporaryPassword: code,
        ...(attributes === undefined ? {} : { temporaryPasswordAttributes: attributes }),
        ...delivery,
      });
      const deliveredBy = flags.sms !== undefined ? 'SMS' : flags.voice !== undefined ? 'voice call' : undefined;
      const deliveredTo = flags.sms ?? flags.voice;
      if (generate && !delivered) {
        // Straight to the terminal: stderr is one (checked above), stdout may be a file or a pipe.
        io.stderr.write(`Temporary security code for ${userId}: ${code}\n(shown this once and not stored: pass it on now)\n`);
      }
      const facts = [
        `expires ${flags.expires === undefined ? "at VIP's default (one day)" : cell(flags.expires)}`,
        flags.oneTime === true ? 'one-time use' : undefined,
        deliveredBy === undefined ? undefined : `sent by ${deliveredBy} to ${deliveredTo}`,
      ].filter((fact) => fact !== undefined);
      reportDone(output, `Set a ${generate ? 'generated ' : ''}temporary security code for ${userId}: ${facts.join(', ')}.`, {
        result: 'set',
        userId,
        generated: generate,
        expiresAt: flags.expires,
        oneTimeUse: flags.oneTime === true,
        deliveredBy,
        deliveredTo,
        requestId,
      });
    }),
  );

  withExamples(
    tempCode
      .command('get')
      .description("print when a user's temporary security code expires, and whether it is one-time")
      .argument('<user>', 'user ID'),
    'vip-user-services temp-code get alice@example.com',
  ).action(
    act(async ({ output, connect }, userId: string) => {
      const { vip } = await connect();
      const { tempPwdAttributes, requestId } = await vip.getTemporaryPasswordAttributes({ userId });
      const view = { userId, expiresAt: tempPwdAttributes?.expirationTime, oneTimeUse: tempPwdAttributes?.oneTimeUseOnly, requestId };
      output.result(view, () =>
        renderFields({ user: view.userId, expires: view.expiresAt, 'one-time use': view.oneTimeUse, 'request ID': view.requestId }),
      );
    }),
  );

  withExamples(
    tempCode
      .command('update')
      .description("change the expiry or one-time rule of a user's temporary security code (the code stays)")
      .argument('<user>', 'user ID')
      .option('--expires <when>', EXPIRES_HELP, expiryParser())
      .addOption(new Option('--one-time', 'the code works for one sign-in only').conflicts('reusable'))
      .option('--reusable', 'the code works until it expires'),
    'vip-user-services temp-code update alice@example.com --expires 2h --one-time',
  ).action(
    act(async ({ output, connect }, userId: string, flags: UpdateFlags) => {
      const attributes = attributesOf(flags);
      if (attributes === undefined)
        throw new CliUsageError('nothing to change: give --expires, --one-time or --reusable; nothing was sent');
      const { vip } = await connect();
      const { requestId } = await vip.setTemporaryPasswordAttributes({ userId, temporaryPasswordAttributes: attributes });
      const facts = [
        attributes.expirationTime === undefined ? undefined : `expires ${cell(attributes.expirationTime)}`,
        attributes.oneTimeUseOnly === undefined ? undefined : attributes.oneTimeUseOnly ? 'one-time use' : 'reusable',
      ].filter((fact) => fact !== undefined);
      reportDone(output, `Updated the temporary security code of ${userId}: ${facts.join(', ')}.`, {
        result: 'updated',
        userId,
        expiresAt: attributes.expirationTime,
        oneTimeUse: attributes.oneTimeUseOnly,
        requestId,
      });
    }),
  );

  withExamples(
    tempCode.command('clear').description("remove a user's temporary security code before it expires").argument('<user>', 'user ID'),
    'vip-user-services temp-code clear alice@example.com',
  ).action(
    act(async ({ output, connect }, userId: string) => {
      const { vip } = await connect();
      const { requestId } = await vip.clearTemporaryPassword({ userId });
      reportDone(output, `Cleared the temporary security code of ${userId}.`, { result: 'cleared', userId, requestId });
    }),
  );
};

/** The attributes the flags ask for, or undefined when they ask for none (VIP's defaults, or nothing to change). */
function attributesOf(flags: UpdateFlags): TemporaryPasswordAttributes | undefined {
  const oneTimeUseOnly = flags.oneTime === true ? true : flags.reusable === true ? false : undefined;
  if (flags.expires === undefined && oneTimeUseOnly === undefined) return undefined;
  return {
    ...(flags.expires === undefined ? {} : { expirationTime: flags.expires }),
    ...(oneTimeUseOnly === undefined ? {} : { oneTimeUseOnly }),
  };
}
