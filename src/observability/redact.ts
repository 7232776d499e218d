/**
 * Masks secrets in SOAP bodies before they reach a logger or hook. Which elements are secret comes from the
 * contracts (`sdk:secret` on OTP, PIN, temporary password and gateway password types), via the operation plans.
 */
import type { OperationPlan, TypePlan } from '../generated/operations.js';

/** What replaces a secret value. */
export const REDACTED = '[REDACTED]';

function secretNames(type: TypePlan, names: Set<string>, seen: Set<TypePlan>): Set<string> {
  if (seen.has(type)) return names;
  seen.add(type);
  for (const field of type.fields) {
    if (field.secret) names.add(field.name);
    if (field.type !== undefined) secretNames(field.type, names, seen);
  }
  return names;
}

const patterns = new WeakMap<OperationPlan, RegExp | null>();

function patternFor(operation: OperationPlan): RegExp | null {
  let pattern = patterns.get(operation);
  if (pattern === undefined) {
    const names = new Set<string>();
    secretNames(operation.request, names, new Set());
    secretNames(operation.response, names, new Set());
    pattern =
      names.size === 0
        ? null
        : new RegExp(
            `(<(?:[A-Za-z_][\\w.-]*:)?(?:${[...names].join('|')})(?:\\s[^>]*)?>)(?:[^<]|<!\\[CDATA\\[[\\s\\S]*?\\]\\]>)*(?=</)`,
            'g',
          );
    patterns.set(operation, pattern);
  }
  return pattern;
}

/** Returns `xml` with the text of every secret element of `operation` replaced by `[REDACTED]`. */
export function redactXml(operation: OperationPlan, xml: string): string {
  const pattern = patternFor(operation);
  return pattern === null ? xml : xml.replace(pattern, `$1${REDACTED}`);
}
