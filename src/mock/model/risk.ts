/**
 * Intelligent Authentication, made predictable: evaluateRisk calls a sign-in risky when the IP address is in
 * 203.0.113.0/24 (a documentation range) or the user agent mentions curl, and scores it from a hash of its inputs;
 * confirmRisk/denyRisk accept only the EventId of a risky evaluation of the same user.
 */
import { createHash, randomInt } from 'node:crypto';
import { failure, type Handler, type HandlerContext, type Outcome, success } from './outcome.js';
import { userKey } from './state.js';

/** Scores at or above this count as risky. */
const RISK_THRESHOLD = 70;
const RISKY_NETWORK_PREFIX = '203.0.113.';
const RISKY_AGENT = /curl/i;
const POLICY_VERSION = '1.0';

function newEventId(context: HandlerContext): string {
  let id: string;
  // Fifteen digits: well inside the 18-digit EventIdType, and never with a leading zero.
  do id = String(100_000_000_000_000 + randomInt(0, 2 ** 47));
  while (context.account.riskEvents.has(id));
  return id;
}

/** evaluateRisk: 6009 with `Risky` true (a result, not an error) or 0000 with a low score; the event is remembered. */
export const evaluateRisk: Handler<'evaluateRisk'> = (input, context) => {
  const riskyNetwork = input.Ip.startsWith(RISKY_NETWORK_PREFIX);
  const riskyAgent = RISKY_AGENT.test(input.UserAgent);
  const risky = riskyNetwork || riskyAgent;
  const digest = createHash('sha256').update(`${input.UserId}\u0000${input.Ip}\u0000${input.UserAgent}`).digest();
  const spread = digest.readUInt16BE(0);
  const RiskScore = risky ? 80 + (spread % 21) : spread % 30;
  const EventId = newEventId(context);
  context.account.riskEvents.set(EventId, { eventId: EventId, userId: input.UserId, risky });
  return success<'evaluateRisk'>(
    {
      Risky: risky,
      RiskScore,
      RiskThreshold: RISK_THRESHOLD,
      RiskReason: riskyNetwork ? 'Blocked IP' : riskyAgent ? 'Suspicious user agent' : undefined,
      PolicyVersion: POLICY_VERSION,
      EventId,
      KeyValuePairs: [
        { Key: 'device.tag', Value: digest.subarray(2, 10).toString('hex') },
        { Key: 'device.registered', Value: 'false' },
      ],
    },
    risky ? '6009' : '0000',
  );
};

/**
 * Feedback on an evaluated sign-in (confirmRisk: it was suspicious; denyRisk: it was genuine). Both need the
 * EventId of a risky evaluation of the same user: 6023 when it is unknown or another user's, 6024 when not risky.
 */
function giveFeedback(input: { UserId: string; EventId: string }, context: HandlerContext): Outcome {
  const event = context.account.riskEvents.get(input.EventId);
  if (event === undefined || userKey(event.userId) !== userKey(input.UserId)) return failure('6023');
  if (!event.risky) return failure('6024');
  return success();
}

/** confirmRisk: see {@link giveFeedback}. */
export const confirmRisk: Handler<'confirmRisk'> = giveFeedback;

/** denyRisk: see {@link giveFeedback}. */
export const denyRisk: Handler<'denyRisk'> = giveFeedback;
