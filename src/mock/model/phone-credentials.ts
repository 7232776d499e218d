/** SMS, voice and service credentials: register, and sendOtp (a fresh code to a user's phone). */
import { failure, type Handler, success } from './outcome.js';
import { CredentialTypes, registrationKey } from './state.js';

/** register: records an SMS/voice number or a service credential with the account. 6026 (+4E1B) when known. */
export const register: Handler<'register'> = (input, { account, now }) => {
  const [credentialType, credentialId] =
    input.smsDeliveryInfo !== undefined
      ? [CredentialTypes.sms, input.smsDeliveryInfo.phoneNumber]
      : input.voiceDeliveryInfo !== undefined
        ? [CredentialTypes.voice, input.voiceDeliveryInfo.phoneNumber]
        : [CredentialTypes.service, input.serviceOtpDeliveryInfo.id];
  if (account.registration(credentialType, credentialId) !== undefined) return failure('6026', '4E1B');
  account.registered.set(registrationKey(credentialType, credentialId), { credentialId, credentialType, registeredAt: now });
  return success();
};

/**
 * sendOtp: makes a code for the user's SMS or voice credential (the number given, or the first such binding);
 * read it with `mock.otp(number)`. 6003, 601B (user not active), 6007 (number not bound to the user as that
 * type), 6008 (no SMS or voice credential).
 */
export const sendOtp: Handler<'sendOtp'> = (input, { account, now, otp }) => {
  const user = account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status !== 'ACTIVE') return failure('601B');
  let target: string | undefined;
  const requested =
    input.smsDeliveryInfo !== undefined
      ? { type: CredentialTypes.sms, phone: input.smsDeliveryInfo.phoneNumber }
      : input.voiceDeliveryInfo !== undefined
        ? { type: CredentialTypes.voice, phone: input.voiceDeliveryInfo.phoneNumber }
        : undefined;
  if (requested !== undefined) {
    if (user.bindings.get(requested.phone)?.credentialType !== requested.type) return failure('6007');
    target = requested.phone;
  } else {
    const bindings = [...user.bindings.values()];
    target = (
      bindings.find((b) => b.credentialType === CredentialTypes.sms) ?? bindings.find((b) => b.credentialType === CredentialTypes.voice)
    )?.credentialId;
    if (target === undefined) return failure('6008');
  }
  otp.sendCode(target, now.getTime());
  return success();
};
