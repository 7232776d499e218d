/** The setup several examples share: a fresh user with one VIP Access credential bound to it. */
import type { ExampleContext } from './environment.js';

/** A user made for one example, and how to remove it again. */
export interface ExampleUser {
  readonly userId: string;
  readonly credentialId: string;
  /** Deletes the user; VIP removes its bindings with it. */
  remove(): Promise<void>;
}

/**
 * Creates a user and binds a standard credential to it (see the provisioning example for the details of both).
 * @throws whatever `createUser` or `addCredential` throws; the user is removed again if the binding fails.
 */
export async function createUserWithCredential(context: ExampleContext, label: string): Promise<ExampleUser> {
  const { vip } = context;
  const userId = context.newUserId(label);
  const credentialId = context.standardCredentialId();
  const remove = async () => {
    await vip.deleteUser({ userId });
  };
  await vip.createUser({ userId });
  try {
    await vip.addCredential({ userId, credentialDetail: { credentialId, credentialType: 'STANDARD_OTP', friendlyName: 'Example phone' } });
  } catch (error) {
    await remove();
    throw error;
  }
  context.step(`set up user ${userId} with credential ${credentialId}`);
  return { userId, credentialId, remove };
}
