/**
 * Removes the secret values a call just sent from anything the server sent back that reaches a log, a hook or an
 * error. Element-based masking cannot cover a gateway's error page that quotes the request in its own words, or a
 * status message that echoes a code; but the SDK knows the exact values it sent, so it can look for them, as
 * written and in the escaped forms an XML, HTML, JSON or URL reflection would use.
 */
import { REDACTED } from './redact.js';

/** Below this length a value is too likely to occur by chance to be replaced inside other text. */
const SHORTEST_REPLACED = 4;

function escapedForms(secret: string): string[] {
  const xml = secret.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
  const forms = [
    secret,
    xml,
    xml.replaceAll('"', '&quot;').replaceAll("'", '&apos;'),
    xml.replaceAll('"', '&#34;').replaceAll("'", '&#39;'),
    xml.replaceAll('"', '&#x22;').replaceAll("'", '&#x27;'),
    JSON.stringify(secret).slice(1, -1),
    encodeURIComponent(secret),
  ];
  return [...new Set(forms)];
}

/** Scrubs the secret values of one call. */
export class SecretScrubber {
  readonly #forms: string[];
  readonly #shortForms: string[];

  /** @param secrets The secret values the request carried (OTPs, PINs, temporary passwords, passwords). */
  constructor(secrets: readonly string[]) {
    const forms = new Set<string>();
    for (const secret of secrets) if (secret !== '') for (const form of escapedForms(secret)) forms.add(form);
    // Longest first, so a value that contains another is replaced whole.
    const sorted = [...forms].sort((a, b) => b.length - a.length);
    this.#forms = sorted.filter((form) => form.length >= SHORTEST_REPLACED);
    this.#shortForms = sorted.filter((form) => form.length < SHORTEST_REPLACED);
  }

  /** True when there is nothing to scrub. */
  get empty(): boolean {
    return this.#forms.length === 0 && this.#shortForms.length === 0;
  }

  /** `text` with every occurrence of a secret replaced by `[REDACTED]`; text holding a very short secret is dropped whole. */
  scrub(text: string): string {
    for (const form of this.#shortForms) if (text.includes(form)) return REDACTED;
    let out = text;
    for (const form of this.#forms) if (out.includes(form)) out = out.split(form).join(REDACTED);
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
