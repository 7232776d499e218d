/** The whole in-memory VIP of one mock server: the main account, the child account, settings and codes. */
import { OtpAuthority } from '../otp.js';
import type { PushOutcome } from '../types.js';
import { isStandardCredentialId } from './credential-kinds.js';
import { answerChallenge } from './push.js';
import type { MockSettings } from './outcome.js';
import { seedDemoData } from './seed.js';
import { AccountState, CredentialTypes } from './state.js';

/** The child account that `onBehalfOfAccountId` may name; any other ID gives 6001. */
export const CHILD_ACCOUNT_ID = 'CHILD01';

/** How a model starts, and what `reset()` returns to. */
export interface ModelOptions {
  seed: boolean;
  lockoutThreshold: number;
  pushOutcome: PushOutcome;
  pendingPolls: number;
  numberChallenge: boolean;
  now: () => number;
}

/** The accounts, settings and security codes of one mock server. */
export class VipModel {
  readonly otp = new OtpAuthority();
  readonly settings: MockSettings;
  readonly #options: ModelOptions;
  #main = new AccountState();
  #child = new AccountState();

  constructor(options: ModelOptions) {
    this.#options = options;
    this.settings = {
      lockoutThreshold: options.lockoutThreshold,
      pushOutcome: options.pushOutcome,
      pendingPolls: options.pendingPolls,
      numberChallenge: options.numberChallenge,
    };
    this.reset();
  }

  /** The mock's clock as a Date. */
  now(): Date {
    return new Date(this.#options.now());
  }

  /** Empties both accounts (re-seeding the main one when asked to), restores the settings and forgets used codes. */
  reset(): void {
    this.#main = new AccountState();
    this.#child = new AccountState();
    if (this.#options.seed) seedDemoData(this.#main, this.now());
    this.settings.lockoutThreshold = this.#options.lockoutThreshold;
    this.settings.pushOutcome = this.#options.pushOutcome;
    this.settings.pendingPolls = this.#options.pendingPolls;
    this.settings.numberChallenge = this.#options.numberChallenge;
    this.otp.reset();
  }

  /** The account a request acts on: the main one, the child account, or undefined for an unknown ID (6001). */
  account(onBehalfOfAccountId: string | undefined): AccountState | undefined {
    if (onBehalfOfAccountId === undefined) return this.#main;
    return onBehalfOfAccountId === CHILD_ACCOUNT_ID ? this.#child : undefined;
  }

  /**
   * The simulated phone picks `number` for the number challenge of push `transactionId` (in either account).
   * @throws {Error} when no push has that ID, the push carries no number challenge, or it was answered already.
   */
  answerNumberChallenge(transactionId: string, number: string): void {
    const push = this.#main.pushes.get(transactionId) ?? this.#child.pushes.get(transactionId);
    if (push === undefined) throw new Error(`No push with the transaction ID ${JSON.stringify(transactionId)} was sent`);
    answerChallenge(push, number);
  }

  /**
   * The code that authenticates `credentialId` now: the unused code sent to an SMS/voice number, else the
   * time-based code.
   * @throws {Error} for an SMS/voice number without an unused code, an ID that cannot be a credential, or when
   * the current window's codes are used up.
   */
  currentOtp(credentialId: string): string {
    const nowMs = this.#options.now();
    const sent = this.otp.sentCode(credentialId, nowMs);
    if (sent !== undefined) return sent;
    const accounts = [this.#main, this.#child];
    if (accounts.some((account) => account.isPhoneCredential(credentialId))) {
      throw new Error(`No unused security code has been sent to ${credentialId}; call sendOtp first`);
    }
    const isServiceCredential = accounts.some((account) => account.registration(CredentialTypes.service, credentialId) !== undefined);
    if (!isStandardCredentialId(credentialId) && !isServiceCredential) {
      throw new Error(`${credentialId} is not a standard credential ID (four capital letters and eight digits, e.g. VSMT12345678)`);
    }
    return this.otp.currentCode(credentialId, nowMs);
  }
}
