/**
 * Emits src/generated/types.ts: one TypeScript type per complex type, per operation input and output, and per
 * enumeration, documented from the contracts' annotations.
 */
import {
  allFields,
  type ChoiceDef,
  type ComplexTypeDef,
  type ContractModel,
  emptyWhenOmitted,
  type FieldDef,
  type OperationDef,
  optionalInInput,
  presentOnSuccess,
  type SimpleTypeDef,
  type SinceTag,
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

/** Where a later version's fact comes from, in the words the JSDoc uses. */
function provenance(tag: SinceTag): string {
  return tag.source === 'wire'
    ? 'Documented by Broadcom, and also seen on the wire in public client code.'
    : `Named only in Broadcom's ${tag.version} documentation: no published ${tag.version} schema confirms it.`;
}

/** Which way the values of a type travel: in requests, in responses, or both (a shared type such as KeyValuePair). */
export type Direction = 'request' | 'response' | 'both';

/**
 * The JSDoc of an element a later API version added: \`@since\`, what that means in a request and in an answer, and
 * how sure the contract is of the element and of its position.
 */
function sinceDoc(tag: SinceTag, direction: Direction): string[] {
  const option = `\`apiVersion: '${tag.version}'\``;
  const use = {
    request: `Send it only with the client option ${option}: with an older version the client refuses it before sending anything.`,
    response: `VIP sends it only on the ${tag.version} paths, so only clients with ${option} receive it.`,
    both: `In a request it needs the client option ${option} (the client refuses it otherwise); in an answer only ${tag.version} sends it.`,
  }[direction];
  const order = tag.orderVerified ? '' : ' Its position among the other elements is unverified (order unverified).';
  return ['', `New in API ${tag.version}. ${use} ${provenance(tag)}${order}`, '', `@since ${tag.version}`];
}

function fieldDoc(model: ContractModel, field: FieldDef, direction: Direction): string[] {
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
  if (emptyWhenOmitted(model, field))
    extra.push('Required by the contract, but may be empty: when the input leaves it out, the SDK sends it empty.');
  if (field.presentOnSuccess) extra.push(`Always present when the status is ${field.presentOnSuccess.join(' or ')}.`);
  if (extra.length) lines.push('', ...extra);
  if (field.default !== undefined) lines.push('', `@defaultValue \`${field.default}\` (applied by VIP when omitted)`);
  if (field.since) lines.push(...sinceDoc(field.since, direction));
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

/**
 * How a member is declared: `optional` ones also accept `undefined` explicitly, so code compiled with
 * `exactOptionalPropertyTypes` can pass a value that may be missing (`process.env.X`); `never` is a choice member
 * that must stay out because another one is given (left out, or `undefined`, which the writer treats the same).
 */
type Presence = 'optional' | 'required' | 'never';

function member(
  model: ContractModel,
  names: TypeNames,
  field: FieldDef,
  indent: string,
  presence: Presence,
  direction: Direction,
  notes: string[] = [],
): string {
  if (presence === 'never')
    return `${indent}/** Leave out: another member of this choice is given. */\n${indent}${field.name}?: undefined;\n`;
  const type = tsType(model, names, field);
  const declaration = presence === 'optional' ? `${field.name}?: ${type} | undefined` : `${field.name}: ${type}`;
  const doc = notes.length > 0 ? [...fieldDoc(model, field, direction), '', ...notes] : fieldDoc(model, field, direction);
  return `${docComment(doc, indent)}${indent}${declaration};\n`;
}

/** The variants of one choice: each member alone, plus "none of them" when the choice is optional. */
function choiceVariants(model: ContractModel, names: TypeNames, fields: FieldDef[], choice: ChoiceDef, indent: string): string[] {
  const members = choice.members.map((m) => fields.find((f) => f.name === m) as FieldDef);
  const variants = members.map(
    (chosen) =>
      `{\n${members.map((m) => member(model, names, m, `${indent}  `, m === chosen ? 'required' : 'never', 'request')).join('')}${indent}}`,
  );
  if (choice.minOccurs === 0)
    variants.push(`{\n${members.map((m) => member(model, names, m, `${indent}  `, 'never', 'request')).join('')}${indent}}`);
  return variants;
}

/** How {@link objectType} declares the members that are not part of a choice. */
interface ObjectShape {
  /** Whether a member outside the choices may be left out. */
  optional: (field: FieldDef) => boolean;
  /** Extra documentation lines for a member. */
  notes?: (field: FieldDef) => string[];
  /** Whether the object travels in requests, answers or both (for the documentation of later versions' fields). */
  direction: Direction;
  /** The type the object extends. */
  extendsName?: string;
  /** More unions to intersect with, each already written as `(\n  | {...}\n)`. */
  unions?: string[];
}

/** Declares an object type: an interface when there is no union, otherwise an intersection with the unions. */
function objectType(
  model: ContractModel,
  names: TypeNames,
  name: string,
  doc: string[],
  fields: FieldDef[],
  choices: ChoiceDef[],
  shape: ObjectShape,
): string {
  const plain = fields
    .filter((f) => f.choice === undefined)
    .map((f) => member(model, names, f, '  ', shape.optional(f) ? 'optional' : 'required', shape.direction, shape.notes?.(f)))
    .join('');
  const header = docComment(doc, '');
  const unions = [
    ...choices.map((c) => `(\n  | ${choiceVariants(model, names, fields, c, '  ').join('\n  | ')}\n)`),
    ...(shape.unions ?? []),
  ];
  if (unions.length === 0) {
    const ext = shape.extendsName ? ` extends ${shape.extendsName}` : '';
    return `${header}export interface ${name}${ext} {\n${plain}}\n`;
  }
  const parts = [...(shape.extendsName ? [shape.extendsName] : []), ...(plain ? [`{\n${plain}}`] : []), ...unions];
  return `${header}export type ${name} = ${parts.join(' & ')};\n`;
}

function enumAlias(names: TypeNames, def: SimpleTypeDef): string | undefined {
  const alias = names.simple(def.name);
  if (alias === undefined) return undefined;
  const values = def.facets.enumeration ?? def.knownValues;
  const open = def.open || def.knownValues.length > 0;
  const union = [...values.map((v) => `'${v}'`), ...(open ? ['(string & {})'] : [])].join(' | ');
  const note = open ? ['', 'Open: VIP may return values not listed here, and they are accepted.'] : [];
  return `${docComment([def.doc, ...note, ...valuesSinceDoc(def)], '')}export type ${alias} = ${union};\n`;
}

/** One paragraph per API version (and source) that added values to the union, naming them. */
function valuesSinceDoc(def: SimpleTypeDef): string[] {
  const groups = new Map<string, { values: string[]; tag: SinceTag }>();
  for (const [value, tag] of def.valuesSince) {
    const key = `${tag.version} ${tag.source}`;
    const entry = groups.get(key) ?? { values: [], tag };
    entry.values.push(`\`${value}\``);
    groups.set(key, entry);
  }
  return [...groups.values()].flatMap(({ values, tag }) => ['', `Added in API ${tag.version}: ${values.join(', ')}. ${provenance(tag)}`]);
}

const isOperationType = (model: ContractModel, type: string) =>
  model.services.some((s) => s.operations.some((op) => op.requestType === type || op.responseType === type));

/** Inputs, and the shared types inputs use: optional when the schema says so or when the SDK sends it empty. */
const INPUT_SHAPE = (model: ContractModel, direction: Direction): ObjectShape => ({
  optional: (f) => optionalInInput(model, f),
  direction,
});

/** The complex types reachable from the operations' request types, and those reachable from their response types. */
function directions(model: ContractModel): (type: string) => Direction {
  const reach = (roots: string[]): Set<string> => {
    const seen = new Set<string>();
    const visit = (name: string): void => {
      const type = model.complexTypes.get(name);
      if (type === undefined || seen.has(name)) return;
      seen.add(name);
      for (const field of allFields(model, type).fields) visit(field.type);
    };
    roots.forEach(visit);
    return seen;
  };
  const operations = model.services.flatMap((s) => s.operations);
  const requests = reach(operations.map((op) => op.requestType));
  const responses = reach(operations.map((op) => op.responseType));
  return (type) => (requests.has(type) ? (responses.has(type) ? 'both' : 'request') : 'response');
}

/**
 * The output's union over the success statuses, when some field is guaranteed with some of them only: one variant
 * per status, holding the literal status and the fields it adds to those every success carries.
 */
function statusUnion(
  model: ContractModel,
  names: TypeNames,
  op: OperationDef,
  present: Map<string, FieldDef[]>,
  always: Set<string>,
): string[] {
  const extra = [...present].map(([status, fields]) => ({ status, fields: fields.filter((f) => !always.has(f.name)) }));
  if (extra.every((variant) => variant.fields.length === 0)) return [];
  const variants = extra.map(({ status, fields }) => {
    const members = fields
      .map((f) => `    /** Present: the status is ${status}. */\n    ${f.name}: ${tsType(model, names, f)};\n`)
      .join('');
    return `  | {\n    /** A success status of \`${op.name}\`. */\n    status: '${status}';\n${members}  }`;
  });
  return [`(\n${variants.join('\n')}\n)`];
}

/**
 * The output of an operation. A field every success status guarantees is required outright; a field guaranteed
 * with some statuses only (`transactionId` with 6040, not with 0000) stays optional, and the output becomes a union
 * discriminated by `status`, so checking the status narrows it. The result flag is set by the client on every
 * success, so it is required too.
 */
function outputType(model: ContractModel, names: TypeNames, op: OperationDef, response: ComplexTypeDef): string {
  const present = presentOnSuccess(model, op);
  const lists = [...present.values()];
  const always = new Set(
    lists
      .flat()
      .map((f) => f.name)
      .filter((name) => lists.every((list) => list.some((f) => f.name === name))),
  );
  const flag = op.resultFlag;
  const shape: ObjectShape = {
    direction: 'response',
    optional: (f) => f.minOccurs === 0 && !always.has(f.name) && f.name !== flag?.field,
    notes: (f) =>
      f.name === flag?.field
        ? [`Set by the client on every successful answer: true when the status is ${flag.codes.join(' or ')}, false otherwise.`]
        : [],
    unions: statusUnion(model, names, op, present, always),
  };
  if (response.base) shape.extendsName = names.complex(response.base);
  const doc = [response.doc || `Result of \`${op.name}\`.`];
  return objectType(model, names, `${capitalize(op.name)}Output`, doc, response.fields, response.choices, shape);
}

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
    INPUT_SHAPE(model, 'request'),
  );
  const output = outputType(model, names, op, response);
  const requestBase = request.base ? names.complex(request.base) : undefined;
  const wire = `/** The complete \`${op.requestElement}\` as sent on the wire (the input plus the base request fields). */\nexport type ${base}Request = ${requestBase ? `${requestBase} & ` : ''}${base}Input;\n`;
  return `${input}\n${wire}\n${output}`;
}

export function emitTypes(model: ContractModel): string {
  const names = typeNames(model);
  const directionOf = directions(model);
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
        `${docComment([type.doc], '')}export interface ${name} {\n  /** The element's text. */\n  value: string;\n  /** The \`${type.simpleContent.attribute}\` attribute, when present. */\n  ${type.simpleContent.attribute}?: ${attrType} | undefined;\n}\n`,
      );
      continue;
    }
    const { fields, choices } = allFields(model, type);
    out.push(objectType(model, names, name, [type.doc], fields, choices, INPUT_SHAPE(model, directionOf(type.name))));
  }
  const operations = model.services.flatMap((s) => s.operations);
  for (const op of operations) out.push(operationTypes(model, names, op));
  const map = (suffix: string) =>
    operations.map((op) => `  /** \`${op.name}\` */\n  ${op.name}: ${capitalize(op.name)}${suffix};`).join('\n');
  out.push(`/** Input type of every operation, by method name. */\nexport interface OperationInputs {\n${map('Input')}\n}\n`);
  out.push(`/** Output type of every operation, by method name. */\nexport interface OperationOutputs {\n${map('Output')}\n}\n`);
  return out.join('\n');
}
