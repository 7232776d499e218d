import { describe, expect, it } from 'vitest';
import {
  type OperationName,
  type SoapHttpRequest,
  type Transport,
  VipClient,
  VipConnectionError,
  VipHttpError,
  VipInternalError,
  type VipRetryEvent,
  VipTimeoutError,
} from 'vip-user-services';

const NS = 'https://schemas.symantec.com/vip/2011/04/vipuserservices';

type Failure = 'http503' | 'status6005' | 'timeout' | 'reset' | 'refused';

/** What VIP always sends with a success, beyond the status, for the operations whose answers carry data. */
const SUCCESS_FIELDS: Record<string, string> = {
  AuthenticateUserWithPush:
    '<transactionId>2ae68a940ec4236b</transactionId><pushDetail><pushCredentialId>VSMT12345678</pushCredentialId><pushSent>true</pushSent></pushDetail>',
  PollPushStatus:
    '<transactionStatus><transactionId>2ae68a940ec4236b</transactionId><status>7001</status><statusMessage>in progress</statusMessage></transactionStatus>',
};

/** A fake transport that fails the first `failures` attempts the given way, then answers with success. */
function flaky(failure: Failure, failures: number) {
  const attempts: SoapHttpRequest[] = [];
  const transport: Transport = {
    async send(request) {
      attempts.push(request);
      const element = /<vip:(\w+)Request>/.exec(request.body)?.[1] as string;
      const requestId = /<vip:requestId>([^<]+)</.exec(request.body)?.[1];
      const respond = (status: string, fields = '') => ({
        status: 200,
        headers: { 'content-type': 'text/xml' },
        body: `<S:Envelope xmlns:S="http://schemas.xmlsoap.org/soap/envelope/"><S:Body><${element}Response xmlns="${NS}"><requestId>${requestId}</requestId><status>${status}</status><statusMessage>m</statusMessage>${fields}</${element}Response></S:Body></S:Envelope>`,
      });
      if (attempts.length > failures) return respond(element === 'AuthenticateUserWithPush' ? '6040' : '0000', SUCCESS_FIELDS[element]);
      switch (failure) {
        case 'http503':
          return { status: 503, headers: { 'content-type': 'text/html' }, body: '<html><body>Service Unavailable</body></html>' };
        case 'status6005':
          return respond('6005');
        case 'timeout':
          throw new VipTimeoutError('deadline', { timeoutMs: 100 });
        case 'reset':
          throw new VipConnectionError('reset', { code: 'ECONNRESET' });
        case 'refused':
          throw new VipConnectionError('refused', { code: 'ECONNREFUSED', requestNotSent: true });
      }
    },
    async close() {},
  };
  const retries: VipRetryEvent[] = [];
  const vip = new VipClient({
    transport,
    retry: { maxAttempts: 3, baseDelayMs: 1, maxDelayMs: 2 },
    hooks: { onRetry: (e) => retries.push(e) },
  });
  return { vip, attempts, retries };
}

const READS: Array<[OperationName, object]> = [
  ['getServerTime', {}],
  ['getUserInfo', { userId: 'alice' }],
  ['getCredentialInfo', { credentialId: 'VSMT12345678', credentialType: 'STANDARD_OTP' }],
  ['getTemporaryPasswordAttributes', { userId: 'alice' }],
  ['pollPushStatus', { transactionId: ['2ae68a940ec4236b'] }],
];

const STATE_CHANGING: Array<[OperationName, object]> = [
  ['authenticateUser', { userId: 'alice', otpAuthData: { otp: '123456' } }],
  ['checkOtp', { userId: 'alice', otpAuthData: { otp: '123456' } }],
  ['authenticateUserWithPush', { userId: 'alice', pushAuthData: {} }],
  ['sendOtp', { userId: 'alice', smsDeliveryInfo: { phoneNumber: '15555550100' } }],
  ['setTemporaryPassword', { userId: 'alice' }],
  ['createUser', { userId: 'alice' }],
  ['deleteUser', { userId: 'alice' }],
];

const call = (vip: VipClient, name: OperationName, input: object) =>
  (vip[name] as (input: object) => Promise<{ status: string }>).call(vip, input);

describe('retries', () => {
  describe.each(READS)('%s (safe to repeat)', (name, input) => {
    it.each(['http503', 'status6005', 'timeout', 'reset', 'refused'] as const)('is retried after %s and succeeds', async (failure) => {
      const { vip, attempts, retries } = flaky(failure, 2);
      await expect(call(vip, name, input)).resolves.toMatchObject({ status: '0000' });
      expect(attempts).toHaveLength(3);
      expect(retries.map((r) => r.attempt)).toEqual([1, 2]);
      // Every attempt sends the same request, with the same requestId.
      expect(new Set(attempts.map((a) => a.body)).size).toBe(1);
    });

    it('gives up after maxAttempts and reports the attempts', async () => {
      const { vip, attempts } = flaky('http503', 10);
      const error = await call(vip, name, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(VipHttpError);
      expect(error).toMatchObject({ httpStatus: 503, attempts: 3 });
      expect(String((error as Error).message)).toContain('3 attempts');
      expect(attempts).toHaveLength(3);
    });
  });

  describe.each(STATE_CHANGING)('%s (consumes a code, sends a message or changes state)', (name, input) => {
    it.each([
      ['http503', VipHttpError],
      ['status6005', VipInternalError],
      ['timeout', VipTimeoutError],
      ['reset', VipConnectionError],
    ] as const)('is not retried after %s', async (failure, errorClass) => {
      const { vip, attempts } = flaky(failure, 1);
      const error = await call(vip, name, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(errorClass);
      expect(error).toMatchObject({ attempts: 1 });
      expect(attempts).toHaveLength(1);
    });

    it('is retried when the connection was refused, as nothing was sent', async () => {
      const { vip, attempts } = flaky('refused', 1);
      await expect(call(vip, name, input)).resolves.toBeDefined();
      expect(attempts).toHaveLength(2);
    });
  });

  it('does not retry at all with retry: false', async () => {
    const attempts: SoapHttpRequest[] = [];
    const vip = new VipClient({
      retry: false,
      transport: {
        async send(request) {
          attempts.push(request);
          throw new VipConnectionError('refused', { requestNotSent: true });
        },
        async close() {},
      },
    });
    await expect(vip.getServerTime({})).rejects.toMatchObject({ attempts: 1 });
    expect(attempts).toHaveLength(1);
  });

  it('stops waiting between retries when the call is aborted', async () => {
    let attempts = 0;
    const transport: Transport = {
      async send() {
        attempts++;
        return { status: 503, headers: { 'content-type': 'text/html' }, body: '<html>busy</html>' };
      },
      async close() {},
    };
    const vip = new VipClient({ transport, retry: { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 60_000 } });
    const controller = new AbortController();
    const pending = vip.getServerTime({}, { signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    const started = performance.now();
    await expect(pending).rejects.toMatchObject({ name: 'VipAbortError' });
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(attempts).toBe(1);
  });
});

describe('per-call retry override', () => {
  it('turns retries off for one call with { retry: false }', async () => {
    const { vip, attempts } = flaky('http503', 10);
    await expect(vip.getServerTime({}, { retry: false })).rejects.toMatchObject({ httpStatus: 503, attempts: 1 });
    expect(attempts).toHaveLength(1);
  });

  it('changes maxAttempts for one call and keeps the client setting for the others', async () => {
    const { vip, attempts } = flaky('http503', 10);
    await expect(vip.getServerTime({}, { retry: { maxAttempts: 5 } })).rejects.toMatchObject({ attempts: 5 });
    expect(attempts).toHaveLength(5);
    await expect(vip.getServerTime({})).rejects.toMatchObject({ attempts: 3 });
    expect(attempts).toHaveLength(8);
  });

  it('never repeats a state change, whatever the call asks for', async () => {
    const { vip, attempts } = flaky('http503', 10);
    await expect(vip.createUser({ userId: 'alice' }, { retry: { maxAttempts: 5 } })).rejects.toMatchObject({ attempts: 1 });
    expect(attempts).toHaveLength(1);
  });

  it('checks the override like the client option', async () => {
    const { vip, attempts } = flaky('http503', 10);
    await expect(vip.getServerTime({}, { retry: { maxAttempts: 0 } })).rejects.toMatchObject({
      name: 'VipConfigurationError',
      message: expect.stringContaining('retry.maxAttempts must be an integer of at least 1'),
    });
    expect(attempts).toHaveLength(0);
  });
});
