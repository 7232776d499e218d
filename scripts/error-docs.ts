/**
 * Writes the generated parts of the error documentation from the status table (src/errors/status-table.ts) and the
 * error classes generated from it, so the documentation cannot drift from the code: `npm run docs:errors`.
 *
 * Each part sits between `<!-- generated:NAME:start -->` and `<!-- generated:NAME:end -->` in README.md or
 * docs/errors.md; the prose around the markers is written by hand. test/docs/error-docs.test.ts fails while a
 * part differs from what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { errorClassForStatus, type ServiceErrorCategory, type VipStatusCode } from '../src/errors/index.js';
import { documentedStatuses } from '../src/errors/status-codes.js';

const CATEGORY_SUMMARIES: Record<ServiceErrorCategory, string> = {
  UserError: 'the user: unknown or duplicate ID, a status that forbids the action, a wrong or non-compliant PIN',
  CredentialError: 'the credential or its binding: unknown, wrong type, wrong state, revoked, expired, limits',
  AuthenticationError: 'the user did not pass: wrong security code, or code checks refused by policy',
  AccountPolicyError: 'the VIP account: unknown, not permitted, a feature switched off (an administrator must act)',
  ClientCertificateError: "this SDK's client certificate: revoked or missing",
  DeliveryError: 'SMS or voice delivery failed or was blocked',
  PushError: 'push unavailable or not sent; `PushTransactionError` below it for push outcomes other than approval',
  RiskError: 'Intelligent Authentication (risk): not enabled or configured, bad feedback, undecryptable key',
  InvalidRequestError: 'VIP rejected the request itself (schema, values, expiry, friendly name)',
  ServiceUnavailableError: 'a transient failure at VIP (`retryable` is true)',
};

function escapeCell(text: string): string {
  // Escape Markdown outside `code spans` only; inside them the characters are shown as written.
  return text
    .split('`')
    .map((part, index) => (index % 2 === 1 ? part : part.replace(/([\\*_|])/g, '\\$1')))
    .join('`');
}

function codesByCategory(): Map<ServiceErrorCategory, { code: VipStatusCode; className: string }[]> {
  const groups = new Map<ServiceErrorCategory, { code: VipStatusCode; className: string }[]>();
  for (const category of Object.keys(CATEGORY_SUMMARIES) as ServiceErrorCategory[]) groups.set(category, []);
  for (const { code } of documentedStatuses()) {
    const errorClass = errorClassForStatus(code);
    if (errorClass !== undefined) groups.get(errorClass.category)?.push({ code, className: errorClass.name });
  }
  return groups;
}

/** The class tree, with the codes of each category. */
function errorTree(): string {
  const lines = [
    'VipError                        anything this package throws',
    '├─ VipValidationError           input rejected before sending (field + rule, never the value)',
    '├─ VipConfigurationError        unusable client settings (endpoint, certificate, key passphrase)',
    '└─ VipCallError                 a call was under way: operation, requestId, attempts',
    '   ├─ VipConnectionError        no HTTP response (DNS, refused, reset, TLS)',
    '   ├─ VipTimeoutError           the deadline passed',
    '   ├─ VipAbortError             your AbortSignal fired',
    '   ├─ VipHttpError              an HTTP status that is no answer (not 2xx, and no Fault in a 500)',
    '   ├─ VipProtocolError          the answer is not a usable VIP message',
    '   ├─ VipSoapFaultError         a SOAP Fault',
    '   └─ VipServiceError           VIP answered with a status that is not success',
  ];
  const groups = [...codesByCategory()];
  groups.forEach(([category, members], index) => {
    const last = index === groups.length - 1;
    const codes = members.map((member) => member.code).join(', ');
    lines.push(`      ${last ? '└─' : '├─'} ${category.padEnd(24)} ${codes}`);
  });
  return ['```text', ...lines, '```'].join('\n');
}

function categoryTable(): string {
  const rows = ['| Category | Covers | Codes |', '|---|---|---|'];
  for (const [category, members] of codesByCategory()) {
    const codes = members.map((member) => member.code).join(', ');
    rows.push(`| \`${category}\` | ${CATEGORY_SUMMARIES[category]} | ${codes} |`);
  }
  return rows.join('\n');
}

function statusTable(): string {
  const rows = ['| Code | Class | Category | VIP says | Cause | What to do | Retryable |', '|---|---|---|---|---|---|---|'];
  for (const { code, message, cause, solution, retryable } of documentedStatuses()) {
    // Class and category come from the generated class, so the page names only classes that exist.
    const errorClass = errorClassForStatus(code);
    const className = errorClass === undefined ? '(not an error)' : `\`${errorClass.name}\``;
    const category = errorClass === undefined ? '' : `\`${errorClass.category}\``;
    const cells = [
      `\`${code}\``,
      className,
      category,
      escapeCell(message),
      escapeCell(cause),
      escapeCell(solution),
      retryability(errorClass !== undefined, retryable),
    ];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

/** "yes" or "no" for an error; nothing for a code that is no error. */
function retryability(isError: boolean, retryable: boolean): string {
  if (!isError) return '';
  return retryable ? 'yes' : 'no';
}

/** Every generated part, by the name its markers carry. */
export const GENERATED_PARTS: Readonly<Record<string, () => string>> = {
  'error-tree': errorTree,
  'error-categories': categoryTable,
  'status-codes': statusTable,
};

/** The files holding generated parts, relative to the repository's root. */
export const FILES_WITH_GENERATED_PARTS = ['README.md', 'docs/errors.md'] as const;

const MARKERS = /(<!-- generated:([a-z-]+):start -->\n)[\s\S]*?(<!-- generated:\2:end -->)/g;

/**
 * `text` with every generated part between its markers rendered afresh.
 * @throws {Error} for a marker naming no known part, or a start marker without its end.
 */
export function withGeneratedParts(text: string): string {
  const starts = [...text.matchAll(/<!-- generated:([a-z-]+):start -->/g)].length;
  let replaced = 0;
  const result = text.replace(MARKERS, (_whole, start: string, name: string, end: string) => {
    const render = GENERATED_PARTS[name];
    if (render === undefined) throw new Error(`no generated part is called ${name}`);
    replaced++;
    return `${start}${render()}\n${end}`;
  });
  if (replaced !== starts) throw new Error('a <!-- generated:NAME:start --> marker has no matching end marker');
  return result;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  for (const file of FILES_WITH_GENERATED_PARTS) {
    const path = fileURLToPath(new URL(`../${file}`, import.meta.url));
    const before = readFileSync(path, 'utf8');
    const after = withGeneratedParts(before);
    if (after !== before) writeFileSync(path, after);
    console.log(`${file}: ${after === before ? 'up to date' : 'updated'}`);
  }
}
