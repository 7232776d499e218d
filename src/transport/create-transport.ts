/** Builds the transport a client uses, from the transport settings its options were resolved to. */
import type { TransportSettings } from '../client-options.js';
import type { ClientCertificateInfo } from './client-certificate-info.js';
import { FetchTransport } from './fetch-transport.js';
import type { Transport } from './transport.js';
import { UndiciTransport } from './undici-transport.js';

/** A ready transport and, when one was loaded, the client certificate it presents. */
export interface CreatedTransport {
  transport: Transport;
  certificate: ClientCertificateInfo | undefined;
}

/**
 * Builds the transport: a custom one as is; a {@link FetchTransport} over the given `fetch` (no client
 * certificate); or an {@link UndiciTransport} over the given dispatcher, or over its own pool from `tls` and `proxy`.
 * @throws {VipConfigurationError} for unusable TLS or proxy settings (see `UndiciTransport`).
 */
export function createTransport(settings: TransportSettings): CreatedTransport {
  switch (settings.kind) {
    case 'custom':
      return { transport: settings.transport, certificate: undefined };
    case 'fetch':
      return { transport: new FetchTransport({ fetch: settings.fetch }), certificate: undefined };
    case 'dispatcher':
      return { transport: new UndiciTransport({ dispatcher: settings.dispatcher }), certificate: undefined };
    case 'undici': {
      const { tls, proxy, connections, keepAliveTimeoutMs } = settings;
      const transport = new UndiciTransport({ tls, proxy, connections, keepAliveTimeoutMs });
      return { transport, certificate: transport.certificate };
    }
  }
}
