/**
 * What a user's code does with the installed package, compiled by `tsc` in each consumer project (nodenext ESM,
 * node16 CommonJS, bundler) and then run with Node. It touches all three entry points: types that must resolve,
 * `instanceof` narrowing that must type-check, and one real call over mutual TLS to the embedded mock server.
 * optional-inputs.ts adds calls with possibly-undefined optional values. It prints one JSON line that exports.test.ts
 * checks.
 */
import {
  AuthenticationFailedError,
  type AuthenticateUserInput,
  CredentialError,
  describeStatus,
  type GetUserInfoOutput,
  VipClient,
  type VipClientOptions,
  VipError,
  VipServiceError,
} from 'vip-user-services';
import { createServiceError } from 'vip-user-services/testing';
import { startMockServer } from 'vip-user-services/mock';
import { vipResponse } from 'vip-user-services/testing';
import { useOptionalInputs } from './optional-inputs.js';

async function main(): Promise<void> {
  const mock = await startMockServer({ tls: true, seed: true });
  try {
    const tls = mock.tls;
    if (tls === undefined) throw new Error('the mock started without TLS material');
    const options: VipClientOptions = {
      endpoint: mock.url,
      tls: { pfx: tls.clientPfx, passphrase: tls.pfxPassphrase, ca: tls.ca },
    };
    const vip = new VipClient(options);
    try {
      const user: GetUserInfoOutput = await vip.getUserInfo({ userId: 'alice@example.com' });
      const wrongCode: AuthenticateUserInput = { userId: 'alice@example.com', otpAuthData: { otp: '000000' } };
      let rejectedAs = 'nothing';
      try {
        await vip.authenticateUser(wrongCode);
      } catch (error) {
        // Narrowing by class is the SDK's promise; the compiler must accept the fields after each check.
        if (error instanceof AuthenticationFailedError) rejectedAs = `AuthenticationFailedError ${error.code}`;
        else if (error instanceof VipServiceError) rejectedAs = `VipServiceError ${error.code}`;
        else if (error instanceof VipError) rejectedAs = error.name;
        else throw error;
      }
      const optionalInputs = await useOptionalInputs(vip, 'alice@example.com', {
        pin: process.env.VIP_CONSUMER_PIN,
        timeoutMs: process.env.VIP_CONSUMER_TIMEOUT_MS === undefined ? undefined : Number(process.env.VIP_CONSUMER_TIMEOUT_MS),
        pollEveryMs: 20,
      });
      const revoked = createServiceError({ status: '600F', statusMessage: 'Credential is revoked.' });
      console.log(
        JSON.stringify({
          userStatus: user.userStatus,
          rejectedAs,
          revokedIsCredentialError: revoked instanceof CredentialError,
          solution: typeof describeStatus('600F')?.solution,
          cannedResponse: vipResponse('getServerTime').includes('GetServerTimeResponse'),
          optionalInputs,
        }),
      );
    } finally {
      await vip.close();
    }
  } finally {
    await mock.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
