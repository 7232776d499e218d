/** The HTTP headers every SOAP 1.1 request to VIP carries, whichever transport sends it. */

/** Name of this package, as it appears in the `user-agent` header. */
const PACKAGE_NAME = 'vip-user-services';

/**
 * Builds the default `user-agent`, e.g. `vip-user-services/1.2.0 node/v20.20.2`, so VIP support can tell SDK
 * traffic and its versions apart.
 * @param packageVersion This package's version; omitted from the header when not given.
 */
export function defaultUserAgent(packageVersion?: string): string {
  const product = packageVersion === undefined ? PACKAGE_NAME : `${PACKAGE_NAME}/${packageVersion}`;
  return `${product} node/${process.version}`;
}

/**
 * The request headers. `soapaction` is the empty quoted string because every VIP operation declares
 * `soapAction=""` and SOAP 1.1 expects the header to be present; the operation is identified by the body element.
 * @param userAgent The complete `user-agent` value.
 */
export function soapRequestHeaders(userAgent: string): Record<string, string> {
  return {
    'content-type': 'text/xml; charset=utf-8',
    soapaction: '""',
    accept: 'text/xml',
    'user-agent': userAgent,
  };
}
