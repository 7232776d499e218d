/**
 * Without a usable `@opentelemetry/api` (here its import fails), a client given a tracer provider still
 * works, and says once through its logger that no spans are recorded.
 */
import { expect, it, vi } from 'vitest';
import { VipClient } from 'vip-user-services';
import { succeeding, FakeTransport } from '../client/fake-transport.js';

// As when the optional peer dependency is not installed: importing it fails.
vi.mock('@opentelemetry/api', () => {
  throw new Error("Cannot find package '@opentelemetry/api'");
});

it('warns through the logger that no spans are recorded, and the calls still succeed', async () => {
  const warn = vi.fn();
  const tracerProvider = { getTracer: () => ({ startSpan: () => expect.fail('no span can be started without the API') }) };
  const vip = new VipClient({ transport: new FakeTransport(succeeding()), tracerProvider: tracerProvider as never, logger: { warn } });
  expect((await vip.getServerTime()).status).toBe('0000');
  expect((await vip.getServerTime()).status).toBe('0000');
  expect(warn.mock.calls).toEqual([['tracerProvider was given, but @opentelemetry/api cannot be loaded: no spans are recorded', {}]]);
});
