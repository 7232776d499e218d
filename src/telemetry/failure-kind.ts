/**
 * How a failure is named in telemetry: a low-cardinality `error.type` for grouping, and a description that is safe
 * to export. Only words the SDK wrote go out: VIP's status messages, SOAP fault strings and error bodies are server
 * text that may quote the request (a user ID, or worse), so they stay on the thrown error.
 */
import { VipHttpError, VipSoapFaultError } from '../errors/request-errors.js';
import { VipServiceError } from '../errors/service-error-categories.js';
import { VipError } from '../errors/vip-error.js';

/** A failure as telemetry shows it. */
export interface FailureKind {
  /** The VIP status for a service error (`6009`), otherwise the error class (`VipTimeoutError`). */
  readonly type: string;
  /** A short description without server text. */
  readonly description: string;
}

/** Names `error` for spans, metrics and retry events. */
export function describeFailure(error: unknown): FailureKind {
  if (error instanceof VipServiceError) {
    const documented = error.documentedMessage === undefined ? 'an undocumented status' : error.documentedMessage;
    return { type: error.code, description: `VIP status ${error.code}: ${documented}` };
  }
  if (error instanceof VipHttpError) return { type: error.name, description: `HTTP ${error.httpStatus} without a SOAP response` };
  if (error instanceof VipSoapFaultError) return { type: error.name, description: `SOAP Fault ${error.faultCode.slice(0, 64)}` };
  // The other errors' messages are the SDK's own: they name fields, rules, hosts and limits, never input values.
  if (error instanceof VipError) return { type: error.name, description: error.message };
  return { type: '_OTHER', description: 'an error that is not a VipError' };
}
