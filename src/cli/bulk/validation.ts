/**
 * Checks a row's requests with the SDK's own validation (lengths, patterns, required fields, choices, API-version
 * rules) without sending anything: a client whose transport refuses every request. A dry run thereby refuses
 * exactly what the real run would, and the real run finds a bad row before journaling or sending any of its steps.
 */
import { VipClient, VipConnectionError } from '../../index.js';
import { callStep, type Step } from './job.js';

/** Thrown by the validating client's transport: reaching it means the request passed validation. */
class NotSent extends Error {}

export class RequestValidator {
  readonly #vip: VipClient;

  constructor(apiVersion: string | undefined) {
    this.#vip = new VipClient({
      apiVersion,
      transport: {
        send: () => Promise.reject(new NotSent('validation only')),
      },
      retry: false,
      tracerProvider: false,
      meterProvider: false,
    });
  }

  /**
   * Validates each step's request as the client would send it for `childAccount`.
   * @returns the first error (a `VipValidationError`, or a `VipConfigurationError` for a bad child account), or
   * undefined when every request would be sent.
   */
  async check(steps: readonly Step[], childAccount: string | undefined): Promise<unknown> {
    for (const step of steps) {
      try {
        await callStep(this.#vip, step, { onBehalfOfAccountId: childAccount });
      } catch (error) {
        if (error instanceof VipConnectionError && error.cause instanceof NotSent) continue;
        return error;
      }
    }
    return undefined;
  }

  close(): Promise<void> {
    return this.#vip.close();
  }
}
