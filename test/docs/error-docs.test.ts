/** The generated parts of the error documentation stay equal to what scripts/error-docs.ts renders. */
import { describe, expect, it } from 'vitest';
import { FILES_WITH_GENERATED_PARTS, GENERATED_PARTS, withGeneratedParts } from '../../scripts/error-docs.js';
import { errorClassForStatus, VipStatus } from 'vip-user-services';
import { readPage } from './markdown.js';

describe.each(FILES_WITH_GENERATED_PARTS)('%s', (file) => {
  it('has its generated parts up to date (run npm run docs:errors)', () => {
    const text = readPage(file);
    expect(withGeneratedParts(text)).toBe(text);
  });
});

describe('the parts', () => {
  it('are where the pages need them', () => {
    expect(readPage('README.md')).toContain('<!-- generated:error-tree:start -->');
    for (const name of Object.keys(GENERATED_PARTS)) expect(readPage('docs/errors.md')).toContain(`<!-- generated:${name}:start -->`);
  });

  it('list every documented status code with its class', () => {
    const table = GENERATED_PARTS['status-codes']?.() ?? '';
    for (const code of Object.values(VipStatus)) {
      const row = table.split('\n').find((line) => line.startsWith(`| \`${code}\` |`));
      expect(row, code).toBeDefined();
      const errorClass = errorClassForStatus(code);
      if (errorClass !== undefined) expect(row).toContain(`\`${errorClass.name}\` | \`${errorClass.category}\``);
    }
  });

  it('refuse a marker without its end, or of an unknown part', () => {
    expect(() => withGeneratedParts('<!-- generated:status-codes:start -->\n')).toThrow(/no matching end/);
    expect(() => withGeneratedParts('<!-- generated:nothing:start -->\n<!-- generated:nothing:end -->')).toThrow(/no generated part/);
  });
});
