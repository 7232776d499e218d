/** Picks and builds the transport a client uses from its options. */
import type { Dispatcher } from 'undici';
import { VERSION } from '../version.js';
import type { ClientCertificateInfo } from './client-certificate-info.js';
import { FetchTransport } from './fetch-transport.js';
import type { VipProxy } from './proxy-agent.js';
import { defaultUserAgent } from './soap-http-headers.js';
import type { VipTlsOptions } from './tls-credentials.js';
import type { Transport } from './transport.js';
import { UndiciTransport } from './undici-transport.js';

/** The client options that decide how requests travel (a structural subset of the client's options). */
export interface TransportChoice {
  tls?: VipTlsOptions | undefined;
  dispatcher?: Dispatcher | undefined;
  proxy?: VipProxy | undefined;
  fetch?: typeof globalThis.fetch | undefined;
  transport?: Transport | undefined;
}

/** A ready transport and, when one was loaded, the client certificate it presents. */
export interface CreatedTransport {
  transport: Transport;
  certificate: ClientCertificateInfo | undefined;
}

/**
 * Builds the transport, by precedence: a custom `transport` as is; else a {@link FetchTransport} over `fetch`
 * (no client certificate); else an {@link UndiciTransport} with `dispatcher`, or with its own pool from `tls` and
 * `proxy`.
 * @throws {VipConfigurationError} for unusable TLS or proxy settings (see `UndiciTransport`).
 */
export function createTransport(options: TransportChoice): CreatedTransport {
  if (options.transport !== undefined) return { transport: options.transport, certificate: undefined };
  const userAgent = defaultUserAgent(VERSION);
  if (options.fetch !== undefined) {
    return { transport: new FetchTransport({ fetch: options.fetch, userAgent }), certificate: undefined };
  }
  const transport = new UndiciTransport({ tls: options.tls, dispatcher: options.dispatcher, proxy: options.proxy, userAgent });
  return { transport, certificate: transport.certificate };
}
