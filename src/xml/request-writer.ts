/**
 * Writes a request envelope from an operation plan, validating every value on the way: one pass over the input,
 * driven by the precomputed plan, and a `VipValidationError` naming the field before anything is sent.
 */
import { types } from 'node:util';
import { VipValidationError } from '../errors/request-errors.js';
import { VipError } from '../errors/vip-error.js';
import { apiVersionAtLeast } from '../core/api-version.js';
import type { FieldPlan, OperationPlan, TypePlan } from '../core/plan.js';
import { VIP_NAMESPACE } from '../generated/operations.js';
import { escapeXmlText } from './xml-text.js';

const ENVELOPE_OPEN = `<?xml version="1.0" encoding="UTF-8"?><soapenv:Envelope xmlns:soapenv="http://schemas.xmlsoap.org/soap/envelope/" xmlns:vip="${VIP_NAMESPACE}"><soapenv:Body>`;
const ENVELOPE_CLOSE = '</soapenv:Body></soapenv:Envelope>';
const SURROGATE = /[\uD800-\uDFFF]/;
const toIsoString = Date.prototype.toISOString;
const getTime = Date.prototype.getTime;

/** A finished request envelope, and the secret values it carries (so they can be scrubbed from what comes back). */
export interface WrittenRequest {
  xml: string;
  secrets: string[];
}

/** The fields every request carries that come from the call options rather than from the input. */
const BASE_REQUEST_FIELDS = ['requestId', 'onBehalfOfAccountId'] as const;

const fieldNames = new WeakMap<TypePlan, ReadonlySet<string>>();
function namesOf(type: TypePlan): ReadonlySet<string> {
  let names = fieldNames.get(type);
  // Stryker disable next-line ConditionalExpression: a cache; building the set again gives the same names
  if (names === undefined) {
    names = new Set(type.fields.map((f) => f.name));
    fieldNames.set(type, names);
  }
  return names;
}

/**
 * Reads one property of a user's object: own properties only, so a property polluted onto `Object.prototype`
 * elsewhere in the application can never become a request field.
 */
function own(values: object, key: string | number): unknown {
  return Object.hasOwn(values, key) ? (values as Record<string | number, unknown>)[key] : undefined;
}

/**
 * What stood where a required value belongs, for the message: a field the caller wrote but whose value was
 * `undefined` (an unset variable, `process.env.X`) or `null` is a different mistake from a field left out.
 */
function missing(container: object, key: string | number, value: null | undefined): string {
  if (value === null) return ' (got null)';
  if (Object.hasOwn(container, key)) return ' (got undefined)';
  return Array.isArray(container) ? ' (got an empty array slot)' : '';
}

class Writer {
  // Stryker disable next-line ArrayDeclaration: an extra value to scrub changes nothing unless a response repeats it
  readonly secrets: string[] = [];
  constructor(
    private readonly operation: string,
    private readonly apiVersion: string,
    public xml: string,
  ) {}

  fail(field: string, rule: string, message: string): never {
    throw new VipValidationError(field, rule, message, { operation: this.operation });
  }

  /**
   * Proxies are refused outright: their traps can answer differently on every read, so what was validated would
   * not be what is sent.
   */
  refuseProxy(value: object, at: string): void {
    if (types.isProxy(value)) this.fail(at, 'type', `${at} must be a plain object or array, not a Proxy`);
  }

  type(type: TypePlan, values: object, path: string): void {
    const names = namesOf(type);
    for (const key of Object.keys(values)) {
      if (!names.has(key)) this.fail(path + key, 'unknown', `${path}${key} is not a field of ${type.name}`);
    }
    for (const field of type.fields) {
      const value = own(values, field.name);
      const at = path + field.name;
      if (value === undefined || value === null) {
        // An empty element satisfies the contract here, so leaving the field out is not a mistake.
        if (field.emptyWhenOmitted) this.element(field, {}, at);
        else if (field.required) this.fail(at, 'required', `${at} is required${missing(values, field.name, value)}`);
        continue;
      }
      // An older VIP refuses the whole request (600B) for an element its schema lacks: say so before sending.
      if (field.since !== undefined && !apiVersionAtLeast(this.apiVersion, field.since)) {
        this.fail(at, 'version', `${at} needs apiVersion '${field.since}' (this client uses '${this.apiVersion}')`);
      }
      if (field.maxOccurs > 1) {
        if (!Array.isArray(value)) this.fail(at, 'type', `${at} must be an array`);
        this.refuseProxy(value, at);
        if (value.length > field.maxOccurs)
          this.fail(at, 'maxOccurs', `${at} takes at most ${field.maxOccurs} items (got ${value.length})`);
        if (field.required && value.length === 0) this.fail(at, 'required', `${at} needs at least one item`);
        for (let i = 0; i < value.length; i++) {
          const item = own(value, i);
          if (item === undefined || item === null)
            this.fail(`${at}[${i}]`, 'required', `${at}[${i}] is required${missing(value, i, item)}`);
          this.element(field, item, `${at}[${i}]`);
        }
      } else {
        if (Array.isArray(value)) this.fail(at, 'type', `${at} takes a single value, not an array`);
        this.element(field, value, at);
      }
    }
    for (const choice of type.choices) {
      let present = 0;
      for (const member of choice.members) {
        const value = own(values, member);
        if (value !== undefined && value !== null) present++;
      }
      if (present > 1 || (choice.required && present === 0)) {
        const list = choice.members.map((m) => path + m).join(', ');
        const rule = choice.required ? `exactly one of ${list} is required` : `at most one of ${list} may be given`;
        this.fail(list, 'choice', present > 1 ? `${rule} (got ${present})` : rule);
      }
    }
  }

  element(field: FieldPlan, value: unknown, at: string): void {
    const tag = `vip:${field.name}`;
    if (field.kind === 'complex') {
      if (typeof value !== 'object' || value === null || types.isDate(value) || Array.isArray(value)) {
        this.fail(at, 'type', `${at} must be an object`);
      }
      this.refuseProxy(value, at);
      this.xml += `<${tag}>`;
      this.type(field.type as TypePlan, value, `${at}.`);
      this.xml += `</${tag}>`;
      return;
    }
    const text = this.text(field, value, at);
    if (field.secret) this.secrets.push(value as string);
    this.xml += `<${tag}>${text}</${tag}>`;
  }

  /**
   * The text of a simple value. Requests carry strings, booleans and dates only (the generator refuses a contract
   * whose requests need another kind), so everything else is written as a string.
   */
  text(field: FieldPlan, value: unknown, at: string): string {
    switch (field.kind) {
      case 'boolean':
        if (typeof value !== 'boolean') this.fail(at, 'type', `${at} must be a boolean`);
        return value ? 'true' : 'false';
      case 'dateTime': {
        // The Date's own methods are not trusted: an object can override toISOString and return markup.
        if (!types.isDate(value)) this.fail(at, 'type', `${at} must be a Date`);
        if (Number.isNaN(getTime.call(value))) this.fail(at, 'type', `${at} must be a valid Date, not an Invalid Date`);
        const iso = toIsoString.call(value);
        const year = Number(iso.slice(0, iso.indexOf('-', 1)));
        if (iso.startsWith('-') || year < 1 || year > 9999) this.fail(at, 'range', `${at} must fall in the years 0001 to 9999`);
        return iso;
      }
      default: {
        if (typeof value !== 'string') this.fail(at, 'type', `${at} must be a string`);
        if (field.facets !== undefined) this.facets(field, value, at);
        const escaped = escapeXmlText(value);
        if (escaped === undefined) this.fail(at, 'xmlChar', `${at} contains a character that XML 1.0 cannot carry`);
        return escaped;
      }
    }
  }

  facets(field: FieldPlan, value: string, at: string): void {
    const f = field.facets as NonNullable<FieldPlan['facets']>;
    // XSD counts characters (code points), not UTF-16 units.
    const length = SURROGATE.test(value) ? [...value].length : value.length;
    if (f.length !== undefined && length !== f.length) {
      this.fail(at, 'length', `${at} must be exactly ${f.length} characters long (got ${length})`);
    }
    const range = `${f.minLength ?? 0} to ${f.maxLength ?? 'any number of'}`;
    if (f.minLength !== undefined && length < f.minLength) {
      this.fail(at, 'minLength', `${at} must be ${range} characters long (got ${length})`);
    }
    if (f.maxLength !== undefined && length > f.maxLength) {
      this.fail(at, 'maxLength', `${at} must be ${range} characters long (got ${length})`);
    }
    if (f.pattern !== undefined && !f.pattern.test(value)) {
      this.fail(at, 'pattern', `${at} must match the pattern ${f.patternSource}`);
    }
    if (f.enumeration !== undefined && !f.enumeration.includes(value)) {
      this.fail(at, 'enumeration', `${at} must be one of ${f.enumeration.join(', ')}`);
    }
  }
}

/**
 * Builds the SOAP envelope for one call. `input` holds the operation's own fields; the base fields come from
 * `base`, with the client's `apiVersion`, which decides whether fields added in a later version may be sent.
 * Throws `VipValidationError` for the first field that breaks the contract.
 */
export function writeRequest(
  operation: OperationPlan,
  input: object,
  base: { requestId: string; onBehalfOfAccountId?: string | undefined; apiVersion: string },
): WrittenRequest {
  const writer = new Writer(operation.name, base.apiVersion, `${ENVELOPE_OPEN}<vip:${operation.requestElement}>`);
  if (typeof input !== 'object' || input === null || Array.isArray(input)) writer.fail('input', 'type', 'the input must be an object');
  try {
    writer.refuseProxy(input, 'input');
    const values: Record<string, unknown> = {};
    for (const key of Object.keys(input)) {
      if ((BASE_REQUEST_FIELDS as readonly string[]).includes(key)) {
        writer.fail(key, 'unknown', `${key} is set through the call options, not the input`);
      }
      values[key] = own(input, key);
    }
    values.requestId = base.requestId;
    // Undefined is left out like any absent optional field.
    values.onBehalfOfAccountId = base.onBehalfOfAccountId;
    writer.type(operation.request, values, '');
  } catch (error) {
    if (error instanceof VipError) throw error;
    // A getter that throws, or an exotic object that refuses to be read: the input cannot be sent as it is. The
    // thrown value is not kept as the cause, since user code may have put the secret it was guarding into it.
    throw new VipValidationError('input', 'unreadable', 'the input could not be read (a property getter threw)', {
      operation: operation.name,
    });
  }
  return { xml: `${writer.xml}</vip:${operation.requestElement}>${ENVELOPE_CLOSE}`, secrets: writer.secrets };
}
