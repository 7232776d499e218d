/** Fault injection rules of the mock: which request gets which outage, and how many times. */
import { OPERATIONS, type OperationName } from '../generated/operations.js';
import type { FaultKind, FaultRule } from './types.js';

const FAULT_KINDS: ReadonlySet<string> = new Set<FaultKind>(['latency', 'http503', 'status6005', 'malformedXml', 'reset', 'hang']);

/** The faults that replace the normal answer (latency only delays it). */
export type DisruptiveFault = Exclude<FaultKind, 'latency'>;

/** What to do with one request: wait `delayMs` first, then apply `fault` (or answer normally). */
export interface FaultPlan {
  delayMs: number;
  fault: DisruptiveFault | undefined;
}

interface ActiveRule {
  operation: OperationName | undefined;
  fault: FaultKind;
  remaining: number;
  latencyMs: number;
}

function checkRule(rule: FaultRule): ActiveRule {
  if (typeof rule !== 'object' || rule === null) throw new TypeError('inject() takes a rule object');
  if (!FAULT_KINDS.has(rule.fault))
    throw new TypeError(`Unknown fault ${JSON.stringify(rule.fault)}; use one of ${[...FAULT_KINDS].join(', ')}`);
  if (rule.operation !== undefined && !Object.hasOwn(OPERATIONS, rule.operation)) {
    throw new TypeError(`Unknown operation ${JSON.stringify(rule.operation)}`);
  }
  const times = rule.times ?? Number.POSITIVE_INFINITY;
  if (times !== Number.POSITIVE_INFINITY && (!Number.isInteger(times) || times < 1)) {
    throw new TypeError(`times must be a whole number of at least 1, got ${String(rule.times)}`);
  }
  let latencyMs = 0;
  if (rule.fault === 'latency') {
    if (typeof rule.latencyMs !== 'number' || !Number.isFinite(rule.latencyMs) || rule.latencyMs < 0) {
      throw new TypeError(`a latency fault needs latencyMs >= 0, got ${String(rule.latencyMs)}`);
    }
    latencyMs = rule.latencyMs;
  }
  return { operation: rule.operation, fault: rule.fault, remaining: times, latencyMs };
}

/** The fault rules of one mock server. */
export class FaultInjector {
  #rules: ActiveRule[] = [];

  /**
   * Adds a rule and returns its remover.
   * @throws {TypeError} for an unknown operation or fault, a bad `times`, or `latency` without `latencyMs`.
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
   * every matching latency rule adds its delay, and the first other matching rule decides the fault.
   */
  plan(operation: OperationName): FaultPlan {
    const plan: FaultPlan = { delayMs: 0, fault: undefined };
    for (const rule of this.#rules) {
      if (rule.remaining <= 0 || (rule.operation !== undefined && rule.operation !== operation)) continue;
      if (rule.fault !== 'latency' && plan.fault !== undefined) continue;
      rule.remaining--;
      if (rule.fault === 'latency') plan.delayMs += rule.latencyMs;
      else plan.fault = rule.fault;
    }
    this.#rules = this.#rules.filter((rule) => rule.remaining > 0);
    return plan;
  }
}
