/**
 * Loads the optional peer dependency `soap` when a mock server starts, not when `vip-user-services/mock` is imported,
 * so an application without it gets one clear message naming the install command instead of a module-resolution
 * stack trace.
 */
import type * as Soap from 'soap';

/** The message for a missing `soap` package; also what `vip-mock` prints. */
export const SOAP_MISSING =
  "The VIP mock server needs the optional package 'soap' (node-soap). Install it next to vip-user-services: npm install --save-dev soap";

function isMissing(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') && /['"]soap['"]/.test(String((error as Error).message));
}

/**
 * node-soap, loaded once.
 * @throws {Error} with {@link SOAP_MISSING} when the package is not installed.
 */
export async function loadSoap(): Promise<typeof Soap> {
  try {
    return await import('soap');
  } catch (error) {
    if (isMissing(error)) throw new Error(SOAP_MISSING);
    throw error;
  }
}
