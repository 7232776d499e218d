/**
 * Options are resolved once, at construction, by one validator: unknown names are refused with the option that was
 * probably meant, values are type- and range-checked, combinations that would silently drop a setting are errors,
 * and the resolved configuration is readable without secrets.
 */
import { describe, expect, it } from 'vitest';
import { VipClient, type VipClientOptions, VipConfigurationError } from 'vip-user-services';
import { tlsFixtures } from '../helpers/tls-fixtures.js';
import { FakeTransport, fakeClient, succeeding } from './fake-transport.js';

const fixtures = tlsFixtures();
const tls = { cert: fixtures.client.cert, key: fixtures.client.key };

function configurationError(options: object): VipConfigurationError {
  try {
    new VipClient(options as VipClientOptions);
  } catch (error) {
    expect(error).toBeInstanceOf(VipConfigurationError);
    return error as VipConfigurationError;
  }
  return expect.fail('expected a VipConfigurationError');
}

describe('unknown option names', () => {
  it.each([
    [{ timeout: 5000 }, 'timeout is not an option; did you mean timeoutMs?'],
    [{ retries: 2 }, 'retries is not an option; did you mean retry?'],
    [{ endpointUrl: 'https://vip.example' }, 'endpointUrl is not an option; did you mean endpoint?'],
    [{ timeotMs: 5000 }, 'timeotMs is not an option; did you mean timeoutMs?'],
    [{ pfx: Buffer.alloc(1) }, 'pfx is not an option; did you mean tls?'],
    [{ tls: { ...tls, password: 'x' } }, 'tls.password is not an option; did you mean passphrase?'],
    [{ proxy: { url: 'http://proxy.example:3128', cert: 'x' } }, 'proxy.cert is not an option; did you mean ca?'],
    [{ retry: { attempts: 2 } }, 'retry.attempts is not an option; did you mean maxAttempts?'],
    [{ hooks: { onResponce: () => undefined } }, 'hooks.onResponce is not an option; did you mean onResponse?'],
    [{ endpoints: { query: 'https://vip.example/q' } }, 'endpoints.query is not an option; did you mean Query?'],
    [{ retyr: 1 }, 'retyr is not an option; did you mean retry?'],
    [{ endpointz: 1 }, 'endpointz is not an option; did you mean endpoint?'],
  ])('refuses an unknown name, naming the nearest known option: %#', (options, message) => {
    const transport = 'tls' in options || 'proxy' in options ? {} : { transport: new FakeTransport() };
    expect(configurationError({ ...transport, ...options }).message).toBe(message);
  });

  it('lists the known options when nothing is close', () => {
    expect(configurationError({ zzzzzzzz: 1 }).message).toMatch(/^zzzzzzzz is not an option; the known options are endpoint, endpoints, /);
  });

  it('suggests nothing when the only near name is three edits away', () => {
    expect(configurationError({ retryXYZ: 1 }).message).toMatch(/^retryXYZ is not an option; the known options are endpoint, /);
  });

  it('quotes a name that is not a plain identifier, cut to 64 characters', () => {
    expect(configurationError({ 'x y': 1 }).message).toMatch(/^"x y" is not an option; /);
    expect(configurationError({ ['a b'.repeat(30)]: 1 }).message).toMatch(
      new RegExp(`^"${'a b'.repeat(30).slice(0, 64)}" is not an option; `),
    );
  });

  it('refuses unknown call options before sending', async () => {
    const { vip, transport } = fakeClient();
    await expect(vip.getServerTime({}, { timeout: 5 } as never)).rejects.toThrow('timeout is not an option; did you mean timeoutMs?');
    expect(transport.requests).toHaveLength(0);
  });

  it('accepts undefined for any option, as exactOptionalPropertyTypes code passes it', () => {
    const vip = new VipClient({
      transport: new FakeTransport(succeeding()),
      endpoint: undefined,
      timeoutMs: undefined,
      retry: undefined,
      hooks: undefined,
      userAgent: undefined,
    });
    expect(vip.config.timeoutMs).toBe(30_000);
  });
});

describe('values', () => {
  it.each([
    [{ apiVersion: '1.9' }, "apiVersion must be one of '1.7', '1.8', '1.10', got \"1.9\""],
    [{ apiVersion: 1.8 }, "apiVersion must be one of '1.7', '1.8', '1.10', got the number 1.8"],
    [{ timeoutMs: 3e9 }, 'timeoutMs must be a number of milliseconds from 1 to 2147483647, got 3000000000'],
    [{ connections: 0 }, 'connections must be a whole number of at least 1, got 0'],
    [{ connections: 2.5 }, 'connections must be a whole number of at least 1, got 2.5'],
    [{ keepAliveTimeoutMs: -1 }, 'keepAliveTimeoutMs must be a number of milliseconds from 1 to 2147483647, got -1'],
    [{ maxResponseBytes: Number.NaN }, 'maxResponseBytes must be a whole number of at least 1, got NaN'],
    [{ userAgent: 'app/1\r\nx-injected: 1' }, 'userAgent must be 1 to 200 printable ASCII characters'],
    [{ allowInsecureHttp: 'yes' }, 'allowInsecureHttp must be true or false'],
    [{ retry: { maxAttempts: 0 } }, 'retry.maxAttempts must be an integer of at least 1, got 0'],
    [{ onBehalfOfAccountId: 'a b' }, 'onBehalfOfAccountId must be 3 to 50 letters and digits'],
    [{ retry: null }, 'retry must be an object'],
    [{ endpoint: 42 }, 'endpoint must be a URL string or a URL'],
  ])('refuses %j', (options, message) => {
    expect(configurationError(options).message).toBe(message);
  });
});

describe('how requests travel', () => {
  const dispatcher = { dispatch: () => true } as never;
  it.each([
    [
      'tls with dispatcher',
      { tls, dispatcher },
      /^tls cannot be combined with dispatcher: .* \(give the client certificate to your dispatcher instead\)$/,
    ],
    ['tls with fetch', { tls, fetch: globalThis.fetch }, /^tls cannot be combined with fetch/],
    ['tls with transport', { tls, transport: new FakeTransport() }, /^tls cannot be combined with transport/],
    ['proxy with fetch', { proxy: 'http://proxy.example:3128', fetch: globalThis.fetch }, /^proxy cannot be combined with fetch/],
    ['connections with dispatcher', { connections: 8, dispatcher }, /^connections cannot be combined with dispatcher/],
    ['fetch with transport', { fetch: globalThis.fetch, transport: new FakeTransport() }, /^give only one of transport, fetch$/],
    ['a transport whose send is no function', { transport: { send: 'no' } }, /^transport must be an object with a send\(\) method$/],
    [
      'a transport whose close is no function',
      { transport: { send: () => undefined, close: 1 } },
      /^transport.close must be a function when given$/,
    ],
    ['a fetch that is no function', { fetch: 'fetch' }, /^fetch must be a function$/],
  ])('refuses %s', (_what, options, message) => {
    expect(configurationError(options).message).toMatch(message);
  });
});

describe('endpoints', () => {
  const transport = () => new FakeTransport(succeeding());

  it('accepts plain http for this machine only', () => {
    expect(new VipClient({ transport: transport(), endpoint: 'http://127.0.0.1:8080' }).config.urls.Query).toBe(
      'http://127.0.0.1:8080/vipuserservices/QueryService_1_8',
    );
    expect(new VipClient({ transport: transport(), endpoint: 'http://localhost:8080' }).config.endpoint).toBe('http://localhost:8080/');
    expect(new VipClient({ transport: transport(), endpoint: 'http://[::1]:8080' }).config.endpoint).toBe('http://[::1]:8080/');
    expect(new VipClient({ transport: transport(), endpoint: 'http://app.localhost:8080' }).config.endpoint).toBe(
      'http://app.localhost:8080/',
    );
    expect(new VipClient({ transport: transport(), endpoint: 'http://127.10.20.30' }).config.endpoint).toBe('http://127.10.20.30/');
  });

  it('refuses plain http to another host unless allowInsecureHttp is set', () => {
    expect(configurationError({ transport: transport(), endpoint: 'http://vip.example' }).message).toBe(
      'endpoint is plain http: to vip.example, which would send one-time codes unencrypted; use https:, or set ' +
        'allowInsecureHttp: true for a test server that is not on this machine',
    );
    expect(configurationError({ transport: transport(), endpoints: { Query: 'http://vip.example/q' } }).message).toMatch(
      /^endpoints.Query is plain http:/,
    );
    expect(
      new VipClient({ transport: transport(), endpoint: 'http://vip.example', allowInsecureHttp: true }).config.allowInsecureHttp,
    ).toBe(true);
  });

  it('never accepts plain http together with a client certificate, even on loopback', () => {
    expect(configurationError({ tls, endpoint: 'http://127.0.0.1:8080' }).message).toBe(
      'endpoint is plain http: but a client certificate (tls) is configured; VIP is reached over https: only',
    );
  });

  it('refuses an endpoint that already holds a service path, with the way to do it right', () => {
    const error = configurationError({ transport: transport(), endpoint: 'https://vip.example/vipuserservices/QueryService_1_8' });
    expect(error.message).toBe(
      "endpoint must be the base URL (e.g. https://vip.example); the service paths are appended to it. To set one service's " +
        "full URL, use endpoints: { Query: '...' }",
    );
  });

  it.each([
    ['ftp://vip.example', 'endpoint must be an https: URL, not ftp:'],
    ['not a url', 'endpoint is not a valid absolute URL'],
    ['https://user:secret@vip.example', 'endpoint must not hold credentials'],
    ['https://vip.example/?x=1', 'endpoint must not have a query or a fragment'],
    ['https://user@vip.example', 'endpoint must not hold credentials'],
    ['https://:secret@vip.example', 'endpoint must not hold credentials'],
    ['https://vip.example/#part', 'endpoint must not have a query or a fragment'],
    [
      'http://127.0.0.1.example.com',
      'endpoint is plain http: to 127.0.0.1.example.com, which would send one-time codes unencrypted; use https:, or set ' +
        'allowInsecureHttp: true for a test server that is not on this machine',
    ],
  ])('refuses %s', (endpoint, message) => {
    expect(configurationError({ transport: transport(), endpoint }).message).toBe(message);
  });
});

describe('the resolved configuration', () => {
  it('is readable, complete and frozen, with nothing secret in it', async () => {
    const vip = new VipClient({
      tls: { pfx: fixtures.client.p12, passphrase: fixtures.passphrase },
      proxy: 'http://proxyuser:proxysecret@proxy.example:3128',
      connections: 16,
      userAgent: 'acme-login/2.1',
      retry: { maxAttempts: 2 },
      hooks: { onRetry: () => undefined },
    });
    try {
      const { config } = vip;
      expect(config).toMatchObject({
        endpoint: 'https://userservices-auth.vip.symantec.com/',
        apiVersion: '1.8',
        timeoutMs: 30_000,
        maxResponseBytes: 4 * 1024 * 1024,
        retry: { maxAttempts: 2, baseDelayMs: 200, maxDelayMs: 2000 },
        transport: 'undici',
        pool: { connections: 16, keepAliveTimeoutMs: 4000 },
        proxy: 'http://proxy.example:3128/',
        certificate: { subject: fixtures.client.subject },
        observers: ['onRetry'],
      });
      expect(config.userAgent).toMatch(/^vip-user-services\/\S+ node\/v\d+\S* acme-login\/2\.1$/);
      expect(Object.isFrozen(config)).toBe(true);
      const text = JSON.stringify(config);
      expect(text).not.toContain('proxysecret');
      expect(text).not.toContain(fixtures.passphrase);
      expect(text).not.toContain('PRIVATE KEY');
    } finally {
      await vip.close();
    }
  });

  it('defaults the pool to 64 sockets', async () => {
    const vip = new VipClient({ tls });
    expect(vip.config.pool).toEqual({ connections: 64, keepAliveTimeoutMs: 4000 });
    await vip.close();
  });

  it('sends the user agent with the application part appended, whatever the transport', async () => {
    const transport = new FakeTransport(succeeding());
    const vip = new VipClient({ transport, userAgent: 'acme-login/2.1' });
    await vip.getServerTime();
    expect(transport.requests[0]?.headers['user-agent']).toBe(vip.config.userAgent);
    expect(transport.requests[0]?.headers).toMatchObject({ soapaction: '""', 'content-type': 'text/xml; charset=utf-8' });
  });
});

describe('resources', () => {
  it('closes the transport once with await using, and close() may be called again', async () => {
    let closes = 0;
    const transport = Object.assign(new FakeTransport(succeeding()), { close: async () => void closes++ });
    {
      await using vip = new VipClient({ transport });
      await vip.getServerTime();
    }
    expect(closes).toBe(1);
  });

  it('accepts a transport without close()', async () => {
    const fake = new FakeTransport(succeeding());
    const vip = new VipClient({ transport: { send: (request) => fake.send(request) } });
    await vip.getServerTime();
    await expect(vip.close()).resolves.toBeUndefined();
  });
});

describe('edges of the value checks', () => {
  it('accepts the smallest counts and durations', async () => {
    const vip = new VipClient({ tls, connections: 1, keepAliveTimeoutMs: 1, timeoutMs: 1, maxResponseBytes: 1, certificateWarningDays: 1 });
    expect(vip.config).toMatchObject({ pool: { connections: 1, keepAliveTimeoutMs: 1 }, timeoutMs: 1, maxResponseBytes: 1 });
    await vip.close();
  });

  it.each([
    [{ connections: '8' }, 'connections must be a whole number of at least 1, got 8'],
    [{ connections: 2 ** 53 }, `connections must be a whole number of at least 1, got ${2 ** 53}`],
    [{ timeoutMs: '100' }, 'timeoutMs must be a number of milliseconds from 1 to 2147483647, got 100'],
    [{ timeoutMs: Number.POSITIVE_INFINITY }, 'timeoutMs must be a number of milliseconds from 1 to 2147483647, got Infinity'],
    [{ proxy: 42 }, 'proxy must be an object'],
    [{ hooks: 'on' }, 'hooks must be an object'],
    [{ endpoints: [] }, 'endpoints must be an object'],
    [{ dispatcher: { dispatch: 'no' } }, 'dispatcher must be an undici Dispatcher'],
    [{ dispatcher: null }, 'dispatcher must be an undici Dispatcher'],
    [{ transport: null }, 'transport must be an object with a send() method'],
    [{ apiVersion: '1.8 ' }, "apiVersion must be one of '1.7', '1.8', '1.10', got \"1.8 \""],
  ])('refuses %j', (options, message) => {
    expect(configurationError(options).message).toBe(message);
  });

  it('explains a certificate given with fetch without the dispatcher hint', () => {
    expect(configurationError({ tls, fetch: globalThis.fetch }).message).toBe(
      "tls cannot be combined with fetch: they configure the SDK's own connection, which fetch replaces",
    );
  });

  it('accepts a proxy URL object and a proxy { url } object', async () => {
    for (const proxy of [new URL('http://proxy.example:3128'), { url: 'http://proxy.example:3128' }]) {
      const vip = new VipClient({ tls, proxy });
      expect(vip.config.proxy).toBe('http://proxy.example:3128/');
      await vip.close();
    }
  });
});
