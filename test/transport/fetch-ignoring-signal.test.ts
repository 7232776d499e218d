/** A user's fetch that ignores the abort signal still cannot hold a call past its deadline. */
import { expect, it } from 'vitest';
import { VipClient, VipTimeoutError } from 'vip-user-services';

it('times out a call whose fetch never settles and ignores the signal', async () => {
  const vip = new VipClient({ fetch: () => new Promise<Response>(() => undefined), timeoutMs: 50, retry: false });
  await expect(vip.getServerTime()).rejects.toBeInstanceOf(VipTimeoutError);
});
