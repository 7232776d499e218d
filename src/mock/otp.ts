/**
 * Security codes of the mock: RFC 6238 time-based codes for standard credentials (HMAC-SHA1, 30-second steps,
 * six digits), with a secret per credential derived from a per-server random seed, plus the one-off codes sent
 * to SMS and voice credentials. Codes are single-use, as on a real VIP account.
 */
import { createHmac, randomBytes, randomInt } from 'node:crypto';

/** Length of one time step, in milliseconds. */
export const OTP_STEP_MS = 30_000;
/** How many steps behind the server clock a code may be (a token whose clock is a little slow). */
const STEPS_BEHIND = 1;
/**
 * How many steps ahead of the server clock a code may be. Besides covering a fast token clock, this lets several
 * sign-ins with the same credential happen within one 30-second window: `otp()` hands out the next unused step.
 */
const STEPS_AHEAD = 3;
/** How long an SMS or voice code stays valid, in milliseconds. */
const SENT_CODE_LIFETIME_MS = 10 * 60_000;

/**
 * The RFC 6238 / RFC 4226 code of `secret` for time step `step`: HMAC-SHA1 over the big-endian step counter,
 * dynamic truncation, and `digits` decimal digits (leading zeros kept).
 */
export function totp(secret: Buffer, step: number, digits = 6): string {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', secret).update(counter).digest();
  const offset = (mac[mac.length - 1] as number) & 0x0f;
  const binary = mac.readUInt32BE(offset) & 0x7fffffff;
  return String(binary % 10 ** digits).padStart(digits, '0');
}

/** A code sent by SMS or voice call that has not been used yet. */
interface SentCode {
  code: string;
  expiresAt: number;
}

/** Issues and checks the security codes of one mock server. */
export class OtpAuthority {
  readonly #seed = randomBytes(32);
  /** Per credential, the last time step whose code was accepted: older and equal steps are replays. */
  readonly #lastUsedStep = new Map<string, number>();
  readonly #sentCodes = new Map<string, SentCode>();

  /** The TOTP secret of a credential: stable for the server's life, different on every server. */
  secretOf(credentialId: string): Buffer {
    return createHmac('sha256', this.#seed).update(credentialId).digest().subarray(0, 20);
  }

  /**
   * The code a user would type for `credentialId` at `nowMs`: the earliest step inside the accepted window that
   * has not been used yet.
   * @throws {Error} when every step of the window has been used.
   */
  currentCode(credentialId: string, nowMs: number): string {
    const now = stepAt(nowMs);
    const lastUsed = this.#lastUsedStep.get(credentialId) ?? Number.NEGATIVE_INFINITY;
    const step = Math.max(now, lastUsed + 1);
    if (step > now + STEPS_AHEAD) {
      throw new Error(`Every security code of ${credentialId} for the current 30-second window has been used; advance the mock's clock`);
    }
    return totp(this.secretOf(credentialId), step);
  }

  /**
   * Checks a time-based code and, when it is valid and fresh, marks its step used. `otp2`, when given, must be
   * the code of the step right after the matching one (as a token shows two consecutive codes).
   * @returns `'ok'`, `'replayed'` for a valid code whose step was used already, or `'wrong'`.
   */
  checkTimeBased(credentialId: string, otp: string, otp2: string | undefined, nowMs: number): 'ok' | 'replayed' | 'wrong' {
    const secret = this.secretOf(credentialId);
    const now = stepAt(nowMs);
    const lastUsed = this.#lastUsedStep.get(credentialId) ?? Number.NEGATIVE_INFINITY;
    let replayed = false;
    for (let step = now - STEPS_BEHIND; step <= now + STEPS_AHEAD; step++) {
      if (totp(secret, step) !== otp) continue;
      if (otp2 !== undefined && totp(secret, step + 1) !== otp2) continue;
      const usedStep = otp2 === undefined ? step : step + 1;
      if (step <= lastUsed) {
        replayed = true;
        continue;
      }
      this.#lastUsedStep.set(credentialId, usedStep);
      return 'ok';
    }
    return replayed ? 'replayed' : 'wrong';
  }

  /** Makes a fresh six-digit code for an SMS or voice credential, replacing any earlier one, and returns it. */
  sendCode(credentialId: string, nowMs: number): string {
    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    this.#sentCodes.set(credentialId, { code, expiresAt: nowMs + SENT_CODE_LIFETIME_MS });
    return code;
  }

  /** The unused, unexpired code sent to `credentialId`, if there is one. */
  sentCode(credentialId: string, nowMs: number): string | undefined {
    const sent = this.#sentCodes.get(credentialId);
    return sent !== undefined && sent.expiresAt > nowMs ? sent.code : undefined;
  }

  /** Checks a sent code; a match uses it up. */
  checkSent(credentialId: string, otp: string, nowMs: number): boolean {
    if (this.sentCode(credentialId, nowMs) !== otp) return false;
    this.#sentCodes.delete(credentialId);
    return true;
  }

  /** Forgets used steps and sent codes (the secrets stay). */
  reset(): void {
    this.#lastUsedStep.clear();
    this.#sentCodes.clear();
  }
}

function stepAt(nowMs: number): number {
  return Math.floor(nowMs / OTP_STEP_MS);
}
