/**
 * The mark on failures of the proxy leg (connecting to the proxy, its TLS handshake, its answer to CONNECT), so they
 * are reported as the proxy's and never blamed on VIP.
 */

/** A failure before the tunnel to VIP existed. Internal: the error mapping turns it into a `VipConnectionError`. */
export class ProxyFailure extends Error {
  /** The proxy's `host:port`, never its credentials. */
  readonly proxy: string;
  /** The `host:port` the tunnel was asked for. */
  readonly target: string;
  /** The proxy's HTTP status, when it answered CONNECT with something other than 200. */
  readonly status: number | undefined;

  /**
   * @param proxy The proxy's `host:port`.
   * @param target The tunnel's destination, `host:port`.
   * @param detail The proxy's refusal status, or the error that broke the proxy leg.
   */
  constructor(proxy: string, target: string, detail: { status: number } | { cause: unknown }) {
    const status = 'status' in detail ? detail.status : undefined;
    super(`The tunnel through the proxy ${proxy} to ${target} failed`, 'cause' in detail ? { cause: detail.cause } : undefined);
    this.name = 'ProxyFailure';
    this.proxy = proxy;
    this.target = target;
    this.status = status;
  }
}

/** The {@link ProxyFailure} in `error` or its causes, if any. */
export function proxyFailureOf(error: unknown): ProxyFailure | undefined {
  let current: unknown = error;
  for (let depth = 0; depth < 4 && current instanceof Error; depth++) {
    if (current instanceof ProxyFailure) return current;
    current = current.cause;
  }
  return undefined;
}
