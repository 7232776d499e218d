/**
 * The option tables of the docs name every option there is, with the default the code documents (`@default` in its
 * JSDoc) and uses at run time (`vip.config`).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { VipClient } from 'vip-user-services';
import { proseLines, readPage, ROOT } from './markdown.js';

/** The members of an interface with their `@default` text, read from the source's JSDoc. */
function documentedDefaults(file: string, name: string): Map<string, string | undefined> {
  const source = ts.createSourceFile(file, readFileSync(join(ROOT, file), 'utf8'), ts.ScriptTarget.Latest, true);
  const declaration = source.statements.find(
    (statement): statement is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(statement) && statement.name.text === name,
  );
  if (declaration === undefined) throw new Error(`${file} declares no interface ${name}`);
  const members = new Map<string, string | undefined>();
  for (const member of declaration.members) {
    if (!ts.isPropertySignature(member) || !ts.isIdentifier(member.name)) continue;
    const tag = ts.getJSDocTags(member).find((candidate) => candidate.tagName.text === 'default');
    members.set(member.name.text, tag === undefined ? undefined : ts.getTextOfJSDocComment(tag.comment)?.trim());
  }
  return members;
}

/** The rows of the first table under `heading` in `page`: option names (a cell may name several) and cells. */
function tableRows(page: string, heading: string): Map<string, string[]> {
  const lines = proseLines(readPage(page));
  const start = lines.findIndex((line) => line.replace(/^#+\s*/, '') === heading);
  if (start === -1) throw new Error(`${page} has no heading "${heading}"`);
  const rows = new Map<string, string[]>();
  for (const line of lines.slice(start + 1)) {
    if (line.startsWith('#')) break;
    if (!line.startsWith('| `')) {
      if (rows.size > 0 && !line.startsWith('|')) break;
      continue;
    }
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((cell) => cell.trim());
    for (const option of (cells[0] ?? '').matchAll(/`([\w.]+)`/g)) rows.set(option[1] as string, cells.slice(1));
  }
  return rows;
}

/** The literal at the start of a `@default` text (`30000`, `'1.8'`, `false`, `{ a: 1 }`), if it has one. */
function literalOf(text: string | undefined): string | undefined {
  return text === undefined ? undefined : /^('[^']*'|-?\d+|true|false|\{[^}]*\})/.exec(text)?.[1];
}

function parseLiteral(literal: string): unknown {
  if (literal.startsWith("'")) return literal.slice(1, -1);
  return JSON.parse(literal.replace(/(\w+):/g, '"$1":'));
}

/** Checks each row's default cell against the code's `@default`: the literal in backticks, or "none" when there is none. */
function expectDefaults(rows: Map<string, string[]>, defaults: Map<string, string | undefined>): void {
  expect([...rows.keys()].sort()).toEqual([...defaults.keys()].sort());
  for (const [option, documented] of defaults) {
    const cell = rows.get(option)?.[0] ?? '';
    const literal = literalOf(documented);
    if (documented === undefined) expect(cell, option).toBe('none');
    else if (literal === undefined) expect(cell, option).not.toBe('none');
    else expect(cell, option).toContain(`\`${literal}\``);
  }
}

describe('docs/configuration.md', () => {
  const clientDefaults = documentedDefaults('src/client-options.ts', 'VipClientOptions');

  it('lists every client option with its documented default', () => {
    expectDefaults(tableRows('docs/configuration.md', 'Client options'), clientDefaults);
  });

  it('lists every tls field with its documented default', () => {
    const defaults = documentedDefaults('src/transport/tls-credentials.ts', 'VipTlsOptions');
    // The server name falls back to the URL's host: no literal default to compare.
    defaults.set('servername', 'the URL host');
    expectDefaults(tableRows('docs/configuration.md', '`tls`'), defaults);
  });

  it('lists every call option', () => {
    const rows = tableRows('docs/configuration.md', 'Per-call options');
    expect([...rows.keys()].sort()).toEqual([...documentedDefaults('src/client-options.ts', 'VipCallOptions').keys()].sort());
  });

  it('gives the defaults the client uses at run time', () => {
    const config = new VipClient({}).config;
    const runtime: Record<string, unknown> = {
      endpoint: config.endpoint,
      apiVersion: config.apiVersion,
      timeoutMs: config.timeoutMs,
      maxResponseBytes: config.maxResponseBytes,
      retry: config.retry,
      certificateWarningDays: config.certificateWarningDays,
      logPersonalData: config.logPersonalData,
      allowInsecureHttp: config.allowInsecureHttp,
      connections: config.pool?.connections,
      keepAliveTimeoutMs: config.pool?.keepAliveTimeoutMs,
    };
    for (const [option, value] of Object.entries(runtime)) {
      const literal = literalOf(clientDefaults.get(option));
      expect(literal, option).toBeDefined();
      const expected = parseLiteral(literal as string);
      expect(option === 'endpoint' ? new URL(expected as string).href : expected, option).toEqual(value);
    }
  });
});

describe('README.md', () => {
  it('names the same client options as docs/configuration.md', () => {
    const readme = [...tableRows('README.md', 'Options').keys()].sort();
    expect(readme).toEqual([...tableRows('docs/configuration.md', 'Client options').keys()].sort());
  });
});

describe('docs/push-and-risk.md', () => {
  it("lists waitForPush's options with their documented defaults", () => {
    expectDefaults(tableRows('docs/push-and-risk.md', 'Waiting for the answer'), documentedDefaults('src/push.ts', 'PushWaitOptions'));
  });
});
