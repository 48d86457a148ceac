/**
 * What registered highlights cost a page that keeps changing: on a page with
 * many mentions, a ticker updates one element far from any of them, and the
 * frame that shows the update is timed (from its requestAnimationFrame to the
 * end of its rendering), with the extension and without it, side by side.
 * Chromium revalidates every registered range in each frame in which the page
 * changed, so this cost follows the number of ranges registered (render.ts
 * windows long pages for that reason).
 *
 *   npx tsx scripts/bench/frame-tax.ts [--ext <chrome-mv3 folder>] [--mentions 1000] [--loads 3]
 *
 * Without --ext it builds the extension (a store build) into .output/frame-tax.
 */
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launch, servePages } from './browser';

const ROOT = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({
  options: {
    ext: { type: 'string' },
    mentions: { type: 'string', default: '1000' },
    loads: { type: 'string', default: '3' },
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
const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Ticker</title></head>
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
  for (let k = 0; k < 15; k++) {
    await frame(() => {});
    times.push(await frame(() => { tick.textContent = String(k); }));
  }
  times.sort((a, b) => a - b);
  let ranges = 0;
  for (const h of CSS.highlights.values()) ranges += h.size;
  return { frameMs: times[7], ranges };
})()`;

const variants = { off: await launch(null), ext: await launch(ext) };
const results: Record<string, { frameMs: number; ranges: number }[]> = { off: [], ext: [] };
try {
  await new Promise((r) => setTimeout(r, 2000));
  for (let i = 0; i < loads; i++) {
    for (const [name, b] of Object.entries(variants)) {
      const page = await b.context.newPage();
      await page.goto(`${server.origin}/ticker.html`, { waitUntil: 'load' });
      // Past the page layer's first pass and its classifier answers.
      await page.waitForTimeout(6000);
      results[name]!.push(await page.evaluate<{ frameMs: number; ranges: number }>(PROBE));
      await page.close();
    }
  }
} finally {
  await Promise.all(Object.values(variants).map((b) => b.close()));
  await server.close();
}
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
console.log(`a page with ${paragraphs.length * 2} mentions, ${loads} loads each (median frame of 15 ticker updates):`);
for (const [name, list] of Object.entries(results))
  console.log(
    `  ${name.padEnd(4)} ${median(list.map((r) => r.frameMs)).toFixed(1)} ms per frame` +
      ` (loads: ${list.map((r) => r.frameMs.toFixed(1)).join(', ')}); ranges registered: ${list.map((r) => r.ranges).join(', ')}`,
  );
