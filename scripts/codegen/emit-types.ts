/**
 * Emits src/generated/types.ts: one TypeScript type per complex type, per operation input and output, and per
 * enumeration, documented from the contracts' annotations.
 */
import {
  allFields,
  type ChoiceDef,
  type ComplexTypeDef,
  type ContractModel,
  type FieldDef,
  type OperationDef,
  type SimpleTypeDef,
} from './model.js';
import { primitiveKind } from './read-contracts.js';

const TS_PRIMITIVES = { string: 'string', boolean: 'boolean', int: 'number', double: 'number', dateTime: 'Date', hex: 'string' } as const;

export const capitalize = (name: string): string => name.charAt(0).toUpperCase() + name.slice(1);

export interface TypeNames {
  complex: (type: string) => string;
  /** The alias of an enumeration or known-values type; undefined for plain restricted strings and numbers. */
  simple: (type: string) => string | undefined;
}

export function typeNames(model: ContractModel): TypeNames {
  const complexName = (type: string) => type.replace(/Type$/, '');
  const taken = new Set([...model.complexTypes.keys()].map(complexName));
  return {
    complex: complexName,
    simple: (type) => {
      const def = model.simpleTypes.get(type);
      if (!def || (!def.facets.enumeration && def.knownValues.length === 0)) return undefined;
      const short = type.replace(/(Enum|Type)$/, '');
      return taken.has(short) ? type : short;
    },
  };
}

function docComment(lines: string[], indent: string): string {
  const body = lines.flatMap((l) => l.split('\n')).filter((l, i, all) => l !== '' || (i > 0 && all[i - 1] !== ''));
  if (body.length === 0) return '';
  return `${indent}/**\n${body.map((l) => `${indent} *${l ? ` ${l}` : ''}`).join('\n')}\n${indent} */\n`;
}

function limitsOf(simple: SimpleTypeDef | undefined): string[] {
  if (!simple) return [];
  const f = simple.facets;
  const notes: string[] = [];
  if (f.length !== undefined) notes.push(`exactly ${f.length} characters`);
  else if (f.minLength !== undefined && f.maxLength !== undefined) notes.push(`${f.minLength} to ${f.maxLength} characters`);
  else if (f.maxLength !== undefined) notes.push(`at most ${f.maxLength} characters`);
  else if (f.minLength !== undefined) notes.push(`at least ${f.minLength} characters`);
  if (f.pattern !== undefined) notes.push(`pattern \`${f.pattern}\``);
  if (f.minInclusive !== undefined || f.maxInclusive !== undefined)
    notes.push(`from ${f.minInclusive ?? '-∞'} to ${f.maxInclusive ?? '∞'}`);
  return notes.length ? [`Limits: ${notes.join(', ')}.`] : [];
}

function fieldDoc(model: ContractModel, field: FieldDef): string[] {
  const simple = model.simpleTypes.get(field.type);
  const complex = model.complexTypes.get(field.type);
  const doc = field.doc || simple?.doc || complex?.doc || '';
  const lines = doc ? [doc] : [];
  const extra = [...limitsOf(simple)];
  if (field.maxOccurs > 1) {
    extra.push(
      field.maxOccurs === Number.POSITIVE_INFINITY ? 'Repeated: any number of items.' : `Repeated: at most ${field.maxOccurs} items.`,
    );
  }
  if (simple?.secret) extra.push('Secret: never logged, and never part of an error message.');
  if (simple?.personal) extra.push('Personal data: masked in logged bodies unless the client option `logPersonalData` is on.');
  if (field.aliases) extra.push(`Also read from ${field.aliases.map((a) => `\`${a}\``).join(', ')} when a response uses that name.`);
  if (extra.length) lines.push('', ...extra);
  if (field.default !== undefined) lines.push('', `@defaultValue \`${field.default}\` (applied by VIP when omitted)`);
  return lines;
}

function tsType(model: ContractModel, names: TypeNames, field: FieldDef): string {
  const primitive = primitiveKind(field.type);
  let type: string;
  if (primitive) type = TS_PRIMITIVES[primitive];
  else if (model.complexTypes.has(field.type)) type = names.complex(field.type);
  else type = names.simple(field.type) ?? TS_PRIMITIVES[(model.simpleTypes.get(field.type) as SimpleTypeDef).kind];
  return field.maxOccurs > 1 ? `${type}[]` : type;
}

function member(
  model: ContractModel,
  names: TypeNames,
  field: FieldDef,
  indent: string,
  presence: 'schema' | 'required' | 'never',
): string {
  if (presence === 'never') return `${indent}/** Leave out: another member of this choice is given. */\n${indent}${field.name}?: never;\n`;
  const optional = presence === 'schema' && field.minOccurs === 0 ? '?' : '';
  return `${docComment(fieldDoc(model, field), indent)}${indent}${field.name}${optional}: ${tsType(model, names, field)};\n`;
}

/** The variants of one choice: each member alone, plus "none of them" when the choice is optional. */
function choiceVariants(model: ContractModel, names: TypeNames, fields: FieldDef[], choice: ChoiceDef, indent: string): string[] {
  const members = choice.members.map((m) => fields.find((f) => f.name === m) as FieldDef);
  const variants = members.map(
    (chosen) => `{\n${members.map((m) => member(model, names, m, `${indent}  `, m === chosen ? 'required' : 'never')).join('')}${indent}}`,
  );
  if (choice.minOccurs === 0) variants.push(`{\n${members.map((m) => member(model, names, m, `${indent}  `, 'never')).join('')}${indent}}`);
  return variants;
}

/** Declares an object type: an interface when there is no choice, otherwise an intersection with the choice unions. */
function objectType(
  model: ContractModel,
  names: TypeNames,
  name: string,
  doc: string[],
  fields: FieldDef[],
  choices: ChoiceDef[],
  extendsName?: string,
): string {
  const plain = fields
    .filter((f) => f.choice === undefined)
    .map((f) => member(model, names, f, '  ', 'schema'))
    .join('');
  const header = docComment(doc, '');
  if (choices.length === 0) {
    const ext = extendsName ? ` extends ${extendsName}` : '';
    return `${header}export interface ${name}${ext} {\n${plain}}\n`;
  }
  const unions = choices.map((c) => `(\n  | ${choiceVariants(model, names, fields, c, '  ').join('\n  | ')}\n)`);
  const parts = [...(extendsName ? [extendsName] : []), ...(plain ? [`{\n${plain}}`] : []), ...unions];
  return `${header}export type ${name} = ${parts.join(' & ')};\n`;
}

function enumAlias(names: TypeNames, def: SimpleTypeDef): string | undefined {
  const alias = names.simple(def.name);
  if (alias === undefined) return undefined;
  const values = def.facets.enumeration ?? def.knownValues;
  const open = def.open || def.knownValues.length > 0;
  const union = [...values.map((v) => `'${v}'`), ...(open ? ['(string & {})'] : [])].join(' | ');
  const note = open ? ['', 'Open: VIP may return values not listed here, and they are accepted.'] : [];
  return `${docComment([def.doc, ...note], '')}export type ${alias} = ${union};\n`;
}

const isOperationType = (model: ContractModel, type: string) =>
  model.services.some((s) => s.operations.some((op) => op.requestType === type || op.responseType === type));

function operationTypes(model: ContractModel, names: TypeNames, op: OperationDef): string {
  const base = capitalize(op.name);
  const request = model.complexTypes.get(op.requestType) as ComplexTypeDef;
  const response = model.complexTypes.get(op.responseType) as ComplexTypeDef;
  const opDoc = op.doc.split('\n\n')[0] ?? '';
  const input = objectType(
    model,
    names,
    `${base}Input`,
    [
      `Input of \`${op.name}\`: ${opDoc}`,
      '',
      '`requestId` and `onBehalfOfAccountId` are not part of the input: they come from the call options.',
    ],
    request.fields,
    request.choices,
  );
  const baseResponse = response.base ? names.complex(response.base) : undefined;
  const output = objectType(
    model,
    names,
    `${base}Output`,
    [response.doc || `Result of \`${op.name}\`.`],
    response.fields,
    response.choices,
    baseResponse,
  );
  const requestBase = request.base ? names.complex(request.base) : undefined;
  const wire = `/** The complete \`${op.requestElement}\` as sent on the wire (the input plus the base request fields). */\nexport type ${base}Request = ${requestBase ? `${requestBase} & ` : ''}${base}Input;\n`;
  return `${input}\n${wire}\n${output}`;
}

export function emitTypes(model: ContractModel): string {
  const names = typeNames(model);
  const out: string[] = [];
  for (const def of model.simpleTypes.values()) {
    const alias = enumAlias(names, def);
    if (alias) out.push(alias);
  }
  for (const type of model.complexTypes.values()) {
    if (isOperationType(model, type.name)) continue;
    const name = names.complex(type.name);
    if (type.simpleContent) {
      const attrType = names.simple(type.simpleContent.attributeType) ?? 'string';
      out.push(
        `${docComment([type.doc], '')}export interface ${name} {\n  /** The element's text. */\n  value: string;\n  /** The \`${type.simpleContent.attribute}\` attribute, when present. */\n  ${type.simpleContent.attribute}?: ${attrType};\n}\n`,
      );
      continue;
    }
    const { fields, choices } = allFields(model, type);
    out.push(objectType(model, names, name, [type.doc], fields, choices));
  }
  const operations = model.services.flatMap((s) => s.operations);
  for (const op of operations) out.push(operationTypes(model, names, op));
  const map = (suffix: string) =>
    operations.map((op) => `  /** \`${op.name}\` */\n  ${op.name}: ${capitalize(op.name)}${suffix};`).join('\n');
  out.push(`/** Input type of every operation, by method name. */\nexport interface OperationInputs {\n${map('Input')}\n}\n`);
  out.push(`/** Output type of every operation, by method name. */\nexport interface OperationOutputs {\n${map('Output')}\n}\n`);
  return out.join('\n');
}
