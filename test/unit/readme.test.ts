/**
 * The README opens on the product (issue 16 item 8): its pictures are files in the repository, small
 * enough to be committed, each in both languages, and the command that remakes them is documented and
 * exists; the documentation table's links land on headings that exist.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../../', import.meta.url));
const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
/** What a committed picture may weigh (scripts/screenshots.ts makes them well under it). */
const MAX_BYTES = 200 * 1024;

/** Image paths the README shows: HTML <img src> and Markdown ![](…), local ones only. */
function imagePaths(markdown: string): string[] {
  const html = [...markdown.matchAll(/<img\s[^>]*src="([^"]+)"/g)].map((m) => m[1] ?? '');
  const md = [...markdown.matchAll(/!\[[^\]]*\]\(([^)\s]+)[^)]*\)/g)].map((m) => m[1] ?? '');
  return [...html, ...md].filter((p) => !/^[a-z]+:/i.test(p));
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

describe('README: pictures and documentation links (issue 16 item 8)', () => {
  const images = imagePaths(readme);

  it('shows pictures, and every one is a PNG in the repository under 200 KB', () => {
    assert.ok(images.length >= 8, `expected a gallery, found ${images.length} pictures`);
    for (const rel of images) {
      const file = path.join(root, rel);
      assert.ok(existsSync(file), `README shows ${rel}, which is not in the repository`);
      const bytes = readFileSync(file);
      assert.deepEqual(bytes.subarray(0, 8), PNG_SIGNATURE, `${rel} is not a PNG`);
      assert.ok(bytes.length < MAX_BYTES, `${rel} weighs ${bytes.length} bytes (limit ${MAX_BYTES})`);
    }
  });

  it('every card or page is shown in en-US and in ko-KR', () => {
    const byName = new Map<string, Set<string>>();
    for (const rel of images) {
      const m = /([\w-]+)\.(en-US|ko-KR)\.png$/.exec(rel);
      assert.ok(m?.[1] && m[2], `${rel} is not named <what>.<locale>.png`);
      byName.set(m[1], (byName.get(m[1]) ?? new Set()).add(m[2]));
    }
    for (const [name, langs] of byName) assert.deepEqual([...langs].sort(), ['en-US', 'ko-KR'], name);
  });

  it('docs/images holds no picture the README does not show', () => {
    const shown = new Set(images.map((p) => path.normalize(p)));
    const dir = path.join(root, 'docs', 'images');
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.png'))) {
      assert.ok(shown.has(path.join('docs', 'images', f)), `docs/images/${f} is committed but not in the README`);
      assert.ok(statSync(path.join(dir, f)).size > 0);
    }
  });

  it('says how to remake them, and `npm run screenshots` runs a script that exists', () => {
    assert.match(readme, /`npm run screenshots`/);
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const script = pkg.scripts.screenshots;
    assert.ok(script, 'package.json has a "screenshots" script');
    const entry = /\btsx\s+(\S+\.ts)\b/.exec(script)?.[1];
    assert.ok(entry && existsSync(path.join(root, entry)), `the screenshots script's file exists: ${script}`);
  });

  it("the README's own links (#anchors and files) land on a heading or a file", () => {
    const headings = new Set(
      readme
        .split('\n')
        .filter((l) => /^#{1,6}\s/.test(l))
        .map((l) => slug(l.replace(/^#+\s*/, ''))),
    );
    const links = [...readme.matchAll(/\]\(([^)\s]+)\)/g)].map((m) => m[1] ?? '');
    const anchors = links.filter((l) => l.startsWith('#'));
    assert.ok(anchors.length >= 5, 'the documentation table links the README sections');
    for (const a of anchors) assert.ok(headings.has(a.slice(1)), `README links ${a}, but no heading has that anchor`);
    for (const l of links.filter((x) => !x.startsWith('#') && !/^[a-z]+:/i.test(x) && !x.startsWith('../'))) {
      assert.ok(
        existsSync(path.join(root, l.split('#')[0] ?? '')),
        `README links ${l}, which is not in the repository`,
      );
    }
  });
});
