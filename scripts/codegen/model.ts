/** The contract model the generator works on: what `read-contracts.ts` extracts from wsdl/. */

export type PrimitiveKind = 'string' | 'boolean' | 'int' | 'double' | 'dateTime' | 'hex';

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
  version: string;
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
