/**
 * Required elements that may be empty, left out by the caller: the client sends them empty, and the mock (which
 * validates requests against wsdl/) takes that as the contract says, with the same outcome as an explicit `{}`.
 */
import { DEMO_DATA } from 'vip-user-services/mock';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { type MockPair, startPair } from './support.js';

let pair: MockPair;

beforeAll(async () => {
  pair = await startPair({ tls: false, seed: true, push: { outcome: 'approve', pendingPolls: 0 } });
});

afterAll(async () => {
  await pair.close();
});

it('sends a push without pushAuthData and gets the approval', async () => {
  const sent = await pair.vip.authenticateUserWithPush({ userId: DEMO_DATA.alice });
  expect(sent.status).toBe('6040');
  if (sent.status !== '6040') return;
  const approved = await pair.vip.waitForPush(sent.transactionId, { intervalMs: 10, timeoutMs: 5_000 });
  expect(approved).toMatchObject({ status: '7000', credentialId: DEMO_DATA.aliceCredential });
});

it('accepts setTemporaryPasswordAttributes without attributes and leaves them as they were', async () => {
  const expirationTime = new Date(Date.now() + 3_600_000);
  await pair.vip.setTemporaryPassword({ userId: DEMO_DATA.bob, temporaryPasswordAttributes: { expirationTime, oneTimeUseOnly: true } });
  await expect(pair.vip.setTemporaryPasswordAttributes({ userId: DEMO_DATA.bob })).resolves.toMatchObject({ status: '0000' });
  await expect(pair.vip.getTemporaryPasswordAttributes({ userId: DEMO_DATA.bob })).resolves.toMatchObject({
    tempPwdAttributes: { expirationTime, oneTimeUseOnly: true },
  });
});
