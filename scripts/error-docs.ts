/**
 * Writes the README's "Errors" section (between `<!-- errors:start -->` and `<!-- errors:end -->`) from the status
 * table (src/errors/status-table.ts) and the error classes generated from it, so the documentation cannot drift from
 * the code: `npm run readme:errors`. A test fails while the README's section differs from what this renders.
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

function hierarchy(): string {
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
  return lines.join('\n');
}

function statusTable(): string {
  const rows = ['| Code | Class | Category | Meaning | What to do |', '|---|---|---|---|---|'];
  for (const { code, cause, solution } of documentedStatuses()) {
    // Class and category come from the generated class, so the README names only classes that exist.
    const errorClass = errorClassForStatus(code);
    const className = errorClass === undefined ? '(not an error)' : `\`${errorClass.name}\``;
    const category = errorClass === undefined ? '' : `\`${errorClass.category}\``;
    const cells = [`\`${code}\``, className, category, escapeCell(cause), escapeCell(solution)];
    rows.push(`| ${cells.join(' | ')} |`);
  }
  return rows.join('\n');
}

function categoryTable(): string {
  const rows = ['| Category | Covers | Codes |', '|---|---|---|'];
  for (const [category, members] of codesByCategory()) {
    const codes = members.map((member) => member.code).join(', ');
    rows.push(`| \`${category}\` | ${CATEGORY_SUMMARIES[category]} | ${codes} |`);
  }
  return rows.join('\n');
}

function render(): string {
  return `## Errors

<!-- Generated from src/errors by scripts/readme-errors.ts; edit the sources, then run it again. -->

Everything the SDK throws is a \`VipError\`. Failures before or around the call (bad input, bad configuration,
network, deadline, cancellation, malformed answers) have their own classes; when VIP itself answers with a status
that is not success for the operation, you get a \`VipServiceError\` subclass: one class per documented status code,
grouped into categories you can catch broadly.

\`\`\`text
${hierarchy()}
\`\`\`

### Catching

Catch the narrowest class you actually handle, then a category, then the family:

\`\`\`ts
import {
  AuthenticationFailedError,
  CredentialError,
  UserNotFoundError,
  VipConnectionError,
  VipError,
} from 'vip-user-services';

try {
  await vip.authenticateUser({ userId, otpAuthData: { otp } });
} catch (error) {
  if (error instanceof AuthenticationFailedError) return 'wrong code, ask again'; // 6009; see error.detail
  if (error instanceof UserNotFoundError) return 'unknown user'; // 6003
  if (error instanceof CredentialError) return \`credential problem: \${error.solution}\`; // revoked, expired, ...
  if (error instanceof VipError && error.retryable) return 'VIP is unreachable or busy, try later'; // 6005, 503, timeout...
  if (error instanceof VipConnectionError) return 'cannot reach VIP'; // e.g. a refused client certificate
  throw error;
}
\`\`\`

- **By class**: every documented error code has its own class (table below). Each class also exposes its code
  statically: \`CredentialRevokedError.code === '600F'\`.
- **By category**: \`UserError\`, \`CredentialError\`, \`AuthenticationError\`, \`AccountPolicyError\`,
  \`ClientCertificateError\`, \`DeliveryError\`, \`PushError\`, \`RiskError\`, \`InvalidRequestError\`,
  \`ServiceUnavailableError\`. Each code belongs to exactly one.
- **By code**: \`error.code === VipStatus.CredentialRevoked\`. Codes are stored in upper case (VIP may send
  \`600f\`; it is the same code). A code VIP does not document still gives a \`VipServiceError\`, with the raw code and
  message and no guidance.
- **Push outcomes**: \`waitForPush\` rejects with a \`PushTransactionError\` subclass (\`PushDeniedError\`,
  \`PushExpiredError\`, ...) carrying the \`transactionId\`. 0000, 6040 (push sent), 7000 (approved) and 7001
  (in progress) are not errors and have no class.
- \`instanceof\` also works when your application ends up with two copies of this package (ESM and CommonJS builds,
  or two versions), because the classes recognise each other's errors by a shared brand and their names.

${categoryTable()}

### What a \`VipServiceError\` carries

| Field | Content |
|---|---|
| \`code\` | Status code, upper case, e.g. \`'600F'\` |
| \`statusMessage\` | The message exactly as VIP returned it |
| \`detail\`, \`detailMessage\` | VIP's reason code (upper case) and its message, when sent, e.g. \`49B5\` / "Failed with an invalid OTP" |
| \`operation\`, \`requestId\`, \`attempts\` | Which call failed, the \`requestId\` it carried, and how many HTTP attempts were made |
| \`retryable\` | \`true\` only for transient failures (6005, 6029); on every \`VipError\` the same flag covers HTTP 502/503/504, connection failures and timeouts; whether the SDK retries also depends on the operation |
| \`category\` | The category class name, e.g. \`'CredentialError'\` |
| \`documentedMessage\`, \`documentedCause\`, \`solution\` | What VIP's documentation says about the code, in short (undefined for undocumented codes) |
| \`transactionId\` | Push outcomes (7002-7008) only: the push transaction |
| \`cause\` | The underlying error, when there is one |

The message reads like \`[6009] Authentication failed. (detail 49B5: Failed with an invalid OTP) (authenticateUser,
requestId ab12cd34)\`. \`JSON.stringify(error)\` (via \`toJSON()\`) gives exactly the fields above plus \`name\` and
\`message\`. Errors never hold request data, so OTPs, PINs, temporary passwords and other secrets cannot end up in
messages, logs or JSON. \`describeStatus(code)\` returns the same guidance for any documented code, and
\`errorClassForStatus(code)\` the class.

### Status codes

${statusTable()}
`;
}

const README = fileURLToPath(new URL('../README.md', import.meta.url));
const START = '<!-- errors:start -->';
const END = '<!-- errors:end -->';

/** The README with its errors section (between the markers) replaced by a fresh rendering. */
export function readmeWithErrors(readme: string): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from === -1 || to < from) throw new Error(`README.md needs the markers ${START} and ${END}`);
  return `${readme.slice(0, from + START.length)}\n${render()}${readme.slice(to)}`;
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  writeFileSync(README, readmeWithErrors(readFileSync(README, 'utf8')));
  console.log(`updated the errors section of ${README}`);
}
