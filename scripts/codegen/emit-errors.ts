/**
 * Emits src/generated/errors.ts from the status table (src/errors/status-table.ts): `VipStatus`, one class per
 * error code, and the map from code to class. The classes are thin on purpose: their guidance is read from the same
 * table at run time by `VipServiceError`, so the generated file only adds what must be spelt out per code, namely
 * the class itself, its literal `code` and the narrower types of its guidance fields.
 */
import { type DocumentedStatusRow, documentedStatuses } from '../../src/errors/status-codes.js';
import type { ServiceErrorParent } from '../../src/errors/status-table.js';

const WIDTH = 118;

/** A JSDoc block at `indent`, its paragraphs wrapped at WIDTH columns; `*\/` inside the text cannot end it early. */
function docComment(paragraphs: string[], indent = ''): string {
  const lines = paragraphs.flatMap((paragraph, index) => [
    ...(index === 0 ? [] : ['']),
    ...wrap(paragraph.replaceAll('*/', '*\\/'), WIDTH - indent.length - 3),
  ]);
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((line) => `${indent} *${line === '' ? '' : ` ${line}`}`).join('\n')}\n${indent} */\n`;
}

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  return [...lines, line];
}

/** The rows that are errors, each with the parent its class extends. */
function errorRows(rows: DocumentedStatusRow[]): (DocumentedStatusRow & { parent: ServiceErrorParent })[] {
  return rows.filter((row): row is DocumentedStatusRow & { parent: ServiceErrorParent } => row.parent !== undefined);
}

function emitVipStatus(rows: DocumentedStatusRow[]): string {
  const doc = docComment([
    "Every documented VIP status code by name, e.g. `VipStatus.Success` (`'0000'`), `VipStatus.CredentialRevoked` " +
      "(`'600F'`), `VipStatus.PushSent` (`'6040'`), `VipStatus.PushApproved` (`'7000'`). Includes the codes that are not " +
      'errors (0000, 6040, 7000, 7001, 7140), listed in numeric order. The name of an error code is its class name without ' +
      '`Error`: `VipStatus.CredentialRevoked === CredentialRevokedError.code`. Compare against the received code after ' +
      "`normalizeStatusCode`, since VIP's hexBinary codes may legally arrive in lower case.",
  ]);
  const entries = rows.map((row) => `${docComment([`${row.code}: ${row.message}`], '  ')}  ${row.name}: '${row.code}',`);
  return `${doc}export const VipStatus = Object.freeze({\n${entries.join('\n')}\n} as const);\n`;
}

function emitClass(row: DocumentedStatusRow & { parent: ServiceErrorParent }): string {
  const className = `${row.name}Error`;
  const doc = docComment([`VIP status ${row.code}, "${row.message}"`, `Cause: ${row.cause}`, `Solution: ${row.solution}`]);
  return `${doc}export class ${className} extends ${row.parent} {
  static override readonly code = '${row.code}';
  declare readonly code: '${row.code}';
  declare readonly documentedMessage: string;
  declare readonly documentedCause: string;
  declare readonly solution: string;
  static {
    nameError(this, '${className}');
  }
}
`;
}

function emitClassMap(rows: (DocumentedStatusRow & { parent: ServiceErrorParent })[]): string {
  const doc = docComment([
    'The class of each error code, for `errorClassForStatus`. The default export, because the public entry point ' +
      're-exports this module with `export *`, which leaves a default export out: the map stays internal.',
  ]);
  const entries = rows.map((row) => `  '${row.code}': ${row.name}Error,`);
  return `${doc}export default Object.freeze({\n${entries.join('\n')}\n});\n`;
}

/** Codes and names are written into the source unquoted or in quotes: refuse anything that could break out. */
function checkRow(row: DocumentedStatusRow): void {
  if (!/^[0-9A-F]{4}$/.test(row.code)) throw new Error(`status table: ${row.code} is not four upper-case hex digits`);
  if (!/^[A-Z][A-Za-z0-9]*$/.test(row.name))
    throw new Error(`status table: ${row.code} has the name ${row.name}, not a PascalCase identifier`);
  if (row.name.endsWith('Error'))
    throw new Error(`status table: ${row.code} is named ${row.name}; the Error suffix is added to the class name`);
}

/** The text of src/generated/errors.ts, without the banner. */
export function emitErrors(): string {
  const rows = documentedStatuses();
  rows.forEach(checkRow);
  const errors = errorRows(rows);
  const parents = [...new Set(errors.map((row) => row.parent))].sort();
  return [
    '// Written from the status table in src/errors/status-table.ts: edit the table, then run `npm run generate`.\n',
    `import {\n${parents.map((parent) => `  ${parent},`).join('\n')}\n} from '../errors/service-error-categories.js';\n` +
      `import { nameError } from '../errors/vip-error.js';\n`,
    emitVipStatus(rows),
    ...errors.map(emitClass),
    emitClassMap(errors),
  ].join('\n');
}
