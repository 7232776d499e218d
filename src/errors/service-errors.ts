/**
 * One class per documented VIP error status, so callers can catch exactly the case they handle. Each class only
 * names its code; the message, cause, solution and retry flag come from the table in `status-codes.ts`, and the
 * category is the class it extends (the choice for each code is explained on the category classes).
 */
import {
  AccountPolicyError,
  AuthenticationError,
  ClientCertificateError,
  CredentialError,
  DeliveryError,
  InvalidRequestError,
  PushError,
  PushTransactionError,
  RiskError,
  ServiceUnavailableError,
  UserError,
} from './service-error.js';
import { nameError } from './vip-error.js';

/** 6001: raised when the VIP account is unknown or inactive, or the jurisdiction hash matches no account. */
export class InvalidAccountError extends AccountPolicyError {
  static override readonly code = '6001';
  static {
    nameError(this, 'InvalidAccountError');
  }
}

/** 6002: raised when a user with the given user ID already exists. */
export class UserAlreadyExistsError extends UserError {
  static override readonly code = '6002';
  static {
    nameError(this, 'UserAlreadyExistsError');
  }
}

/** 6003: raised when no user with the given user ID exists. */
export class UserNotFoundError extends UserError {
  static override readonly code = '6003';
  static {
    nameError(this, 'UserNotFoundError');
  }
}

/** 6004: raised when VIP knows no credential with the given credential ID. */
export class InvalidCredentialIdError extends CredentialError {
  static override readonly code = '6004';
  static {
    nameError(this, 'InvalidCredentialIdError');
  }
}

/** 6005: raised when VIP failed internally; calling again may succeed. */
export class VipInternalError extends ServiceUnavailableError {
  static override readonly code = '6005';
  static {
    nameError(this, 'VipInternalError');
  }
}

/** 6006: raised when the credential type is not valid for the call. */
export class InvalidCredentialTypeError extends CredentialError {
  static override readonly code = '6006';
  static {
    nameError(this, 'InvalidCredentialTypeError');
  }
}

/** 6007: raised when the credential is not bound to the user. */
export class CredentialNotBoundError extends CredentialError {
  static override readonly code = '6007';
  static {
    nameError(this, 'CredentialNotBoundError');
  }
}

/** 6008: raised when the user has no enabled credential of the requested type. */
export class NoEnabledCredentialError extends CredentialError {
  static override readonly code = '6008';
  static {
    nameError(this, 'NoEnabledCredentialError');
  }
}

/** 6009: raised when the security code did not verify (see `detail` for the reason). */
export class AuthenticationFailedError extends AuthenticationError {
  static override readonly code = '6009';
  static {
    nameError(this, 'AuthenticationFailedError');
  }
}

/** 600A: raised when the operation cannot be used with the credential type. */
export class CredentialTypeNotSupportedError extends CredentialError {
  static override readonly code = '600A';
  static {
    nameError(this, 'CredentialTypeNotSupportedError');
  }
}

/** 600B: raised when the request XML failed VIP's schema check. */
export class SchemaValidationError extends InvalidRequestError {
  static override readonly code = '600B';
  static {
    nameError(this, 'SchemaValidationError');
  }
}

/** 600C: raised when VIP holds an invalid state for the credential (needs Broadcom support). */
export class BadCredentialStateError extends CredentialError {
  static override readonly code = '600C';
  static {
    nameError(this, 'BadCredentialStateError');
  }
}

/** 600D: raised when the credential's state forbids the operation (also when push credentials are throttled). */
export class CredentialStateNotAllowedError extends CredentialError {
  static override readonly code = '600D';
  static {
    nameError(this, 'CredentialStateNotAllowedError');
  }
}

/** 600E: raised when the client certificate this SDK uses has been revoked. */
export class ClientCertificateRevokedError extends ClientCertificateError {
  static override readonly code = '600E';
  static {
    nameError(this, 'ClientCertificateRevokedError');
  }
}

/** 600F: raised when the credential has been revoked. */
export class CredentialRevokedError extends CredentialError {
  static override readonly code = '600F';
  static {
    nameError(this, 'CredentialRevokedError');
  }
}

/** 6010: raised when the calling account lacks permission for the operation. */
export class AccountNotAuthorizedError extends AccountPolicyError {
  static override readonly code = '6010';
  static {
    nameError(this, 'AccountNotAuthorizedError');
  }
}

/** 6011: raised when the user already has the most enabled credentials allowed. */
export class EnabledBindingsLimitError extends CredentialError {
  static override readonly code = '6011';
  static {
    nameError(this, 'EnabledBindingsLimitError');
  }
}

/** 6012: raised when the user already has the most credentials allowed. */
export class BindingsLimitError extends CredentialError {
  static override readonly code = '6012';
  static {
    nameError(this, 'BindingsLimitError');
  }
}

/** 6013: raised when the credential has expired. */
export class CredentialExpiredError extends CredentialError {
  static override readonly code = '6013';
  static {
    nameError(this, 'CredentialExpiredError');
  }
}

/** 6014: raised when the credential type does not support the operation. */
export class OperationNotSupportedError extends CredentialError {
  static override readonly code = '6014';
  static {
    nameError(this, 'OperationNotSupportedError');
  }
}

/** 6015: raised when VIP rejected a value in the request. */
export class InvalidInputError extends InvalidRequestError {
  static override readonly code = '6015';
  static {
    nameError(this, 'InvalidInputError');
  }
}

/** 6016: raised when the credential was never registered with the account. */
export class TokenNotRegisteredError extends CredentialError {
  static override readonly code = '6016';
  static {
    nameError(this, 'TokenNotRegisteredError');
  }
}

/** 6017: raised when the call acts on a temporary security code the user does not have. */
export class TemporaryPasswordNotSetError extends UserError {
  static override readonly code = '6017';
  static {
    nameError(this, 'TemporaryPasswordNotSetError');
  }
}

/** 6018: raised when the SMS could not be delivered to the number. */
export class SmsDeliveryError extends DeliveryError {
  static override readonly code = '6018';
  static {
    nameError(this, 'SmsDeliveryError');
  }
}

/** 6019: raised when the voice message could not be delivered to the number. */
export class VoiceDeliveryError extends DeliveryError {
  static override readonly code = '6019';
  static {
    nameError(this, 'VoiceDeliveryError');
  }
}

/** 601A: raised when the temporary security code's expiry is in the past or beyond the validity period. */
export class InvalidExpirationDateError extends InvalidRequestError {
  static override readonly code = '601A';
  static {
    nameError(this, 'InvalidExpirationDateError');
  }
}

/** 601B: raised when the user's status (e.g. locked or disabled) forbids the action. */
export class UserStatusNotAllowedError extends UserError {
  static override readonly code = '601B';
  static {
    nameError(this, 'UserStatusNotAllowedError');
  }
}

/** 601C: raised when the operation needs a client certificate and none was presented. */
export class ClientCertificateRequiredError extends ClientCertificateError {
  static override readonly code = '601C';
  static {
    nameError(this, 'ClientCertificateRequiredError');
  }
}

/** 601D: raised when the user already has the most SMS/voice credentials allowed. */
export class TooManySmsVoiceCredentialsError extends CredentialError {
  static override readonly code = '601D';
  static {
    nameError(this, 'TooManySmsVoiceCredentialsError');
  }
}

/** 601E: raised when the account's order for the credential type is used up or expired. */
export class CredentialOrderUnavailableError extends AccountPolicyError {
  static override readonly code = '601E';
  static {
    nameError(this, 'CredentialOrderUnavailableError');
  }
}

/** 601F: raised when the PIN does not match the user's PIN. */
export class InvalidUserPinError extends UserError {
  static override readonly code = '601F';
  static {
    nameError(this, 'InvalidUserPinError');
  }
}

/** 6020: raised when the PIN breaks the account's PIN policy. */
export class UserPinPolicyError extends UserError {
  static override readonly code = '6020';
  static {
    nameError(this, 'UserPinPolicyError');
  }
}

/** 6021: raised when user PINs are switched off for the account. */
export class UserPinNotEnabledError extends AccountPolicyError {
  static override readonly code = '6021';
  static {
    nameError(this, 'UserPinNotEnabledError');
  }
}

/** 6022: raised when Intelligent Authentication is not enabled for the account. */
export class IaPolicyNotEnabledError extends RiskError {
  static override readonly code = '6022';
  static {
    nameError(this, 'IaPolicyNotEnabledError');
  }
}

/** 6023: raised when the risk event ID sent as feedback is unknown. */
export class RiskEventNotFoundError extends RiskError {
  static override readonly code = '6023';
  static {
    nameError(this, 'RiskEventNotFoundError');
  }
}

/** 6024: raised when risk feedback was sent for an event that was not judged risky. */
export class RiskEventNotRiskyError extends RiskError {
  static override readonly code = '6024';
  static {
    nameError(this, 'RiskEventNotRiskyError');
  }
}

/** 6025: raised when the credential is already bound to another user and sharing is off. */
export class MultiUserCredentialDisabledError extends CredentialError {
  static override readonly code = '6025';
  static {
    nameError(this, 'MultiUserCredentialDisabledError');
  }
}

/** 6026: raised when the credential being registered is already registered. */
export class CredentialAlreadyRegisteredError extends CredentialError {
  static override readonly code = '6026';
  static {
    nameError(this, 'CredentialAlreadyRegisteredError');
  }
}

/** 6027: raised when Trusted Device is not enabled for the account. */
export class TrustedDeviceNotEnabledError extends RiskError {
  static override readonly code = '6027';
  static {
    nameError(this, 'TrustedDeviceNotEnabledError');
  }
}

/** 6028: raised when the account has no transaction risk settings in VIP Manager. */
export class TransactionParametersNotSetError extends RiskError {
  static override readonly code = '6028';
  static {
    nameError(this, 'TransactionParametersNotSetError');
  }
}

/** 6029: raised when the Intelligent Authentication service is unavailable; calling again later may succeed. */
export class IaServiceUnavailableError extends ServiceUnavailableError {
  static override readonly code = '6029';
  static {
    nameError(this, 'IaServiceUnavailableError');
  }
}

/** 602A: raised when IA transaction monitoring is not enabled for the account. */
export class IaTransactionMonitoringNotEnabledError extends RiskError {
  static override readonly code = '602A';
  static {
    nameError(this, 'IaTransactionMonitoringNotEnabledError');
  }
}

/** 602B: raised when VIP could not decrypt the client key in `IAAuthData`. */
export class ClientKeyDecryptionError extends RiskError {
  static override readonly code = '602B';
  static {
    nameError(this, 'ClientKeyDecryptionError');
  }
}

/** 602D: raised when the friendly name contains a forbidden character. */
export class InvalidFriendlyNameError extends InvalidRequestError {
  static override readonly code = '602D';
  static {
    nameError(this, 'InvalidFriendlyNameError');
  }
}

/** 602E: raised when VIP Access Push is not enabled for the account. */
export class MobilePushNotEnabledError extends PushError {
  static override readonly code = '602E';
  static {
    nameError(this, 'MobilePushNotEnabledError');
  }
}

/** 6041: raised when none of the user's devices can receive push. */
export class NoPushCredentialsError extends PushError {
  static override readonly code = '6041';
  static {
    nameError(this, 'NoPushCredentialsError');
  }
}

/** 6042: raised when sending the push notification failed. */
export class PushSendError extends PushError {
  static override readonly code = '6042';
  static {
    nameError(this, 'PushSendError');
  }
}

/** 6043: raised when the user's VIP Access version cannot receive push. */
export class PushNotSupportedError extends PushError {
  static override readonly code = '6043';
  static {
    nameError(this, 'PushNotSupportedError');
  }
}

/** 604C: raised when the Mobile Token Validation policy refuses security-code checks. */
export class MobileTokenValidationDeniedError extends AuthenticationError {
  static override readonly code = '604C';
  static {
    nameError(this, 'MobileTokenValidationDeniedError');
  }
}

/** 604D: raised when policy blocks SMS and voice to non-US numbers. */
export class NonUsSmsVoiceBlockedError extends DeliveryError {
  static override readonly code = '604D';
  static {
    nameError(this, 'NonUsSmsVoiceBlockedError');
  }
}

/** 604F: raised when the credential cannot show a number challenge. */
export class NumberChallengeNotSupportedError extends PushError {
  static override readonly code = '604F';
  static {
    nameError(this, 'NumberChallengeNotSupportedError');
  }
}

/** 6603: raised when policy forbids checking security codes from mobile tokens. */
export class MobileTokenValidationNotAllowedError extends AuthenticationError {
  static override readonly code = '6603';
  static {
    nameError(this, 'MobileTokenValidationNotAllowedError');
  }
}

/** 7002: raised when the user rejected the push. */
export class PushDeniedError extends PushTransactionError {
  static override readonly code = '7002';
  static {
    nameError(this, 'PushDeniedError');
  }
}

/** 7003: raised when a newer push replaced this one. */
export class PushChangedError extends PushTransactionError {
  static override readonly code = '7003';
  static {
    nameError(this, 'PushChangedError');
  }
}

/** 7004: raised when the push timed out, or the user answered a later push. */
export class PushExpiredError extends PushTransactionError {
  static override readonly code = '7004';
  static {
    nameError(this, 'PushExpiredError');
  }
}

/** 7005: raised when VIP has no push transaction with this ID. */
export class PushNotFoundError extends PushTransactionError {
  static override readonly code = '7005';
  static {
    nameError(this, 'PushNotFoundError');
  }
}

/** 7006: raised when the push could not be started or no answer came back. */
export class PushNotCompletedError extends PushTransactionError {
  static override readonly code = '7006';
  static {
    nameError(this, 'PushNotCompletedError');
  }
}

/** 7008: raised when the push's `requestParameters` could not be met (see `detail`). */
export class PushRequestParametersNotMetError extends PushTransactionError {
  static override readonly code = '7008';
  static {
    nameError(this, 'PushRequestParametersNotMetError');
  }
}
