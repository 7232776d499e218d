/**
 * Emits src/generated/operations.ts: the runtime tables the client runs on. Every request and response type
 * becomes a precomputed plan (fields in wire order, kinds, occurrence, facets, choices), so a call never walks
 * the schema; only these plans.
 */
import { allFields, type ComplexTypeDef, type ContractModel, type FieldDef, type SimpleTypeDef } from './model.js';
import { primitiveKind } from './read-contracts.js';

const PLAN_TYPES = `/** How a value is written to and read from XML. */
export type ValueKind = 'string' | 'boolean' | 'int' | 'double' | 'dateTime' | 'hex' | 'complex' | 'attributed';

/** Limits from the XSD that local validation enforces before a request is sent. */
export interface FieldFacets {
  /** Exact length, in characters (code points). */
  readonly length?: number;
  /** Shortest allowed length, in characters. */
  readonly minLength?: number;
  /** Longest allowed length, in characters. */
  readonly maxLength?: number;
  /** The XSD pattern, anchored, as a JavaScript regular expression. */
  readonly pattern?: RegExp;
  /** The XSD pattern as written, for error messages. */
  readonly patternSource?: string;
  /** Allowed values of a closed enumeration. */
  readonly enumeration?: readonly string[];
  /** Smallest allowed number. */
  readonly minInclusive?: number;
  /** Largest allowed number. */
  readonly maxInclusive?: number;
}

/** One element of a sequence, in wire order. */
export interface FieldPlan {
  /** The element's local name on the wire, also its key in inputs and outputs. */
  readonly name: string;
  /** How the value is written and read. */
  readonly kind: ValueKind;
  /** The element must be present (\`minOccurs\` 1). */
  readonly required: boolean;
  /** 1 for a single element; more (or Infinity) for a repeated one, which is always an array. */
  readonly maxOccurs: number;
  /** The nested type, for \`complex\` fields. */
  readonly type?: TypePlan;
  /** The attribute carried beside the text, for \`attributed\` fields. */
  readonly attribute?: string;
  /** The limits checked before sending, for restricted simple types. */
  readonly facets?: FieldFacets;
  /** The value is a secret: it is never logged. */
  readonly secret?: boolean;
  /** The value is personal data: masked in logs unless the client's \`logPersonalData\` is on. */
  readonly personal?: boolean;
  /** Other element names accepted for this field in responses. */
  readonly aliases?: readonly string[];
}

/** An \`xsd:choice\`: exactly one (required) or at most one of the members. */
export interface ChoicePlan {
  /** Exactly one member must be given; otherwise at most one. */
  readonly required: boolean;
  /** The names of the fields in the choice. */
  readonly members: readonly string[];
}

/** A complex type, flattened: inherited fields first, in wire order. */
export interface TypePlan {
  /** The XSD type name. */
  readonly name: string;
  /** Every element, in wire order. */
  readonly fields: readonly FieldPlan[];
  /** The \`xsd:choice\` rules among the fields. */
  readonly choices: readonly ChoicePlan[];
}

/** The three VIP User Services services. */
export type ServiceName = 'Authentication' | 'Management' | 'Query';

/** Everything the client needs to know about one operation, precomputed from the contracts. */
export interface OperationPlan {
  /** The WSDL operation name, also the client's method name. */
  readonly name: OperationName;
  /** The service (and so the URL) that hosts it. */
  readonly service: ServiceName;
  /** The SOAP body's request element. */
  readonly requestElement: string;
  /** The response element expected back. */
  readonly responseElement: string;
  /** Safe to send twice (a read): may be retried after a timeout or a transient VIP error. */
  readonly idempotent: boolean;
  /** Statuses that mean success for this operation (\`0000\`, and e.g. \`6040\` for push). */
  readonly successCodes: readonly string[];
  /** A boolean result field set from the status (evaluateRisk: \`Risky\` is true when the status is 6009). */
  readonly resultFlag?: {
    /** The boolean output field. */
    readonly field: string;
    /** The statuses that make it true. */
    readonly codes: readonly string[];
  };
  /** The request element's type. */
  readonly request: TypePlan;
  /** The response element's type. */
  readonly response: TypePlan;
}
`;

function planName(typeName: string): string {
  return `${typeName.replace(/Type$/, '')}Plan`;
}

/** Turns an XSD pattern (implicitly anchored) into a JavaScript regular expression literal. */
export function patternLiteral(pattern: string): string {
  const source = `^(?:${pattern})$`;
  new RegExp(source, 'u');
  return `/${source.replace(/\//g, '\\/')}/u`;
}

function facetsLiteral(simple: SimpleTypeDef): string | undefined {
  const f = simple.facets;
  const parts: string[] = [];
  for (const key of ['length', 'minLength', 'maxLength', 'minInclusive', 'maxInclusive'] as const) {
    if (f[key] !== undefined) parts.push(`${key}: ${f[key]}`);
  }
  if (f.pattern !== undefined) parts.push(`pattern: ${patternLiteral(f.pattern)}`, `patternSource: ${JSON.stringify(f.pattern)}`);
  if (f.enumeration && !simple.open) parts.push(`enumeration: ${JSON.stringify(f.enumeration)}`);
  return parts.length ? `{ ${parts.join(', ')} }` : undefined;
}

function fieldLiteral(model: ContractModel, field: FieldDef): string {
  const parts = [`name: ${JSON.stringify(field.name)}`];
  const primitive = primitiveKind(field.type);
  const simple = model.simpleTypes.get(field.type);
  const complex = model.complexTypes.get(field.type);
  if (primitive) {
    parts.push(`kind: '${primitive}'`);
  } else if (simple) {
    parts.push(`kind: '${simple.kind}'`);
  } else if (complex?.simpleContent) {
    parts.push(`kind: 'attributed'`, `attribute: ${JSON.stringify(complex.simpleContent.attribute)}`);
  } else {
    parts.push(`kind: 'complex'`, `type: ${planName(field.type)}`);
  }
  parts.push(
    `required: ${field.minOccurs > 0}`,
    `maxOccurs: ${field.maxOccurs === Number.POSITIVE_INFINITY ? 'Infinity' : field.maxOccurs}`,
  );
  if (field.aliases) parts.push(`aliases: ${JSON.stringify(field.aliases)}`);
  if (simple) {
    const facets = facetsLiteral(simple);
    if (facets) parts.push(`facets: ${facets}`);
    if (simple.secret) parts.push('secret: true');
    if (simple.personal) parts.push('personal: true');
  }
  return `{ ${parts.join(', ')} }`;
}

function typePlanLiteral(model: ContractModel, type: ComplexTypeDef): string {
  const { fields, choices } = allFields(model, type);
  const fieldLines = fields.map((f) => `    ${fieldLiteral(model, f)},`).join('\n');
  const choiceLines = choices.map((c) => `{ required: ${c.minOccurs > 0}, members: ${JSON.stringify(c.members)} }`).join(', ');
  return `const ${planName(type.name)}: TypePlan = {\n  name: ${JSON.stringify(type.name)},\n  fields: [\n${fieldLines}\n  ],\n  choices: [${choiceLines}],\n};`;
}

/** Complex types in dependency order, so every plan is declared before a field refers to it. */
function orderedTypes(model: ContractModel): ComplexTypeDef[] {
  const done = new Set<string>();
  const ordered: ComplexTypeDef[] = [];
  const visit = (type: ComplexTypeDef, trail: string[]): void => {
    if (done.has(type.name)) return;
    if (trail.includes(type.name)) throw new Error(`recursive type ${[...trail, type.name].join(' -> ')}`);
    for (const field of allFields(model, type).fields) {
      const nested = model.complexTypes.get(field.type);
      if (nested && !nested.simpleContent) visit(nested, [...trail, type.name]);
    }
    done.add(type.name);
    ordered.push(type);
  };
  for (const type of model.complexTypes.values()) if (!type.abstract && !type.simpleContent) visit(type, []);
  return ordered;
}

export function emitPlans(model: ContractModel): string {
  const plans = orderedTypes(model).map((t) => typePlanLiteral(model, t));
  const operations = model.services.flatMap((s) => s.operations);
  const table = operations
    .map((op) => {
      const flag = op.resultFlag
        ? `\n    resultFlag: { field: ${JSON.stringify(op.resultFlag.field)}, codes: ${JSON.stringify(op.resultFlag.codes)} },`
        : '';
      return `  ${op.name}: {
    name: '${op.name}',
    service: '${op.service}',
    requestElement: '${op.requestElement}',
    responseElement: '${op.responseElement}',
    idempotent: ${op.idempotent},
    successCodes: ${JSON.stringify(op.successCodes)},${flag}
    request: ${planName(op.requestType)},
    response: ${planName(op.responseType)},
  },`;
    })
    .join('\n');
  return `${PLAN_TYPES}
/** Namespace of every request and response element. */
export const VIP_NAMESPACE = '${model.namespace}';

/** API version the contracts describe. */
export const CONTRACT_VERSION = '${model.version}';

${plans.join('\n\n')}

/** The name of an operation, e.g. \`'authenticateUser'\`. */
export type OperationName =
${operations.map((op) => `  | '${op.name}'`).join('\n')};

/** Every operation of the three services, keyed by method name. */
export const OPERATIONS: Readonly<Record<OperationName, OperationPlan>> = {
${table}
};
`;
}
