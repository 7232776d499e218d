/** The in-memory records of one VIP account: users and their bindings, registered credentials, pushes, risk events. */
import type { PushOutcome } from '../types.js';

/** A user's state. */
export type UserStatus = 'ACTIVE' | 'DISABLED' | 'LOCKED';

/** A credential bound to a user. */
export interface BindingRecord {
  credentialId: string;
  credentialType: string;
  friendlyName: string | undefined;
  trustedDevice: boolean | undefined;
  boundAt: Date;
  lastAuthnTime: Date | undefined;
  lastAuthnId: string | undefined;
  /** False once updateCredential (1.10) disabled it: a disabled credential takes no part in sign-ins. */
  enabled: boolean;
}

/** A temporary security code. */
export interface TemporaryPassword {
  code: string;
  expiresAt: Date;
  oneTimeUse: boolean;
}

/** A user of the account. */
export interface UserRecord {
  /** The user ID exactly as created (look-ups ignore case, as VIP's do). */
  userId: string;
  status: UserStatus;
  createdAt: Date;
  pin: string | undefined;
  forcePinChange: boolean;
  /** Failed authentications in a row; reaching the lockout threshold locks the user. */
  failedAttempts: number;
  /** Bindings in the order they were made, keyed by credential ID. */
  bindings: Map<string, BindingRecord>;
  temporaryPassword: TemporaryPassword | undefined;
}

/** The credential families the mock knows. */
export const CredentialTypes = {
  standard: 'STANDARD_OTP',
  sms: 'SMS_OTP',
  voice: 'VOICE_OTP',
  service: 'SERVICE_OTP',
} as const;

/** Credential types that must be registered with `register` before they can be bound. */
export const REGISTERED_TYPES: ReadonlySet<string> = new Set([CredentialTypes.sms, CredentialTypes.voice, CredentialTypes.service]);

/** Credential types VIP defines but the mock does not implement (600A). */
export const UNSUPPORTED_TYPES: ReadonlySet<string> = new Set(['CERTIFICATE', 'IA']);

/** An SMS, voice or service credential registered with the account. */
export interface RegisteredCredential {
  credentialId: string;
  credentialType: string;
  registeredAt: Date;
}

/** A push request and how it will end. */
export interface PushTransaction {
  transactionId: string;
  userId: string | undefined;
  credentialId: string;
  credentialType: string;
  outcome: PushOutcome;
  /** Polls still to answer with 7001 before the outcome shows. */
  pendingPolls: number;
  includeDeviceInfo: boolean;
  /** When the outcome was first reported. */
  decidedAt: Date | undefined;
  /** The number challenge, when the policy asked for one: the number shown, and how the phone answered it. */
  numberChallenge: { value: string; answer: 'right' | 'wrong' | undefined } | undefined;
}

/** An evaluateRisk event that confirmRisk/denyRisk may refer to. */
export interface RiskEvent {
  eventId: string;
  userId: string;
  risky: boolean;
}

/** The user's bindings that may be used to sign in, in the order they were made. */
export function enabledBindings(user: UserRecord): BindingRecord[] {
  return [...user.bindings.values()].filter((binding) => binding.enabled);
}

/** Key under which a user is stored: user IDs are compared without regard to case. */
export function userKey(userId: string): string {
  return userId.toLowerCase();
}

/** Key of a registered credential. */
export function registrationKey(credentialType: string, credentialId: string): string {
  return `${credentialType}\u0000${credentialId}`;
}

/** Everything one VIP account holds. */
export class AccountState {
  readonly users = new Map<string, UserRecord>();
  readonly registered = new Map<string, RegisteredCredential>();
  readonly pushes = new Map<string, PushTransaction>();
  readonly riskEvents = new Map<string, RiskEvent>();

  /** The user with this ID (ignoring case), if any. */
  user(userId: string): UserRecord | undefined {
    return this.users.get(userKey(userId));
  }

  /** Adds a new ACTIVE user without credentials. */
  addUser(userId: string, createdAt: Date, pin?: string, forcePinChange = false): UserRecord {
    const user: UserRecord = {
      userId,
      status: 'ACTIVE',
      createdAt,
      pin,
      forcePinChange,
      failedAttempts: 0,
      bindings: new Map(),
      temporaryPassword: undefined,
    };
    this.users.set(userKey(userId), user);
    return user;
  }

  /** Every user a credential is bound to, with the binding. */
  holdersOf(credentialId: string): Array<{ user: UserRecord; binding: BindingRecord }> {
    const holders: Array<{ user: UserRecord; binding: BindingRecord }> = [];
    for (const user of this.users.values()) {
      const binding = user.bindings.get(credentialId);
      if (binding !== undefined) holders.push({ user, binding });
    }
    return holders;
  }

  /** The registration of an SMS/voice/service credential, if any. */
  registration(credentialType: string, credentialId: string): RegisteredCredential | undefined {
    return this.registered.get(registrationKey(credentialType, credentialId));
  }

  /** True when `credentialId` is registered as an SMS or voice number. */
  isPhoneCredential(credentialId: string): boolean {
    return (
      this.registration(CredentialTypes.sms, credentialId) !== undefined ||
      this.registration(CredentialTypes.voice, credentialId) !== undefined
    );
  }
}
