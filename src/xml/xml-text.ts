/** Escaping text for XML output. */

// Characters that need work when writing: markup, CR (would be normalised to LF by the reader), and everything
// XML 1.0 forbids (C0 controls other than tab/LF/CR, U+FFFE/U+FFFF, and surrogates, which are checked for pairing).
const NEEDS_WORK = /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

/**
 * Escapes `text` for an XML element. Returns `undefined` when it holds a character that XML 1.0 cannot carry,
 * which the caller turns into a validation error naming the field.
 */
export function escapeXmlText(text: string): string | undefined {
  // Stryker disable next-line ConditionalExpression: a fast path; the loop gives the same result for such text
  if (!NEEDS_WORK.test(text)) return text;
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code === 0x26) out += '&amp;';
    else if (code === 0x3c) out += '&lt;';
    else if (code === 0x3e) out += '&gt;';
    else if (code === 0x0d) out += '&#13;';
    else if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return undefined;
      out += text.slice(i, i + 2);
      i++;
    } else if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a) ||
      (code >= 0xdc00 && code <= 0xdfff) ||
      code === 0xfffe ||
      code === 0xffff
    ) {
      return undefined;
    } else out += text[i];
  }
  return out;
}
