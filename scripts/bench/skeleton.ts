/**
 * What the least a two-stage design costs, measured beside the extension and
 * the floor, side by side in one run: how much of the gap between us and the
 * floor any design with the issue's shape pays before it does anything of ours.
 *
 * Two generated extensions, each the bare bones of one part of ours:
 * - skeleton-gate: a content script in every frame (as ours: all frames, not
 *   about:blank) that reads the sieve from storage.local (where ours reads it:
 *   the reader's settings decide it) and then does what the floor does: reads
 *   each text node once and runs one RegExp of every name. Nothing more.
 * - skeleton-paint: the same, and where the RegExp finds a name, one message to
 *   the background, which inserts one `::highlight()` rule into the frame (scoped
 *   to an attribute, as ours) and injects a second script that registers a range
 *   per name found and puts the attribute on their elements: the least that a
 *   first stage handing over to a painter loaded on demand does.
 * Neither excludes hidden or editable text, reads words CSS lays out apart,
 * asks a classifier, watches the page, or listens for the pointer.
 *
 *   npx tsx scripts/bench/skeleton.ts [--ext DIR] [--runs 7] [--pages guardian-1,theverge]
 *
 * `--ext` is a bench build (LENS_BENCH=1: its worker is restarted and warmed before every load, as in
 * `npm run bench`); without it one is built into .output/skeleton/ext. Figures: per page, the median over
 * runs of (variant − no extension) of the same run, CDP TaskDuration in thread time, as the bench takes it.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch, measureLoad, restartWorker, servePages, type Browser } from './browser';
import { allSurfaceForms, combinedPattern } from './names';
import { fmt, median } from './summarize';
import { generateVariants, REPORT_TAG, SKIP, WARMUP_SENTENCE } from './variants';

const ROOT = resolve(import.meta.dirname, '../..');
const OUT = join(ROOT, '.output/skeleton');
const { values } = parseArgs({
  options: {
    ext: { type: 'string' },
    runs: { type: 'string', default: '7' },
    pages: { type: 'string' },
  },
});
const runs = Number(values.runs);
if (!(runs >= 1)) throw new Error('--runs must be at least 1');

const HIGHLIGHT = 'lens-skeleton';

/**
 * The content script: the sieve from storage, then the floor's walk and RegExp (variants.ts, kept apart
 * because the painter needs the text nodes); with `paint`, hand over.
 */
function gateSource(paint: boolean): string {
  return `(() => {
  const SKIP = new Set(${JSON.stringify(SKIP)});
  chrome.storage.local.get('sieve').then(({ sieve }) => {
    const re = new RegExp(sieve, 'g');
    const hits = [];
    const root = document.body || document.documentElement;
    if (!root) return;
    const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = w.nextNode(); n; n = w.nextNode()) {
      const p = n.parentNode;
      if (p && SKIP.has(p.nodeName)) continue;
      re.lastIndex = 0;
      for (let m = re.exec(n.data); m; m = re.exec(n.data)) hits.push([n, m.index, m[0].length]);
    }
    if (window === top) console.debug(${JSON.stringify(REPORT_TAG)}, JSON.stringify({ variant: 'skeleton', hits: hits.length }));
    if (!${paint} || hits.length === 0) return;
    globalThis.__skeletonHits = hits;
    chrome.runtime.sendMessage('hit');
  });
})();\n`;
}

/**
 * Injected into a frame with a hit: one range per hit, one highlight registered, and the scope attribute on
 * the elements holding one (the rule applies only to them, as ours: src/page/paint.ts says why).
 */
const PAINTER = `(() => {
  const ranges = (globalThis.__skeletonHits || []).map(([node, at, length]) => {
    const r = new Range();
    r.setStart(node, at);
    r.setEnd(node, at + length);
    node.parentElement?.setAttribute(${JSON.stringify(HIGHLIGHT)}, '');
    return r;
  });
  CSS.highlights.set(${JSON.stringify(HIGHLIGHT)}, new Highlight(...ranges));
})();\n`;

function backgroundSource(pattern: string): string {
  return `chrome.runtime.onInstalled.addListener(() => chrome.storage.local.set({ sieve: ${JSON.stringify(pattern)} }));
chrome.runtime.onMessage.addListener((msg, sender) => {
  if (msg !== 'hit' || !sender.tab) return;
  const target = { tabId: sender.tab.id, frameIds: [sender.frameId] };
  chrome.scripting.insertCSS({ target, css: '[${HIGHLIGHT}]::highlight(${HIGHLIGHT}) { background: #fde68a; }' });
  chrome.scripting.executeScript({ target, files: ['painter.js'] });
});\n`;
}

function writeSkeleton(dir: string, paint: boolean, pattern: string): string {
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'content.js'), gateSource(paint));
  writeFileSync(join(dir, 'painter.js'), PAINTER);
  writeFileSync(join(dir, 'background.js'), backgroundSource(pattern));
  const manifest = {
    manifest_version: 3,
    name: `Lens skeleton (${paint ? 'paint' : 'gate'})`,
    version: '1.0.0',
    permissions: ['storage', 'scripting'],
    host_permissions: ['<all_urls>'],
    background: { service_worker: 'background.js' },
    content_scripts: [
      {
        matches: ['<all_urls>'],
        js: ['content.js'],
        run_at: 'document_idle',
        all_frames: true,
        match_about_blank: false,
      },
    ],
  };
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2));
  return dir;
}

let ext = values.ext ? resolve(values.ext) : '';
if (!ext) {
  console.log('building the extension (bench build) into .output/skeleton/ext …');
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, WXT_FIRST_RUN_PAGE: 'off', LENS_BENCH: '1', LENS_OUT_DIR: '.output/skeleton/ext' },
    stdio: 'pipe',
  });
  ext = join(OUT, 'ext/chrome-mv3');
}

const pattern = combinedPattern(allSurfaceForms());
const floorDir = (await generateVariants(join(OUT, 'generated'), ROOT, 'document_idle')).floor;
const variants: [string, string | null][] = [
  ['off', null],
  ['ext', ext],
  ['floor', floorDir],
  ['skeleton-gate', writeSkeleton(join(OUT, 'gate'), false, pattern)],
  ['skeleton-paint', writeSkeleton(join(OUT, 'paint'), true, pattern)],
];

const pagesDir = join(ROOT, '../shared/corpus/pages');
const wanted = values.pages?.split(',');
const names = readdirSync(pagesDir)
  .filter((f) => f.endsWith('.html'))
  .map((f) => f.slice(0, -5))
  .filter((n) => !wanted || wanted.includes(n))
  .sort();
if (names.length === 0) throw new Error(`no corpus page in ${pagesDir} matched`);
const warmPath = '/skeleton-warmup.html';
const server = await servePages(
  new Map([
    ...names.map((n) => [`/${n}.html`, readFileSync(join(pagesDir, `${n}.html`))] as const),
    [warmPath, Buffer.from(`<!doctype html><html lang="en"><body><p>${WARMUP_SENTENCE}</p></body></html>`)] as const,
  ]),
);
const browsers = new Map<string, Browser>();
for (const [v, dir] of variants) browsers.set(v, await launch(dir));
await new Promise((r) => setTimeout(r, 2000));

const added = new Map<string, Map<string, number[]>>();
/** Names the skeleton's RegExp found in the top frame (what skeleton-paint registers there), per page. */
const hits = new Map<string, number[]>();
try {
  for (const page of names) {
    const byVariant = new Map<string, number[]>();
    added.set(page, byVariant);
    for (let run = 1; run <= runs; run++) {
      const task = new Map<string, number>();
      for (const [v] of variants) {
        process.stdout.write(`\r${page}: run ${run}/${runs} ${v.padEnd(16)}`);
        const b = browsers.get(v)!;
        if (v === 'ext') await restartWorker(b, server.origin + warmPath, 60_000);
        const r = await measureLoad(b, `${server.origin}/${page}.html`, {
          trace: false,
          waitReport: false,
          wantStats: false,
          timeoutMs: 60_000,
          windowMs: 2000,
        });
        task.set(v, r.metrics.taskMs);
        if (v === 'skeleton-paint' && typeof r.self?.hits === 'number')
          hits.set(page, [...(hits.get(page) ?? []), r.self.hits]);
      }
      for (const [v] of variants.slice(1)) {
        const list = byVariant.get(v) ?? [];
        list.push(task.get(v)! - task.get('off')!);
        byVariant.set(v, list);
      }
    }
    process.stdout.write('\r' + ' '.repeat(60) + '\r');
  }
} finally {
  await Promise.all([...browsers.values()].map((b) => b.close()));
  await server.close();
}

const shown = variants.slice(1).map(([v]) => v);
console.log(`\nAdded task time (ms, median over ${runs} runs of variant − no extension, thread time):\n`);
console.log(['page'.padEnd(14), ...shown.map((v) => v.padStart(15)), 'names found'.padStart(13)].join(''));
const totals = new Map<string, number>(shown.map((v) => [v, 0]));
for (const [page, byVariant] of added) {
  const row = shown.map((v) => {
    const m = median(byVariant.get(v) ?? []);
    totals.set(v, totals.get(v)! + m);
    return fmt(m).padStart(15);
  });
  console.log([page.padEnd(14), ...row, String(median(hits.get(page) ?? [])).padStart(13)].join(''));
}
console.log(['total'.padEnd(14), ...shown.map((v) => fmt(totals.get(v)!).padStart(15))].join(''));
const floor = totals.get('floor')!;
// A ratio means nothing against a floor lost in the noise (a run or two): then only the sums above.
if (floor > 0)
  console.log(
    `\n× the floor: ${shown
      .filter((v) => v !== 'floor')
      .map((v) => `${v} ${(totals.get(v)! / floor).toFixed(2)}×`)
      .join(', ')}`,
  );
