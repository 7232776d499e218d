/**
 * Push authentication: authenticateUserWithPush (and the push branch of authenticateCredentials) open a
 * transaction whose fate is fixed when it is sent; pollPushStatus answers 7001 for the configured number of polls,
 * then the outcome (7000 approve, 7002 deny, 7004 expire, or 7001 for ever with `never`).
 */
import { randomBytes } from 'node:crypto';
import type { CredentialDefinition, KeyValuePair, PushAuthData, PushDetail, PushTransactionStatus } from '../../generated/types.js';
import { statusMessageOf } from '../status-text.js';
import type { PushOutcome } from '../types.js';
import { isPushCapable } from './credential-kinds.js';
import { failure, type Handler, type HandlerContext, type Outcome, success } from './outcome.js';
import type { PushTransaction } from './state.js';
import { isWrongPin, recordFailure } from './user-verification.js';

const FINAL_STATUS: Readonly<Record<Exclude<PushOutcome, 'never'>, string>> = { approve: '7000', deny: '7002', expire: '7004' };
const IN_PROGRESS = '7001';
const NOT_FOUND = '7005';

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
  };
  context.account.pushes.set(transactionId, transaction);
  const pushDetail: PushDetail[] = capable.map(({ credentialId }) => ({ pushCredentialId: credentialId, pushSent: true }));
  return success({ transactionId, pushDetail }, '6040');
}

/**
 * authenticateUserWithPush: 6040 with a transaction ID and one pushDetail per push-capable credential. 6003
 * unknown user, 601B not ACTIVE, 6009 wrong PIN, 6008 no credential at all, 6041 none that accepts pushes.
 */
export const authenticateUserWithPush: Handler<'authenticateUserWithPush'> = (input, context) => {
  const user = context.account.user(input.userId);
  if (user === undefined) return failure('6003');
  if (user.status !== 'ACTIVE') return failure('601B');
  if (isWrongPin(user, input.pin)) {
    recordFailure(user, context);
    return failure('6009');
  }
  if (user.bindings.size === 0) return failure('6008');
  // The element is always there (the request check refuses a request without it); the SDK's input type lets
  // callers leave it out because the client then sends it empty.
  return sendPush([...user.bindings.values()], user.userId, input.pushAuthData ?? {}, context, '6041');
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

/** Advances a transaction by one poll and reports its status. */
function pollOnce(transaction: PushTransaction, context: HandlerContext): PushTransactionStatus {
  const { transactionId } = transaction;
  if (transaction.pendingPolls > 0 || transaction.outcome === 'never') {
    transaction.pendingPolls = Math.max(0, transaction.pendingPolls - 1);
    return { transactionId, status: IN_PROGRESS, statusMessage: statusMessageOf(IN_PROGRESS) };
  }
  const status = FINAL_STATUS[transaction.outcome];
  if (transaction.outcome === 'expire') return { transactionId, status, statusMessage: statusMessageOf(status) };
  if (transaction.decidedAt === undefined) {
    transaction.decidedAt = context.now;
    if (transaction.outcome === 'approve') stampApproval(transaction, context);
  }
  return {
    transactionId,
    status,
    statusMessage: statusMessageOf(status),
    authnTime: transaction.decidedAt,
    credentialId: transaction.credentialId,
    credentialType: transaction.credentialType,
    deviceInfo: transaction.outcome === 'approve' && transaction.includeDeviceInfo ? deviceInfoOf(transaction.credentialId) : undefined,
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
