import { describe, expect, it, vi } from 'vitest';

// Two module instances stand in for two copies of the package (ESM + CJS builds, or two versions in node_modules).
type Copy = typeof import('../../src/errors/index.js') & typeof import('../../src/errors/service-error-factory.js');

async function loadCopy(): Promise<Copy> {
  vi.resetModules();
  return { ...(await import('../../src/errors/index.js')), ...(await import('../../src/errors/service-error-factory.js')) };
}

describe('instanceof across two copies of the package', () => {
  it('loads genuinely separate classes', async () => {
    const first = await loadCopy();
    const second = await loadCopy();
    expect(first.CredentialRevokedError).not.toBe(second.CredentialRevokedError);
    expect(first.VipServiceError).not.toBe(second.VipServiceError);
  });

  it('recognises an error from one copy as an instance of the other copy’s class, category and roots', async () => {
    const first = await loadCopy();
    const second = await loadCopy();
    const error = first.createServiceError({ status: '600F', statusMessage: 'Credential is revoked.' }, { operation: 'authenticateUser' });
    expect(Object.getPrototypeOf(error)).not.toBe(second.CredentialRevokedError.prototype);
    expect(error).toBeInstanceOf(second.CredentialRevokedError);
    expect(error).toBeInstanceOf(second.CredentialError);
    expect(error).toBeInstanceOf(second.VipServiceError);
    expect(error).toBeInstanceOf(second.VipCallError);
    expect(error).toBeInstanceOf(second.VipError);
  });

  it('recognises the push transaction family across copies', async () => {
    const first = await loadCopy();
    const second = await loadCopy();
    const error = first.createServiceError({ status: '7004', statusMessage: 'Mobile push request expired' }, { transactionId: 'abcd1234' });
    expect(error).toBeInstanceOf(second.PushExpiredError);
    expect(error).toBeInstanceOf(second.PushTransactionError);
    expect(error).toBeInstanceOf(second.PushError);
  });

  it('does not match classes or categories the error does not belong to', async () => {
    const first = await loadCopy();
    const second = await loadCopy();
    const error = first.createServiceError({ status: '600F', statusMessage: 'Credential is revoked.' }, {});
    expect(error).not.toBeInstanceOf(second.UserNotFoundError);
    expect(error).not.toBeInstanceOf(second.CredentialExpiredError);
    expect(error).not.toBeInstanceOf(second.UserError);
    expect(error).not.toBeInstanceOf(second.PushError);
    expect(error).not.toBeInstanceOf(second.PushTransactionError);
    expect(error).not.toBeInstanceOf(second.VipConnectionError);
    const undocumented = first.createServiceError({ status: '6ABC', statusMessage: 'New.' }, {});
    expect(undocumented).toBeInstanceOf(second.VipServiceError);
    expect(undocumented).not.toBeInstanceOf(second.CredentialError);
    const timeout = new first.VipTimeoutError('late');
    expect(timeout).not.toBeInstanceOf(second.VipServiceError);
    expect(timeout).toBeInstanceOf(second.VipError);
  });

  it('ignores look-alike objects that lack the package brand', async () => {
    const second = await loadCopy();
    const lookAlike = Object.create(Object.create(Error.prototype, { name: { value: 'CredentialRevokedError' } }));
    expect(lookAlike).not.toBeInstanceOf(second.CredentialRevokedError);
    expect(lookAlike).not.toBeInstanceOf(second.VipError);
  });
});
