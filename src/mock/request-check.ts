/**
 * Schema validation of incoming requests. node-soap reads requests but does not validate them, so the mock checks
 * what it parsed against the operation's request plan (required fields, repetition, lengths, patterns,
 * enumerations, choices, value types) and answers 600B, as VIP does, when anything is off.
 */
import { apiVersionAtLeast } from '../core/api-version.js';
import type { FieldPlan, TypePlan } from '../core/plan.js';
import { CONTRACT_VERSION } from '../generated/operations.js';

/** A value whose text is not valid for its XSD type (say `yes` for a boolean); node-soap hands it over as is. */
export class InvalidLexicalValue {
  constructor(readonly xsdType: string) {}
}

const BOOLEAN_TEXT: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})?$/;
const INTEGER = /^[+-]?\d+$/;

/**
 * Strict readers for node-soap's `customDeserializer` option: node-soap's own coercion turns any text into a
 * boolean, date or number, which would hide schema violations.
 */
export const STRICT_DESERIALIZERS = {
  boolean: (text: string) => BOOLEAN_TEXT[text] ?? new InvalidLexicalValue('boolean'),
  // A dateTime without a zone is read as UTC, like the client does.
  dateTime: (text: string) =>
    DATE_TIME.test(text) && !Number.isNaN(Date.parse(text))
      ? new Date(/[Zz]|[+-]\d{2}:\d{2}$/.test(text) ? text : `${text}Z`)
      : new InvalidLexicalValue('dateTime'),
  int: (text: string) => (INTEGER.test(text) ? Number(text) : new InvalidLexicalValue('int')),
  integer: (text: string) => (INTEGER.test(text) ? Number(text) : new InvalidLexicalValue('integer')),
  double: (text: string) => (text.trim() !== '' && Number.isFinite(Number(text)) ? Number(text) : new InvalidLexicalValue('double')),
} satisfies Record<string, (text: string) => unknown>;

/**
 * The outcome of checking a request: its normalised values, or the first rule it breaks: a reason naming the
 * field and the rule (never the value), the element's name and, for facet failures, the facet.
 */
export type CheckResult = { ok: true; value: Record<string, unknown> } | { ok: false; reason: string; element?: string; facet?: string };

class SchemaViolation extends Error {
  constructor(
    reason: string,
    readonly element?: string,
    readonly facet?: string,
  ) {
    super(reason);
  }
}

// Keys node-soap adds for XML attributes (xsi:type and the like); they are not elements.
const ATTRIBUTE_KEYS = new Set(['attributes', '$attributes']);

function violation(reason: string, element?: string, facet?: string): never {
  throw new SchemaViolation(reason, element, facet);
}

function checkType(type: TypePlan, raw: unknown, path: string, apiVersion: string): Record<string, unknown> {
  // An empty element (<pushAuthData/>) arrives as null.
  if (raw === null || raw === undefined || raw === '') raw = {};
  if (typeof raw !== 'object' || Array.isArray(raw) || raw instanceof Date || raw instanceof InvalidLexicalValue) {
    violation(`${path || 'the request'} must contain elements`);
  }
  const values = raw as Record<string, unknown>;
  const known = new Set(type.fields.map((field) => field.name));
  for (const key of Object.keys(values)) {
    if (!known.has(key) && !ATTRIBUTE_KEYS.has(key)) violation(`${path}${key} is not an element of ${type.name}`);
  }
  const out: Record<string, unknown> = {};
  for (const field of type.fields) {
    const at = path + field.name;
    const value = values[field.name];
    if (value === undefined) {
      if (field.required) violation(`${at} is required`);
      continue;
    }
    // Each version's schema knows only its own elements: a later version's element is as unknown as any other.
    if (field.since !== undefined && !apiVersionAtLeast(apiVersion, field.since)) {
      violation(`${at} is not an element of ${type.name} in API ${apiVersion} (it is new in ${field.since})`);
    }
    if (field.maxOccurs > 1) {
      const items = Array.isArray(value) ? value : [value];
      if (items.length > field.maxOccurs) violation(`${at} occurs ${items.length} times, at most ${field.maxOccurs} allowed`);
      out[field.name] = items.map((item, index) => checkValue(field, item, `${at}[${index}]`, apiVersion));
    } else {
      if (Array.isArray(value)) violation(`${at} occurs ${value.length} times, at most once allowed`);
      out[field.name] = checkValue(field, value, at, apiVersion);
    }
  }
  for (const choice of type.choices) {
    const present = choice.members.filter((member) => out[member] !== undefined).length;
    if (present > 1 || (choice.required && present === 0)) {
      violation(`${choice.required ? 'exactly' : 'at most'} one of ${choice.members.map((m) => path + m).join(', ')} is allowed`);
    }
  }
  return out;
}

function checkValue(field: FieldPlan, raw: unknown, at: string, apiVersion: string): unknown {
  if (raw instanceof InvalidLexicalValue) violation(`${at} is not a valid ${raw.xsdType}`);
  switch (field.kind) {
    case 'complex':
      return checkType(field.type as TypePlan, raw, `${at}.`, apiVersion);
    case 'boolean':
      if (typeof raw !== 'boolean') violation(`${at} must be a boolean`);
      return raw;
    case 'int':
    case 'double':
      if (typeof raw !== 'number' || !Number.isFinite(raw)) violation(`${at} must be a number`);
      checkRange(field, raw, at);
      return raw;
    case 'dateTime':
      if (!(raw instanceof Date) || Number.isNaN(raw.getTime())) violation(`${at} must be an xs:dateTime`);
      return raw;
    default: {
      const text = raw === null ? '' : raw;
      if (typeof text !== 'string') violation(`${at} must be text`);
      checkFacets(field, text, at);
      return text;
    }
  }
}

function checkRange(field: FieldPlan, value: number, at: string): void {
  const f = field.facets;
  if (f?.minInclusive !== undefined && value < f.minInclusive) violation(`${at} is below ${f.minInclusive}`);
  if (f?.maxInclusive !== undefined && value > f.maxInclusive) violation(`${at} is above ${f.maxInclusive}`);
}

function checkFacets(field: FieldPlan, text: string, at: string): void {
  const f = field.facets;
  if (f === undefined) return;
  // XSD counts characters (code points), not UTF-16 units.
  const length = [...text].length;
  const name = field.name;
  if (f.length !== undefined && length !== f.length) violation(`${at} must be exactly ${f.length} characters`, name, 'length');
  if (f.minLength !== undefined && length < f.minLength) violation(`${at} is shorter than ${f.minLength} characters`, name, 'minLength');
  if (f.maxLength !== undefined && length > f.maxLength) violation(`${at} is longer than ${f.maxLength} characters`, name, 'maxLength');
  if (f.pattern !== undefined && !f.pattern.test(text)) violation(`${at} does not match ${f.patternSource}`, name, 'pattern');
  if (f.enumeration !== undefined && !f.enumeration.includes(text))
    violation(`${at} must be one of ${f.enumeration.join(', ')}`, name, 'enumeration');
}

/**
 * Checks a request as node-soap parsed it against the operation's request plan, as the schema of `apiVersion` (by
 * default the baseline, 1.8) has it. Repeated elements come back as arrays, empty elements as empty strings or objects. Failure reasons name the
 * field and the rule, never the value.
 */
export function checkRequest(plan: TypePlan, args: unknown, apiVersion: string = CONTRACT_VERSION): CheckResult {
  try {
    return { ok: true, value: checkType(plan, args, '', apiVersion) };
  } catch (error) {
    if (error instanceof SchemaViolation) return { ok: false, reason: error.message, element: error.element, facet: error.facet };
    throw error;
  }
}
