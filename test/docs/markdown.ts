/**
 * Reading the project's Markdown for the documentation tests: which files are documentation, their fenced code
 * blocks, their links and the anchors their headings make.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository's root, with a trailing slash. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The pages whose code blocks must compile or run: the README, the guides, the examples' README. */
export function documentationPages(): string[] {
  const guides = readdirSync(join(ROOT, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .sort()
    .map((name) => `docs/${name}`);
  return ['README.md', ...guides, 'examples/README.md'];
}

/** Every page whose links must resolve: the documentation plus the other Markdown files a reader follows. */
export function linkedPages(): string[] {
  return [...documentationPages(), 'CONTRIBUTING.md', 'CHANGELOG.md', 'wsdl/README.md'].filter((page) => existsSync(join(ROOT, page)));
}

export function readPage(page: string): string {
  return readFileSync(join(ROOT, page), 'utf8');
}

/** One fenced code block. */
export interface CodeBlock {
  /** The page, relative to the root, e.g. `docs/errors.md`. */
  readonly page: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The info string's first word: `ts`, `sh`, `text`... (empty when none). */
  readonly language: string;
  /** The block's content, with the fence's indentation removed. */
  readonly code: string;
  /** The HTML comment on the line before the fence, e.g. `snippet:run`, if any. */
  readonly marker: string | undefined;
}

/** The fenced code blocks of a page, in order. Fences may be indented (inside list items). */
export function codeBlocks(page: string, text = readPage(page)): CodeBlock[] {
  const lines = text.split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^( *)(`{3,})([\w-]*)/.exec(lines[index] as string);
    if (open === null) continue;
    const [, indent = '', fence = '', language = ''] = open;
    const body: string[] = [];
    let end = index + 1;
    while (end < lines.length && !(lines[end] as string).startsWith(`${indent}${fence}`)) {
      body.push((lines[end] as string).slice(indent.length));
      end++;
    }
    const previous = index > 0 ? /^\s*<!--\s*(.*?)\s*-->\s*$/.exec(lines[index - 1] as string) : null;
    blocks.push({ page, line: index + 1, language, code: body.join('\n'), marker: previous?.[1] });
    index = end;
  }
  return blocks;
}

/** The page's text outside fenced code blocks, line by line (code lines are blanked, so line numbers stay). */
export function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const open = /^ *(`{3,})/.exec(line);
    if (fence === undefined && open !== null) {
      fence = open[1];
      return '';
    }
    if (fence !== undefined) {
      if (line.trimStart().startsWith(fence)) fence = undefined;
      return '';
    }
    return line;
  });
}

/** One Markdown link, `[text](target)`. */
export interface Link {
  readonly page: string;
  readonly line: number;
  readonly target: string;
}

/** The inline links of a page, outside code blocks and code spans. */
export function links(page: string, text = readPage(page)): Link[] {
  const found: Link[] = [];
  proseLines(text).forEach((line, index) => {
    const withoutCode = line.replace(/`[^`]*`/g, '');
    for (const match of withoutCode.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      found.push({ page, line: index + 1, target: match[1] as string });
    }
  });
  return found;
}

/**
 * The anchors a page's headings get, as GitHub makes them: lower case, punctuation dropped, spaces turned into
 * hyphens, and `-1`, `-2`... appended to repeats. TypeDoc, which renders the same pages, makes them alike but
 * leaves out what is inside code spans (`withoutCode`).
 */
export function headingAnchors(text: string, options: { withoutCode?: boolean } = {}): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLines(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading === null) continue;
    const title = options.withoutCode === true ? (heading[1] as string).replace(/`[^`]*`/g, '') : (heading[1] as string);
    const slug = title
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\s_-]/gu, '')
      .replace(/\s/g, '-');
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}
