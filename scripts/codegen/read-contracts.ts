/**
 * Reads wsdl/ (one XSD, three WSDLs) into a ContractModel. It understands exactly the XSD/WSDL subset described in
 * wsdl/README.md and fails loudly on anything else, so a contract edit can never be silently ignored.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import type {
  ChoiceDef,
  ComplexTypeDef,
  ContractModel,
  FieldDef,
  OperationDef,
  PrimitiveKind,
  ServiceDef,
  SimpleTypeDef,
  SinceTag,
} from './model.js';
import { mergeVersions } from './merge-versions.js';

interface XmlNode {
  tag: string;
  attrs: Record<string, string>;
  children: XmlNode[];
  text: string;
}

const parser = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  commentPropName: '#comment',
});

function toTree(raw: unknown[]): XmlNode[] {
  const nodes: XmlNode[] = [];
  for (const entry of raw as Record<string, unknown>[]) {
    const tag = Object.keys(entry).find((k) => k !== ':@');
    if (tag === undefined || tag === '#comment' || tag === '?xml') continue;
    if (tag === '#text') continue;
    const content = entry[tag] as Record<string, unknown>[];
    const text = content
      .filter((c) => '#text' in c)
      .map((c) => String(c['#text']))
      .join('');
    nodes.push({ tag, attrs: (entry[':@'] as Record<string, string>) ?? {}, children: toTree(content), text });
  }
  return nodes;
}

function parseFile(path: string): XmlNode {
  const root = toTree(parser.parse(readFileSync(path, 'utf8')) as unknown[])[0];
  if (root === undefined) throw new Error(`${path}: empty document`);
  return root;
}

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);
const children = (node: XmlNode, tag: string): XmlNode[] => node.children.filter((c) => c.tag === tag);
const child = (node: XmlNode, tag: string): XmlNode | undefined => node.children.find((c) => c.tag === tag);

function required(node: XmlNode, attr: string, where: string): string {
  const value = node.attrs[attr];
  if (value === undefined) throw new Error(`${where}: <${node.tag}> lacks the ${attr} attribute`);
  return value;
}

/** Collapses the whitespace of a documentation block into one paragraph per blank-line-separated block. */
function docOf(node: XmlNode): string {
  const documentation = child(node, 'xsd:annotation') ?? node;
  const text = child(documentation, 'xsd:documentation')?.text ?? child(node, 'wsdl:documentation')?.text ?? '';
  return text
    .split(/\n\s*\n/)
    .map((p) => p.replace(/\s+/g, ' ').trim())
    .filter(Boolean)
    .join('\n\n');
}

function appinfo(node: XmlNode): XmlNode[] {
  const annotation = child(node, 'xsd:annotation');
  const info = annotation && child(annotation, 'xsd:appinfo');
  return info ? info.children : [];
}

const PRIMITIVES: Record<string, PrimitiveKind> = {
  'xsd:string': 'string',
  'xsd:language': 'string',
  'xsd:boolean': 'boolean',
  'xsd:int': 'int',
  'xsd:integer': 'int',
  'xsd:double': 'double',
  'xsd:dateTime': 'dateTime',
  'xsd:hexBinary': 'hex',
};

/** Maps an `xsd:` primitive to its kind, or undefined for our own (tns:) types. */
export function primitiveKind(type: string): PrimitiveKind | undefined {
  return PRIMITIVES[type];
}

const SOURCES: readonly SinceTag['source'][] = ['doc', 'wire'];
const ORDERS: Readonly<Record<string, boolean>> = { wire: true, unverified: false };

/**
 * Reads an `sdk:since` tag: `version` and `source` always; `order` (`wire` or `unverified`) on elements only, where
 * the position in the sequence is a fact of its own.
 */
function readSince(attrs: Record<string, string>, where: string, isElement: boolean): SinceTag {
  const version = attrs.version ?? attrs.since;
  const source = attrs.source as SinceTag['source'];
  if (version === undefined || !/^\d+\.\d+$/.test(version)) throw new Error(`${where}: sdk:since needs a version such as 1.10`);
  if (!SOURCES.includes(source)) throw new Error(`${where}: sdk:since needs source="doc" or source="wire"`);
  const order = attrs.order;
  if (isElement !== (order !== undefined)) {
    throw new Error(`${where}: sdk:since takes order="wire|unverified" on elements, and only there`);
  }
  if (order !== undefined && ORDERS[order] === undefined) throw new Error(`${where}: sdk:since order must be wire or unverified`);
  return { version, source, orderVerified: ORDERS[order ?? ''] ?? false };
}

function readSimpleType(node: XmlNode): SimpleTypeDef {
  const name = required(node, 'name', 'simpleType');
  const restriction = child(node, 'xsd:restriction');
  if (restriction === undefined) throw new Error(`simpleType ${name}: only xsd:restriction is supported`);
  const base = required(restriction, 'base', name);
  const kind = PRIMITIVES[base];
  if (kind === undefined) throw new Error(`simpleType ${name}: unsupported base ${base}`);
  const def: SimpleTypeDef = {
    name,
    doc: docOf(node),
    kind,
    facets: {},
    secret: false,
    personal: false,
    open: false,
    knownValues: [],
    valuesSince: new Map(),
  };
  for (const facet of restriction.children) {
    const value = required(facet, 'value', name);
    for (const info of appinfo(facet)) {
      if (info.tag !== 'sdk:since' || facet.tag !== 'xsd:enumeration')
        throw new Error(`simpleType ${name}: unknown annotation ${info.tag} on ${facet.tag}`);
      def.valuesSince.set(value, readSince(info.attrs, `${name} value ${value}`, false));
    }
    switch (facet.tag) {
      case 'xsd:length':
      case 'xsd:minLength':
      case 'xsd:maxLength':
      case 'xsd:minInclusive':
      case 'xsd:maxInclusive':
        def.facets[localName(facet.tag) as 'length'] = Number(value);
        break;
      case 'xsd:pattern':
        if (def.facets.pattern !== undefined) throw new Error(`simpleType ${name}: several patterns are not supported`);
        def.facets.pattern = value;
        break;
      case 'xsd:enumeration':
        def.facets.enumeration = [...(def.facets.enumeration ?? []), value];
        break;
      case 'xsd:annotation':
        break;
      default:
        throw new Error(`simpleType ${name}: unsupported facet ${facet.tag}`);
    }
  }
  for (const info of appinfo(node)) {
    if (info.tag === 'sdk:secret') def.secret = true;
    else if (info.tag === 'sdk:personal') def.personal = true;
    else if (info.tag === 'sdk:open') def.open = true;
    else if (info.tag === 'sdk:knownValues') {
      const values = info.text.split(/\s+/).filter(Boolean);
      def.knownValues.push(...values);
      // A later group may carry since/source: the values a later API version documents.
      if (info.attrs.since !== undefined) {
        for (const value of values) def.valuesSince.set(value, readSince(info.attrs, `${name} value ${value}`, false));
      }
    } else throw new Error(`simpleType ${name}: unknown annotation ${info.tag}`);
  }
  return def;
}

function occurs(value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  return value === 'unbounded' ? Number.POSITIVE_INFINITY : Number(value);
}

function readElement(node: XmlNode, owner: string, choice?: number): FieldDef {
  const name = required(node, 'name', owner);
  const field: FieldDef = {
    name,
    type: required(node, 'type', `${owner}.${name}`),
    doc: docOf(node),
    minOccurs: occurs(node.attrs.minOccurs, 1),
    maxOccurs: occurs(node.attrs.maxOccurs, 1),
  };
  if (node.attrs.default !== undefined) field.default = node.attrs.default;
  for (const info of appinfo(node)) {
    if (info.tag === 'sdk:alsoAccept') {
      field.aliases = [...(field.aliases ?? []), info.text.trim()];
    } else if (info.tag === 'sdk:presentOnSuccess') {
      if (field.presentOnSuccess !== undefined) throw new Error(`${owner}.${name}: sdk:presentOnSuccess is given twice`);
      // Left empty until the services are read: no status list means every success code of the operation.
      field.presentOnSuccess = (info.attrs.status ?? '').split(/\s+/).filter(Boolean);
    } else if (info.tag === 'sdk:since') {
      field.since = readSince(info.attrs, `${owner}.${name}`, true);
    } else {
      throw new Error(`${owner}.${name}: unknown annotation ${info.tag}`);
    }
  }
  if (choice !== undefined) field.choice = choice;
  return field;
}

function readSequence(sequence: XmlNode, owner: string): { fields: FieldDef[]; choices: ChoiceDef[] } {
  const fields: FieldDef[] = [];
  const choices: ChoiceDef[] = [];
  for (const item of sequence.children) {
    if (item.tag === 'xsd:element') {
      fields.push(readElement(item, owner));
    } else if (item.tag === 'xsd:choice') {
      const index = choices.length;
      const members = children(item, 'xsd:element').map((e) => readElement(e, owner, index));
      if (members.length !== item.children.filter((c) => c.tag !== 'xsd:annotation').length) {
        throw new Error(`${owner}: a choice may only hold plain elements`);
      }
      choices.push({ minOccurs: occurs(item.attrs.minOccurs, 1), members: members.map((m) => m.name) });
      // A chosen member is never required on its own: the choice rule decides.
      fields.push(...members.map((m) => ({ ...m, minOccurs: 0 })));
    } else if (item.tag !== 'xsd:annotation') {
      throw new Error(`${owner}: unsupported ${item.tag} in a sequence`);
    }
  }
  return { fields, choices };
}

function readComplexType(node: XmlNode): ComplexTypeDef {
  const name = required(node, 'name', 'complexType');
  const def: ComplexTypeDef = { name, doc: docOf(node), abstract: node.attrs.abstract === 'true', fields: [], choices: [] };
  const sequence = child(node, 'xsd:sequence');
  const complexContent = child(node, 'xsd:complexContent');
  const simpleContent = child(node, 'xsd:simpleContent');
  if (sequence) {
    Object.assign(def, readSequence(sequence, name));
  } else if (complexContent) {
    const extension = child(complexContent, 'xsd:extension');
    if (extension === undefined) throw new Error(`${name}: only xsd:extension is supported in complexContent`);
    def.base = localName(required(extension, 'base', name));
    const own = child(extension, 'xsd:sequence');
    if (own) Object.assign(def, readSequence(own, name));
  } else if (simpleContent) {
    const extension = child(simpleContent, 'xsd:extension');
    const attribute = extension && child(extension, 'xsd:attribute');
    if (attribute === undefined || extension?.attrs.base !== 'xsd:string') {
      throw new Error(`${name}: simpleContent must extend xsd:string with one attribute`);
    }
    def.simpleContent = { attribute: required(attribute, 'name', name), attributeType: localName(required(attribute, 'type', name)) };
  } else if (node.children.some((c) => c.tag !== 'xsd:annotation')) {
    throw new Error(`${name}: unsupported complexType content`);
  }
  for (const field of def.fields) if (!PRIMITIVES[field.type]) field.type = localName(field.type);
  return def;
}

const SERVICE_FILES: Record<string, ServiceDef['name']> = { auth: 'Authentication', mgmt: 'Management', query: 'Query' };

function readService(path: string, file: string, elementTypes: Map<string, string>): ServiceDef {
  const root = parseFile(path);
  const key = /-(auth|mgmt|query)-/.exec(file)?.[1];
  const serviceName = key && SERVICE_FILES[key];
  if (!serviceName) throw new Error(`${file}: cannot tell which service it describes`);
  const messages = new Map(
    children(root, 'wsdl:message').map((m) => {
      const part = child(m, 'wsdl:part');
      if (part === undefined) throw new Error(`${file}: message ${m.attrs.name} has no part`);
      return [required(m, 'name', file), localName(required(part, 'element', file))] as const;
    }),
  );
  const binding = child(root, 'wsdl:binding');
  const portType = child(root, 'wsdl:portType');
  const address = child(child(child(root, 'wsdl:service') ?? root, 'wsdl:port') ?? root, 'soap:address');
  if (!binding || !portType || !address) throw new Error(`${file}: needs a portType, a binding and a service address`);
  const semantics = new Map(children(binding, 'wsdl:operation').map((op) => [required(op, 'name', file), child(op, 'sdk:semantics')]));
  const operations = children(portType, 'wsdl:operation').map((op): OperationDef => {
    const name = required(op, 'name', file);
    const input = messages.get(localName(required(child(op, 'wsdl:input') ?? op, 'message', name)));
    const output = messages.get(localName(required(child(op, 'wsdl:output') ?? op, 'message', name)));
    const sem = semantics.get(name);
    if (!input || !output || !sem) throw new Error(`${file}: operation ${name} needs input, output and sdk:semantics`);
    const requestType = elementTypes.get(input);
    const responseType = elementTypes.get(output);
    if (!requestType || !responseType) throw new Error(`${file}: ${name} uses an element the XSD lacks`);
    const def: OperationDef = {
      name,
      service: serviceName,
      doc: docOf(op),
      requestElement: input,
      responseElement: output,
      requestType,
      responseType,
      idempotent: required(sem, 'idempotent', name) === 'true',
      successCodes: required(sem, 'successCodes', name).split(/\s+/).filter(Boolean),
    };
    if (sem.attrs.resultFlag !== undefined) {
      def.resultFlag = { field: sem.attrs.resultFlag, codes: required(sem, 'resultFlagCodes', name).split(/\s+/) };
    }
    return def;
  });
  const location = required(address, 'location', file);
  return { name: serviceName, doc: docOf(root), file, path: new URL(location).pathname, operations };
}

/**
 * Checks every `sdk:presentOnSuccess` against the operation whose response holds it, and fills in the statuses it
 * covers. The annotation only makes sense on an optional field of an operation's own response type (base and
 * nested types are shared, and a required field is present anyway), with statuses that are success codes.
 */
function resolvePresentOnSuccess(complexTypes: Map<string, ComplexTypeDef>, services: ServiceDef[]): void {
  const operations = new Map(services.flatMap((s) => s.operations.map((op) => [op.responseType, op] as const)));
  for (const type of complexTypes.values()) {
    const operation = operations.get(type.name);
    for (const field of type.fields) {
      if (field.presentOnSuccess === undefined) continue;
      const where = `${type.name}.${field.name}`;
      if (operation === undefined) throw new Error(`${where}: sdk:presentOnSuccess belongs on a field of an operation's response type`);
      if (field.minOccurs > 0) throw new Error(`${where}: sdk:presentOnSuccess on a required element says nothing`);
      const unknown = field.presentOnSuccess.filter((code) => !operation.successCodes.includes(code));
      if (unknown.length > 0) throw new Error(`${where}: ${unknown.join(', ')} is not a success code of ${operation.name}`);
      if (field.presentOnSuccess.length === 0) field.presentOnSuccess = [...operation.successCodes];
    }
  }
}

/** The contract files of one API version: its schema and the three services' WSDLs. */
interface VersionFiles {
  version: string;
  xsd: string;
  wsdl: string[];
}

/** Groups the files of `dir` by the API version in their names (`vipuserservices-1.8.xsd`, `…-auth-1.10.wsdl`). */
function filesByVersion(files: string[]): VersionFiles[] {
  const versions = new Map<string, VersionFiles>();
  for (const file of files) {
    const version = /-(\d+\.\d+)\.(?:xsd|wsdl)$/.exec(file)?.[1];
    if (version === undefined) throw new Error(`${file}: the file name must end in the API version, e.g. -1.8.xsd`);
    const entry = versions.get(version) ?? { version, xsd: '', wsdl: [] };
    if (file.endsWith('.wsdl')) entry.wsdl.push(file);
    else if (entry.xsd !== '') throw new Error(`expected exactly one .xsd for version ${version}, found ${entry.xsd} and ${file}`);
    else entry.xsd = file;
    versions.set(version, entry);
  }
  for (const entry of versions.values()) if (entry.xsd === '') throw new Error(`version ${entry.version} has no .xsd`);
  return [...versions.values()];
}

/** Reads the contracts of one API version. */
function readVersion(dir: string, files: VersionFiles): ContractModel {
  const schema = parseFile(join(dir, files.xsd));
  const simpleTypes = new Map(children(schema, 'xsd:simpleType').map((n) => [n.attrs.name as string, readSimpleType(n)]));
  const complexTypes = new Map(children(schema, 'xsd:complexType').map((n) => [n.attrs.name as string, readComplexType(n)]));
  const elementTypes = new Map(
    children(schema, 'xsd:element').map((e) => [required(e, 'name', 'schema'), localName(required(e, 'type', 'schema'))]),
  );

  for (const type of complexTypes.values()) {
    for (const field of type.fields) {
      if (!PRIMITIVES[field.type] && !simpleTypes.has(field.type) && !complexTypes.has(field.type)) {
        throw new Error(`${type.name}.${field.name}: unknown type ${field.type}`);
      }
    }
  }

  const services = files.wsdl.map((f) => readService(join(dir, f), f, elementTypes));
  const suffix = `_${files.version.replace('.', '_')}`;
  for (const service of services) {
    if (!service.path.endsWith(suffix)) throw new Error(`${service.file}: the service address must end in ${suffix}, got ${service.path}`);
  }
  resolvePresentOnSuccess(complexTypes, services);
  const version = schema.attrs.version ?? '';
  if (version !== files.version) throw new Error(`${files.xsd}: its version attribute says ${version}, its name ${files.version}`);
  return {
    namespace: required(schema, 'targetNamespace', 'schema'),
    version,
    versions: [version],
    simpleTypes,
    complexTypes,
    services,
    sourceHash: '',
  };
}

/**
 * Reads every contract in `dir` into one model: each API version on its own, then merged (merge-versions.ts), so
 * the model holds every version's elements and says which version added each one.
 */
export function readContracts(dir: string): ContractModel {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.xsd') || f.endsWith('.wsdl'))
    .sort();
  const hash = createHash('sha256');
  for (const file of files)
    hash
      .update(file)
      .update('\0')
      .update(readFileSync(join(dir, file)))
      .update('\0');
  const merged = mergeVersions(filesByVersion(files).map((entry) => readVersion(dir, entry)));
  return { ...merged, sourceHash: hash.digest('hex') };
}
