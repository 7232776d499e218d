/**
 * A client on a fake transport with every observation channel wired up (debug and warn logger, request, response
 * and retry hooks), and a way to gather everything those channels and a thrown error expose, as text, so a test can
 * look for a secret in all of it at once.
 */
import { inspect } from 'node:util';
import { VipClient, type VipClientOptions } from 'vip-user-services';
import { FakeTransport, type Responder } from '../client/fake-transport.js';

export interface ObservedClient {
  vip: VipClient;
  transport: FakeTransport;
  /** Everything logged or passed to a hook so far, serialised. */
  observed: string[];
  /** The text a thrown value shows through its message, stack, `toJSON()` and `util.inspect`. */
  exposedBy(error: unknown): string[];
}

export function observedClient(respond: Responder, options: Omit<VipClientOptions, 'transport'> = {}): ObservedClient {
  const observed: string[] = [];
  const record = (...values: unknown[]) => observed.push(inspect(values, { depth: 10, maxStringLength: Number.POSITIVE_INFINITY }));
  const transport = new FakeTransport(respond);
  const vip = new VipClient({
    retry: false,
    ...options,
    transport,
    logger: { debug: record, warn: record },
    hooks: { onRequest: record, onResponse: record, onRetry: (event) => record(event, exposed(event.error)) },
  });
  return { vip, transport, observed, exposedBy: exposed };
}

function exposed(error: unknown): string[] {
  if (!(error instanceof Error)) return [String(error)];
  return [
    error.message,
    String(error.stack),
    JSON.stringify(error),
    inspect(error, { depth: 10, maxStringLength: Number.POSITIVE_INFINITY }),
  ];
}
