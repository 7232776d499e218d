/** Keeping server-supplied text from forging log lines when it is quoted in an error message. */

/**
 * Escapes what could forge a log line in a message: control characters, line and paragraph separators and
 * bidirectional overrides, which a server could put in a status message or fault string to forge log lines or
 * recolour a terminal (`\n` becomes the two characters `\` `n`, ESC becomes `\u001b`). Messages carry server text;
 * the fields that hold that text keep it raw.
 */
export function printable(text: string): string {
  // The pattern lives in the function (V8 compiles a literal once per site) so each call sees the code as written.
  return text.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u202A-\u202E\u2066-\u2069]/g, (c) => {
    if (c === '\n') return '\\n';
    if (c === '\r') return '\\r';
    if (c === '\t') return '\\t';
    return `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
  });
}
