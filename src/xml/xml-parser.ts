/**
 * A strict, namespace-aware reader for the XML that SOAP responses use, in one linear pass.
 *
 * Why not a general-purpose parser: a SOAP reader needs exactly XML 1.0 without a DTD, and needs it strictly. The
 * parsers we measured are lenient where a security review is not (fast-xml-parser reads truncated and mis-nested
 * documents into plausible objects, accepts forbidden characters and undeclared entities, ignores namespaces and
 * cannot keep text and CDATA in document order), and their validators cost about half a parse again. This reader
 * rejects everything XML 1.0 and Namespaces in XML 1.0 call not well-formed, except that it refuses any DOCTYPE
 * (SOAP forbids one; refusing it is also the defence against entity expansion and external entities).
 *
 * Every scan moves forward and is bounded by the next delimiter, so the cost is linear in the input whatever it
 * holds, and the tree it builds is proportional to the input.
 */

/** One element: its resolved name, attributes, child elements and character data in document order. */
export interface XmlElement {
  /** The name as written, with its prefix (`S:Envelope`). */
  readonly qname: string;
  /** The local part of the name (`Envelope`). */
  readonly local: string;
  /** The namespace URI the prefix (or the default namespace) resolves to; `''` for none. */
  readonly namespace: string;
  /** Attributes other than namespace declarations, values decoded. */
  readonly attributes: readonly XmlAttribute[];
  /** Child elements in document order. */
  readonly children: XmlElement[];
  /** All character data directly inside the element (text and CDATA, in document order, references decoded). */
  text: string;
}

/** An attribute, its name resolved like an element's (an unprefixed attribute has no namespace). */
export interface XmlAttribute {
  readonly qname: string;
  readonly local: string;
  readonly namespace: string;
  readonly value: string;
}

/** The document is not well-formed XML (or holds a DOCTYPE). The message never quotes the document's text. */
export class XmlSyntaxError extends Error {}

/** Limits of {@link parseXml}. */
export interface XmlLimits {
  /** Deepest element nesting accepted. */
  maxDepth: number;
}

const XML_NAMESPACE = 'http://www.w3.org/XML/1998/namespace';
const XMLNS_NAMESPACE = 'http://www.w3.org/2000/xmlns/';

// Namespaces in XML 1.0: NCName. The ranges are XML 1.0 (fifth edition) NameStartChar / NameChar without ':'.
const NAME_START =
  'A-Z_a-z\\u00C0-\\u00D6\\u00D8-\\u00F6\\u00F8-\\u02FF\\u0370-\\u037D\\u037F-\\u1FFF\\u200C\\u200D\\u2070-\\u218F\\u2C00-\\u2FEF\\u3001-\\uD7FF\\uF900-\\uFDCF\\uFDF0-\\uFFFD\\u{10000}-\\u{EFFFF}';
const NAME_CHAR = `${NAME_START}\\-.0-9\\u00B7\\u0300-\\u036F\\u203F\\u2040`;
const NC_NAME = `[${NAME_START}][${NAME_CHAR}]*`;
/** A qualified name at the current position (sticky). */
const QNAME = new RegExp(`${NC_NAME}(?::${NC_NAME})?`, 'uy');
/** A processing instruction's target: any Name, colons included. */
const PI_TARGET = new RegExp(`[${NAME_START}:][${NAME_CHAR}:]*`, 'uy');

/**
 * Reads a qualified name at `from` and returns its end, or -1 when none starts there. Names made of ASCII letters,
 * digits, `_`, `-`, `.` and one inner `:` (all VIP and SOAP names) are scanned by character code; anything else
 * falls back to the full Unicode pattern.
 */
function qnameEnd(xml: string, from: number): number {
  let i = from;
  let colon = -1;
  let partStart = true;
  for (; i < xml.length; i++) {
    const c = xml.charCodeAt(i);
    const letter = (c >= 0x61 && c <= 0x7a) || (c >= 0x41 && c <= 0x5a) || c === 0x5f;
    if (letter) {
      partStart = false;
      continue;
    }
    if (!partStart && ((c >= 0x30 && c <= 0x39) || c === 0x2d || c === 0x2e)) continue;
    if (c === 0x3a && !partStart && colon === -1) {
      colon = i;
      partStart = true;
      continue;
    }
    break;
  }
  const next = i < xml.length ? xml.charCodeAt(i) : 0x20;
  // The ASCII scan is only trusted when it stopped at a delimiter; a non-ASCII character may continue the name.
  if (next < 0x80 && !partStart) return i;
  QNAME.lastIndex = from;
  return QNAME.exec(xml) === null ? -1 : QNAME.lastIndex;
}

/** Characters XML 1.0 forbids anywhere: C0 controls other than tab/LF/CR, U+FFFE/U+FFFF and unpaired surrogates. */
const FORBIDDEN_CHARACTER =
  /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
// Leading zeros are allowed in any number; the significant digits are bounded, so no reference can be huge.
const REFERENCE = /&(?:#x0*([0-9A-Fa-f]{1,8})|#0*([0-9]{1,9})|(amp|lt|gt|quot|apos));/y;
const PREDEFINED: Readonly<Record<string, string>> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
const XML_DECLARATION = /^<\?xml[ \t\r\n]/;
const ENCODING = /\bencoding[ \t\r\n]*=[ \t\r\n]*(?:"([^"]*)"|'([^']*)')/;
const UTF8_ENCODING = /^utf-?8$/i;

/** Namespace declarations in scope, innermost first. */
interface Scope {
  readonly prefix: string;
  readonly uri: string;
  readonly parent: Scope | undefined;
  /** Declarations in this chain; bounded, so resolving a name stays a constant cost. */
  readonly size: number;
}

const ROOT_SCOPE: Scope = { prefix: 'xml', uri: XML_NAMESPACE, parent: undefined, size: 1 };
/** SOAP messages use a handful of namespaces; far more is an attack on name resolution, not a message. */
const MAX_NAMESPACES_IN_SCOPE = 128;
const MAX_ATTRIBUTES = 128;
const NO_ATTRIBUTES: readonly XmlAttribute[] = Object.freeze([]);

interface OpenElement {
  readonly element: XmlElement;
  readonly scope: Scope;
}

function isWhitespace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d;
}

/** True when a character reference names a character XML 1.0 allows. */
function isXmlChar(code: number): boolean {
  return (
    code === 0x09 ||
    code === 0x0a ||
    code === 0x0d ||
    (code >= 0x20 && code <= 0xd7ff) ||
    (code >= 0xe000 && code <= 0xfffd) ||
    (code >= 0x10000 && code <= 0x10ffff)
  );
}

class Parser {
  readonly #xml: string;
  readonly #maxDepth: number;
  #position = 0;

  constructor(xml: string, limits: XmlLimits) {
    this.#xml = xml;
    this.#maxDepth = limits.maxDepth;
  }

  fail(problem: string): never {
    throw new XmlSyntaxError(problem);
  }

  document(): XmlElement {
    const xml = this.#xml;
    if (FORBIDDEN_CHARACTER.test(xml)) this.fail('it contains a character that XML 1.0 forbids');
    if (XML_DECLARATION.test(xml)) this.#declaration();
    this.#misc();
    if (this.#position >= xml.length) this.fail('it has no root element');
    const root = this.#rootElement();
    this.#misc();
    if (this.#position < xml.length) {
      this.fail(xml.charCodeAt(this.#position) === 0x3c ? 'it has more than one root element' : 'it has text outside the root element');
    }
    return root;
  }

  /** The XML declaration; its encoding, when given, must agree with the UTF-8 the body was decoded from. */
  #declaration(): void {
    const end = this.#xml.indexOf('?>');
    if (end === -1) this.fail('its XML declaration is not terminated');
    const encoding = ENCODING.exec(this.#xml.slice(0, end));
    const name = encoding?.[1] ?? encoding?.[2];
    if (name !== undefined && !UTF8_ENCODING.test(name)) {
      throw new XmlEncodingError(/^[\w.:-]{1,40}$/.test(name) ? name : 'an unknown encoding');
    }
    this.#position = end + 2;
  }

  /** Comments, processing instructions and whitespace, before or after the root element. */
  #misc(): void {
    const xml = this.#xml;
    for (;;) {
      while (this.#position < xml.length && isWhitespace(xml.charCodeAt(this.#position))) this.#position++;
      if (xml.startsWith('<!--', this.#position)) this.#comment();
      else if (xml.startsWith('<?', this.#position)) this.#processingInstruction();
      else if (xml.startsWith('<!', this.#position)) this.#declarationMarkup();
      else if (this.#position < xml.length && xml.charCodeAt(this.#position) !== 0x3c) this.fail('it has text outside the root element');
      else return;
    }
  }

  #declarationMarkup(): never {
    if (/^<!(?:DOCTYPE|ENTITY)/i.test(this.#xml.slice(this.#position, this.#position + 9))) {
      this.fail('it contains a DOCTYPE or entity declaration, which SOAP forbids');
    }
    if (this.#xml.startsWith('<![CDATA[', this.#position)) this.fail('it has a CDATA section outside the root element');
    return this.fail('it contains a markup declaration');
  }

  #comment(): void {
    const start = this.#position + 4;
    const end = this.#xml.indexOf('--', start);
    if (end === -1) this.fail('it has an unterminated comment');
    if (this.#xml.charCodeAt(end + 2) !== 0x3e) {
      this.fail(end + 2 >= this.#xml.length ? 'it has an unterminated comment' : "it has '--' inside a comment");
    }
    this.#position = end + 3;
  }

  #processingInstruction(): void {
    const start = this.#position + 2;
    PI_TARGET.lastIndex = start;
    const target = PI_TARGET.exec(this.#xml)?.[0];
    if (target === undefined) this.fail('it has a processing instruction without a target');
    if (target.toLowerCase() === 'xml') this.fail('it has an XML declaration that is not at the very start');
    const end = this.#xml.indexOf('?>', start);
    if (end === -1) this.fail('it has an unterminated processing instruction');
    const after = start + target.length;
    if (after < end && !isWhitespace(this.#xml.charCodeAt(after))) this.fail('it has a malformed processing instruction');
    this.#position = end + 2;
  }

  #rootElement(): XmlElement {
    const xml = this.#xml;
    const stack: OpenElement[] = [];
    const root = this.#startTag(ROOT_SCOPE, stack);
    let top = stack.at(-1);
    while (top !== undefined) {
      const lt = xml.indexOf('<', this.#position);
      if (lt === -1) {
        this.#text(top.element, xml.length);
        this.fail(`it ends inside <${top.element.qname}>`);
      }
      if (lt > this.#position) this.#text(top.element, lt);
      this.#position = lt;
      const next = xml.charCodeAt(lt + 1);
      if (next === 0x2f) {
        this.#endTag(top.element);
        stack.pop();
      } else if (next === 0x21) {
        if (xml.startsWith('<!--', lt)) this.#comment();
        else if (xml.startsWith('<![CDATA[', lt)) this.#cdata(top.element);
        else this.#declarationMarkup();
      } else if (next === 0x3f) {
        this.#processingInstruction();
      } else {
        if (stack.length >= this.#maxDepth) this.fail(`it nests elements deeper than ${this.#maxDepth} levels`);
        top.element.children.push(this.#startTag(top.scope, stack));
      }
      top = stack.at(-1);
    }
    return root;
  }

  /** Character data up to `end`, references decoded, line ends normalised to LF. */
  #text(element: XmlElement, end: number): void {
    const raw = this.#xml.slice(this.#position, end);
    if (raw.includes(']]>')) this.fail("it has ']]>' in text");
    element.text += this.#decode(raw, 'text');
    this.#position = end;
  }

  #cdata(element: XmlElement): void {
    const start = this.#position + 9;
    const end = this.#xml.indexOf(']]>', start);
    if (end === -1) this.fail('it has an unterminated CDATA section');
    element.text += normalizeLineEnds(this.#xml.slice(start, end));
    this.#position = end + 3;
  }

  #endTag(element: XmlElement): void {
    const xml = this.#xml;
    const nameEnd = qnameEnd(xml, this.#position + 2);
    const name = nameEnd === -1 ? undefined : xml.slice(this.#position + 2, nameEnd);
    let position = nameEnd === -1 ? this.#position + 2 : nameEnd;
    while (position < xml.length && isWhitespace(xml.charCodeAt(position))) position++;
    if (position >= xml.length) this.fail(`it ends inside the end tag of <${element.qname}>`);
    if (name === undefined || xml.charCodeAt(position) !== 0x3e) this.fail(`it has a malformed end tag inside <${element.qname}>`);
    if (name !== element.qname) this.fail(`</${name}> does not close the element that is open (<${element.qname}>)`);
    this.#position = position + 1;
  }

  /**
   * Reads a start tag at the current position and pushes it unless it is empty (`<a/>`).
   * @returns The element.
   */
  #startTag(parentScope: Scope, stack: OpenElement[]): XmlElement {
    const xml = this.#xml;
    const nameEnd = qnameEnd(xml, this.#position + 1);
    if (nameEnd === -1) {
      return this.fail(this.#position + 1 >= xml.length ? 'it ends inside a tag' : 'it has a tag without a valid name');
    }
    const qname = xml.slice(this.#position + 1, nameEnd);
    let position = this.#position + 1 + qname.length;
    // Most elements have no attributes: nothing is allocated for them.
    let rawAttributes: Array<{ qname: string; value: string }> | undefined;
    let seen: Set<string> | undefined;
    let scope = parentScope;
    let empty = false;
    for (;;) {
      const before = position;
      while (position < xml.length && isWhitespace(xml.charCodeAt(position))) position++;
      if (position >= xml.length) this.fail(`it ends inside the <${qname}> tag`);
      const code = xml.charCodeAt(position);
      if (code === 0x3e) {
        position++;
        break;
      }
      if (code === 0x2f) {
        if (xml.charCodeAt(position + 1) !== 0x3e) this.fail(`it has a malformed <${qname}> tag`);
        position += 2;
        empty = true;
        break;
      }
      if (position === before) this.fail(`it has attributes without whitespace between them in <${qname}>`);
      const attributeEnd = qnameEnd(xml, position);
      if (attributeEnd === -1) this.fail(`it has an attribute without a valid name in <${qname}>`);
      const name = xml.slice(position, attributeEnd);
      position += name.length;
      while (position < xml.length && isWhitespace(xml.charCodeAt(position))) position++;
      if (xml.charCodeAt(position) !== 0x3d) this.fail(`it has an attribute without a value in <${qname}>`);
      position++;
      while (position < xml.length && isWhitespace(xml.charCodeAt(position))) position++;
      const quote = xml.charCodeAt(position);
      if (quote !== 0x22 && quote !== 0x27) this.fail(`it has an unquoted attribute value in <${qname}>`);
      const end = xml.indexOf(quote === 0x22 ? '"' : "'", position + 1);
      if (end === -1) this.fail(`it ends inside the <${qname}> tag`);
      const rawValue = xml.slice(position + 1, end);
      if (rawValue.includes('<')) this.fail(`it has '<' in an attribute value of <${qname}>`);
      const value = this.#decode(rawValue, 'attribute');
      seen ??= new Set();
      rawAttributes ??= [];
      if (seen.has(name)) this.fail(`it repeats the attribute ${name} in <${qname}>`);
      if (seen.size >= MAX_ATTRIBUTES) this.fail(`it has more than ${MAX_ATTRIBUTES} attributes in <${qname}>`);
      seen.add(name);
      rawAttributes.push({ qname: name, value });
      scope = declare(name, value, scope, this);
      position = end + 1;
    }
    const element: XmlElement = {
      qname,
      ...resolve(qname, scope, true, this),
      attributes: rawAttributes === undefined ? NO_ATTRIBUTES : resolveAttributes(rawAttributes, scope, this),
      children: [],
      text: '',
    };
    this.#position = position;
    if (!empty) stack.push({ element, scope });
    return element;
  }

  /**
   * Normalises literal line ends (and, in attribute values, literal whitespace) as XML requires before parsing, then
   * decodes the five predefined entities and character references; anything else after `&` is an error. References
   * are decoded after normalising, so `&#13;` stays a carriage return.
   */
  #decode(literal: string, where: 'text' | 'attribute'): string {
    const raw = where === 'attribute' ? literal.replace(/\r\n|[\t\n\r]/g, ' ') : normalizeLineEnds(literal);
    let out = '';
    let from = 0;
    for (let amp = raw.indexOf('&'); amp !== -1; amp = raw.indexOf('&', from)) {
      out += raw.slice(from, amp);
      REFERENCE.lastIndex = amp;
      const match = REFERENCE.exec(raw);
      if (match === null) this.fail(`it has an undeclared entity or a bare '&' in ${where === 'text' ? 'text' : 'an attribute value'}`);
      const [whole, hex, decimal, name] = match;
      if (name !== undefined) out += PREDEFINED[name];
      else {
        const code = hex !== undefined ? Number.parseInt(hex, 16) : Number(decimal);
        if (!isXmlChar(code)) this.fail('it has a character reference to a character that XML 1.0 forbids');
        out += String.fromCodePoint(code);
      }
      from = amp + whole.length;
    }
    return from === 0 ? raw : out + raw.slice(from);
  }
}

/** The encoding named in the XML declaration is not UTF-8. */
export class XmlEncodingError extends XmlSyntaxError {
  readonly encoding: string;
  constructor(encoding: string) {
    super(`it declares the encoding ${encoding}; VIP responses must be UTF-8`);
    this.encoding = encoding;
  }
}

function normalizeLineEnds(text: string): string {
  return text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
}

/** Applies a namespace declaration attribute, returning the scope that holds it. */
function declare(name: string, value: string, scope: Scope, parser: Parser): Scope {
  if (name !== 'xmlns' && !name.startsWith('xmlns:')) return scope;
  if (scope.size >= MAX_NAMESPACES_IN_SCOPE) parser.fail(`it declares more than ${MAX_NAMESPACES_IN_SCOPE} namespaces in one scope`);
  if (name === 'xmlns') return { prefix: '', uri: value, parent: scope, size: scope.size + 1 };
  const prefix = name.slice(6);
  if (prefix === 'xmlns') parser.fail('it declares the reserved prefix xmlns');
  if (prefix === 'xml') {
    if (value !== XML_NAMESPACE) parser.fail('it binds the prefix xml to another namespace');
    return scope;
  }
  if (value === '') parser.fail(`it undeclares the prefix ${prefix}, which XML 1.0 namespaces do not allow`);
  if (value === XML_NAMESPACE || value === XMLNS_NAMESPACE) parser.fail('it binds a reserved namespace to another prefix');
  return { prefix, uri: value, parent: scope, size: scope.size + 1 };
}

function lookup(prefix: string, scope: Scope | undefined): string | undefined {
  for (let s = scope; s !== undefined; s = s.parent) if (s.prefix === prefix) return s.uri;
  return undefined;
}

function resolve(qname: string, scope: Scope, isElement: boolean, parser: Parser): { local: string; namespace: string } {
  const colon = qname.indexOf(':');
  if (colon === -1) return { local: qname, namespace: isElement ? (lookup('', scope) ?? '') : '' };
  const prefix = qname.slice(0, colon);
  const namespace = lookup(prefix, scope);
  if (namespace === undefined) parser.fail(`it uses the undeclared namespace prefix ${prefix}`);
  return { local: qname.slice(colon + 1), namespace };
}

function resolveAttributes(raw: ReadonlyArray<{ qname: string; value: string }>, scope: Scope, parser: Parser): XmlAttribute[] {
  const attributes: XmlAttribute[] = [];
  const expanded = new Set<string>();
  for (const { qname, value } of raw) {
    if (qname === 'xmlns' || qname.startsWith('xmlns:')) continue;
    const resolved = resolve(qname, scope, false, parser);
    const key = `${resolved.namespace} ${resolved.local}`;
    if (expanded.has(key)) parser.fail(`it repeats the attribute ${resolved.local} of one namespace under two prefixes`);
    expanded.add(key);
    attributes.push({ qname, ...resolved, value });
  }
  return attributes;
}

/**
 * Parses a complete XML document and returns its root element.
 * @throws {XmlSyntaxError} when the document is not well-formed (or holds a DOCTYPE); {@link XmlEncodingError}
 * when its declaration names an encoding other than UTF-8.
 */
export function parseXml(xml: string, limits: XmlLimits): XmlElement {
  return new Parser(xml, limits).document();
}
