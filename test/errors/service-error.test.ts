import { inspect } from 'node:util';
import { describe, expect, it } from 'vitest';
import {
  AuthenticationFailedError,
  CredentialError,
  CredentialRevokedError,
  describeStatus,
  errorClassForStatus,
  IaServiceUnavailableError,
  normalizeStatusCode,
  PushDeniedError,
  PushTransactionError,
  ServiceUnavailableError,
  VipServiceError,
  VipStatus,
  VipInternalError,
  type VipStatusReport,
} from '../../src/errors/index.js';
import { createServiceError } from 'vip-user-services/testing';

const context = { operation: 'authenticateUser', requestId: 'ab12cd34', attempts: 1 };
const REVOKED = { status: '600F', statusMessage: 'Credential is revoked.' };
const FAILED_OTP = {
  status: '6009',
  statusMessage: 'Authentication failed.',
  detail: '49B5',
  detailMessage: 'Failed with an invalid OTP',
};

describe('createServiceError', () => {
  it('reads codes case-insensitively and stores them in upper case', () => {
    const error = createServiceError({ ...REVOKED, status: '600f', detail: '49b5' }, context);
    expect(error).toBeInstanceOf(CredentialRevokedError);
    expect(error.code).toBe('600F');
    expect(error.detail).toBe('49B5');
    expect(errorClassForStatus('600f')).toBe(CredentialRevokedError);
    expect(errorClassForStatus(' 600F ')).toBe(CredentialRevokedError);
    expect(describeStatus('600f')?.code).toBe('600F');
  });

  it('writes the code, the returned message and the call context into the message', () => {
    const error = createServiceError(REVOKED, context);
    expect(error.message).toBe('[600F] Credential is revoked. (authenticateUser, requestId ab12cd34)');
  });

  it('appends the detail code and message when VIP sent them', () => {
    const messageOf = (report: VipStatusReport, extra = {}) => createServiceError(report, extra).message;
    const full = '[6009] Authentication failed. (detail 49B5: Failed with an invalid OTP)';
    expect(messageOf(FAILED_OTP)).toBe(full);
    expect(messageOf(FAILED_OTP, { ...context, attempts: 2 })).toBe(`${full} (authenticateUser, requestId ab12cd34, 2 attempts)`);
    expect(messageOf({ ...FAILED_OTP, detailMessage: undefined })).toBe('[6009] Authentication failed. (detail 49B5)');
    expect(messageOf({ ...FAILED_OTP, detail: undefined })).toBe('[6009] Authentication failed. (Failed with an invalid OTP)');
    expect(messageOf({ ...FAILED_OTP, detail: ' ', detailMessage: ' ' })).toBe('[6009] Authentication failed.');
  });

  it('keeps the detail fields', () => {
    const error = createServiceError({ ...FAILED_OTP, detail: '49b5' }, context);
    expect(error).toBeInstanceOf(AuthenticationFailedError);
    expect(error.detail).toBe('49B5');
    expect(error.detailMessage).toBe('Failed with an invalid OTP');
    expect(error.statusMessage).toBe('Authentication failed.');
  });

  it('falls back to the documented message when VIP sent none', () => {
    const error = createServiceError({ status: '600F', statusMessage: '' }, {});
    expect(error.message).toBe('[600F] Credential is revoked.');
    expect(error.statusMessage).toBe('');
  });

  it('keeps the raw code and message of an undocumented code in a plain VipServiceError', () => {
    const error = createServiceError({ status: '6abc', statusMessage: 'Something new.' }, context);
    expect(error.constructor).toBe(VipServiceError);
    expect(error.name).toBe('VipServiceError');
    expect(error.code).toBe('6ABC');
    expect(error.statusMessage).toBe('Something new.');
    expect(error.message).toBe('[6ABC] Something new. (authenticateUser, requestId ab12cd34)');
    expect(error.retryable).toBe(false);
    expect(error.category).toBeUndefined();
    expect(error.documentedMessage).toBeUndefined();
    expect(error.documentedCause).toBeUndefined();
    expect(error.solution).toBeUndefined();
    expect(createServiceError({ status: '6ABC', statusMessage: '' }, {}).message).toBe('[6ABC] VIP returned an undocumented status.');
  });

  it('does not treat Object.prototype keys as status codes', () => {
    for (const code of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(errorClassForStatus(code)).toBeUndefined();
      expect(describeStatus(code)).toBeUndefined();
      expect(createServiceError({ status: code, statusMessage: 'x' }, {}).constructor).toBe(VipServiceError);
    }
  });

  it('builds a plain VipServiceError for success codes when a caller asks for one', () => {
    // Deciding which codes are errors is the caller's job; the factory still returns something coherent.
    const error = createServiceError({ status: '0000', statusMessage: 'Success' }, {});
    expect(error.constructor).toBe(VipServiceError);
    expect(error.documentedMessage).toBe('Success.');
  });

  it('marks only 6005 and 6029 retryable', () => {
    const internal = createServiceError({ status: '6005', statusMessage: 'Internal error.' }, {});
    expect(internal).toBeInstanceOf(VipInternalError);
    expect(internal.retryable).toBe(true);
    expect(createServiceError({ status: '6029', statusMessage: 'x' }, {})).toBeInstanceOf(IaServiceUnavailableError);
    expect(createServiceError({ status: '6029', statusMessage: 'x' }, {}).retryable).toBe(true);
    const retryable = Object.values(VipStatus).filter((code) => describeStatus(code)?.retryable);
    expect(retryable.sort()).toEqual(['6005', '6029']);
    for (const code of retryable) expect(describeStatus(code)?.category).toBe('ServiceUnavailableError');
    expect(createServiceError({ status: '6009', statusMessage: 'x' }, {}).retryable).toBe(false);
    expect(createServiceError({ status: '6029', statusMessage: 'x' }, {})).toBeInstanceOf(ServiceUnavailableError);
  });

  it('carries the transaction ID on push transaction outcomes', () => {
    const error = createServiceError(
      { status: '7002', statusMessage: 'Mobile push request denied by user' },
      { operation: 'waitForPush', transactionId: '2ae68a940ec4236b' },
    );
    expect(error).toBeInstanceOf(PushDeniedError);
    expect(error).toBeInstanceOf(PushTransactionError);
    expect((error as PushDeniedError).transactionId).toBe('2ae68a940ec4236b');
    expect(error.message).toBe('[7002] Mobile push request denied by user (transaction 2ae68a940ec4236b) (waitForPush)');
    expect(error.toJSON()).toMatchObject({ transactionId: '2ae68a940ec4236b' });

    const withoutId = createServiceError({ status: '7004', statusMessage: 'Mobile push request expired' }, {});
    expect((withoutId as PushTransactionError).transactionId).toBeUndefined();
    expect(withoutId.toJSON()).not.toHaveProperty('transactionId');
  });

  it('preserves the cause', () => {
    const cause = new Error('parsed from poll');
    const error = createServiceError({ status: '600F', statusMessage: 'Credential is revoked.' }, { cause });
    expect(error.cause).toBe(cause);
    expect(error.toJSON().cause).toEqual({ name: 'Error', message: 'parsed from poll' });
    expect(createServiceError({ status: '600F', statusMessage: 'x' }, {})).not.toHaveProperty('cause');
  });

  it('can be constructed directly from a per-code class', () => {
    const error = new CredentialRevokedError({ status: '600F', statusMessage: 'Credential is revoked.' }, context);
    expect(error.category).toBe('CredentialError');
    expect(error.documentedCause).toBe(describeStatus('600F')?.cause);
    expect(error).toBeInstanceOf(CredentialError);
  });
});

describe('serialisation', () => {
  it('puts every field in toJSON', () => {
    const error = createServiceError(FAILED_OTP, { ...context, attempts: 2 });
    const guidance = describeStatus('6009');
    expect(error.toJSON()).toEqual({
      name: 'AuthenticationFailedError',
      message: error.message,
      operation: 'authenticateUser',
      requestId: 'ab12cd34',
      attempts: 2,
      code: '6009',
      statusMessage: 'Authentication failed.',
      detail: '49B5',
      detailMessage: 'Failed with an invalid OTP',
      retryable: false,
      category: 'AuthenticationError',
      documentedMessage: guidance?.message,
      documentedCause: guidance?.cause,
      solution: guidance?.solution,
    });
    expect(JSON.parse(JSON.stringify(error))).toEqual(error.toJSON());
  });

  it('never copies other fields of the status object, such as secrets in the same response', () => {
    // Callers may hand over a whole parsed response (register returns an otp, setTemporaryPassword a password).
    const response = { ...FAILED_OTP, otp: '918273', temporaryPassword: '564738', pin: 'pin-4242' };
    const error = createServiceError(response, { ...context, password: 'gateway-secret' } as typeof context);
    const inspected = inspect(error, { depth: 10, showHidden: true });
    const outputs = [error.message, error.stack ?? '', JSON.stringify(error), inspected];
    for (const output of outputs) {
      for (const secret of ['918273', '564738', 'pin-4242', 'gateway-secret']) expect(output).not.toContain(secret);
    }
  });

  it.each([
    ['a plain status', FAILED_OTP, {}],
    ['a push outcome', { status: '7008', statusMessage: 'x', detail: '7121' }, { transactionId: '2ae68a940ec4236b' }],
  ])('shows nothing in util.inspect beyond the documented fields (%s)', (_case, status, extra) => {
    const error = createServiceError(status, { ...context, ...extra });
    const allowed = new Set([
      ...['stack', 'message', 'operation', 'requestId', 'attempts', 'code', 'statusMessage', 'detail', 'detailMessage'],
      ...['retryable', 'category', 'documentedMessage', 'documentedCause', 'solution', 'transactionId'],
    ]);
    expect(Object.getOwnPropertyNames(error).filter((key) => !allowed.has(key))).toEqual([]);
    expect(Object.getOwnPropertySymbols(error)).toEqual([]);
    const shownKeys = [...inspect(error).matchAll(/^ {2}(\w+):/gm)].map((match) => match[1]);
    expect(shownKeys).toContain('code');
    for (const key of shownKeys) expect(allowed.has(key ?? ''), key).toBe(true);
  });
});

describe('VipStatus and describeStatus', () => {
  it('names the documented codes', () => {
    expect(VipStatus.Success).toBe('0000');
    expect(VipStatus.CredentialRevoked).toBe('600F');
    expect(VipStatus.PushSent).toBe('6040');
    expect(VipStatus.PushApproved).toBe('7000');
    expect(VipStatus.PushInProgress).toBe('7001');
    expect(VipStatus.VipInternal).toBe('6005');
    expect(Object.values(VipStatus)).toHaveLength(70);
    expect(new Set(Object.values(VipStatus)).size).toBe(70);
    for (const code of Object.values(VipStatus)) expect(code).toMatch(/^[0-9A-F]{4}$/);
    expect(Object.isFrozen(VipStatus)).toBe(true);
    const codes = Object.values(VipStatus);
    expect(codes).toEqual([...codes].sort((a, b) => Number.parseInt(a, 16) - Number.parseInt(b, 16)));
  });

  it('describes a code with its documented guidance', () => {
    expect(describeStatus('600F')).toEqual({
      code: '600F',
      message: 'Credential is revoked.',
      cause: expect.any(String),
      solution: expect.any(String),
      category: 'CredentialError',
      retryable: false,
    });
    expect(describeStatus('6040')).toMatchObject({ code: '6040', category: undefined, retryable: false });
    expect(describeStatus('7001')?.message).toBe('Mobile push request in progress.');
    expect(describeStatus('FFFF')).toBeUndefined();
    expect(describeStatus('')).toBeUndefined();
  });

  it('normalises codes', () => {
    expect(normalizeStatusCode(' 600f\n')).toBe('600F');
  });
});
