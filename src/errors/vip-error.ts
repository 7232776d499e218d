/**
 * The root of every error this package throws, and the branding that keeps `instanceof` working when an
 * application ends up with two copies of the package (ESM and CJS builds, or two versions in node_modules).
 */

import { printable } from './printable.js';

const BRAND = Symbol.for('vip-user-services.error');

/** Options accepted by every {@link VipError} constructor. */
export interface VipErrorOptions {
  /** The underlying error, kept as the standard ES2022 `cause`. */
  cause?: unknown;
  /** Whether calling again later may succeed; see {@link VipError.retryable}. Defaults to `false`. */
  retryable?: boolean;
}

/**
 * Gives an error class its `name`. The name lives on the prototype, so it is shared by every instance, survives
 * minifiers that rename classes, and is what cross-copy `instanceof` compares.
 */
export function nameError(errorClass: { prototype: Error }, name: string): void {
  Object.defineProperty(errorClass.prototype, 'name', { value: name, writable: true, configurable: true });
}

/**
 * Base class of every error thrown by `vip-user-services`. Catch it to handle anything the SDK raises;
 * narrow with the subclasses (`VipServiceError`, `VipConnectionError`, `VipValidationError`, ...).
 */
export class VipError extends Error {
  static {
    nameError(this, 'VipError');
    Object.defineProperty(this.prototype, BRAND, { value: true });
  }

  /**
   * The one answer to "may the same call succeed if made again later?": true for failures of the moment (VIP 6005 and
   * 6029, HTTP 502/503/504, connection failures, timeouts), false for everything that would fail the same way again
   * (validation, configuration, protocol errors, other HTTP statuses, business statuses) and for an abort. The SDK's
   * own retries and `waitForPush` go by it; whether the SDK repeats a call also depends on the operation, since a
   * code check, a push or a change of state is never sent twice unless it provably never left.
   */
  readonly retryable: boolean;

  constructor(message: string, options?: VipErrorOptions) {
    super(printable(message), options?.cause === undefined ? undefined : { cause: options.cause });
    this.retryable = options?.retryable ?? false;
  }

  /**
   * `instanceof` that also recognises errors created by another copy of this package: an object carrying the
   * package brand is an instance of a class when a prototype in its chain has the same error name.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (typeof value !== 'object' || value === null) return false;
    if (Object.prototype.isPrototypeOf.call(this.prototype, value)) return true;
    if ((value as Record<symbol, unknown>)[BRAND] !== true) return false;
    const wanted = (this.prototype as Error).name;
    for (let proto = Object.getPrototypeOf(value); proto !== null; proto = Object.getPrototypeOf(proto)) {
      if (Object.hasOwn(proto, 'name') && (proto as Error).name === wanted) return true;
    }
    return false;
  }

  /**
   * A plain object that is safe to log: the name, the message and the error's own fields. Secrets never reach
   * an error's fields or message in the first place, so nothing here needs masking; the cause is reduced to its
   * name and message.
   */
  toJSON(): Record<string, unknown> {
    const json: Record<string, unknown> = { name: this.name, message: this.message };
    for (const [key, value] of Object.entries(this)) {
      if (value !== undefined) json[key] = value;
    }
    if (this.cause !== undefined) json.cause = summarizeCause(this.cause);
    return json;
  }
}

function summarizeCause(cause: unknown): unknown {
  if (cause instanceof VipError) return cause.toJSON();
  if (cause instanceof Error) {
    const code = (cause as { code?: unknown }).code;
    return typeof code === 'string' ? { name: cause.name, code, message: cause.message } : { name: cause.name, message: cause.message };
  }
  return String(cause);
}
