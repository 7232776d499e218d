/** The demo data of `seed: true` and of the `vip-mock` command. */
import type { AccountState } from './state.js';

/** The demo users' IDs and the credential bound to alice. */
export const DEMO = {
  /** An ACTIVE user with a push-capable VIP Access credential bound. */
  alice: 'alice@example.com',
  /** Alice's credential: `mock.otp(DEMO_DATA.aliceCredential)` gives its current code. */
  aliceCredential: 'VSMT12345678',
  /** The friendly name of Alice's binding. */
  aliceCredentialName: "Alice's phone",
  /** An ACTIVE user without credentials. */
  bob: 'bob@example.com',
  /** A LOCKED user: authentication gives 601B until `updateUser({ newUserStatus: 'ACTIVE' })`. */
  carol: 'carol@example.com',
} as const;

/**
 * Fills an account with the demo users: alice (ACTIVE, VIP Access app VSMT12345678 bound, push-capable), bob
 * (ACTIVE, no credentials) and carol (LOCKED).
 */
export function seedDemoData(account: AccountState, now: Date): void {
  const alice = account.addUser(DEMO.alice, now);
  alice.bindings.set(DEMO.aliceCredential, {
    credentialId: DEMO.aliceCredential,
    credentialType: 'STANDARD_OTP',
    friendlyName: DEMO.aliceCredentialName,
    trustedDevice: undefined,
    boundAt: now,
    lastAuthnTime: undefined,
    lastAuthnId: undefined,
    enabled: true,
  });
  account.addUser(DEMO.bob, now);
  account.addUser(DEMO.carol, now).status = 'LOCKED';
}
