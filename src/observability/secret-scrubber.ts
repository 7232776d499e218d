/**
 * Removes the secret values a call just sent from anything the server sent back that reaches a log, a hook or an
 * error. Element-based masking cannot cover a gateway's error page that quotes the request in its own words, or a
 * status message that echoes a code; but the SDK knows the exact values it sent, so it can look for them, as
 * written and in the escaped forms an XML, HTML, JSON or URL reflection would use.
 */
import { REDACTED } from './redact.js';

/** Below this length a value is too likely to occur by chance to be replaced inside other text. */
const SHORTEST_REPLACED = 4;

/** The forms a value takes when quoted without markup escaping: as is, inside a JSON string, URL-encoded. */
function literalForms(secret: string): string[] {
  return [...new Set([secret, JSON.stringify(secret).slice(1, -1), encodeURIComponent(secret)])];
}

const NAMED_REFERENCES: Readonly<Record<string, string>> = { '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": 'apos' };

/**
 * A pattern matching the value with each markup character written in any of the ways XML and HTML allow (named
 * entity, decimal or hexadecimal reference, any mix of them, as escapers differ: `&quot;` with `&#39;`, `&#x27;`,
 * `&#039;`...). Each alternative sits in an atomic group (lookahead plus back-reference), so the pattern never
 * backtracks into it: the cost stays linear in the text. Built for values that hold such a character.
 */
function escapedPattern(secret: string): RegExp {
  let group = 0;
  let source = '';
  for (const character of secret) {
    const name = NAMED_REFERENCES[character];
    if (name === undefined) {
      source += character.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&');
      continue;
    }
    const code = character.charCodeAt(0);
    const hex = code.toString(16).replace(/[a-f]/g, (digit) => `[${digit}${digit.toUpperCase()}]`);
    group++;
    // The raw character is escaped too: `\&`, `\<`, `\"`... are identity escapes outside unicode mode.
    source += `(?=(&${name};|&#0*${code};|&#[xX]0*${hex};|\\${character}))(?:\\${group})`;
  }
  return new RegExp(source, 'g');
}

/** True when the value holds a character that markup escaping rewrites. */
function hasMarkupCharacter(secret: string): boolean {
  return /[&<>"']/.test(secret);
}

/** Scrubs the secret values of one call. */
export class SecretScrubber {
  readonly #forms: string[];
  readonly #shortForms: string[];
  readonly #patterns: RegExp[];
  readonly #shortPatterns: RegExp[];

  /**
   * @param secrets The secret values the request carried (OTPs, PINs, temporary passwords, passwords). The
   * contracts give every secret type a minimum length of at least 1, so none is empty.
   */
  constructor(secrets: readonly string[]) {
    // Longest first, so a value that contains another is replaced whole.
    const forms = [...new Set(secrets.flatMap(literalForms))].sort((a, b) => b.length - a.length);
    // Stryker disable next-line ConditionalExpression: a short form listed here too is met first by the short forms' check, which drops the whole text
    this.#forms = forms.filter((form) => form.length >= SHORTEST_REPLACED);
    this.#shortForms = forms.filter((form) => form.length < SHORTEST_REPLACED);
    // Stryker disable next-line MethodExpression: a value without markup gets a pattern that only finds what its literal form found first
    const escapable = secrets.filter(hasMarkupCharacter);
    // Stryker disable next-line ConditionalExpression,MethodExpression: as with the forms, a short value's pattern is met first by the short patterns' check
    this.#patterns = escapable.filter((secret) => secret.length >= SHORTEST_REPLACED).map(escapedPattern);
    this.#shortPatterns = escapable.filter((secret) => secret.length < SHORTEST_REPLACED).map(escapedPattern);
  }

  /** `text` with every occurrence of a secret replaced by `[REDACTED]`; text holding a very short secret is dropped whole. */
  scrub(text: string): string {
    for (const form of this.#shortForms) if (text.includes(form)) return REDACTED;
    for (const pattern of this.#shortPatterns) if (text.search(pattern) !== -1) return REDACTED;
    let out = text;
    for (const form of this.#forms) out = out.replaceAll(form, REDACTED);
    for (const pattern of this.#patterns) out = out.replace(pattern, REDACTED);
    return out;
  }

  /**
   * Scrubs an error in place: its message and stack, every string field (`bodyExcerpt`, `faultString`,
   * `statusMessage`, ...), structured fields such as `faultDetail`, and its causes.
   * @returns The same error.
   */
  scrubError<E>(error: E): E {
    this.#scrubObject(error, new Set());
    return error;
  }

  #scrubObject(target: unknown, seen: Set<unknown>): void {
    // Primitives (and null) have no fields to scrub; `Object(x) === x` only for objects and functions.
    if (Object(target) !== target || seen.has(target)) return;
    seen.add(target);
    const record = target as Record<string, unknown>;
    if (target instanceof Error) {
      assign(record, 'message', this.scrub(target.message));
      // An object made from Error.prototype without the constructor has no stack.
      if (typeof target.stack === 'string') assign(record, 'stack', this.scrub(target.stack));
      this.#scrubObject(target.cause, seen);
    }
    for (const key of Object.keys(record)) {
      const value = record[key];
      if (typeof value === 'string') assign(record, key, this.scrub(value));
      else this.#scrubObject(value, seen);
    }
  }
}

/** Replaces a field; a frozen or read-only field of a foreign error is left alone rather than failing the call. */
function assign(record: Record<string, unknown>, key: string, value: string): void {
  try {
    record[key] = value;
  } catch {
    // Read-only: nothing else can be done without replacing the object, which the caller may hold.
  }
}
