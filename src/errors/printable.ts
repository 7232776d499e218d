/** Keeping server-supplied text from forging log lines when it is quoted in an error message. */

/**
 * Control characters, line and paragraph separators and bidirectional overrides, which a server could put in a
 * status message or fault string to forge log lines or recolour a terminal.
 */
const UNPRINTABLE = /[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g;
const NAMED_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Escapes what could forge a log line in a message (`\n` becomes the two characters `\` `n`, ESC becomes `\u001b`).
 * Messages carry server text; the fields that hold that text keep it raw.
 */
export function printable(text: string): string {
  return text.replace(UNPRINTABLE, (c) => NAMED_ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
