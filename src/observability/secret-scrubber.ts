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
 * `&#039;`...), or `undefined` when the value holds no such character. Each alternative sits in an atomic group
 * (lookahead plus back-reference), so the pattern never backtracks into it: the cost stays linear in the text.
 */
function escapedPattern(secret: string): RegExp | undefined {
  if (!/[&<>"']/.test(secret)) return undefined;
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
    source += `(?=(&${name};|&#0*${code};|&#[xX]0*${hex};|${character === '&' ? '&' : `\\${character}`}))(?:\\${group})`;
  }
  return new RegExp(source, 'g');
}

/** Scrubs the secret values of one call. */
export class SecretScrubber {
  readonly #forms: string[];
  readonly #shortForms: string[];
  readonly #patterns: RegExp[];
  readonly #shortPatterns: RegExp[] = [];

  /** @param secrets The secret values the request carried (OTPs, PINs, temporary passwords, passwords). */
  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    this.#patterns = [];
    for (const secret of secrets) {
      if (secret === '') continue;
      for (const form of literalForms(secret)) forms.add(form);
      const pattern = escapedPattern(secret);
      if (pattern !== undefined) (secret.length < SHORTEST_REPLACED ? this.#shortPatterns : this.#patterns).push(pattern);
    }
    // Longest first, so a value that contains another is replaced whole.
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    this.#forms = sorted.filter((form) => form.length >= SHORTEST_REPLACED);
    this.#shortForms = sorted.filter((form) => form.length < SHORTEST_REPLACED);
  }

  /** True when there is nothing to scrub. */
  get empty(): boolean {
    return this.#forms.length + this.#shortForms.length + this.#patterns.length + this.#shortPatterns.length === 0;
  }

  /** `text` with every occurrence of a secret replaced by `[REDACTED]`; text holding a very short secret is dropped whole. */
  scrub(text: string): string {
    for (const form of this.#shortForms) if (text.includes(form)) return REDACTED;
    for (const pattern of this.#shortPatterns) if (text.search(pattern) !== -1) return REDACTED;
    let out = text;
    for (const form of this.#forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
    for (const pattern of this.#patterns) out = out.replace(pattern, REDACTED);
    return out;
  }

  /**
   * Scrubs an error in place: its message and stack, every string field (`bodyExcerpt`, `faultString`,
   * `statusMessage`, ...), structured fields such as `faultDetail`, and its causes.
   * @returns The same error.
   */
  scrubError<E>(error: E): E {
    if (!this.empty) this.#scrubObject(error, new Set());
    return error;
  }

  #scrubObject(target: unknown, seen: Set<unknown>): void {
    if (typeof target !== 'object' || target === null || seen.has(target)) return;
    seen.add(target);
    const record = target as Record<string, unknown>;
    if (target instanceof Error) {
      assign(record, 'message', this.scrub(target.message));
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
  if (record[key] === value) return;
  try {
    record[key] = value;
  } catch {
    // Read-only: nothing else can be done without replacing the object, which the caller may hold.
  }
}
