/**
 * Turns a response of the mock into the object node-soap serialises. node-soap writes an object's keys in their
 * own order and leaves dates empty, so every element is laid out here in the schema's sequence order with
 * XSD lexical forms, and TokenId's attribute is put where node-soap expects attributes.
 */
import { apiVersionAtLeast } from '../core/api-version.js';
import type { FieldPlan, TypePlan } from '../core/plan.js';

function lexical(field: FieldPlan, value: unknown, apiVersion: string): unknown {
  switch (field.kind) {
    case 'complex':
      return shapeResponse(field.type as TypePlan, value as Record<string, unknown>, apiVersion);
    case 'dateTime':
      return (value as Date).toISOString();
    case 'boolean':
      return value ? 'true' : 'false';
    case 'int':
    case 'double':
      return String(value);
    case 'attributed': {
      const { value: text, ...attributes } = value as { value: string } & Record<string, string>;
      return Object.keys(attributes).length === 0 ? text : { attributes, $value: text };
    }
    default:
      return value;
  }
}

/**
 * Lays out `values` in the order of `plan`, dropping undefined fields, fields the plan does not know, and fields
 * that `apiVersion` does not have yet (the model answers as the newest version; older paths never show its
 * additions). Repeated fields take arrays.
 */
export function shapeResponse(plan: TypePlan, values: Record<string, unknown>, apiVersion: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of plan.fields) {
    const value = values[field.name];
    if (value === undefined || (field.since !== undefined && !apiVersionAtLeast(apiVersion, field.since))) continue;
    out[field.name] =
      field.maxOccurs > 1 ? (value as unknown[]).map((item) => lexical(field, item, apiVersion)) : lexical(field, value, apiVersion);
  }
  return out;
}
