/** The demo data of `seed: true` and of the `vip-mock` command. */
import type { AccountState } from './state.js';

/** The demo users' IDs and the credential bound to alice. */
export const DEMO = {
  alice: 'alice@example.com',
  aliceCredential: 'VSMT12345678',
  aliceCredentialName: "Alice's phone",
  bob: 'bob@example.com',
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
  });
  account.addUser(DEMO.bob, now);
  account.addUser(DEMO.carol, now).status = 'LOCKED';
}
