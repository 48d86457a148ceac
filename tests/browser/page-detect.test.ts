/**
 * One orchestration: on the corpus pages, the extension marks exactly what
 * `findMentions` (the function behind `detect()`) finds in the same blocks of
 * text, hidden text aside. The blocks are read in the page by the page layer's
 * own walk (bundled into the test), decided in Node, then the ones a reader
 * cannot see are dropped (as the page layer drops them) and the rest compared,
 * in document order, with the extension's answer to getMentions.
 */
import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { classify } from '../../src/detect/classify';
import { findMentions } from '../../src/detect/find';
import { createScanner } from '../../src/detect/scan';
import {
  bundleForPage,
  CORPUS_PAGES_DIR,
  HAS_CORPUS,
  launchChromium,
  settledMentions,
  startServer,
  type Launched,
  type StaticServer,
} from './harness';

let browser: Launched;
let server: StaticServer;
let walkJs = '';

const ENTRY = `
import { SegmentWalk } from './src/page/read-text';
import { withoutInvisible, toOriginal } from './src/detect/invisible';
import { locate } from './src/page/offsets';
const segs = [];
const read = (root) => {
  const w = new SegmentWalk(root, { onShadowRoot: (r) => read(r) });
  for (let s = w.next(); s; s = w.next()) segs.push(Object.assign(s, withoutInvisible(s.text)));
};
read(document.documentElement);
window.__segments = segs;
window.__visibleTexts = segs.map((s) => s.text);
/** Of the mentions found (segment, start, end in the visible text), those a reader can see. */
window.__keepVisible = (found) => found.filter(([i, start]) => {
  const s = segs[i];
  const node = s.nodes[locate(s.starts, s.lengths, toOriginal(start, s.removed), false).index];
  const el = node && node.parentElement;
  return !!el && el.checkVisibility({ visibilityProperty: true }) && !el.isContentEditable;
});
`;

beforeAll(async () => {
  server = await startServer();
  const js = await bundleForPage(ENTRY);
  walkJs = js;
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('the page layer and detect() decide the same way', () => {
  if (!HAS_CORPUS) console.info(`skipping: ${CORPUS_PAGES_DIR} is absent (the shared folder is not beside the repo)`);
  const pages = HAS_CORPUS ? readdirSync(CORPUS_PAGES_DIR).filter((f) => f.endsWith('.html')) : [];

  it.skipIf(!HAS_CORPUS)(`on the ${pages.length} corpus pages`, { timeout: 600_000 }, async () => {
    const scanner = createScanner(ENTITY_NAMES);
    const differ: string[] = [];
    let compared = 0;
    for (const file of pages) {
      const page = await browser.context.newPage();
      await page.goto(server.url(`/corpus/${file}`), { waitUntil: 'load' });
      const marked = await settledMentions(browser, page.url(), 60_000);
      // The same blocks, read by the same walk, after the page layer's own pass.
      await page.addScriptTag({ content: walkJs });
      const texts = await page.evaluate(() =>
        (window as unknown as { __segments: { text: string }[] }).__segments.map((s) => s.text),
      );
      const found = findMentions(texts, scanner, classify);
      const flat = found.flatMap((list, i) => list.map((m) => [i, m.start, m.end, m.entity] as const));
      const visible = await page.evaluate(
        (f) =>
          (window as unknown as { __keepVisible(x: unknown): [number, number, number, string][] }).__keepVisible(f),
        flat,
      );
      const expected = visible.map(
        ([i, start, end, entity]) => `${entity}:${texts[i]!.slice(start, end).replace(/\s+/g, ' ')}`,
      );
      const got = marked.map(
        (m) => `${m.entity}:${m.text.replace(/[\u00AD\u200B-\u200D\u2060\uFEFF]/g, '').replace(/\s+/g, ' ')}`,
      );
      if (JSON.stringify(expected) !== JSON.stringify(got))
        differ.push(`${file}: detect ${JSON.stringify(expected)}\n   page   ${JSON.stringify(got)}`);
      compared += got.length;
      await page.close();
    }
    console.info(`page layer vs findMentions: ${compared} mentions on ${pages.length} corpus pages`);
    expect(differ).toEqual([]);
    expect(compared).toBeGreaterThan(100);
  });
});
