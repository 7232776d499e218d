/**
 * Every relative link in the documentation leads somewhere: the file exists, and an anchor (`page.md#heading`,
 * `#heading`) names a heading of that page. Links to other sites are not fetched.
 */
import { existsSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { headingAnchors, type Link, linkedPages, links, readPage, ROOT } from './markdown.js';

/**
 * Pages other work is writing right now. A link to one is checked like any other once the file exists; until then
 * it is let through. Remove an entry when its page has landed.
 */

function isExternal(target: string): boolean {
  return /^[a-z][a-z0-9+.-]*:/i.test(target);
}

/** The target's path relative to the root, and its anchor. */
function resolveLink(link: Link): { path: string; anchor: string | undefined } {
  const [file = '', anchor] = link.target.split('#', 2);
  const path = file === '' ? link.page : normalize(relative(ROOT, join(ROOT, dirname(link.page), decodeURIComponent(file))));
  return { path, anchor: anchor === undefined || anchor === '' ? undefined : decodeURIComponent(anchor) };
}

const all = linkedPages().flatMap((page) => links(page).filter((link) => !isExternal(link.target)));

describe('links between pages', () => {
  it('finds the pages and their links', () => {
    expect(linkedPages()).toContain('docs/errors.md');
    expect(all.length).toBeGreaterThan(50);
  });

  it.each(all.map((link) => [`${link.page}:${link.line} → ${link.target}`, link] as const))('%s', (_name, link) => {
    const { path, anchor } = resolveLink(link);
    if (path.startsWith('..')) throw new Error(`${link.target} leaves the repository`);
    expect(existsSync(join(ROOT, path)), `${path} does not exist`).toBe(true);
    if (anchor === undefined) return;
    expect(statSync(join(ROOT, path)).isFile() && path.endsWith('.md'), `an anchor needs a Markdown page: ${path}`).toBe(true);
    const text = readPage(path);
    expect([...headingAnchors(text)], `no heading of ${path} makes the anchor #${anchor} on GitHub`).toContain(anchor);
    // The same pages are rendered by TypeDoc (npm run docs), whose anchors leave out code spans.
    expect([...headingAnchors(text, { withoutCode: true })], `TypeDoc makes no anchor #${anchor} in ${path}`).toContain(anchor);
  });
});

describe('the anchors themselves', () => {
  it('are made as GitHub makes them', () => {
    const anchors = headingAnchors(
      "# Title\n## `retryable`: can the same call work later?\n## Trusting VIP's server\n## Twice\n## Twice\n```sh\n# not a heading\n```",
    );
    expect([...anchors]).toEqual(['title', 'retryable-can-the-same-call-work-later', 'trusting-vips-server', 'twice', 'twice-1']);
    expect([...headingAnchors('## `retryable`: can it work later?', { withoutCode: true })]).toEqual(['-can-it-work-later']);
  });
});
