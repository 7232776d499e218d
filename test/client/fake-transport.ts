/**
 * A fake `Transport` for client tests: it records every request the client hands over (so tests see the exact wire
 * bytes, or that nothing was sent) and answers with canned responses, without any network.
 */
import { VipClient, type SoapHttpRequest, type SoapHttpResponse, type Transport, type VipClientOptions } from 'vip-user-services';
import { requestIdOf, vipResponse, type ResponseStatus } from '../helpers/soap-fixtures.js';

/** A canned answer: a body with HTTP 200 and `text/xml`, or a full response. */
export type FakeReply = string | { status?: number; body: string | Uint8Array; headers?: Record<string, string> };

/** Decides the answer to one request. */
export type Responder = (request: SoapHttpRequest) => FakeReply | Promise<FakeReply>;

/** Records requests and answers them with a {@link Responder}. */
export class FakeTransport implements Transport {
  readonly requests: SoapHttpRequest[] = [];
  closed = false;

  constructor(public respond: Responder = () => Promise.reject(new Error('FakeTransport: no reply configured'))) {}

  /** The bodies sent so far, in order. */
  get bodies(): string[] {
    return this.requests.map((request) => request.body);
  }

  /** Records the request, then answers it with the responder's reply (HTTP 200 and `text/xml` unless it says otherwise). */
  async send(request: SoapHttpRequest): Promise<SoapHttpResponse> {
    this.requests.push(request);
    const reply = await this.respond(request);
    if (typeof reply === 'string') return { status: 200, headers: { 'content-type': 'text/xml; charset=utf-8' }, body: reply };
    return { status: reply.status ?? 200, headers: reply.headers ?? { 'content-type': 'text/xml; charset=utf-8' }, body: reply.body };
  }

  /** Marks the transport closed, so a test can check that the client closed it. */
  async close(): Promise<void> {
    this.closed = true;
  }
}

/** A responder that answers every request with `element`, echoing the request's own requestId. */
export function echoing(element: string, fieldsXml = '', status: ResponseStatus = {}): Responder {
  return (request) => vipResponse(element, requestIdOf(request.body), fieldsXml, status);
}

/** A responder that answers any request with a bare `0000` response to it (the element named after the request's). */
export function succeeding(): Responder {
  return (request) => {
    const match = /<vip:(\w+)Request>/.exec(request.body);
    if (match?.[1] === undefined) throw new Error('FakeTransport: no request element in the body');
    return vipResponse(`${match[1]}Response`, requestIdOf(request.body));
  };
}

/** A client on a fresh fake transport, with retries off unless the options say otherwise. */
export function fakeClient(
  respond: Responder = succeeding(),
  options: Omit<VipClientOptions, 'transport'> = {},
): { vip: VipClient; transport: FakeTransport } {
  const transport = new FakeTransport(respond);
  const vip = new VipClient({ retry: false, ...options, transport });
  return { vip, transport };
}
