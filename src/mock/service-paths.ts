/** The URL paths the mock serves: each of the three services under the API versions it answers for. */
import { apiVersionAtLeast } from '../core/api-version.js';
import type { ServiceName } from '../core/plan.js';
import { CONTRACT_VERSION, CONTRACT_VERSIONS } from '../generated/operations.js';

/** The three services, in the order the mock lists them. */
export const SERVICES: readonly ServiceName[] = ['Authentication', 'Management', 'Query'];

// VIP keeps several API versions online side by side. The mock speaks 1.8 on the 1.7 and 1.8 paths, and 1.10 (the
// 1.8 shapes plus the fields marked since 1.10) on the 1.10 paths.
const SERVICE_PATH = /^\/vipuserservices\/(Authentication|Management|Query)Service_(1_7|1_8|1_10)\/?$/;

/** A service path as requested: the service, and the version suffix (`1_8`) so that hints can name the same one. */
export interface ServicePath {
  service: ServiceName;
  version: string;
}

/** The service a URL path names, or undefined when it names none. */
export function servicePathOf(pathname: string): ServicePath | undefined {
  const match = SERVICE_PATH.exec(pathname);
  return match === null ? undefined : { service: match[1] as ServiceName, version: match[2] as string };
}

/** The API version a path names, dotted as the client option writes it: `1_10` gives `1.10`. */
export function apiVersionOf(path: ServicePath): string {
  return path.version.replace('_', '.');
}

/**
 * The contracts the mock answers `apiVersion` with: the newest that version knows, or the oldest ones (1.8) for a
 * version older than every contract (1.7, whose shapes 1.8 only extends).
 */
export function contractVersionFor(apiVersion: string): string {
  return CONTRACT_VERSIONS.filter((version) => apiVersionAtLeast(apiVersion, version)).at(-1) ?? CONTRACT_VERSION;
}

/** The path of `service` under the version suffix `version`, e.g. `/vipuserservices/QueryService_1_8`. */
export function servicePath(service: ServiceName, version = '1_8'): string {
  return `/vipuserservices/${service}Service_${version}`;
}

/** One line for fault texts and messages: which paths the mock serves. */
export const SERVED_PATHS_TEXT =
  'The mock serves /vipuserservices/{Authentication,Management,Query}Service_1_8 (also under _1_7 and _1_10), each WSDL at ?wsdl.';
