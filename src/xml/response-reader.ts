/**
 * Reads a SOAP response safely and turns the response element into a typed plain object, driven by the
 * operation's precomputed response plan: repeated elements become arrays, booleans, numbers and dates are
 * coerced, status and detail codes become upper-case strings, unknown elements are ignored.
 */
import { XMLParser } from 'fast-xml-parser';
import type { CallContext } from '../errors/request-errors.js';
import { VipProtocolError, VipSoapFaultError } from '../errors/request-errors.js';
import type { FieldPlan, OperationPlan, TypePlan } from '../generated/operations.js';
import { findStructuralError } from './well-formed.js';
import { decodeXmlText } from './xml-text.js';

const parser = new XMLParser({
  removeNSPrefix: true,
  // Keep every value a string: with parsing on, status '0000' would become the number 0.
  parseTagValue: false,
  parseAttributeValue: false,
  // xs:string keeps its whitespace (a user ID may end in a space); other kinds are trimmed when they are read.
  trimValues: false,
  // The only attribute VIP's responses carry that means anything is TokenId's `type`.
  ignoreAttributes: (name: string) => name !== 'type',
  // Callbacks get a matcher instead of a path string: building the path for every tag costs a fifth of a parse.
  jPath: false,
  attributeNamePrefix: '@_',
  // No DOCTYPE is accepted (checked before parsing), so only the predefined entities and character references
  // can appear; decodeXmlText handles those, which keeps entity expansion out of the parser entirely.
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
  // CDATA is kept apart so its content is taken literally, never entity-decoded.
  cdataPropName: '#cdata',
  maxNestedTags: 64,
});

const DOCTYPE = /<!DOCTYPE|<!ENTITY/i;
const BOOLEANS: Record<string, boolean> = { true: true, '1': true, false: false, '0': false };
const INTEGER = /^[+-]?\d+$/;
const DATE_TIME = /^-?\d{4,}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(Z|[+-]\d{2}:\d{2})?$/;
const HEX = /^(?:[0-9A-Fa-f]{2})*$/;

type Raw = Record<string, unknown>;

/** A response element's children, typed by the operation's output type. */
export type ResponseObject = Record<string, unknown>;

/** What a SOAP body held: the expected response element, or a Fault. */
export type SoapBody = { kind: 'response'; value: ResponseObject } | { kind: 'fault'; error: VipSoapFaultError };

class Reader {
  constructor(
    private readonly context: CallContext,
    private readonly httpStatus: number,
  ) {}

  fail(message: string, cause?: unknown): never {
    throw new VipProtocolError(message, { ...this.context, httpStatus: this.httpStatus, cause });
  }

  type(type: TypePlan, raw: unknown, path: string): ResponseObject {
    const out: ResponseObject = {};
    // An empty element (`<pushAuthData/>`, or one holding only line breaks) parses as a blank string.
    if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return out;
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) this.fail(`${path} should contain elements, not text`);
    for (const field of type.fields) {
      const value = (raw as Raw)[field.name] ?? (field.aliases === undefined ? undefined : this.alias(field.aliases, raw as Raw));
      if (value === undefined) continue;
      const at = path ? `${path}.${field.name}` : field.name;
      if (field.maxOccurs > 1) {
        out[field.name] = Array.isArray(value)
          ? value.map((item, i) => this.value(field, item, `${at}[${i}]`))
          : [this.value(field, value, at)];
      } else {
        if (Array.isArray(value)) this.fail(`${at} appears ${value.length} times but the contract allows one`);
        out[field.name] = this.value(field, value, at);
      }
    }
    return out;
  }

  alias(aliases: readonly string[], raw: Raw): unknown {
    for (const alias of aliases) if (raw[alias] !== undefined) return raw[alias];
    return undefined;
  }

  value(field: FieldPlan, raw: unknown, at: string): unknown {
    if (field.kind === 'complex') return this.type(field.type as TypePlan, raw, at);
    if (field.kind === 'attributed') {
      const attribute = typeof raw === 'object' && raw !== null ? (raw as Raw)[`@_${field.attribute}`] : undefined;
      const result: Raw = { value: this.text(raw, at) };
      if (attribute !== undefined) result[field.attribute as string] = String(attribute);
      return result;
    }
    const text = field.kind === 'string' ? this.text(raw, at) : this.text(raw, at).trim();
    switch (field.kind) {
      case 'boolean': {
        const value = BOOLEANS[text];
        return value ?? this.fail(`${at} should be a boolean`);
      }
      case 'int':
        return INTEGER.test(text) ? Number(text) : this.fail(`${at} should be an integer`);
      case 'double': {
        const value = text === '' ? Number.NaN : Number(text);
        return Number.isFinite(value) ? value : this.fail(`${at} should be a number`);
      }
      case 'dateTime': {
        const match = DATE_TIME.exec(text);
        // A dateTime without a zone is read as UTC, not as the machine's local time.
        const value = match ? new Date(match[1] === undefined ? `${text}Z` : text) : undefined;
        return value && !Number.isNaN(value.getTime()) ? value : this.fail(`${at} should be an xs:dateTime`);
      }
      case 'hex':
        return HEX.test(text) ? text.toUpperCase() : this.fail(`${at} should be hexadecimal`);
      default:
        return text;
    }
  }

  text(raw: unknown, at: string): string {
    if (typeof raw === 'string') return decodeXmlText(raw);
    if (typeof raw === 'object' && raw !== null && !Array.isArray(raw)) {
      const node = raw as Raw;
      if (Object.keys(node).every((k) => k === '#text' || k === '#cdata' || k.startsWith('@_'))) {
        const cdata = node['#cdata'];
        const literal = cdata === undefined ? '' : Array.isArray(cdata) ? cdata.join('') : String(cdata);
        return decodeXmlText(String(node['#text'] ?? '')) + literal;
      }
    }
    return this.fail(`${at} should be text, not elements`);
  }
}

function readFault(fault: unknown, context: CallContext, httpStatus: number): VipSoapFaultError {
  const f = (typeof fault === 'object' && fault !== null ? fault : {}) as Raw;
  const text = (value: unknown): string => {
    if (typeof value === 'string') return decodeXmlText(value);
    if (typeof value === 'object' && value !== null) {
      const inner = (value as Raw)['#text'] ?? (value as Raw).Value ?? (value as Raw).Text;
      if (inner !== undefined) return text(inner);
    }
    return '';
  };
  // SOAP 1.1 uses faultcode/faultstring; SOAP 1.2 uses Code/Value and Reason/Text.
  return new VipSoapFaultError(
    {
      faultCode: text(f.faultcode ?? f.Code) || 'unknown',
      faultString: text(f.faultstring ?? f.Reason) || 'no fault string',
      faultDetail: f.detail ?? f.Detail,
    },
    { ...context, httpStatus },
  );
}

/**
 * Parses a SOAP response body and extracts the operation's response element (or a Fault). Throws
 * `VipProtocolError` for a DOCTYPE, malformed or truncated XML, a missing envelope or the wrong element.
 */
export function readResponse(operation: OperationPlan, body: string, httpStatus: number, context: CallContext): SoapBody {
  const reader: Reader = new Reader(context, httpStatus);
  if (DOCTYPE.test(body)) reader.fail('the response contains a DOCTYPE or entity declaration, which SOAP forbids');
  const structuralError = findStructuralError(body);
  if (structuralError !== undefined) reader.fail(`the response is not well-formed XML: ${structuralError}`);
  let document: Raw;
  try {
    document = parser.parse(body) as Raw;
  } catch (error) {
    return reader.fail(`the response is not well-formed XML: ${(error as Error).message}`, error);
  }
  const envelope = document.Envelope as Raw | undefined;
  const soapBody = typeof envelope === 'object' && envelope !== null ? (envelope.Body as Raw | undefined) : undefined;
  if (typeof soapBody !== 'object' || soapBody === null) reader.fail('the response is not a SOAP envelope with a Body');
  if (soapBody.Fault !== undefined) return { kind: 'fault', error: readFault(soapBody.Fault, context, httpStatus) };
  const element = soapBody[operation.responseElement];
  if (element === undefined) {
    const found = Object.keys(soapBody)[0];
    reader.fail(`expected ${operation.responseElement} in the SOAP Body, found ${found === undefined ? 'nothing' : found}`);
  }
  if (Array.isArray(element)) reader.fail(`the SOAP Body holds ${element.length} ${operation.responseElement} elements`);
  return { kind: 'response', value: reader.type(operation.response, element, '') };
}
