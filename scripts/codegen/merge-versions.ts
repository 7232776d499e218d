/**
 * Merges the contracts of several API versions (1.8, 1.10, ...) into one model: the newest version's types,
 * operations and documentation, where every element or value that an older version lacks carries the `sdk:since`
 * tag of the version that added it.
 *
 * Each version's contract is a complete schema on its own (node-soap serves it, and a reader can check one version
 * without the others), so most of it repeats the previous version. This merge is what keeps that repetition honest:
 * it fails on any difference between two consecutive versions other than tagged additions, so a shared definition
 * cannot drift between the files, and nothing new can arrive without saying where the fact comes from.
 */
import type { ComplexTypeDef, ContractModel, FieldDef, OperationDef, SimpleTypeDef } from './model.js';

/** `1.8` < `1.10`: versions compare as numbers, part by part. */
export function compareVersions(a: string, b: string): number {
  const [aMajor = 0, aMinor = 0] = a.split('.').map(Number);
  const [bMajor = 0, bMinor = 0] = b.split('.').map(Number);
  return aMajor - bMajor || aMinor - bMinor;
}

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a) === JSON.stringify(b);

/** What must not change between versions for a field both have: everything but the documentation. */
function fieldShape(field: FieldDef): unknown {
  const { doc: _doc, ...shape } = field;
  return shape;
}

function checkSimpleType(previous: SimpleTypeDef, next: SimpleTypeDef, version: string): void {
  const where = `simpleType ${next.name} in ${version}`;
  const { enumeration: before = [], ...otherBefore } = previous.facets;
  const { enumeration: after = [], ...otherAfter } = next.facets;
  const fixed = (def: SimpleTypeDef, others: object) => [def.kind, def.secret, def.personal, def.open, others];
  if (!sameJson(fixed(previous, otherBefore), fixed(next, otherAfter))) {
    throw new Error(`${where}: differs from the previous version in more than added values`);
  }
  checkAddedValues(before, after, previous, next, where, version);
  checkAddedValues(previous.knownValues, next.knownValues, previous, next, where, version);
}

/** `after` must be `before` plus values tagged with `version`; values already in `before` keep their tags. */
function checkAddedValues(
  before: string[],
  after: string[],
  previous: SimpleTypeDef,
  next: SimpleTypeDef,
  where: string,
  version: string,
): void {
  const kept = after.filter((value) => before.includes(value));
  if (!sameJson(kept, before)) throw new Error(`${where}: drops or reorders values of the previous version`);
  for (const value of after) {
    const tag = next.valuesSince.get(value);
    if (before.includes(value)) {
      if (!sameJson(tag, previous.valuesSince.get(value))) throw new Error(`${where}: the tag of ${value} changed`);
    } else if (tag?.version !== version) {
      throw new Error(`${where}: ${value} is new, so it needs <sdk:since version="${version}" source="doc|wire"/>`);
    }
  }
}

/** `next` must hold the previous version's fields, unchanged and in the same order, plus fields tagged with `version`. */
function checkComplexType(previous: ComplexTypeDef, next: ComplexTypeDef, version: string): void {
  const where = `complexType ${next.name} in ${version}`;
  const frame = (type: ComplexTypeDef) => [type.base, type.abstract, type.simpleContent, type.choices];
  if (!sameJson(frame(previous), frame(next))) throw new Error(`${where}: its base, content or choices differ from the previous version`);
  const known = new Set(previous.fields.map((f) => f.name));
  const kept = next.fields.filter((f) => known.has(f.name));
  if (!sameJson(kept.map(fieldShape), previous.fields.map(fieldShape))) {
    throw new Error(`${where}: changes, drops or reorders elements of the previous version`);
  }
  for (const field of next.fields) if (!known.has(field.name)) checkAdded(field, `${next.name}.${field.name}`, version);
}

function checkAdded(field: FieldDef, where: string, version: string): void {
  if (field.since?.version !== version) {
    throw new Error(
      `${where} is new in ${version}, so it needs <sdk:since version="${version}" source="doc|wire" order="wire|unverified"/>`,
    );
  }
  // A new member would change what an existing choice accepts from older clients.
  if (field.choice !== undefined) throw new Error(`${where}: an element added in a later version cannot join a choice`);
}

function operationShape(operation: OperationDef): unknown {
  const { doc: _doc, ...shape } = operation;
  return shape;
}

/** Checks that `next` is `previous` plus tagged additions. */
function checkVersionStep(previous: ContractModel, next: ContractModel): void {
  const version = next.version;
  if (next.namespace !== previous.namespace) throw new Error(`${version}: the namespace differs from ${previous.version}`);
  for (const [name, type] of previous.simpleTypes) {
    const later = next.simpleTypes.get(name);
    if (later === undefined) throw new Error(`${version} lacks simpleType ${name} of ${previous.version}`);
    checkSimpleType(type, later, version);
  }
  for (const [name, type] of next.simpleTypes) {
    if (!previous.simpleTypes.has(name) && type.valuesSince.size > 0) {
      throw new Error(`simpleType ${name} in ${version}: a new type needs no sdk:since on its values`);
    }
  }
  for (const [name, type] of previous.complexTypes) {
    const later = next.complexTypes.get(name);
    if (later === undefined) throw new Error(`${version} lacks complexType ${name} of ${previous.version}`);
    checkComplexType(type, later, version);
  }
  for (const [name, type] of next.complexTypes) {
    if (!previous.complexTypes.has(name)) for (const field of type.fields) checkAdded(field, `${name}.${field.name}`, version);
  }
  const operations = (model: ContractModel) => model.services.flatMap((s) => s.operations.map(operationShape));
  if (!sameJson(operations(previous), operations(next))) {
    throw new Error(`${version}: the operations differ from ${previous.version} (names, services, elements or semantics)`);
  }
}

/** The baseline contract has nothing to be newer than, so it carries no `sdk:since` at all. */
function checkBaseline(model: ContractModel): void {
  const tagged = [
    ...[...model.simpleTypes.values()].filter((t) => t.valuesSince.size > 0).map((t) => t.name),
    ...[...model.complexTypes.values()].flatMap((t) => t.fields.filter((f) => f.since !== undefined).map((f) => `${t.name}.${f.name}`)),
  ];
  if (tagged.length > 0) throw new Error(`the baseline ${model.version} cannot carry sdk:since (${tagged.join(', ')})`);
}

/**
 * One model from the contracts of every version: the newest version's definitions (its documentation describes
 * every version), the baseline's version number, and every version in order.
 * @throws when two consecutive versions differ in anything but tagged additions.
 */
export function mergeVersions(models: ContractModel[]): ContractModel {
  const ordered = [...models].sort((a, b) => compareVersions(a.version, b.version));
  const baseline = ordered[0];
  const newest = ordered.at(-1);
  if (baseline === undefined || newest === undefined) throw new Error('no contracts found');
  checkBaseline(baseline);
  for (let i = 1; i < ordered.length; i++) checkVersionStep(ordered[i - 1] as ContractModel, ordered[i] as ContractModel);
  return { ...newest, version: baseline.version, versions: ordered.map((m) => m.version) };
}
