/**
 * What registered highlights cost a page that keeps changing: on a page with
 * many mentions, a ticker updates one element far from any of them, and the
 * frame that shows the update is timed (from its requestAnimationFrame to the
 * end of its rendering), with the extension and without it, side by side.
 * Chromium revalidates every registered range in each frame in which the page
 * changed, so this cost follows the number of ranges registered (render.ts
 * windows long pages for that reason).
 *
 * With --scroll, the frames timed are those of a reader scrolling instead
 * (60 frames, 120 px each): what the band that follows the viewport costs
 * (render.ts). `--page big` uses the benchmark's generated 5 MB page
 * (112,575 mentions) instead of the ticker page.
 *
 *   npx tsx scripts/bench/frame-tax.ts [--ext <chrome-mv3 folder>] [--mentions 1000] [--loads 3] [--scroll] [--page big]
 *
 * Without --ext it builds the extension (a store build) into .output/frame-tax.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { generateBigPage } from './bigpage';
import { launch, servePages } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    ext: { type: 'string' },
    mentions: { type: 'string', default: '1000' },
    loads: { type: 'string', default: '3' },
    scroll: { type: 'boolean', default: false },
    page: { type: 'string', default: 'ticker' },
  },
});
const mentions = Number(values.mentions);
const loads = Number(values.loads);
if (!(mentions >= 2 && loads >= 1)) throw new Error('--mentions must be at least 2 and --loads at least 1');

let ext = values.ext ? resolve(values.ext) : '';
if (!ext) {
  console.log('building the extension into .output/frame-tax …');
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, WXT_FIRST_RUN_PAGE: 'off', LENS_OUT_DIR: '.output/frame-tax' },
    stdio: 'pipe',
  });
  ext = join(ROOT, '.output/frame-tax/chrome-mv3');
}

const paragraphs = Array.from(
  { length: Math.ceil(mentions / 2) },
  (_, i) => `<p>Paragraph ${i}: Xiaomi and Microsoft signed a deal, said the report.</p>`,
);
const big = values.page === 'big';
const html = big
  ? generateBigPage().html.replace('</body>', '<div id="tick">0</div></body>')
  : `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticker</title></head>
<body style="font:16px/1.5 sans-serif">${paragraphs.join('\n')}<div id="tick">0</div></body></html>`;
const server = await servePages(new Map([['/ticker.html', Buffer.from(html)]]));

/** Runs in the page: 15 ticker updates, each in a frame of its own; the median frame and the registered ranges. */
const PROBE = `(async () => {
  const frame = (fn) => new Promise((done) => requestAnimationFrame(() => {
    const t0 = performance.now();
    fn();
    const ch = new MessageChannel();
    ch.port1.onmessage = () => done(performance.now() - t0);
    ch.port2.postMessage(null);
  }));
  const tick = document.getElementById('tick');
  const times = [];
  if (${values.scroll}) {
    for (let k = 0; k < 3; k++) await frame(() => {});
    for (let k = 0; k < 60; k++) times.push(await frame(() => scrollBy(0, 120)));
  } else {
    for (let k = 0; k < 15; k++) {
      await frame(() => {});
      times.push(await frame(() => { tick.textContent = String(k); }));
    }
  }
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  times.sort((a, b) => a - b);
  let ranges = 0;
  for (const h of CSS.highlights.values()) ranges += h.size;
  return { frameMs: times[times.length >> 1], meanMs: mean, p90Ms: times[Math.floor(times.length * 0.9)], ranges };
})()`;

const variants = { off: await launch(null), ext: await launch(ext) };
interface Frames {
  frameMs: number;
  meanMs: number;
  p90Ms: number;
  ranges: number;
}
const results: Record<string, Frames[]> = { off: [], ext: [] };
try {
  await new Promise((r) => setTimeout(r, 2000));
  for (let i = 0; i < loads; i++) {
    for (const [name, b] of Object.entries(variants)) {
      const page = await b.context.newPage();
      await page.route('**', (r) => (r.request().url().startsWith(server.origin) ? r.continue() : r.abort()));
      await page.goto(`${server.origin}/ticker.html`, { waitUntil: 'load', timeout: 120_000 });
      // Past the page layer's first pass and its classifier answers (the 5 MB page takes ~10 s).
      await page.waitForTimeout(big ? 15_000 : 6000);
      results[name]!.push(await page.evaluate<Frames>(PROBE));
      await page.close();
    }
  }
} finally {
  await Promise.all(Object.values(variants).map((b) => b.close()));
  await server.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const what = values.scroll ? '60 scrolling frames' : '15 ticker updates';
console.log(
  `${big ? 'the 5 MB page' : `a page with ${paragraphs.length * 2} mentions`}, ${loads} loads each (${what}):`,
);
for (const [name, list] of Object.entries(results))
  console.log(
    `  ${name.padEnd(4)} median ${median(list.map((r) => r.frameMs)).toFixed(1)} ms per frame, mean ${median(list.map((r) => r.meanMs)).toFixed(1)}, 90th percentile ${median(list.map((r) => r.p90Ms)).toFixed(1)}` +
      ` (medians of the loads: ${list.map((r) => r.frameMs.toFixed(1)).join(', ')}); ranges registered: ${list.map((r) => r.ranges).join(', ')}`,
  );
