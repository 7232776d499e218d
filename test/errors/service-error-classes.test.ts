import { describe, expect, it } from 'vitest';
import * as errors from '../../src/errors/index.js';
import { createServiceError } from 'vip-user-services/testing';
import {
  describeStatus,
  errorClassForStatus,
  VipError,
  VipServiceError,
  VipStatus,
  type ServiceErrorCategory,
} from '../../src/errors/index.js';

// Written out here, independently of the source, so a changed mapping in src/errors fails the test.
const EXPECTED: ReadonlyArray<readonly [code: string, className: string, category: ServiceErrorCategory]> = [
  ['6001', 'InvalidAccountError', 'AccountPolicyError'],
  ['6002', 'UserAlreadyExistsError', 'UserError'],
  ['6003', 'UserNotFoundError', 'UserError'],
  ['6004', 'InvalidCredentialIdError', 'CredentialError'],
  ['6005', 'VipInternalError', 'ServiceUnavailableError'],
  ['6006', 'InvalidCredentialTypeError', 'CredentialError'],
  ['6007', 'CredentialNotBoundError', 'CredentialError'],
  ['6008', 'NoEnabledCredentialError', 'CredentialError'],
  ['6009', 'AuthenticationFailedError', 'AuthenticationError'],
  ['600A', 'CredentialTypeNotSupportedError', 'CredentialError'],
  ['600B', 'SchemaValidationError', 'InvalidRequestError'],
  ['600C', 'BadCredentialStateError', 'CredentialError'],
  ['600D', 'CredentialStateNotAllowedError', 'CredentialError'],
  ['600E', 'ClientCertificateRevokedError', 'ClientCertificateError'],
  ['600F', 'CredentialRevokedError', 'CredentialError'],
  ['6010', 'AccountNotAuthorizedError', 'AccountPolicyError'],
  ['6011', 'EnabledBindingsLimitError', 'CredentialError'],
  ['6012', 'BindingsLimitError', 'CredentialError'],
  ['6013', 'CredentialExpiredError', 'CredentialError'],
  ['6014', 'OperationNotSupportedError', 'CredentialError'],
  ['6015', 'InvalidInputError', 'InvalidRequestError'],
  ['6016', 'TokenNotRegisteredError', 'CredentialError'],
  ['6017', 'TemporaryPasswordNotSetError', 'UserError'],
  ['6018', 'SmsDeliveryError', 'DeliveryError'],
  ['6019', 'VoiceDeliveryError', 'DeliveryError'],
  ['601A', 'InvalidExpirationDateError', 'InvalidRequestError'],
  ['601B', 'UserStatusNotAllowedError', 'UserError'],
  ['601C', 'ClientCertificateRequiredError', 'ClientCertificateError'],
  ['601D', 'TooManySmsVoiceCredentialsError', 'CredentialError'],
  ['601E', 'CredentialOrderUnavailableError', 'AccountPolicyError'],
  ['601F', 'InvalidUserPinError', 'UserError'],
  ['6020', 'UserPinPolicyViolationError', 'UserError'],
  ['6021', 'UserPinNotEnabledError', 'AccountPolicyError'],
  ['6022', 'IaPolicyNotEnabledError', 'RiskError'],
  ['6023', 'RiskEventNotFoundError', 'RiskError'],
  ['6024', 'RiskEventNotRiskyError', 'RiskError'],
  ['6025', 'MultiUserCredentialDisabledError', 'CredentialError'],
  ['6026', 'CredentialAlreadyRegisteredError', 'CredentialError'],
  ['6027', 'TrustedDeviceNotEnabledError', 'RiskError'],
  ['6028', 'TransactionParametersNotSetError', 'RiskError'],
  ['6029', 'IaServiceUnavailableError', 'ServiceUnavailableError'],
  ['602A', 'IaTransactionMonitoringNotEnabledError', 'RiskError'],
  ['602B', 'ClientKeyDecryptionError', 'RiskError'],
  ['602D', 'InvalidFriendlyNameError', 'InvalidRequestError'],
  ['602E', 'MobilePushNotEnabledError', 'PushError'],
  ['6041', 'NoPushCredentialsError', 'PushError'],
  ['6042', 'PushSendFailedError', 'PushError'],
  ['6043', 'PushNotSupportedError', 'PushError'],
  ['604C', 'MobileTokenValidationDeniedError', 'AuthenticationError'],
  ['604D', 'NonUsSmsVoiceBlockedError', 'DeliveryError'],
  ['604F', 'NumberChallengeNotSupportedError', 'PushError'],
  ['6603', 'MobileTokenValidationNotAllowedError', 'AuthenticationError'],
  ['7002', 'PushDeniedError', 'PushError'],
  ['7003', 'PushChangedError', 'PushError'],
  ['7004', 'PushExpiredError', 'PushError'],
  ['7005', 'PushNotFoundError', 'PushError'],
  ['7006', 'PushNotCompletedError', 'PushError'],
  ['7008', 'PushRequestParametersNotMetError', 'PushError'],
  ['7120', 'LocalAuthenticationCancelledError', 'PushError'],
  ['7121', 'LocalAuthenticationFailedError', 'PushError'],
  ['7122', 'LocalAuthenticationNotSupportedByDeviceError', 'PushError'],
  ['7123', 'LocalAuthenticationNotConfiguredError', 'PushError'],
  ['7124', 'LocalAuthenticationNotSupportedByClientError', 'PushError'],
  ['7125', 'LocalAuthenticationNotPerformedError', 'PushError'],
  ['7141', 'NumberChallengeFailedError', 'PushError'],
];

const NOT_ERRORS = ['0000', '6040', '7000', '7001', '7140'];
const RETRYABLE = ['6005', '6029'];

function exportedClass(name: string): typeof VipServiceError {
  const value = (errors as Record<string, unknown>)[name];
  expect(value, `${name} is exported`).toBeTypeOf('function');
  return value as typeof VipServiceError;
}

describe('per-code error classes', () => {
  it.each(EXPECTED)('%s maps to %s in category %s', (code, className, category) => {
    const errorClass = exportedClass(className);
    const categoryClass = exportedClass(category);
    expect(errorClassForStatus(code)).toBe(errorClass);
    expect((errorClass as unknown as { code: string }).code).toBe(code);
    expect(errorClass.category).toBe(category);

    const error = createServiceError({ status: code, statusMessage: 'from VIP' }, { operation: 'op', requestId: 'R1' });
    expect(error).toBeInstanceOf(errorClass);
    expect(error).toBeInstanceOf(categoryClass);
    expect(error).toBeInstanceOf(VipServiceError);
    expect(error).toBeInstanceOf(errors.VipCallError);
    expect(error).toBeInstanceOf(VipError);
    expect(error).toBeInstanceOf(Error);
    expect(error.name).toBe(className);
    expect(error.code).toBe(code);
    expect(error.category).toBe(category);
    expect(error.retryable).toBe(RETRYABLE.includes(code));
    expect(error.documentedMessage).toBe(describeStatus(code)?.message);
    expect(error.documentedMessage?.length).toBeGreaterThan(0);
    expect(error.documentedCause?.length).toBeGreaterThan(0);
    expect(error.solution?.length).toBeGreaterThan(0);
    expect(error.documentedCause).not.toBe(error.solution);
  });

  it('covers every documented code except the success and progress codes, each with its own class', () => {
    const documented = Object.values(VipStatus).filter((code) => !NOT_ERRORS.includes(code));
    expect(documented.sort()).toEqual(EXPECTED.map(([code]) => code).sort());
    const classNames = new Set(EXPECTED.map(([, className]) => className));
    expect(classNames.size).toBe(EXPECTED.length);
  });

  it('gives the push transaction outcomes (7002-7008, 7120-7125, 7141) the push-transaction family', () => {
    for (const [code, className] of EXPECTED) {
      const isTransactionOutcome = code.startsWith('70') || code.startsWith('71');
      const inFamily = exportedClass(className).prototype instanceof errors.PushTransactionError;
      expect(inFamily, className).toBe(isTransactionOutcome);
    }
  });

  it('maps no class to codes that are not errors', () => {
    for (const code of NOT_ERRORS) {
      expect(errorClassForStatus(code)).toBeUndefined();
      const guidance = describeStatus(code);
      expect(guidance?.category).toBeUndefined();
      expect(guidance?.retryable).toBe(false);
    }
  });

  it('puts each category class directly under VipServiceError', () => {
    const categories = new Set(EXPECTED.map(([, , category]) => category));
    expect(categories.size).toBe(10);
    for (const category of categories) {
      expect(Object.getPrototypeOf(exportedClass(category))).toBe(VipServiceError);
    }
  });

  it('does not let an error match a category or class it does not belong to', () => {
    const revoked = createServiceError({ status: '600F', statusMessage: 'Credential is revoked.' }, {});
    expect(revoked).not.toBeInstanceOf(errors.UserError);
    expect(revoked).not.toBeInstanceOf(errors.UserNotFoundError);
    expect(revoked).not.toBeInstanceOf(errors.PushError);
    expect(revoked).not.toBeInstanceOf(errors.VipConnectionError);
    expect(new errors.VipTimeoutError('late')).not.toBeInstanceOf(VipServiceError);
  });
});
