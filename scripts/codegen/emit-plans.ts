/**
 * Emits src/generated/operations.ts: the runtime tables the client runs on. Every request and response type
 * becomes a precomputed plan (fields in wire order, kinds, occurrence, facets, choices), so a call never walks
 * the schema; only these plans. The plans' shapes live in src/core/plan.ts, by hand: the emitted file is data.
 */
import {
  allFields,
  type ComplexTypeDef,
  type ContractModel,
  emptyWhenOmitted,
  type FieldDef,
  type OperationDef,
  presentOnSuccess,
  type SimpleTypeDef,
} from './model.js';
import { primitiveKind } from './read-contracts.js';

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

/** The `ValueKind` a field is written and read as. */
function valueKind(model: ContractModel, field: FieldDef): string {
  const primitive = primitiveKind(field.type);
  if (primitive) return primitive;
  const simple = model.simpleTypes.get(field.type);
  if (simple) return simple.kind;
  return model.complexTypes.get(field.type)?.simpleContent ? 'attributed' : 'complex';
}

/** The kinds the request writer knows how to write; the others only ever occur in responses today. */
const WRITABLE_KINDS: ReadonlySet<string> = new Set(['string', 'boolean', 'dateTime', 'complex']);

/**
 * Fails the generation when a request could carry a kind the request writer does not handle (it would reach the
 * writer's string branch and be refused as "must be a string"), so a contract change cannot ship half-supported.
 */
function checkRequestKinds(model: ContractModel, typeName: string, path: string, seen: Set<string>): void {
  const type = model.complexTypes.get(typeName);
  if (type === undefined || seen.has(typeName)) return;
  seen.add(typeName);
  for (const field of allFields(model, type).fields) {
    const kind = valueKind(model, field);
    if (!WRITABLE_KINDS.has(kind)) {
      throw new Error(`request field ${path}${field.name} is of kind '${kind}', which src/xml/request-writer.ts does not write yet`);
    }
    if (kind === 'complex') checkRequestKinds(model, field.type, `${path}${field.name}.`, seen);
  }
}

function fieldLiteral(model: ContractModel, field: FieldDef): string {
  const parts = [`name: ${JSON.stringify(field.name)}`];
  const simple = model.simpleTypes.get(field.type);
  const kind = valueKind(model, field);
  parts.push(`kind: '${kind}'`);
  if (kind === 'attributed') {
    parts.push(`attribute: ${JSON.stringify(model.complexTypes.get(field.type)?.simpleContent?.attribute)}`);
  } else if (kind === 'complex') {
    parts.push(`type: ${planName(field.type)}`);
  }
  parts.push(`required: ${field.minOccurs > 0}`);
  if (emptyWhenOmitted(model, field)) parts.push('emptyWhenOmitted: true');
  parts.push(`maxOccurs: ${field.maxOccurs === Number.POSITIVE_INFINITY ? 'Infinity' : field.maxOccurs}`);
  if (field.aliases) parts.push(`aliases: ${JSON.stringify(field.aliases)}`);
  if (field.since) parts.push(`since: '${field.since.version}'`);
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

/** `OperationPlan.presentOnSuccess`: every success code, with the top-level fields its answers carry. */
function presentOnSuccessLiteral(model: ContractModel, op: OperationDef): string {
  const entries = [...presentOnSuccess(model, op)].map(([status, fields]) => `'${status}': ${JSON.stringify(fields.map((f) => f.name))}`);
  return `{ ${entries.join(', ')} }`;
}

export function emitPlans(model: ContractModel): string {
  const plans = orderedTypes(model).map((t) => typePlanLiteral(model, t));
  const operations = model.services.flatMap((s) => s.operations);
  for (const op of operations) checkRequestKinds(model, op.requestType, `${op.name}: `, new Set());
  for (const type of model.complexTypes.values()) {
    const double = allFields(model, type).fields.find((field) => valueKind(model, field) === 'double');
    if (double !== undefined) {
      throw new Error(`${type.name}.${double.name} is an xs:double, which src/xml/response-reader.ts does not read yet`);
    }
  }
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
    successCodes: ${JSON.stringify(op.successCodes)},
    presentOnSuccess: ${presentOnSuccessLiteral(model, op)},${flag}
    request: ${planName(op.requestType)},
    response: ${planName(op.responseType)},
  },`;
    })
    .join('\n');
  return `import type { OperationPlan, TypePlan } from '../core/plan.js';

/** Namespace of every request and response element. */
export const VIP_NAMESPACE = '${model.namespace}';

/** The baseline API version: every field without \`since\` exists in it. */
export const CONTRACT_VERSION = '${model.version}';

/** Every API version the contracts describe, oldest first. */
export const CONTRACT_VERSIONS = [${model.versions.map((v) => `'${v}'`).join(', ')}] as const;

${plans.join('\n\n')}

/** The name of an operation, e.g. \`'authenticateUser'\`. */
export type OperationName =
${operations.map((op) => `  | '${op.name}'`).join('\n')};

/** Every operation of the three services, keyed by method name. */
export const OPERATIONS: { readonly [N in OperationName]: OperationPlan<N> } = {
${table}
};
`;
}
