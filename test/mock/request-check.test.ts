/** The mock's schema check of parsed requests, on small hand-made plans. */
import { describe, expect, it } from 'vitest';
import type { TypePlan } from '../../src/core/plan.js';
import { checkRequest, InvalidLexicalValue, STRICT_DESERIALIZERS } from '../../src/mock/request-check.js';

const ITEM: TypePlan = {
  name: 'ItemType',
  fields: [{ name: 'label', kind: 'string', required: true, maxOccurs: 1, facets: { maxLength: 3 } }],
  choices: [],
};
const PLAN: TypePlan = {
  name: 'SampleType',
  fields: [
    { name: 'count', kind: 'int', required: false, maxOccurs: 1, facets: { minInclusive: 0, maxInclusive: 100 } },
    { name: 'ratio', kind: 'double', required: false, maxOccurs: 1 },
    { name: 'when', kind: 'dateTime', required: false, maxOccurs: 1 },
    { name: 'flag', kind: 'boolean', required: false, maxOccurs: 1 },
    { name: 'code', kind: 'string', required: false, maxOccurs: 1, facets: { length: 2, enumeration: ['AB', 'CD'] } },
    { name: 'item', kind: 'complex', type: ITEM, required: false, maxOccurs: 1 },
    { name: 'items', kind: 'complex', type: ITEM, required: false, maxOccurs: 2 },
  ],
  choices: [],
};

function reason(args: unknown): string | undefined {
  const result = checkRequest(PLAN, args);
  return result.ok ? undefined : result.reason;
}

describe('STRICT_DESERIALIZERS', () => {
  it('read the XSD lexical forms and flag everything else', () => {
    expect(STRICT_DESERIALIZERS.boolean('1')).toBe(true);
    expect(STRICT_DESERIALIZERS.boolean('false')).toBe(false);
    expect(STRICT_DESERIALIZERS.boolean('TRUE')).toBeInstanceOf(InvalidLexicalValue);
    expect(STRICT_DESERIALIZERS.int('-42')).toBe(-42);
    expect(STRICT_DESERIALIZERS.int('4.2')).toBeInstanceOf(InvalidLexicalValue);
    expect(STRICT_DESERIALIZERS.integer('7')).toBe(7);
    expect(STRICT_DESERIALIZERS.double('2.5e3')).toBe(2500);
    expect(STRICT_DESERIALIZERS.double('abc')).toBeInstanceOf(InvalidLexicalValue);
    expect((STRICT_DESERIALIZERS.dateTime('2026-01-02T03:04:05') as Date).toISOString()).toBe('2026-01-02T03:04:05.000Z');
    expect((STRICT_DESERIALIZERS.dateTime('2026-01-02T03:04:05+01:00') as Date).toISOString()).toBe('2026-01-02T02:04:05.000Z');
    expect(STRICT_DESERIALIZERS.dateTime('tomorrow')).toBeInstanceOf(InvalidLexicalValue);
  });
});

describe('checkRequest', () => {
  it('accepts valid values and turns single repeated elements into arrays', () => {
    const result = checkRequest(PLAN, { count: 5, flag: true, code: 'AB', item: { label: 'x' }, items: { label: 'y' } });
    expect(result).toEqual({ ok: true, value: { count: 5, flag: true, code: 'AB', item: { label: 'x' }, items: [{ label: 'y' }] } });
  });

  it.each([
    [{ count: 101 }, 'count is above 100'],
    [{ count: -1 }, 'count is below 0'],
    [{ count: '5' }, 'count must be a number'],
    [{ ratio: new InvalidLexicalValue('double') }, 'ratio is not a valid double'],
    [{ when: 'soon' }, 'when must be an xs:dateTime'],
    [{ flag: 'yes' }, 'flag must be a boolean'],
    [{ code: 'ABC' }, 'code must be exactly 2 characters'],
    [{ code: 'XY' }, 'code must be one of AB, CD'],
    [{ code: { nested: 'x' } }, 'code must be text'],
    [{ item: 'text' }, 'item. must contain elements'],
    [{ item: {} }, 'item.label is required'],
    [{ item: { label: 'long' } }, 'item.label is longer than 3 characters'],
    [{ items: [{ label: 'a' }, { label: 'b' }, { label: 'c' }] }, 'items occurs 3 times, at most 2 allowed'],
    ['text', 'the request must contain elements'],
  ])('rejects %j: %s', (args, expected) => {
    expect(reason(args)).toBe(expected);
  });

  it('treats an empty element as an empty value and ignores attribute bags', () => {
    expect(reason({ code: null })).toBe('code must be exactly 2 characters');
    expect(checkRequest(PLAN, { attributes: { 'xsi:type': 'x' }, item: { label: 'ok', attributes: {} } }).ok).toBe(true);
  });
});
