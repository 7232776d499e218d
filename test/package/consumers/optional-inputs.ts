/**
 * User code that passes values which may be `undefined` (environment variables, optional settings) where the SDK
 * takes optional inputs and options, and reads the fields every successful answer carries without a check. It
 * must compile with `strict` and `exactOptionalPropertyTypes` (the nodenext consumer sets both; so does
 * test/types/exact-optional.test.ts, which compiles this file against src/), and it runs against the mock from
 * use-package.ts.
 */
import type { AuthenticateUserWithPushInput, PushWaitOptions, VipCallOptions, VipClient } from 'vip-user-services';

/** Settings as they come from the environment: any of them may be missing. */
export interface OptionalSettings {
  readonly pin?: string | undefined;
  readonly childAccount?: string | undefined;
  readonly timeoutMs?: number | undefined;
  readonly signal?: AbortSignal | undefined;
  readonly includeTokenInfo?: boolean | undefined;
  /** Set by the caller so the push is approved quickly; typed as possibly missing like the rest. */
  readonly pollEveryMs?: number | undefined;
}

/** What the calls returned, for use-package.ts to print. */
export interface OptionalInputsReport {
  pushStatus: string;
  approvedBy: string | undefined;
  eventIdIsDigits: boolean;
  risky: boolean;
}

/** Calls three operations and waits for a push with every optional value possibly `undefined`. */
export async function useOptionalInputs(vip: VipClient, userId: string, settings: OptionalSettings): Promise<OptionalInputsReport> {
  const options: VipCallOptions = {
    signal: settings.signal,
    timeoutMs: settings.timeoutMs,
    onBehalfOfAccountId: settings.childAccount,
    requestId: undefined,
  };
  await vip.getUserInfo({ userId, includeTokenInfo: settings.includeTokenInfo, iaInfo: undefined }, options);

  // pushAuthData may be left out: the client sends it empty, which is all the contract asks for.
  const input: AuthenticateUserWithPushInput = { userId, pin: settings.pin, authContext: undefined };
  const push = await vip.authenticateUserWithPush(input, { signal: settings.signal, timeoutMs: settings.timeoutMs });
  let approvedBy: string | undefined;
  if (push.status === '6040') {
    // Narrowed by the status: a push that went out always has its transaction id.
    const transactionId: string = push.transactionId;
    const wait: PushWaitOptions = { intervalMs: settings.pollEveryMs, timeoutMs: settings.timeoutMs, signal: settings.signal };
    approvedBy = (await vip.waitForPush(transactionId, wait)).credentialId;
  }

  const risk = await vip.evaluateRisk({ UserId: userId, Ip: '198.51.100.7', UserAgent: 'Mozilla/5.0', IAAuthData: undefined }, options);
  // Every evaluation carries its EventId and the client always sets Risky: no undefined check needed.
  const eventId: string = risk.EventId;
  const risky: boolean = risk.Risky;
  return { pushStatus: push.status, approvedBy, eventIdIsDigits: /^\d+$/.test(eventId), risky };
}
