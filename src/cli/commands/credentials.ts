/**
 * `credentials add|remove|update|info|register-sms|register-voice`: bind, unbind, rename, enable/disable and look up
 * credentials, and register phone numbers as SMS or voice credentials (VIP's prerequisite for binding them). Types
 * and states are commander choices from the contract, so a typo is a usage error before anything is sent.
 */
import { Option } from 'commander';
import type { CredentialStatusChange, CredentialType, GetCredentialInfoOutput, UserBindingDetail, VipClient } from '../../index.js';
import { withExamples } from '../everyday/examples.js';
import { reportDone } from '../everyday/report.js';
import { OTP, readSecret } from '../everyday/secrets.js';
import { CREDENTIAL_STATUS_CHANGES, credentialTypeOption, phoneNumber } from '../everyday/values.js';
import { CliUsageError } from '../exit-codes.js';
import { type Column, renderFields, renderTable } from '../output.js';
import type { RegisterCommand } from '../program.js';

interface AddFlags {
  type: CredentialType;
  name?: string;
  trustedDevice?: boolean;
  prove?: boolean;
  otpStdin?: boolean;
}

interface UpdateFlags {
  type: CredentialType;
  name?: string;
  status?: CredentialStatusChange;
}

export const registerCredentials: RegisterCommand = (program, act) => {
  const credentials = withExamples(
    program.command('credentials').description('bind, unbind, change and look up credentials; register phone numbers'),
    'vip-user-services credentials add alice@example.com VSMT12345678 --name "Alice\'s phone"',
    'vip-user-services credentials info VSMT12345678',
  );

  withExamples(
    credentials
      .command('add')
      .description('bind a credential to a user (register SMS and voice numbers first)')
      .argument('<user>', 'user ID')
      .argument('<credential>', 'credential ID (a phone number for SMS_OTP and VOICE_OTP)')
      .addOption(credentialTypeOption())
      .option('--name <friendly-name>', 'friendly name of the binding')
      .option('--trusted-device', 'the credential is a remembered device')
      .option('--prove', `prove the user holds it with its current code, from ${OTP.variable} or a hidden prompt`)
      .option('--otp-stdin', 'read that code from the first line of stdin (implies --prove)'),
    'vip-user-services credentials add alice@example.com VSMT12345678 --name "Alice\'s phone"',
    'vip-user-services credentials add alice@example.com 15551234567 --type SMS_OTP --json',
    'vip-user-services credentials add alice@example.com SYMC87654321 --prove',
  ).action(
    act(async ({ io, output, connect }, userId: string, credentialId: string, flags: AddFlags) => {
      const proving = flags.prove === true || flags.otpStdin === true;
      const otp = proving ? await readSecret(io, OTP, { fromStdin: flags.otpStdin === true }) : undefined;
      const { vip } = await connect();
      const { requestId } = await vip.addCredential({
        userId,
        credentialDetail: { credentialId, credentialType: flags.type, friendlyName: flags.name },
        otpAuthData: otp === undefined ? undefined : { otp },
        ...(flags.trustedDevice === true ? { trustedDevice: true } : {}),
      });
      reportDone(output, `Bound ${flags.type} credential ${credentialId} to ${userId}${proving ? ' (code checked)' : ''}.`, {
        result: 'added',
        userId,
        credentialId,
        credentialType: flags.type,
        friendlyName: flags.name,
        proven: proving,
        requestId,
      });
    }),
  );

  withExamples(
    credentials
      .command('remove')
      .description('unbind a credential from a user')
      .argument('<user>', 'user ID')
      .argument('<credential>', 'credential ID')
      .addOption(credentialTypeOption())
      .option('--trusted-device', 'the credential is a remembered device'),
    'vip-user-services credentials remove alice@example.com VSMT12345678',
  ).action(
    act(async ({ output, connect }, userId: string, credentialId: string, flags: { type: CredentialType; trustedDevice?: boolean }) => {
      const { vip } = await connect();
      const { requestId } = await vip.removeCredential({
        userId,
        credentialId,
        credentialType: flags.type,
        ...(flags.trustedDevice === true ? { trustedDevice: true } : {}),
      });
      reportDone(output, `Removed ${flags.type} credential ${credentialId} from ${userId}.`, {
        result: 'removed',
        userId,
        credentialId,
        credentialType: flags.type,
        requestId,
      });
    }),
  );

  withExamples(
    credentials
      .command('update')
      .description("rename a user's credential, or enable or disable it (API 1.10)")
      .argument('<user>', 'user ID')
      .argument('<credential>', 'credential ID')
      .addOption(credentialTypeOption())
      .option('--name <friendly-name>', 'new friendly name (default: keep the current one, looked up first)')
      .addOption(
        new Option('--status <status>', 'ENABLED or DISABLED; needs --api-version 1.10 (enabling also unlocks)').choices(
          CREDENTIAL_STATUS_CHANGES,
        ),
      ),
    'vip-user-services credentials update alice@example.com VSMT12345678 --name "Work phone"',
    'vip-user-services --api-version 1.10 credentials update alice@example.com VSMT12345678 --status DISABLED',
  ).action(
    act(async ({ output, connect }, userId: string, credentialId: string, flags: UpdateFlags) => {
      if (flags.name === undefined && flags.status === undefined) {
        throw new CliUsageError('nothing to change: give --name or --status; nothing was sent');
      }
      const { vip } = await connect();
      // Checked here too, as the SDK would only check it after the name lookup below has been sent.
      if (flags.status !== undefined && vip.config.apiVersion === '1.8') {
        throw new CliUsageError('--status needs --api-version 1.10 (credentialStatus is new in API 1.10); nothing was sent');
      }
      // VIP wants the friendly name with every update: a status change keeps the current one.
      const friendlyName = flags.name ?? (await currentFriendlyName(vip, userId, credentialId));
      const { requestId } = await vip.updateCredential({
        userId,
        credentialId,
        credentialType: flags.type,
        friendlyName,
        ...(flags.status === undefined ? {} : { credentialStatus: flags.status }),
      });
      const status = flags.status === undefined ? '' : `, ${flags.status}`;
      reportDone(output, `Updated ${flags.type} credential ${credentialId} of ${userId}: "${friendlyName}"${status}.`, {
        result: 'updated',
        userId,
        credentialId,
        credentialType: flags.type,
        friendlyName,
        credentialStatus: flags.status,
        requestId,
      });
    }),
  );

  withExamples(
    credentials
      .command('info')
      .description('print a credential: its state, push attributes and the users it is bound to')
      .argument('<credential>', 'credential ID')
      .addOption(credentialTypeOption()),
    'vip-user-services credentials info VSMT12345678',
    'vip-user-services credentials info 15551234567 --type SMS_OTP --json',
  ).action(
    act(async ({ output, connect }, credentialId: string, flags: { type: CredentialType }) => {
      const { vip } = await connect();
      const view = credentialView(
        credentialId,
        flags.type,
        await vip.getCredentialInfo({ credentialId, credentialType: flags.type, includePushAttributes: true }),
      );
      output.result(view, () => renderCredential(view));
    }),
  );

  const registrations = [
    { name: 'register-sms', kind: 'an SMS', credentialType: 'SMS_OTP' },
    { name: 'register-voice', kind: 'a voice', credentialType: 'VOICE_OTP' },
  ] as const;
  for (const { name, kind, credentialType } of registrations) {
    withExamples(
      credentials
        .command(name)
        .description(`register a phone number as ${kind} credential, so it can be bound with \`credentials add\``)
        .argument('<phone>', 'phone number with country code; spaces, hyphens, parentheses and a leading + are dropped')
        .addHelpText('after', `\nThen bind it: vip-user-services credentials add USER PHONE --type ${credentialType}`),
      `vip-user-services credentials ${name} "+1 555 123 4567"`,
      `vip-user-services credentials ${name} 15551234567 --json`,
    ).action(
      act(async ({ output, connect }, phone: string) => {
        const registered = phoneNumber(phone);
        const { vip } = await connect();
        const delivery = { phoneNumber: registered };
        // VIP may return a code for the new credential: a secret, so it is never printed.
        const { requestId } = await vip.register(
          credentialType === 'SMS_OTP' ? { smsDeliveryInfo: delivery } : { voiceDeliveryInfo: delivery },
        );
        reportDone(output, `Registered ${registered} as ${kind} credential (${credentialType}).`, {
          result: 'registered',
          credentialId: registered,
          credentialType,
          requestId,
        });
      }),
    );
  }
};

/**
 * The friendly name a user's binding has now.
 * @throws {CliUsageError} when the binding has none to keep (or does not exist): then --name must be given.
 */
async function currentFriendlyName(vip: VipClient, userId: string, credentialId: string): Promise<string> {
  const info = await vip.getUserInfo({ userId, includePushAttributes: false });
  const binding = info.credentialBindingDetail?.find((detail) => detail.credentialId === credentialId);
  const name = binding?.bindingDetail.friendlyName;
  if (name === undefined) {
    const why = binding === undefined ? `${credentialId} is not bound to ${userId}` : `${credentialId} has no friendly name to keep`;
    throw new CliUsageError(`${why}: give --name (VIP needs a friendly name with every update); nothing was changed`);
  }
  return name;
}

/** What `credentials info` prints. */
interface CredentialView {
  credentialId: string;
  credentialType: CredentialType;
  credentialStatus: string | undefined;
  numBindings: number;
  /** The push attributes as one object, e.g. `{ PUSH_ENABLED: 'true' }`. */
  pushAttributes: Record<string, string>;
  users: {
    userId: string;
    userStatus: string;
    bindStatus: string;
    friendlyName: string | undefined;
    lastBindTime: Date;
    lastAuthnTime: Date | undefined;
  }[];
  requestId: string;
}

function credentialView(credentialId: string, credentialType: CredentialType, info: GetCredentialInfoOutput): CredentialView {
  const bindings: readonly UserBindingDetail[] = info.userBindingDetail ?? [];
  return {
    credentialId: info.credentialId ?? credentialId,
    credentialType: info.credentialType ?? credentialType,
    credentialStatus: info.credentialStatus,
    numBindings: info.numBindings ?? bindings.length,
    pushAttributes: Object.fromEntries((info.pushAttributes ?? []).map(({ Key, Value }) => [Key, Value])),
    users: bindings.map(({ userId, userStatus, bindingDetail }) => ({
      userId,
      userStatus,
      bindStatus: bindingDetail.bindStatus,
      friendlyName: bindingDetail.friendlyName,
      lastBindTime: bindingDetail.lastBindTime,
      lastAuthnTime: bindingDetail.lastAuthnTime,
    })),
    requestId: info.requestId,
  };
}

const BOUND_USER_COLUMNS: readonly Column<CredentialView['users'][number]>[] = [
  { heading: 'User ID', value: (row) => row.userId },
  { heading: 'User Status', value: (row) => row.userStatus },
  { heading: 'Bind Status', value: (row) => row.bindStatus },
  { heading: 'Friendly Name', value: (row) => row.friendlyName },
  { heading: 'Last Bind Time', value: (row) => row.lastBindTime },
  { heading: 'Last Authentication Time', value: (row) => row.lastAuthnTime },
];

function renderCredential(view: CredentialView): string {
  const push = Object.entries(view.pushAttributes).map(([key, value]) => `${key}=${value}`);
  const fields = renderFields({
    credential: view.credentialId,
    type: view.credentialType,
    status: view.credentialStatus,
    'push attributes': push.length === 0 ? 'none' : push.join(', '),
    'bound to': `${view.numBindings} user${view.numBindings === 1 ? '' : 's'}`,
    'request ID': view.requestId,
  });
  return `${fields}\n${renderTable(view.users, BOUND_USER_COLUMNS)}`;
}
