/**
 * `bulk restore BACKUP`: brings back the users a delete job saved. Per user: createUser, addCredential for each
 * binding with its friendly name (an SMS or voice number VIP no longer knows, 6016, is registered again and added
 * once more), then updateUser when the user was DISABLED (VIP binds nothing to a disabled user). What the API cannot bring back is written to the row's reason:
 *
 * - PINs and temporary security codes (VIP never returns them);
 * - a LOCKED state (VIP only sets ACTIVE or DISABLED) and disabled bindings (re-enabled on restore);
 * - FIDO authenticators and remembered devices (BIOMETRIC, SECURITY_KEY, IA), which are enrolled on the device;
 * - push: the registration belongs to the VIP Access app on the phone, which may have to turn push on again;
 * - history: creation, bind and last-authentication times.
 *
 * Every binding is tried even when one fails (the row then fails, and a rerun tries only what failed).
 */
import type { CredentialType } from '../../../index.js';
import type { BackupRecord } from '../backup.js';
import type { BackupRow } from '../input.js';
import { childAccountOf, type JobDefinition, type Step, type StepOf } from '../job.js';

/** Credentials enrolled on the user's device: no API call can bind them again. */
const ENROLLED_ON_DEVICE = new Set(['BIOMETRIC', 'SECURITY_KEY', 'IA']);
/** Credentials identified by a phone number, which `register` can record again. */
const PHONE_TYPES = { SMS_OTP: 'smsDeliveryInfo', VOICE_OTP: 'voiceDeliveryInfo' } as const;

export const restore: JobDefinition<BackupRow> = {
  name: 'restore',
  description: 'recreate users saved by `bulk delete-users`, with their credential bindings, from its backup file',
  destructive: false,
  columns: undefined,
  example: 'vip-user-services bulk restore leavers.delete-users.backup.jsonl',
  keyOf: ({ record }, context) => ({ userId: record.userId, childAccount: childAccountOf(record.childAccount, context) }),
  plan({ record, supersededBy }, context) {
    const key = { userId: record.userId, childAccount: childAccountOf(record.childAccount, context) };
    if (supersededBy !== undefined) {
      return { key, steps: [], notes: [], skip: `a later backup of this user (line ${supersededBy}) is restored instead` };
    }
    const { userId, info } = record;
    const steps: Step[] = [
      {
        name: 'create',
        operation: 'createUser',
        input: { userId },
        description: `createUser ${userId}`,
        onRefusal: (error, history) => {
          if (error.code !== '6002') return undefined;
          return { kind: 'continue', note: history.sentBefore('create') ? 'recreated by the interrupted run' : 'the user existed already' };
        },
      },
    ];
    const notes: string[] = [];
    if (info.userStatus === 'LOCKED') notes.push('was LOCKED, restored ACTIVE');
    if (info.isPinSet === true) notes.push('PIN not restored (VIP never returns it)');
    if (info.isTempPasswordSet === true) notes.push('temporary security code not restored');
    (info.credentialBindingDetail ?? []).forEach((binding, index) => {
      const { credentialId, credentialType } = binding;
      if (ENROLLED_ON_DEVICE.has(credentialType)) {
        notes.push(`${credentialType} ${credentialId} not restored (enrolled on the user's device)`);
        return;
      }
      steps.push(addStep(record, index, credentialId, credentialType));
      if (binding.bindingDetail?.bindStatus === 'DISABLED') notes.push(`${credentialId} was disabled, restored enabled`);
      const push = binding.pushAttributes?.find((attribute) => attribute.Key === 'PUSH_ENABLED');
      if (push?.Value.toLowerCase() === 'true') notes.push(`${credentialId}: push may need turning on again in VIP Access`);
    });
    // Last: VIP binds no credential to a disabled user (601B).
    if (info.userStatus === 'DISABLED') {
      steps.push({
        name: 'disable',
        operation: 'updateUser',
        input: { userId, newUserStatus: 'DISABLED' },
        description: `updateUser ${userId} -> DISABLED`,
        afterAll: true,
      });
    }
    return { key, steps, notes };
  },
};

/** Binds one saved credential again; a phone number VIP forgot (6016) is registered, then added once more. */
function addStep(
  record: BackupRecord,
  index: number,
  credentialId: string,
  credentialType: string,
  retry = false,
): StepOf<'addCredential'> {
  const binding = record.info.credentialBindingDetail?.[index];
  const name = `add${index + 1}${retry ? 'r' : ''}`;
  const delivery = PHONE_TYPES[credentialType as keyof typeof PHONE_TYPES];
  return {
    name,
    operation: 'addCredential',
    input: {
      userId: record.userId,
      credentialDetail: {
        credentialId,
        credentialType: credentialType as CredentialType,
        friendlyName: binding?.bindingDetail?.friendlyName,
        trustedDevice: binding?.bindingDetail?.trustedDevice,
      },
    },
    description: `addCredential ${credentialType} ${credentialId} -> ${record.userId}`,
    optional: true,
    onRefusal:
      delivery === undefined || retry
        ? undefined
        : (error) =>
            error.code === '6016'
              ? {
                  kind: 'then',
                  steps: [
                    {
                      name: `reg${index + 1}`,
                      operation: 'register',
                      input:
                        delivery === 'smsDeliveryInfo'
                          ? { smsDeliveryInfo: { phoneNumber: credentialId } }
                          : { voiceDeliveryInfo: { phoneNumber: credentialId } },
                      description: `register ${credentialType} ${credentialId}`,
                      // Registered meanwhile (or by an interrupted run): the add below settles it.
                      onRefusal: (refusal) => (refusal.code === '6026' ? { kind: 'continue' } : undefined),
                      optional: true,
                    },
                    addStep(record, index, credentialId, credentialType, true),
                  ],
                }
              : undefined,
  };
}
