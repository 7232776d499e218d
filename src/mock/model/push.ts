/**
 * Push authentication: authenticateUserWithPush (and the push branch of authenticateCredentials) open a
 * transaction whose fate is fixed when it is sent; pollPushStatus answers 7001 for the configured number of polls,
 * then the outcome (7000 approve, 7002 deny, 7004 expire, or 7001 for ever with `never`).
 *
 * With the number-challenge policy on, each push also carries a two-digit number (returned on the 1.10 paths as
 * `numbersChallengeValue`) that the simulated phone must pick (`answerChallenge`): until it does, the polls say
 * 7001 with detail 7140 and an approval waits; the right number lets the outcome through, a wrong one ends the
 * push with 7002 and detail 7141. VIP documents 7140/7141 as transaction detail codes without the status they come
 * with; 7001 (still waiting) and 7002 (not approved) are the mock's choice.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { CredentialDefinition, KeyValuePair, PushAuthData, PushDetail, PushTransactionStatus } from '../../generated/types.js';
import { detailMessageOf, statusMessageOf } from '../status-text.js';
import type { PushOutcome } from '../types.js';
import { isPushCapable } from './credential-kinds.js';
import { failure, type Handler, type HandlerContext, type Outcome, success } from './outcome.js';
import { enabledBindings, type PushTransaction } from './state.js';
import { isWrongPin, recordFailure } from './user-verification.js';

const FINAL_STATUS: Readonly<Record<Exclude<PushOutcome, 'never'>, string>> = { approve: '7000', deny: '7002', expire: '7004' };
const IN_PROGRESS = '7001';
const NOT_FOUND = '7005';
const NUMBER_CHALLENGE_PENDING = '7140';
const NUMBER_CHALLENGE_FAILED = '7141';

/** What a push-sending operation answers: 6040 with the transaction, or a failure. */
type PushSent = Outcome<'authenticateUserWithPush'> & Outcome<'authenticateCredentials'>;

function wantsDeviceInfo(pushAuthData: PushAuthData): boolean {
  return (pushAuthData.requestParameters ?? []).some(({ Key, Value }) => Key === 'includeDeviceInfo' && Value.toLowerCase() === 'true');
}

function newTransactionId(context: HandlerContext): string {
  let id: string;
  do id = randomBytes(8).toString('hex');
  while (context.account.pushes.has(id));
  return id;
}

/**
 * Sends a push to the push-capable credentials among `credentials` (answering `noneStatus` when there is none)
 * and records the transaction with the outcome configured right now.
 */
export function sendPush(
  credentials: readonly CredentialDefinition[],
  userId: string | undefined,
  pushAuthData: PushAuthData,
  context: HandlerContext,
  noneStatus: string,
): PushSent {
  const capable = credentials.filter(({ credentialType, credentialId }) => isPushCapable(credentialType, credentialId));
  const first = capable[0];
  if (first === undefined) return failure(noneStatus);
  const transactionId = newTransactionId(context);
  const transaction: PushTransaction = {
    transactionId,
    userId,
    credentialId: first.credentialId,
    credentialType: first.credentialType,
    outcome: context.settings.pushOutcome,
    pendingPolls: context.settings.pendingPolls,
    includeDeviceInfo: wantsDeviceInfo(pushAuthData),
    decidedAt: undefined,
    numberChallenge: context.settings.numberChallenge ? { value: String(randomInt(10, 100)), answer: undefined } : undefined,
  };
  context.account.pushes.set(transactionId, transaction);
  const pushDetail: PushDetail[] = capable.map(({ credentialId }) => ({ pushCredentialId: credentialId, pushSent: true }));
  // Answers on older paths drop the number (their schema has no element for it): like VIP's policy, the challenge
  // still applies, and an application that cannot show the number cannot get the push approved.
  return success({ transactionId, pushDetail, numbersChallengeValue: transaction.numberChallenge?.value }, '6040');
}

/**
 * The simulated phone picks `number` for the push's number challenge.
 * @throws {Error} when the push has no number challenge, or it was answered already.
 */
export function answerChallenge(transaction: PushTransaction, number: string): void {
  const challenge = transaction.numberChallenge;
  if (challenge === undefined) {
    throw new Error(`Push ${transaction.transactionId} carries no number challenge: turn on push.numberChallenge before sending it`);
  }
  if (challenge.answer !== undefined) throw new Error(`The number challenge of push ${transaction.transactionId} was answered already`);
  if (typeof number !== 'string') throw new TypeError(`the number picked must be a string such as '42', got ${typeof number}`);
  challenge.answer = number === challenge.value ? 'right' : 'wrong';
}

/**
 * authenticateUserWithPush: 6040 with a transaction ID and one pushDetail per push-capable credential. 6003
 * unknown user, 601B not ACTIVE, 6009 wrong PIN, 6008 no enabled credential at all, 6041 none that accepts pushes.
 */
export const authenticateUserWithPush: Handler<'authenticateUserWithPush'> = (input, context) => {
  const user = context.account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status !== 'ACTIVE') return failure('601B');
  if (isWrongPin(user, input.pin)) {
    recordFailure(user, context);
    return failure('6009');
  }
  const bindings = enabledBindings(user);
  if (bindings.length === 0) return failure('6008');
  // The element is always there (the request check refuses a request without it); the SDK's input type lets
  // callers leave it out because the client then sends it empty.
  return sendPush(bindings, user.userId, input.pushAuthData ?? {}, context, '6041');
};

/** The device facts an approved push reports when `includeDeviceInfo` was asked for. */
function deviceInfoOf(credentialId: string): KeyValuePair[] {
  const android = credentialId.startsWith('VSMT');
  return [
    { Key: 'os', Value: android ? 'Android' : 'iOS' },
    { Key: 'osVersion', Value: android ? '14' : '17.4' },
    { Key: 'vipAccessVersion', Value: '4.2.5' },
    { Key: 'rootDetected', Value: 'false' },
  ];
}

/** A status with its message, and the detail code with its message when there is one. */
function statusOf(transactionId: string, status: string, detail?: string): PushTransactionStatus {
  const reported: PushTransactionStatus = { transactionId, status, statusMessage: statusMessageOf(status) };
  return detail === undefined ? reported : { ...reported, detail, detailMessage: detailMessageOf(detail) };
}

/** Advances a transaction by one poll and reports its status. */
function pollOnce(transaction: PushTransaction, context: HandlerContext): PushTransactionStatus {
  const { transactionId } = transaction;
  const challenge = transaction.numberChallenge;
  // A wrong number ends the push at once, whatever it was set to do.
  if (challenge?.answer === 'wrong') return decided(transaction, 'deny', context, NUMBER_CHALLENGE_FAILED);
  const awaitingNumber = challenge !== undefined && challenge.answer === undefined;
  if (transaction.pendingPolls > 0 || transaction.outcome === 'never' || (awaitingNumber && transaction.outcome === 'approve')) {
    transaction.pendingPolls = Math.max(0, transaction.pendingPolls - 1);
    return statusOf(transactionId, IN_PROGRESS, awaitingNumber ? NUMBER_CHALLENGE_PENDING : undefined);
  }
  if (transaction.outcome === 'expire') return statusOf(transactionId, FINAL_STATUS.expire);
  return decided(transaction, transaction.outcome, context);
}

/** The final status of an approved or refused push, with who answered and when. */
function decided(
  transaction: PushTransaction,
  outcome: 'approve' | 'deny',
  context: HandlerContext,
  detail?: string,
): PushTransactionStatus {
  if (transaction.decidedAt === undefined) {
    transaction.decidedAt = context.now;
    if (outcome === 'approve') stampApproval(transaction, context);
  }
  return {
    ...statusOf(transaction.transactionId, FINAL_STATUS[outcome], detail),
    authnTime: transaction.decidedAt,
    credentialId: transaction.credentialId,
    credentialType: transaction.credentialType,
    deviceInfo: outcome === 'approve' && transaction.includeDeviceInfo ? deviceInfoOf(transaction.credentialId) : undefined,
  };
}

/** An approved push counts as a successful sign-in of the user with that credential. */
function stampApproval(transaction: PushTransaction, context: HandlerContext): void {
  const user = transaction.userId === undefined ? undefined : context.account.user(transaction.userId);
  const binding = user?.bindings.get(transaction.credentialId);
  if (user === undefined || binding === undefined) return;
  user.failedAttempts = 0;
  binding.lastAuthnTime = context.now;
}

/** pollPushStatus: one transactionStatus per ID asked for (7005 for an unknown one); the call itself is 0000. */
export const pollPushStatus: Handler<'pollPushStatus'> = (input, context) => {
  const transactionStatus = input.transactionId.map((transactionId) => {
    const transaction = context.account.pushes.get(transactionId);
    return transaction === undefined
      ? { transactionId, status: NOT_FOUND, statusMessage: statusMessageOf(NOT_FOUND) }
      : pollOnce(transaction, context);
  });
  return success<'pollPushStatus'>({ transactionStatus });
};
