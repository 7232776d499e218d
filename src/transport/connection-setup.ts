/**
 * Tells failures while a connection is being set up (TCP connect, the proxy tunnel and, for https:, the TLS handshake,
 * up to the moment the connection is secure) apart from failures on an established connection. Nothing has been sent
 * during setup, and under TLS 1.2 a connection closed during the handshake is how many servers refuse a client
 * certificate, while the same error code later would mean the request may have been delivered.
 */
import { buildConnector, type Dispatcher, Pool } from 'undici';

/** What is known about a connection whose setup failed. */
export interface SetupFailure {
  /** Whether a client certificate was offered in the TLS handshake. */
  clientCertificate: boolean;
}

// Keyed by the error objects undici hands on, so nothing is added to them and nothing outlives them.
const setupFailures = new WeakMap<object, SetupFailure>();

/**
 * An undici `factory` (for `Agent` and `ProxyAgent`) whose pools mark every error their connector reports. A connector
 * reports only errors that happen before it hands over a connected (for https:, secure) socket.
 * @param details Recorded with each failure.
 */
export function poolsMarkingSetupFailures(details: SetupFailure): (origin: string | URL, options: object) => Dispatcher {
  return (origin, options) => {
    const { connect } = options as Pool.Options;
    const connector = typeof connect === 'function' ? connect : buildConnector(connect ?? {});
    return new Pool(origin, { ...options, connect: markFailures(connector, details) });
  };
}

/** The setup details recorded for `error` or one of its causes; `undefined` for a failure after setup. */
export function setupFailureOf(error: unknown): SetupFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    const details = setupFailures.get(current);
    if (details !== undefined) return details;
    current = current.cause;
  }
  return undefined;
}

function markFailures(connector: buildConnector.connector, details: SetupFailure): buildConnector.connector {
  return (options, callback) => {
    connector(options, (...result) => {
      const [error] = result;
      if (error !== null) setupFailures.set(error, details);
      callback(...result);
    });
  };
}
