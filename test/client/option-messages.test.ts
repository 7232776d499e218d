/**
 * The whole message of each option refusal, for the options whose name or rule a message could get wrong without
 * another test noticing: the objects that must be objects, the logger's methods, values of the wrong type that a
 * pattern would otherwise accept once turned into text, and what `retry: false` resolves to.
 */
import { describe, expect, it } from 'vitest';
import { VipClient, type VipClientOptions, VipConfigurationError } from 'vip-user-services';
import { FakeTransport, fakeClient, succeeding } from './fake-transport.js';

function refusal(options: unknown): string {
  try {
    new VipClient(options as VipClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(VipConfigurationError);
    return (error as Error).message;
  }
  return expect.fail('expected a VipConfigurationError');
}

describe('client options', () => {
  const transport = () => new FakeTransport(succeeding());

  it.each([
    ['options that are not an object', 'x', 'the client options must be an object'],
    ['tls that is not an object', { tls: 'x' }, 'tls must be an object'],
    ['a logger that is not an object', { transport: transport(), logger: 'x' }, 'logger must be an object'],
    ['a logger whose debug is not a function', { transport: transport(), logger: { debug: 'x' } }, 'logger.debug must be a function'],
    ['a logger whose warn is not a function', { transport: transport(), logger: { warn: 1 } }, 'logger.warn must be a function'],
    ['a user agent given as a number', { transport: transport(), userAgent: 123 }, 'userAgent must be 1 to 200 printable ASCII characters'],
    [
      'an account ID given as a number',
      { transport: transport(), onBehalfOfAccountId: 12345 },
      'onBehalfOfAccountId must be 3 to 50 letters and digits',
    ],
    [
      'a certificate warning of no days',
      { transport: transport(), certificateWarningDays: -1 },
      'certificateWarningDays must be a whole number of at least 1, got -1',
    ],
    [
      'a service path without a trailing slash',
      { transport: transport(), endpoint: 'https://vip.example/vipuserservices' },
      "endpoint must be the base URL (e.g. https://vip.example); the service paths are appended to it. To set one service's " +
        "full URL, use endpoints: { Query: '...' }",
    ],
    [
      'tls with a transport',
      { tls: { cert: 'x', key: 'y' }, transport: transport() },
      "tls cannot be combined with transport: they configure the SDK's own connection, which transport replaces",
    ],
  ])('refuses %s', (_what, options, message) => {
    expect(refusal(options)).toBe(message);
  });

  it('resolves retry: false to one attempt', () => {
    expect(new VipClient({ transport: transport(), retry: false }).config.retry.maxAttempts).toBe(1);
  });
});

describe('call options', () => {
  it.each([
    ['null', null, 'the call options must be an object'],
    ['a string', 'x', 'the call options must be an object'],
    [
      'an unknown name',
      { timeot: 1 },
      'timeot is not an option; the known options are requestId, onBehalfOfAccountId, timeoutMs, signal, retry',
    ],
  ])('refuses %s before sending', async (_what, options, message) => {
    const { vip, transport } = fakeClient();
    await expect(vip.getServerTime({}, options as never)).rejects.toThrow(new VipConfigurationError(message));
    expect(transport.requests).toHaveLength(0);
  });
});
