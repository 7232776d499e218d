/**
 * A fast structural check run before parsing: every tag closed in order, one root element, nothing but whitespace
 * around it, and comments, CDATA sections and processing instructions terminated. fast-xml-parser's own parser is
 * lenient (a truncated or mis-nested document parses into a plausible partial object), and its full validator costs
 * about half a parse; this catches truncation and mis-nesting, the failures a broken connection or proxy produces,
 * at a small fraction of that.
 */

const NAME_END = /[\s/>]/g;

/** Returns a description of the first structural problem in `xml`, or `undefined` when there is none. */
export function findStructuralError(xml: string): string | undefined {
  const open: string[] = [];
  let roots = 0;
  let position = 0;
  for (;;) {
    const lt = xml.indexOf('<', position);
    if (open.length === 0 && !isBlank(xml, position, lt === -1 ? xml.length : lt)) return 'text outside the root element';
    if (lt === -1) break;
    if (xml.startsWith('<?', lt)) {
      const end = xml.indexOf('?>', lt + 2);
      if (end === -1) return 'an unterminated processing instruction';
      position = end + 2;
    } else if (xml.startsWith('<!--', lt)) {
      const end = xml.indexOf('-->', lt + 4);
      if (end === -1) return 'an unterminated comment';
      position = end + 3;
    } else if (xml.startsWith('<![CDATA[', lt)) {
      if (open.length === 0) return 'CDATA outside the root element';
      const end = xml.indexOf(']]>', lt + 9);
      if (end === -1) return 'an unterminated CDATA section';
      position = end + 3;
    } else if (xml.startsWith('<!', lt)) {
      return 'a markup declaration';
    } else {
      const closing = xml.charCodeAt(lt + 1) === 0x2f;
      const nameStart = closing ? lt + 2 : lt + 1;
      NAME_END.lastIndex = nameStart;
      const nameEnd = NAME_END.exec(xml)?.index ?? -1;
      if (nameEnd === -1) return 'a truncated tag';
      if (nameEnd === nameStart) return 'a tag without a name';
      const name = xml.slice(nameStart, nameEnd);
      const end = tagEnd(xml, nameEnd);
      if (end === -1) return `a truncated <${name}> tag`;
      if (closing) {
        if (open.pop() !== name) return `</${name}> does not close the element that is open`;
      } else if (xml.charCodeAt(end - 1) !== 0x2f) {
        if (open.length === 0 && roots++ > 0) return 'more than one root element';
        open.push(name);
      } else if (open.length === 0 && roots++ > 0) {
        return 'more than one root element';
      }
      position = end + 1;
    }
  }
  if (open.length > 0) return `the document ends inside <${open[open.length - 1]}>`;
  return roots === 0 ? 'no root element' : undefined;
}

/** True when `xml` holds only XML whitespace from `from` to `to`. */
function isBlank(xml: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const code = xml.charCodeAt(i);
    if (code !== 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) return false;
  }
  return true;
}

/** Index of the `>` ending the tag whose attributes start at `from`, skipping `>` inside quoted values. */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  for (let i = from; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      quote = code;
    } else if (code === 0x3e) {
      return i;
    } else if (code === 0x3c) {
      return -1;
    }
  }
  return -1;
}
