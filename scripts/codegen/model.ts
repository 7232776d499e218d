/** The contract model the generator works on: what `read-contracts.ts` extracts from wsdl/. */

export type PrimitiveKind = 'string' | 'boolean' | 'int' | 'double' | 'dateTime' | 'hex';

/**
 * `sdk:since`: the API version that added an element or a value, and how sure we are of it. Only the contracts of
 * versions after the baseline carry it, on exactly what the previous version lacks (see merge-versions.ts).
 */
export interface SinceTag {
  /** The API version that added it, e.g. `'1.10'`. */
  version: string;
  /** `doc`: named in Broadcom's documentation only; `wire`: also seen in a real request or response. */
  source: 'doc' | 'wire';
  /** For elements: whether their position in the sequence is proven (seen on the wire), not just assumed. */
  orderVerified: boolean;
}

export interface Facets {
  length?: number;
  minLength?: number;
  maxLength?: number;
  pattern?: string;
  enumeration?: string[];
  minInclusive?: number;
  maxInclusive?: number;
}

export interface SimpleTypeDef {
  name: string;
  doc: string;
  kind: PrimitiveKind;
  facets: Facets;
  /** The value is a secret (OTP, PIN, password): redacted from logs. */
  secret: boolean;
  /** The value is personal data (a device fingerprint): masked in logs unless the user opts in. */
  personal: boolean;
  /** An enumeration VIP keeps extending: typed open, not checked locally. */
  open: boolean;
  /** Documented values of a free-text type, typed as an open union. */
  knownValues: string[];
  /** The enumeration or known values added after the baseline version, with their tag. */
  valuesSince: Map<string, SinceTag>;
}

export interface FieldDef {
  name: string;
  /** A primitive (`xsd:...`), a simple type name or a complex type name (prefix removed). */
  type: string;
  doc: string;
  minOccurs: number;
  /** `Infinity` for unbounded. */
  maxOccurs: number;
  default?: string;
  /** Other names a response may use for this element (documentation and wire disagree). */
  aliases?: string[];
  /** Index of the `xsd:choice` group the field belongs to, if any. */
  choice?: number;
  /**
   * `sdk:presentOnSuccess`: the success statuses whose answers always carry this (schema-optional) response field.
   * The reader stores the annotation's `status` list here, or every success code of the operation without one.
   */
  presentOnSuccess?: string[];
  /** `sdk:since`: the element exists only from this API version on. */
  since?: SinceTag;
}

export interface ChoiceDef {
  /** 1: exactly one member must be present; 0: at most one. */
  minOccurs: number;
  members: string[];
}

export interface ComplexTypeDef {
  name: string;
  doc: string;
  abstract: boolean;
  base?: string;
  /** Own fields (inherited ones are resolved by `allFields`). */
  fields: FieldDef[];
  choices: ChoiceDef[];
  /** For `xsd:simpleContent`: the attribute carried next to the text value. */
  simpleContent?: { attribute: string; attributeType: string };
}

export interface OperationDef {
  name: string;
  service: 'Authentication' | 'Management' | 'Query';
  doc: string;
  requestElement: string;
  responseElement: string;
  requestType: string;
  responseType: string;
  idempotent: boolean;
  successCodes: string[];
  resultFlag?: { field: string; codes: string[] };
}

export interface ServiceDef {
  name: 'Authentication' | 'Management' | 'Query';
  doc: string;
  file: string;
  path: string;
  operations: OperationDef[];
}

export interface ContractModel {
  namespace: string;
  /** The baseline version: the oldest contract, whose fields need no particular `apiVersion`. */
  version: string;
  /** Every version with contracts in wsdl/, oldest first; the model holds the union of them all. */
  versions: string[];
  simpleTypes: Map<string, SimpleTypeDef>;
  complexTypes: Map<string, ComplexTypeDef>;
  services: ServiceDef[];
  /** sha256 of every file in wsdl/, in name order. */
  sourceHash: string;
}

/** All fields of a complex type, base types first, as they appear on the wire. */
export function allFields(model: ContractModel, type: ComplexTypeDef): { fields: FieldDef[]; choices: ChoiceDef[] } {
  if (type.base === undefined) return { fields: type.fields, choices: type.choices };
  const base = model.complexTypes.get(type.base);
  if (base === undefined) throw new Error(`${type.name} extends unknown type ${type.base}`);
  const inherited = allFields(model, base);
  const offset = inherited.choices.length;
  return {
    fields: [...inherited.fields, ...type.fields.map((f) => (f.choice === undefined ? f : { ...f, choice: f.choice + offset }))],
    choices: [...inherited.choices, ...type.choices],
  };
}

/**
 * A required, single, complex element whose type has no required content: an empty element satisfies the contract,
 * so inputs may leave it out and the request writer sends it empty.
 */
export function emptyWhenOmitted(model: ContractModel, field: FieldDef): boolean {
  if (field.minOccurs === 0 || field.maxOccurs !== 1) return false;
  const type = model.complexTypes.get(field.type);
  return type !== undefined && type.simpleContent === undefined && !hasRequiredContent(model, type);
}

/** Whether an input of `type` must hold something: a required field that cannot be sent empty, or a required choice. */
function hasRequiredContent(model: ContractModel, type: ComplexTypeDef): boolean {
  const { fields, choices } = allFields(model, type);
  return choices.some((c) => c.minOccurs > 0) || fields.some((f) => f.minOccurs > 0 && !emptyWhenOmitted(model, f));
}

/** Whether an input may leave the field out: the schema makes it optional, or the SDK sends it empty. */
export function optionalInInput(model: ContractModel, field: FieldDef): boolean {
  return field.minOccurs === 0 || emptyWhenOmitted(model, field);
}

/**
 * For each success status of `operation`, the top-level response fields an answer with that status always carries:
 * the ones the schema requires, then those marked `sdk:presentOnSuccess` for that status, in wire order.
 */
export function presentOnSuccess(model: ContractModel, operation: OperationDef): Map<string, FieldDef[]> {
  const response = model.complexTypes.get(operation.responseType);
  if (response === undefined) throw new Error(`${operation.name}: unknown response type ${operation.responseType}`);
  const { fields } = allFields(model, response);
  return new Map(
    operation.successCodes.map((status) => [
      status,
      fields.filter((f) => f.minOccurs > 0 || (f.presentOnSuccess?.includes(status) ?? false)),
    ]),
  );
}
