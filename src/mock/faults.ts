/** Fault injection rules of the mock: which request gets which outage or which VIP status, and how many times. */
import { OPERATIONS, type OperationName } from '../generated/operations.js';
import type { StatusFields } from './dispatch.js';
import type { FaultKind, FaultRule, StatusRule } from './types.js';

const FAULT_KINDS: ReadonlySet<string> = new Set<FaultKind>(['latency', 'http503', 'status6005', 'malformedXml', 'reset', 'hang']);

// hexBinary of two bytes, as VIP's status and detail codes are; either case is valid hexBinary.
const FOUR_HEX_DIGITS = /^[0-9A-Fa-f]{4}$/;

/** The faults that disturb the exchange itself rather than answer with a status. */
export type ExchangeFault = 'http503' | 'malformedXml' | 'reset' | 'hang';

/** What replaces the normal answer: a disturbed exchange, or a response with a chosen status. */
export type FaultEffect = { fault: ExchangeFault } | { fault: 'status'; answer: StatusFields };

/** What to do with one request: wait `delayMs` first, then apply `effect` (or answer normally). */
export interface FaultPlan {
  delayMs: number;
  effect: FaultEffect | undefined;
}

interface ActiveRule {
  operation: OperationName | undefined;
  remaining: number;
  /** Latency adds up over rules; every other effect is decided by the first matching rule. */
  latencyMs: number;
  effect: FaultEffect | undefined;
}

function checkCode(value: unknown, name: string): string {
  if (typeof value !== 'string' || !FOUR_HEX_DIGITS.test(value)) {
    throw new TypeError(`${name} must be four hexadecimal digits like '600F', got ${JSON.stringify(value)}`);
  }
  return value;
}

function checkMessage(value: unknown, name: string): void {
  if (value !== undefined && typeof value !== 'string') throw new TypeError(`${name} must be a string, got ${typeof value}`);
}

function checkStatusRule(rule: StatusRule): StatusFields {
  checkMessage(rule.statusMessage, 'statusMessage');
  checkMessage(rule.detailMessage, 'detailMessage');
  return {
    status: checkCode(rule.status, 'status'),
    statusMessage: rule.statusMessage,
    detail: rule.detail === undefined ? undefined : checkCode(rule.detail, 'detail'),
    detailMessage: rule.detailMessage,
  };
}

function checkEffect(rule: FaultRule): Pick<ActiveRule, 'latencyMs' | 'effect'> {
  const hasFault = rule.fault !== undefined;
  const hasStatus = rule.status !== undefined;
  if (hasFault === hasStatus) {
    throw new TypeError(`a rule names either a fault or a status, ${hasFault ? 'not both' : 'got neither'}`);
  }
  if (hasStatus) return { latencyMs: 0, effect: { fault: 'status', answer: checkStatusRule(rule as StatusRule) } };
  const { fault } = rule;
  if (!FAULT_KINDS.has(fault as string))
    throw new TypeError(`Unknown fault ${JSON.stringify(fault)}; use one of ${[...FAULT_KINDS].join(', ')}`);
  switch (fault) {
    case 'latency': {
      const { latencyMs } = rule;
      if (typeof latencyMs !== 'number' || !Number.isFinite(latencyMs) || latencyMs < 0) {
        throw new TypeError(`a latency fault needs latencyMs >= 0, got ${String(latencyMs)}`);
      }
      return { latencyMs, effect: undefined };
    }
    // Kept as a fault kind for compatibility; it is simply the most common injected status.
    case 'status6005':
      return { latencyMs: 0, effect: { fault: 'status', answer: { status: '6005' } } };
    default:
      return { latencyMs: 0, effect: { fault: fault as ExchangeFault } };
  }
}

function checkRule(rule: FaultRule): ActiveRule {
  if (typeof rule !== 'object' || rule === null) throw new TypeError('inject() takes a rule object');
  if (rule.operation !== undefined && !Object.hasOwn(OPERATIONS, rule.operation)) {
    throw new TypeError(`Unknown operation ${JSON.stringify(rule.operation)}`);
  }
  const times = rule.times ?? Number.POSITIVE_INFINITY;
  if (times !== Number.POSITIVE_INFINITY && (!Number.isInteger(times) || times < 1)) {
    throw new TypeError(`times must be a whole number of at least 1, got ${String(rule.times)}`);
  }
  const checked = { operation: rule.operation, remaining: times, ...checkEffect(rule) };
  if (checked.effect?.fault === 'status') refuseMadeUpSuccess(checked.effect.answer.status, rule.operation);
  return checked;
}

const BASE_RESPONSE_FIELDS: ReadonlySet<string> = new Set(['requestId', 'status', 'statusMessage', 'detail', 'detailMessage']);

/**
 * A success that VIP always sends with data (a push's 6040 with its transaction ID) cannot be answered by a status
 * rule, which has no data to send: the client would rightly refuse the answer. The model answers those.
 */
function refuseMadeUpSuccess(status: string, operation: OperationName | undefined): void {
  const operations = operation === undefined ? (Object.keys(OPERATIONS) as OperationName[]) : [operation];
  for (const name of operations) {
    const fields = (OPERATIONS[name].presentOnSuccess[status.toUpperCase()] ?? []).filter((field) => !BASE_RESPONSE_FIELDS.has(field));
    if (fields.length > 0) {
      throw new TypeError(
        `${name} answers ${status} with ${fields.join(', ')}, which a status rule cannot make up; let the mock's model answer it`,
      );
    }
  }
}

/** The fault rules of one mock server. */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  /**
   * Adds a rule and returns its remover.
   * @throws {TypeError} as `MockServer.inject` describes.
   */
  add(rule: FaultRule): () => void {
    const active = checkRule(rule);
    this.#rules.push(active);
    return () => {
      this.#rules = this.#rules.filter((candidate) => candidate !== active);
    };
  }

  /** Removes every rule. */
  clear(): void {
    this.#rules = [];
  }

  /**
   * Decides the fate of one request to `operation`, using up one of the `times` of each rule that applies:
   * every matching latency rule adds its delay, and the first other matching rule decides the effect.
   */
  plan(operation: OperationName): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, effect: undefined };
    for (const rule of this.#rules) {
      if (rule.remaining <= 0 || (rule.operation !== undefined && rule.operation !== operation)) continue;
      if (rule.effect !== undefined && plan.effect !== undefined) continue;
      rule.remaining--;
      plan.delayMs += rule.latencyMs;
      plan.effect ??= rule.effect;
    }
    this.#rules = this.#rules.filter((rule) => rule.remaining > 0);
    return plan;
  }
}

/**
 * Checks a rule without adding it anywhere, so that the `vip-mock` command can refuse a bad `--status` before
 * it starts the server.
 * @throws {TypeError} as `MockServer.inject` describes.
 */
export function checkFaultRule(rule: FaultRule): void {
  checkRule(rule);
}
