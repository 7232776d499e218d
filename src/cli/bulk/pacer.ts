/**
 * `--rate N/s`: spaces VIP calls evenly, at most N per second across all workers (no bursts: VIP documents no rate
 * limit, so the throttle is there to spare it and the account's other traffic, not to use up a quota).
 */
import { setTimeout as sleep } from 'node:timers/promises';

export class Pacer {
  readonly #intervalMs: number;
  readonly #now: () => number;
  #next = Number.NEGATIVE_INFINITY;

  /** @param perSecond Calls per second, > 0. */
  constructor(perSecond: number, now: () => number = () => performance.now()) {
    this.#intervalMs = 1000 / perSecond;
    this.#now = now;
  }

  /**
   * Resolves when the next call may start; each caller gets its own slot.
   * @throws the signal's reason (an AbortError) when it fires first.
   */
  async wait(signal: AbortSignal): Promise<void> {
    const now = this.#now();
    const slot = Math.max(now, this.#next);
    this.#next = slot + this.#intervalMs;
    if (slot > now) await sleep(slot - now, undefined, { signal });
  }
}
