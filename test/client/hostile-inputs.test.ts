/**
 * What the application hands the SDK cannot smuggle anything onto the wire or into the configuration: inherited
 * (polluted) properties are never read, Dates are serialised by Date's own methods, Proxies and throwing getters
 * are refused before anything is sent.
 */
import { createServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { VipClient, VipConfigurationError, VipValidationError } from 'vip-user-services';
import { fakeClient, FakeTransport, succeeding } from './fake-transport.js';
import { requestIdOf, vipResponse } from '../helpers/soap-fixtures.js';
import { tlsFixtures } from '../helpers/tls-fixtures.js';

const polluted: string[] = [];

/** Sets a property on Object.prototype for one test, as a deep-merge bug elsewhere in an application would. */
function pollute(key: string, value: unknown): void {
  Object.defineProperty(Object.prototype, key, { value, configurable: true, enumerable: false, writable: true });
  polluted.push(key);
}

afterEach(() => {
  for (const key of polluted.splice(0)) delete (Object.prototype as Record<string, unknown>)[key];
});

async function validationError(promise: Promise<unknown>): Promise<VipValidationError> {
  const error = await promise.then(
    () => expect.fail('expected a VipValidationError'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(VipValidationError);
  return error as VipValidationError;
}

describe('prototype pollution', () => {
  it('never sends an inherited property as a request field', async () => {
    pollute('newUserStatus', 'DISABLED');
    pollute('pin', '123456');
    const { vip, transport } = fakeClient();
    await vip.updateUser({ userId: 'alice' });
    await vip.getUserInfo({ userId: 'alice' });
    expect(transport.bodies[0]).not.toContain('newUserStatus');
    expect(transport.bodies[0]).not.toContain('pin');
    expect(transport.bodies[1]).toContain('<vip:userId>alice</vip:userId>');
  });

  it('never reads an inherited array item into a sparse array', async () => {
    Object.defineProperty(Array.prototype, '0', { value: '2ae68a940ec4236b', configurable: true, writable: true });
    try {
      const { vip, transport } = fakeClient();
      // biome-ignore lint/suspicious/noSparseArray: the hole is the point of the test
      const error = await validationError(vip.pollPushStatus({ transactionId: [, 'bbbbbbbbbbbbbbbb'] as string[] }));
      expect(error).toMatchObject({ field: 'transactionId[0]', rule: 'required', operation: 'pollPushStatus' });
      expect(transport.requests).toHaveLength(0);
    } finally {
      delete (Array.prototype as unknown as Record<string, unknown>)['0'];
    }
  });

  it('never reads an inherited field from a response', async () => {
    pollute('status', '0000');
    pollute('userStatus', 'ACTIVE');
    const { vip } = fakeClient((request) =>
      vipResponse('GetUserInfoResponse', requestIdOf(request.body), '<userId>alice</userId>').replace(/<status>0000<\/status>/, ''),
    );
    await expect(vip.getUserInfo({ userId: 'alice' })).rejects.toMatchObject({ name: 'VipProtocolError', message: /has no status/ });
    const { vip: ok } = fakeClient((request) => vipResponse('GetUserInfoResponse', requestIdOf(request.body), '<userId>alice</userId>'));
    expect(Object.hasOwn(await ok.getUserInfo({ userId: 'alice' }), 'userStatus')).toBe(false);
  });

  it('never takes an option or a hook from Object.prototype', async () => {
    const seen: unknown[] = [];
    pollute('onRequest', (event: unknown) => seen.push(event));
    pollute('endpoint', 'https://attacker.example');
    pollute('onBehalfOfAccountId', 'EVIL01');
    const transport = new FakeTransport(succeeding());
    const vip = new VipClient({ transport, retry: false, hooks: {} });
    await vip.getServerTime();
    expect(seen).toEqual([]);
    expect(transport.requests[0]?.url).toBe('https://userservices-auth.vip.symantec.com/vipuserservices/QueryService_1_8');
    expect(transport.bodies[0]).not.toContain('EVIL01');
  });

  it('never trusts a CA put on Object.prototype', async () => {
    const fixtures = tlsFixtures();
    // A server whose certificate only the polluted CA vouches for.
    const server = createServer({ cert: fixtures.untrustedServer.cert, key: fixtures.untrustedServer.key }, (_request, response) =>
      response.end(),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    pollute('ca', fixtures.otherCa.cert);
    const vip = new VipClient({
      tls: { cert: fixtures.client.cert, key: fixtures.client.key },
      endpoint: `https://127.0.0.1:${(server.address() as AddressInfo).port}`,
      retry: false,
    });
    try {
      await expect(vip.getServerTime()).rejects.toMatchObject({ name: 'VipConnectionError', code: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE' });
    } finally {
      await vip.close();
      server.close();
    }
  });

  it('still calls hooks and loggers written as classes', async () => {
    class Hooks {
      calls = 0;
      onRequest(): void {
        this.calls++;
      }
    }
    const hooks = new Hooks();
    const { vip } = fakeClient(succeeding(), { hooks: { onRequest: () => hooks.onRequest() } });
    await vip.getServerTime();
    expect(hooks.calls).toBe(1);
    class Logger {
      lines: string[] = [];
      debug(message: string): void {
        this.lines.push(message);
      }
    }
    const logger = new Logger();
    const { vip: logged } = fakeClient(succeeding(), { logger });
    await logged.getServerTime();
    expect(logger.lines).toHaveLength(2);
  });
});

describe('values that are not what they seem', () => {
  const setAttributes = (vip: VipClient, expirationTime: unknown) =>
    vip.setTemporaryPasswordAttributes({ userId: 'alice', temporaryPasswordAttributes: { expirationTime: expirationTime as Date } });

  it("serialises a Date with Date's own method, not the object's", async () => {
    const { vip, transport } = fakeClient();
    const date = new Date('2030-01-02T03:04:05.678Z');
    Object.defineProperty(date, 'toISOString', { value: () => '</vip:expirationTime><vip:injected>1</vip:injected><vip:expirationTime>' });
    await setAttributes(vip, date);
    expect(transport.bodies[0]).toContain('<vip:expirationTime>2030-01-02T03:04:05.678Z</vip:expirationTime>');
    expect(transport.bodies[0]).not.toContain('injected');
  });

  it.each([
    ['an Invalid Date', new Date(Number.NaN), 'type', /must be a valid Date, not an Invalid Date/],
    ['an object pretending to be a Date', Object.create(Date.prototype), 'type', /must be a Date/],
    ['a date string', '2030-01-01T00:00:00Z', 'type', /must be a Date/],
    ['a year beyond 9999', new Date('+010000-01-01T00:00:00Z'), 'range', /must fall in the years 0001 to 9999/],
  ])('refuses %s', async (_name, value, rule, message) => {
    const { vip, transport } = fakeClient();
    const error = await validationError(setAttributes(vip, value));
    expect(error).toMatchObject({ field: 'temporaryPasswordAttributes.expirationTime', rule, operation: 'setTemporaryPasswordAttributes' });
    expect(error.message).toMatch(message);
    expect(transport.requests).toHaveLength(0);
  });

  it('refuses a Proxy as the input or as a nested object', async () => {
    const { vip, transport } = fakeClient();
    const input = new Proxy({ userId: 'alice' }, {});
    await expect(validationError(vip.getUserInfo(input))).resolves.toMatchObject({ field: 'input', rule: 'type' });
    const nested = { userId: 'alice', otpAuthData: new Proxy({ otp: '123456' }, {}) };
    await expect(validationError(vip.authenticateUser(nested))).resolves.toMatchObject({ field: 'otpAuthData', rule: 'type' });
    expect(transport.requests).toHaveLength(0);
  });

  it('turns a throwing getter into a VipValidationError that does not carry what it threw', async () => {
    const { vip, transport } = fakeClient();
    const input = {
      userId: 'alice',
      get otpAuthData(): { otp: string } {
        throw new Error('the OTP 918273 could not be read');
      },
    };
    const error = await validationError(vip.authenticateUser(input));
    expect(error).toMatchObject({ field: 'input', rule: 'unreadable', operation: 'authenticateUser' });
    expect(error.cause).toBeUndefined();
    expect(JSON.stringify(error)).not.toContain('918273');
    expect(transport.requests).toHaveLength(0);
  });
});

describe('option values checked where they are set', () => {
  it.each([
    ['timeoutMs of 2^31', { timeoutMs: 2 ** 31 }, /timeoutMs must be a number of milliseconds from 1 to 2147483647, got 2147483648/],
    ['timeoutMs of 0.5', { timeoutMs: 0.5 }, /timeoutMs must be a number of milliseconds from 1 to 2147483647/],
    ['apiVersion as a number', { apiVersion: 1.8 }, /apiVersion must be one of '1.7', '1.8', '1.10', got the number 1.8/],
    ['a hook that is not a function', { hooks: { onRequest: 'log' } }, /hooks.onRequest must be a function/],
    ['logPersonalData that is not a boolean', { logPersonalData: 'yes' }, /logPersonalData must be true or false/],
  ])('refuses %s at construction', (_name, options, message) => {
    expect(() => new VipClient({ transport: new FakeTransport(), ...(options as object) })).toThrow(
      expect.objectContaining({ name: 'VipConfigurationError', message: expect.stringMatching(message) }),
    );
  });

  it.each([
    ['timeoutMs of 2^31', { timeoutMs: 2 ** 31 }, /timeoutMs must be a number of milliseconds from 1 to 2147483647/],
    ['a signal that is not an AbortSignal', { signal: {} }, /signal must be an AbortSignal/],
  ])('refuses %s in a call, before sending', async (_name, options, message) => {
    const { vip, transport } = fakeClient();
    const error = await vip.getServerTime({}, options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(VipConfigurationError);
    expect((error as Error).message).toMatch(message);
    expect(transport.requests).toHaveLength(0);
  });
});
