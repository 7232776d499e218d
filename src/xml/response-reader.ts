/**
 * Reads a SOAP response and turns the response element into a typed plain object, driven by the operation's
 * precomputed response plan: repeated elements become arrays, booleans, numbers and dates are coerced and checked,
 * status and detail codes become upper-case strings, unknown elements and elements of other namespaces are ignored.
 */
import type { CallContext } from '../errors/request-errors.js';
import { VipProtocolError, VipSoapFaultError } from '../errors/request-errors.js';
import type { FieldPlan, OperationPlan, TypePlan } from '../core/plan.js';
import { VIP_NAMESPACE } from '../generated/operations.js';
import { isSensitiveElement, REDACTED } from '../observability/redact.js';
import { parseXmlDateTime } from './date-time.js';
import { parseXml, type XmlElement, type XmlSyntaxError } from './xml-parser.js';

const SOAP_11 = 'http://schemas.xmlsoap.org/soap/envelope/';
const SOAP_12 = 'http://www.w3.org/2003/05/soap-envelope';
/** SOAP responses nest a few levels; anything far deeper is hostile. */
const MAX_DEPTH = 64;

const BOOLEANS: ReadonlyMap<string, boolean> = new Map([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false],
]);
const INTEGER = /^[+-]?\d{1,20}$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;
const INT_MIN = -2_147_483_648;
const INT_MAX = 2_147_483_647;

/** A response element's children, typed by the operation's output type. */
export type ResponseObject = Record<string, unknown>;

/** What a SOAP body held: the expected response element, or a Fault. */
export type SoapBody = { kind: 'response'; value: ResponseObject } | { kind: 'fault'; error: VipSoapFaultError };

/** XML whitespace only: JavaScript's trim would also remove U+00A0 and other characters XML keeps. */
function collapse(text: string): string {
  return text.replace(/^[ \t\n\r]+|[ \t\n\r]+$/g, '');
}

function isBlank(text: string): boolean {
  return /^[ \t\n\r]*$/.test(text);
}

/**
 * Sets an own property, even for names like `__proto__` that plain assignment would treat specially: for names that
 * come from the server (a Fault's detail), never for the plan's own field names.
 */
function define(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function join(path: string, name: string): string {
  return path === '' ? name : `${path}.${name}`;
}

/** The path of one value, for messages: `credentialBindingDetail[1].bindingDetail.lastBindTime`. */
function at(parent: string, field: FieldPlan, index: number): string {
  const path = join(parent, field.name);
  return index < 0 ? path : `${path}[${index}]`;
}

interface FieldEntry {
  field: FieldPlan;
  /** Found under another name the contract accepts (`sdk:alsoAccept`). */
  alias: boolean;
}

const fieldIndexes = new WeakMap<TypePlan, ReadonlyMap<string, FieldEntry>>();

/** The fields of `type` by element name, aliases included; built once per type. */
function fieldsByElementName(type: TypePlan): ReadonlyMap<string, FieldEntry> {
  let index = fieldIndexes.get(type);
  if (index === undefined) {
    const map = new Map<string, FieldEntry>();
    for (const field of type.fields) {
      map.set(field.name, { field, alias: false });
      for (const alias of field.aliases ?? []) if (!map.has(alias)) map.set(alias, { field, alias: true });
    }
    index = map;
    fieldIndexes.set(type, index);
  }
  return index;
}

class Reader {
  constructor(
    private readonly context: CallContext,
    private readonly httpStatus: number,
  ) {}

  fail(message: string, cause?: unknown): never {
    throw new VipProtocolError(message, { ...this.context, httpStatus: this.httpStatus, cause });
  }

  /**
   * Reads the children of `element` as the fields of `type`, in one pass over the children. Paths for messages are
   * only built when something fails.
   */
  type(type: TypePlan, element: XmlElement, path: string): ResponseObject {
    const out: ResponseObject = {};
    if (!isBlank(element.text)) this.fail(`${path === '' ? element.local : path} should contain elements, not text`);
    const fields = fieldsByElementName(type);
    let viaAlias: Set<string> | undefined;
    for (const child of element.children) {
      // Only VIP's namespace carries VIP's fields; an element of another namespace with the same name is not ours.
      if (child.namespace !== VIP_NAMESPACE) continue;
      const entry = fields.get(child.local);
      if (entry === undefined) continue;
      const { field, alias } = entry;
      // Plan field names are ours (never `__proto__`), so plain assignment is safe here, and much faster.
      if (field.maxOccurs > 1) {
        let list = out[field.name] as unknown[] | undefined;
        if (list === undefined) {
          list = [];
          out[field.name] = list;
        }
        if (list.length >= field.maxOccurs) this.tooMany(element, child, join(path, field.name), field.maxOccurs);
        list.push(this.value(field, child, path, list.length));
        continue;
      }
      const seen = Object.hasOwn(out, field.name);
      // The schema's name wins over the name documentation used (`authnId` over `lastAuthnId`).
      if (alias && seen) continue;
      if (seen && !viaAlias?.has(field.name)) this.tooMany(element, child, join(path, field.name), 1);
      viaAlias?.delete(field.name);
      if (alias) {
        viaAlias ??= new Set();
        viaAlias.add(field.name);
      }
      out[field.name] = this.value(field, child, path, -1);
    }
    return out;
  }

  tooMany(parent: XmlElement, child: XmlElement, path: string, allowed: number): never {
    const count = parent.children.filter((c) => c.local === child.local && c.namespace === child.namespace).length;
    return this.fail(`${path} appears ${count} times but the contract allows ${allowed === 1 ? 'one' : allowed}`);
  }

  /** One field's value; `index` is the item's position in a repeated field, -1 for a single one. */
  value(field: FieldPlan, element: XmlElement, parent: string, index: number): unknown {
    if (field.kind === 'complex') return this.type(field.type as TypePlan, element, at(parent, field, index));
    if (element.children.length > 0) this.fail(`${at(parent, field, index)} should be text, not elements`);
    const text = element.text;
    if (field.kind === 'attributed') {
      const result: Record<string, string> = { value: text };
      const attribute = element.attributes.find((a) => a.namespace === '' && a.local === field.attribute);
      if (attribute !== undefined) result[field.attribute as string] = attribute.value;
      return result;
    }
    if (field.kind === 'string') return text;
    const token = collapse(text);
    switch (field.kind) {
      case 'boolean': {
        const value = BOOLEANS.get(token);
        return value ?? this.fail(`${at(parent, field, index)} should be a boolean`);
      }
      case 'int': {
        const value = INTEGER.test(token) ? Number(token) : Number.NaN;
        if (Number.isNaN(value)) this.fail(`${at(parent, field, index)} should be an integer`);
        if (value < INT_MIN || value > INT_MAX) this.fail(`${at(parent, field, index)} is outside the range of xs:int`);
        return value;
      }
      case 'dateTime':
        return parseXmlDateTime(token) ?? this.fail(`${at(parent, field, index)} should be a valid xs:dateTime`);
      default:
        // hexBinary, the last simple kind a response carries (the generator refuses contracts with xs:double).
        return HEX.test(token) ? token.toUpperCase() : this.fail(`${at(parent, field, index)} should be hexadecimal`);
    }
  }
}

/**
 * Turns a Fault's `detail` into plain data: text for a leaf, an object (arrays for repeats) otherwise. An element
 * named like a secret field keeps its place but not its text, since the detail ends up in logs with the error.
 */
function plain(element: XmlElement): unknown {
  if (isSensitiveElement(element.local)) return REDACTED;
  if (element.children.length === 0) return element.text;
  const out: Record<string, unknown> = {};
  for (const child of element.children) {
    const existing = Object.hasOwn(out, child.local) ? out[child.local] : undefined;
    const value = plain(child);
    if (existing === undefined) define(out, child.local, value);
    else if (Array.isArray(existing)) existing.push(value);
    else define(out, child.local, [existing, value]);
  }
  return out;
}

function childNamed(element: XmlElement, local: string): XmlElement | undefined {
  return element.children.find((child) => child.local === local);
}

function textOf(element: XmlElement | undefined): string {
  return element === undefined ? '' : collapse(element.text);
}

/** SOAP 1.1 puts `faultcode`/`faultstring`/`detail` unqualified in the Fault; some stacks qualify them, so any namespace is read. */
function readFault11(fault: XmlElement, context: CallContext, httpStatus: number): VipSoapFaultError {
  const detail = childNamed(fault, 'detail');
  return new VipSoapFaultError(
    {
      faultCode: textOf(childNamed(fault, 'faultcode')) || 'unknown',
      faultString: textOf(childNamed(fault, 'faultstring')) || 'no fault string',
      faultDetail: detail === undefined ? undefined : plain(detail),
    },
    { ...context, httpStatus },
  );
}

/** SOAP 1.2: `Code/Value`, the first `Reason/Text`, and `Detail`. */
function readFault12(fault: XmlElement, context: CallContext, httpStatus: number): VipSoapFaultError {
  const code = childNamed(fault, 'Code');
  const reason = childNamed(fault, 'Reason');
  const detail = childNamed(fault, 'Detail');
  return new VipSoapFaultError(
    {
      faultCode: textOf(code && childNamed(code, 'Value')) || 'unknown',
      faultString: textOf(reason && childNamed(reason, 'Text')) || 'no fault string',
      faultDetail: detail === undefined ? undefined : plain(detail),
    },
    { ...context, httpStatus },
  );
}

function describeElement(element: XmlElement): string {
  return element.namespace === '' ? element.local : `${element.local} (namespace ${element.namespace})`;
}

/**
 * Parses a SOAP response body and extracts the operation's response element (or a Fault). Throws
 * `VipProtocolError` for a DOCTYPE, XML that is not well-formed, an envelope that is not SOAP 1.1 (a SOAP 1.2
 * Fault is read as a Fault), or anything but exactly one response element, in VIP's namespace, in the Body.
 */
export function readResponse(operation: OperationPlan, body: string, httpStatus: number, context: CallContext): SoapBody {
  const reader: Reader = new Reader(context, httpStatus);
  let root: XmlElement;
  try {
    root = parseXml(body, { maxDepth: MAX_DEPTH });
  } catch (error) {
    // parseXml throws only XmlSyntaxError (its encoding errors included).
    reader.fail(`the response is not well-formed XML: ${(error as XmlSyntaxError).message}`);
  }
  if (root.local !== 'Envelope' || (root.namespace !== SOAP_11 && root.namespace !== SOAP_12)) {
    reader.fail(`the response is not a SOAP envelope (its root element is ${describeElement(root)})`);
  }
  const soap12 = root.namespace === SOAP_12;
  const soapBody = root.children.find((child) => child.local === 'Body' && child.namespace === root.namespace);
  if (soapBody === undefined) reader.fail('the response is a SOAP envelope without a Body');
  if (!isBlank(soapBody.text)) reader.fail('the SOAP Body holds text');
  const [first, ...rest] = soapBody.children;
  if (first === undefined) reader.fail(`expected ${operation.responseElement} in the SOAP Body, found nothing`);
  if (first.local === 'Fault' && first.namespace === root.namespace) {
    if (rest.length > 0) reader.fail('the SOAP Body holds a Fault and other elements');
    const error = soap12 ? readFault12(first, context, httpStatus) : readFault11(first, context, httpStatus);
    return { kind: 'fault', error };
  }
  if (soap12) reader.fail('the response is a SOAP 1.2 envelope; VIP User Services answers in SOAP 1.1');
  if (first.local !== operation.responseElement || first.namespace !== VIP_NAMESPACE) {
    reader.fail(`expected ${operation.responseElement} in the SOAP Body, found ${describeElement(first)}`);
  }
  if (rest.length > 0) {
    const repeats = rest.every((e) => e.local === first.local && e.namespace === first.namespace);
    reader.fail(
      repeats
        ? `the SOAP Body holds ${rest.length + 1} ${operation.responseElement} elements`
        : `the SOAP Body holds other elements besides ${operation.responseElement}`,
    );
  }
  return { kind: 'response', value: reader.type(operation.response, first, '') };
}
