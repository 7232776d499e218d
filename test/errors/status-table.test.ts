/**
 * The status table is the single source of VipStatus, the per-code classes and the code-to-class map: every row must
 * show up in the public API exactly as written, and the API must hold nothing the table does not.
 */
import { describe, expect, it } from 'vitest';
import * as vip from 'vip-user-services';
import { describeStatus, errorClassForStatus, type VipServiceError, VipStatus } from 'vip-user-services';
import { createServiceError } from 'vip-user-services/testing';
import { documentedStatuses } from '../../src/errors/status-codes.js';
import { STATUS_TABLE, type StatusTableRow } from '../../src/errors/status-table.js';

const exported = vip as unknown as Record<string, unknown>;
const rows = Object.entries(STATUS_TABLE) as [string, StatusTableRow][];
const errorRows = rows.filter(([, row]) => row.parent !== undefined);
const otherRows = rows.filter(([, row]) => row.parent === undefined);

/** The exported class of that name; fails the test when there is none. */
function exportedClass(name: string): typeof VipServiceError {
  const value = exported[name];
  expect(value, `${name} is exported from vip-user-services`).toBeTypeOf('function');
  return value as typeof VipServiceError;
}

describe('each error row of the status table', () => {
  it.each(errorRows)('%s has its class, parent, VipStatus key and guidance as written', (code, row) => {
    const className = `${row.name}Error`;
    const errorClass = exportedClass(className);
    const parentClass = exportedClass(row.parent ?? '');

    expect(Object.getPrototypeOf(errorClass), `${className} extends ${row.parent}`).toBe(parentClass);
    expect(errorClass.code).toBe(code);
    expect(VipStatus[row.name as keyof typeof VipStatus]).toBe(errorClass.code);
    expect(errorClassForStatus(code)).toBe(errorClass);
    expect(errorClass.category).toBe(parentClass.category);
    expect(errorClass.category).toBeDefined();

    const error = new errorClass({ status: code, statusMessage: '' });
    expect(error).toBeInstanceOf(parentClass);
    expect(error.name).toBe(className);
    expect(error.code).toBe(code);
    expect(error.documentedMessage).toBe(row.message);
    expect(error.documentedCause).toBe(row.cause);
    expect(error.solution).toBe(row.solution);
    expect(error.retryable).toBe(row.retryable);
    expect(error.category).toBe(errorClass.category);
    expect(createServiceError({ status: code.toLowerCase(), statusMessage: 'x' })).toBeInstanceOf(errorClass);

    expect(describeStatus(code)).toEqual({
      code,
      message: row.message,
      cause: row.cause,
      solution: row.solution,
      category: errorClass.category,
      retryable: row.retryable,
    });
  });
});

describe('each row that is not an error', () => {
  it.each(otherRows)('%s has a VipStatus key and guidance but no class', (code, row) => {
    expect(VipStatus[row.name as keyof typeof VipStatus]).toBe(code);
    expect(exported[`${row.name}Error`]).toBeUndefined();
    expect(errorClassForStatus(code)).toBeUndefined();
    expect(describeStatus(code)).toEqual({
      code,
      message: row.message,
      cause: row.cause,
      solution: row.solution,
      category: undefined,
      retryable: row.retryable,
    });
  });
});

describe('the public API against the table', () => {
  it('has a VipStatus key for every row and no other, in numeric order of the codes', () => {
    const byCode = [...rows].sort(([a], [b]) => Number.parseInt(a, 16) - Number.parseInt(b, 16));
    expect(Object.entries(VipStatus)).toEqual(byCode.map(([code, row]) => [row.name, code]));
    expect(documentedStatuses().map((row) => row.code)).toEqual(byCode.map(([code]) => code));
  });

  it('exports a per-code class only for an error row of the table', () => {
    const perCodeClasses = Object.entries(exported)
      .filter(([, value]) => typeof value === 'function' && typeof (value as { code?: unknown }).code === 'string')
      .map(([name]) => name)
      .sort();
    expect(perCodeClasses).toEqual(errorRows.map(([, row]) => `${row.name}Error`).sort());
  });

  it('keeps the code-to-class map out of the public entry point', () => {
    expect(Object.keys(exported)).not.toContain('default');
  });

  it('uses each name once and writes codes as four upper-case hex digits', () => {
    expect(new Set(rows.map(([, row]) => row.name)).size).toBe(rows.length);
    for (const [code, row] of rows) {
      expect(code).toMatch(/^[0-9A-F]{4}$/);
      expect(row.name).toMatch(/^[A-Z][A-Za-z0-9]*$/);
      expect(row.name.endsWith('Error'), `${code}: the Error suffix belongs to the class name only`).toBe(false);
      expect(row.cause).not.toBe(row.solution);
    }
  });
});
