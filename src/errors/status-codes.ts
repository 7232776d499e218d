/**
 * Reading the status table (`status-table.ts`): the code and name types, case-insensitive lookup of one code, and
 * the whole table in code order for the generator and the documentation.
 */
import { STATUS_TABLE, type StatusTableRow } from './status-table.js';

type StatusTable = typeof STATUS_TABLE;

/** A status code VIP documents, in upper case: `'0000'`, `'600F'`, `'7002'`, ... */
export type VipStatusCode = keyof StatusTable;

/** The name of a documented status in `VipStatus`: `'Success'`, `'CredentialRevoked'`, ... */
export type VipStatusName = StatusTable[VipStatusCode]['name'];

/** One row of the status table together with its code. */
export type DocumentedStatusRow = StatusTableRow & { readonly code: VipStatusCode };

/**
 * Brings a status or detail code to the form this package uses: trimmed and upper case (`' 600f'` becomes
 * `'600F'`). Never throws.
 */
export function normalizeStatusCode(code: string): string {
  return code.trim().toUpperCase();
}

/** True when `code` (already normalised) is one of the documented codes; own keys only, so never `'constructor'`. */
function isDocumentedStatusCode(code: string): code is VipStatusCode {
  return Object.hasOwn(STATUS_TABLE, code);
}

/**
 * The documented facts for a code, or undefined when VIP does not document it. Case-insensitive. Internal: the
 * public view is `describeStatus`, which also names the error category.
 */
export function documentedStatus(code: string): DocumentedStatusRow | undefined {
  const normalized = normalizeStatusCode(code);
  if (!isDocumentedStatusCode(normalized)) return undefined;
  return { code: normalized, ...STATUS_TABLE[normalized] };
}

/** Every row of the status table, in numeric order of the codes (the order `VipStatus` and docs/errors.md list them in). */
export function documentedStatuses(): DocumentedStatusRow[] {
  return (
    (Object.keys(STATUS_TABLE) as VipStatusCode[])
      // Integer-like keys ('6001') enumerate before the others ('0000', '600A'), so the object's own order is not it.
      .sort((a, b) => Number.parseInt(a, 16) - Number.parseInt(b, 16))
      .map((code) => ({ code, ...STATUS_TABLE[code] }))
  );
}
