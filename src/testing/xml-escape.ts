/** Escaping for the XML the testing helpers write, failing loudly where the SDK's own writer reports a field. */
import { escapeXmlText } from '../xml/xml-text.js';

/**
 * `text` escaped for XML element content; add `.replaceAll('"', '&quot;')` for a double-quoted attribute.
 * @param what The field or option it came from, for the error message.
 * @throws {TypeError} when `text` holds a character XML 1.0 cannot carry (most control characters, lone surrogates).
 */
export function escapeForXml(text: string, what: string): string {
  const escaped = escapeXmlText(text);
  if (escaped === undefined) throw new TypeError(`${what} contains a character that XML 1.0 cannot carry`);
  return escaped;
}
