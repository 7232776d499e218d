/**
 * Risk-based sign-in with VIP Intelligent Authentication: evaluateRisk scores a sign-in from its IP address, user
 * agent and device data. Not risky (0000): let the user in. Risky (6009, `Risky: true`): ask for a second factor,
 * then report the result with the event ID: denyRisk when the user passed the challenge (it was them),
 * confirmRisk when they failed it (it really was suspicious).
 *
 * Run: npx tsx examples/risk-evaluation.ts
 * On real VIP the account needs Intelligent Authentication (else IaPolicyNotEnabledError, a RiskError), plus
 * VIP_CREDENTIAL_ID and one security code for the challenge.
 */
import * as assert from 'node:assert/strict';
import { AuthenticationFailedError, RiskError, RiskEventNotRiskyError } from 'vip-user-services';
import type { ExampleContext } from './support/environment.js';
import { createUserWithCredential } from './support/example-user.js';
import { runWhenMain } from './support/standalone.js';

export const title = 'Risk evaluation: evaluateRisk, then confirmRisk or denyRisk';

/** A sign-in attempt as the web server sees it. */
interface SignInAttempt {
  description: string;
  Ip: string;
  UserAgent: string;
  /** Whether the user will pass the second-factor challenge if one is needed. */
  passesChallenge: boolean;
}

const ATTEMPTS: readonly SignInAttempt[] = [
  {
    description: 'the usual laptop',
    Ip: '198.51.100.23',
    UserAgent: 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15',
    passesChallenge: true,
  },
  { description: 'a script on an unknown network', Ip: '203.0.113.77', UserAgent: 'curl/8.5.0', passesChallenge: true },
  {
    description: 'a browser on an unknown network',
    Ip: '203.0.113.200',
    UserAgent: 'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
    passesChallenge: false,
  },
];

export async function run(context: ExampleContext): Promise<void> {
  const { vip, step } = context;
  const user = await createUserWithCredential(context, 'risk');
  const results: boolean[] = [];
  try {
    for (const attempt of ATTEMPTS) {
      const risk = await vip.evaluateRisk({ UserId: user.userId, Ip: attempt.Ip, UserAgent: attempt.UserAgent });
      const eventId = risk.EventId;
      results.push(risk.Risky === true);
      step(`${attempt.description}: score ${risk.RiskScore} (threshold ${risk.RiskThreshold}), risky ${risk.Risky}, event ${eventId}`);
      if (!risk.Risky) {
        step('→ not risky: signed in with the password alone');
        if (eventId !== undefined) {
          // Feedback is only for risky events; VIP refuses it otherwise.
          const refused = await vip.denyRisk({ UserId: user.userId, EventId: eventId }).catch((error: unknown) => error);
          if (refused instanceof RiskEventNotRiskyError) step(`→ (feedback on it is refused with ${refused.name}, ${refused.code})`);
        }
        continue;
      }
      if (eventId === undefined) throw new Error('a risky evaluation came without an event ID');
      const passed = await challenge(context, user.userId, user.credentialId, attempt.passesChallenge);
      if (passed) {
        // It was the user after all: VIP learns from it (RememberDevice would also remember this device).
        await vip.denyRisk({ UserId: user.userId, EventId: eventId, VerifyMethod: 'OTP' });
        step('→ challenge passed, reported with denyRisk: signed in');
      } else {
        await vip.confirmRisk({ UserId: user.userId, EventId: eventId, VerifyMethod: 'OTP' });
        step('→ challenge failed, reported with confirmRisk: sign-in refused');
      }
    }
    if (context.target === 'mock')
      assert.deepEqual(results, [false, true, true], 'the mock should judge the laptop safe and the others risky');
  } catch (error) {
    // Not every account has Intelligent Authentication: say so instead of failing obscurely.
    if (error instanceof RiskError && context.target === 'vip')
      step(`risk evaluation is not available on this account: ${error.message} (${error.solution})`);
    else throw error;
  } finally {
    await user.remove();
  }
}

/** Asks for a security code; a user who fails sends a wrong one. */
async function challenge(context: ExampleContext, userId: string, credentialId: string, userPasses: boolean): Promise<boolean> {
  const otp = userPasses ? await context.otp(credentialId) : '000000';
  try {
    await context.vip.authenticateUser({ userId, otpAuthData: { otp } });
    return true;
  } catch (error) {
    if (error instanceof AuthenticationFailedError) return false;
    throw error;
  }
}

await runWhenMain(import.meta.url, { title, run });
