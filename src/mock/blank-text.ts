/**
 * Puts back text values that are whitespace alone. xs:string keeps whitespace, so `"   "` is a valid user ID, and
 * node-soap keeps whitespace around other text (the mock turns its preserveWhitespace on). But node-soap drops a
 * text node made of whitespace alone unless the element's type is literally xs:string: it does not recognise a
 * restriction of xs:string (UserIdType, and most VIP types) as a string. Such a value would reach the schema check
 * as empty and fail with 600B. The request element as the mock's own reader saw it still holds the text, so it is
 * taken from there.
 */
import type { TypePlan } from '../core/plan.js';
import type { XmlElement } from '../xml/xml-parser.js';

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}

function restore(plan: TypePlan, values: Record<string, unknown>, element: XmlElement): Record<string, unknown> {
  const out = { ...values };
  for (const field of plan.fields) {
    if (field.kind !== 'string' && field.kind !== 'complex') continue;
    const nodes = element.children.filter((child) => child.local === field.name);
    const value = out[field.name];
    const items = Array.isArray(value) ? value : [value];
    // When the two readings disagree on the elements, the schema check reports the request as node-soap read it.
    if (nodes.length === 0 || items.length !== nodes.length) continue;
    const restored = items.map((item, index) => {
      const node = nodes[index] as XmlElement;
      if (field.kind === 'complex') return isRecord(item) && field.type !== undefined ? restore(field.type, item, node) : item;
      return (item === null || item === '') && node.children.length === 0 ? node.text : item;
    });
    out[field.name] = Array.isArray(value) ? restored : restored[0];
  }
  return out;
}

/**
 * `args` (a request as node-soap parsed it, for the type `plan`) with every text value that node-soap dropped for
 * being whitespace alone taken from `element`, the same request element as the mock's own XML reader saw it.
 */
export function restoreBlankText(plan: TypePlan, args: unknown, element: XmlElement): unknown {
  return isRecord(args) ? restore(plan, args, element) : args;
}
