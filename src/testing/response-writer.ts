/**
 * Serialises plain values into the children of a VIP response element, in the order and with the value kinds of
 * the operation's generated response plan: the mirror image of the client's response reader, for canned answers.
 */
import type { FieldPlan, TypePlan } from '../core/plan.js';
import { escapeForXml } from './xml-escape.js';

/**
 * Writes `values` as the child elements of `type`, in schema order. Absent (`undefined`) fields are left out.
 * @param path Where `values` sits in the response, for error messages (e.g. `credentialBindingDetail[0].`).
 * @throws {TypeError} for a key the type does not have, or a value whose shape does not fit its field (an object
 * where text is expected, a single value for a repeated field, an invalid Date, a non-finite number...).
 */
export function writeResponseElements(type: TypePlan, values: Readonly<Record<string, unknown>>, path: string): string {
  const known = new Set(type.fields.map((field) => field.name));
  for (const key of Object.keys(values)) {
    if (!known.has(key)) throw new TypeError(`${path}${key} is not a field of ${type.name}`);
  }
  let xml = '';
  for (const field of type.fields) {
    const value = values[field.name];
    if (value === undefined) continue;
    const at = path + field.name;
    if (field.maxOccurs > 1) {
      if (!Array.isArray(value)) throw new TypeError(`${at} is a repeated element: give an array`);
      value.forEach((item: unknown, index) => {
        xml += writeElement(field, item, `${at}[${index}]`);
      });
    } else {
      if (Array.isArray(value)) throw new TypeError(`${at} occurs once: give a single value, not an array`);
      xml += writeElement(field, value, at);
    }
  }
  return xml;
}

function writeElement(field: FieldPlan, value: unknown, at: string): string {
  const name = field.name;
  if (field.kind === 'complex') {
    if (!isRecord(value)) throw new TypeError(`${at} must be an object`);
    return `<${name}>${writeResponseElements(field.type as TypePlan, value, `${at}.`)}</${name}>`;
  }
  if (field.kind === 'attributed') {
    // Attributed text (TokenId) is `{ value, type? }`, the shape the client reads it into.
    if (!isRecord(value)) throw new TypeError(`${at} must be an object like { value, ${field.attribute ?? 'attribute'} }`);
    const attributeName = field.attribute as string;
    const attribute = value[attributeName];
    const attributeXml =
      attribute === undefined ? '' : ` ${attributeName}="${escapeForXml(String(attribute), at).replaceAll('"', '&quot;')}"`;
    return `<${name}${attributeXml}>${escapeForXml(textOf(value.value, at), at)}</${name}>`;
  }
  return `<${name}>${escapeForXml(scalarText(field, value, at), at)}</${name}>`;
}

function scalarText(field: FieldPlan, value: unknown, at: string): string {
  switch (field.kind) {
    case 'boolean':
      if (typeof value !== 'boolean') throw new TypeError(`${at} must be a boolean`);
      return String(value);
    case 'int':
    case 'double':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw new TypeError(`${at} must be a finite number`);
      if (field.kind === 'int' && !Number.isInteger(value)) throw new TypeError(`${at} must be an integer`);
      return String(value);
    case 'dateTime':
      if (value instanceof Date) {
        if (Number.isNaN(value.getTime())) throw new TypeError(`${at} is an invalid Date`);
        return value.toISOString();
      }
      // A string is written as given, so a test can send an offset or a malformed date on purpose.
      return textOf(value, at);
    default:
      return textOf(value, at);
  }
}

function textOf(value: unknown, at: string): string {
  if (typeof value !== 'string') throw new TypeError(`${at} must be a string`);
  return value;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Date);
}
