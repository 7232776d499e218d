/**
 * Masks secrets in SOAP bodies before they reach a logger or hook. Which elements are secret comes from the
 * contracts (`sdk:secret` on OTP, PIN, temporary password and gateway password types; `sdk:personal` on device
 * fingerprints), via the operation plans.
 *
 * The masking is a forward scan rather than a regular expression: a pattern that has to find "the end of the secret"
 * backtracks on hostile input (repeated `<otp ` made the previous one quadratic: 29 s for 320 KiB), while this scan
 * looks at every character a bounded number of times whatever the body holds. It errs towards masking: any element
 * whose local name is secret, whatever its prefix and wherever it stands (even inside a comment), has everything up
 * to its matching end tag masked, nested markup, comments and CDATA included; a body that ends first is masked to
 * its end.
 */
import type { FieldPlan, OperationPlan, TypePlan } from '../core/plan.js';
import { OPERATIONS } from '../generated/operations.js';

/** What replaces a secret value. */
export const REDACTED = '[REDACTED]';

function collectNames(type: TypePlan, wanted: (field: FieldPlan) => boolean, names: Set<string>, seen: Set<TypePlan>): void {
  if (seen.has(type)) return;
  seen.add(type);
  for (const field of type.fields) {
    if (wanted(field)) names.add(field.name);
    if (field.type !== undefined) collectNames(field.type, wanted, names, seen);
  }
}

function namesIn(operations: readonly OperationPlan[], wanted: (field: FieldPlan) => boolean): ReadonlySet<string> {
  const names = new Set<string>();
  const seen = new Set<TypePlan>();
  for (const operation of operations) {
    collectNames(operation.request, wanted, names, seen);
    collectNames(operation.response, wanted, names, seen);
  }
  return names;
}

const operations = Object.values(OPERATIONS) as OperationPlan[];
/**
 * Every secret element name of every operation. One set for all bodies: a gateway's error page may quote another
 * request than the one being answered, and masking a name that is secret elsewhere costs nothing.
 */
const SECRET_NAMES = namesIn(operations, (field) => field.secret === true);
const SECRET_AND_PERSONAL_NAMES: ReadonlySet<string> = new Set([
  ...SECRET_NAMES,
  ...namesIn(operations, (field) => field.personal === true),
]);

/**
 * True when an element of this local name holds a secret or personal data (in any operation), so its text is never
 * shown in data that travels with an error.
 */
export function isSensitiveElement(localName: string): boolean {
  return SECRET_AND_PERSONAL_NAMES.has(localName);
}

/** Which elements {@link redactXml} masks. */
export interface RedactionScope {
  /** Also mask personal data (device fingerprints), not only secrets. */
  personalData: boolean;
}

function isNameEnd(code: number): boolean {
  // Whitespace, '/', '>' and '<' end a tag name; anything else (non-ASCII, digits) belongs to it, as in a hostile body.
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0d || code === 0x2f || code === 0x3e || code === 0x3c;
}

/** The end of the name starting at `from`. */
function nameEnd(xml: string, from: number): number {
  let i = from;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which is no name end, and stops there
  while (i < xml.length && !isNameEnd(xml.charCodeAt(i))) i++;
  return i;
}

/** The part of the name in `[from, to)` after its last colon; the search never leaves the name. */
function localName(xml: string, from: number, to: number): string {
  let start = to;
  while (start > from && xml.charCodeAt(start - 1) !== 0x3a) start--;
  return xml.slice(start, to);
}

/**
 * Where the start tag whose name ends at `from` ends: the index of its `>`, skipping quoted attribute values; the
 * index of a `<` that interrupts it (a malformed tag ends there); or -1 when the body ends first.
 */
function tagEnd(xml: string, from: number): number {
  let quote = 0;
  // Stryker disable next-line EqualityOperator: one step past the end reads NaN, which matches nothing
  for (let i = from; i < xml.length; i++) {
    const code = xml.charCodeAt(i);
    if (quote !== 0) {
      if (code === quote) quote = 0;
    } else if (code === 0x22 || code === 0x27) {
      quote = code;
    } else if (code === 0x3e || code === 0x3c) {
      return i;
    }
  }
  return -1;
}

/** True when the tag that {@link tagEnd} ended at `close` is an empty-element tag (`/>`): it has no content. */
function isEmptyElementTag(xml: string, close: number): boolean {
  return xml.charCodeAt(close) === 0x3e && xml.charCodeAt(close - 1) === 0x2f;
}

/**
 * Where the content of a secret element named `local` ends (the `<` of its end tag), skipping comments, CDATA and
 * nested markup, or `xml.length` when the body ends first. A start tag of the same name counts as nested even when
 * another tag interrupts it, so a malformed body is masked further rather than less.
 */
function secretEnd(xml: string, from: number, local: string): number {
  let depth = 0;
  let position = from;
  for (;;) {
    const lt = xml.indexOf('<', position);
    if (lt === -1) return xml.length;
    if (xml.startsWith('<!--', lt) || xml.startsWith('<![CDATA[', lt)) {
      const terminator = xml.charCodeAt(lt + 2) === 0x2d ? '-->' : ']]>';
      // Past `<!--`, so `<!-->` does not end the comment it opens.
      const end = xml.indexOf(terminator, lt + 4);
      if (end === -1) return xml.length;
      // Stryker disable next-line ArithmeticOperator: restarting up to three characters early cannot meet a tag name
      position = end + 3;
      continue;
    }
    const closing = xml.charCodeAt(lt + 1) === 0x2f;
    const start = closing ? lt + 2 : lt + 1;
    const end = nameEnd(xml, start);
    const sameName = localName(xml, start, end) === local;
    if (closing) {
      if (sameName && depth-- === 0) return lt;
      position = end;
      continue;
    }
    const close = tagEnd(xml, end);
    if (close === -1) return xml.length;
    if (sameName && !isEmptyElementTag(xml, close)) depth++;
    position = close;
  }
}

/**
 * Returns `xml` with the content of every secret element replaced by `[REDACTED]` (and of every personal-data
 * element, unless `scope.personalData` is false). Works on any text, well-formed or not, in linear time.
 */
export function redactXml(xml: string, scope: RedactionScope): string {
  const names = scope.personalData ? SECRET_AND_PERSONAL_NAMES : SECRET_NAMES;
  let out = '';
  let copied = 0;
  let position = 0;
  for (;;) {
    const lt = xml.indexOf('<', position);
    if (lt === -1) break;
    const start = lt + 1;
    const end = nameEnd(xml, start);
    position = end;
    const local = localName(xml, start, end);
    if (!names.has(local)) continue;
    const close = tagEnd(xml, end);
    if (isEmptyElementTag(xml, close)) {
      // Past the tag, not just its name: its quoted attributes may hold `<`, which must not be scanned again.
      position = close;
      continue;
    }
    // An unterminated start tag of a secret element: whatever follows may be its value.
    const contentStart = close === -1 ? xml.length : xml.charCodeAt(close) === 0x3e ? close + 1 : close;
    out += `${xml.slice(copied, contentStart)}${REDACTED}`;
    copied = secretEnd(xml, contentStart, local);
    position = copied;
  }
  return out + xml.slice(copied);
}
