/**
 * `npm run bench:untraced`: a cross-check of the main benchmark without any
 * tracing or sampling. The main bench attributes time from a DevTools trace
 * with V8's sampling profiler on, which slows a large, freshly compiled script
 * (ours) far more than the floor's few lines. Here the only figure is CDP
 * `Performance.getMetrics` ScriptDuration (all script on the page's main
 * thread, ours included) after `load` plus a 3 s window, minus the same
 * page's median without any extension; variants alternate run by run.
 *
 *   npm run bench:untraced -- [--pages cnet,engadget] [--runs 5]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { launch, servePages } from './browser';
import { generateVariants } from './variants';

const ROOT = resolve(import.meta.dirname, '../..');
const PAGES_DIR = resolve(ROOT, '../shared/corpus/pages');

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const runs = Number(arg('runs', '5'));
const pages = arg('pages', 'cnet,engadget,guardian-1,theverge,wikipedia').split(',').filter(Boolean);
if (!existsSync(PAGES_DIR)) {
  console.log(`no corpus pages at ${PAGES_DIR}: nothing to measure`);
  process.exit(0);
}

console.log('building the extension into .output/bench/untraced …');
execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
  cwd: ROOT,
  env: { ...process.env, LENS_OUT_DIR: '.output/bench/untraced', LENS_BENCH: '1' },
  stdio: 'pipe',
});
const ext = join(ROOT, '.output/bench/untraced/chrome-mv3');
const manifest = JSON.parse(readFileSync(join(ext, 'manifest.json'), 'utf8')) as {
  content_scripts: { run_at?: string }[];
};
const vars = await generateVariants(
  mkdtempSync(join(tmpdir(), 'lens-untraced-')),
  ROOT,
  manifest.content_scripts[0]?.run_at ?? 'document_idle',
);
const dirs: Record<string, string | null> = { off: null, ext, floor: vars.floor, mark: vars.mark };
const server = await servePages(new Map(pages.map((p) => [`/${p}.html`, readFileSync(join(PAGES_DIR, `${p}.html`))])));
const browsers = Object.fromEntries(
  await Promise.all(Object.entries(dirs).map(async ([k, d]) => [k, await launch(d)] as const)),
);
await new Promise((r) => setTimeout(r, 2000));

const median = (a: number[]) => [...a].sort((x, y) => x - y)[Math.floor(a.length / 2)]!;
const sums = { ext: 0, floor: 0, mark: 0 };
console.log(`ScriptDuration added over no extension (ms), median of ${runs} alternating runs:`);
for (const p of pages) {
  const res: Record<string, number[]> = { off: [], ext: [], floor: [], mark: [] };
  for (let r = 0; r < runs; r++) {
    for (const v of Object.keys(dirs)) {
      const page = await browsers[v]!.context.newPage();
      const cdp = await browsers[v]!.context.newCDPSession(page);
      await cdp.send('Performance.enable');
      await page.goto(`${server.origin}/${p}.html`, { waitUntil: 'load', timeout: 60_000 });
      await new Promise((done) => setTimeout(done, 3000));
      const { metrics } = await cdp.send('Performance.getMetrics');
      res[v]!.push((metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0) * 1000);
      await page.close();
    }
  }
  const off = median(res.off!);
  const added = (v: 'ext' | 'floor' | 'mark') => Math.max(0, median(res[v]!) - off);
  const [e, f, m] = [added('ext'), added('floor'), added('mark')];
  sums.ext += e;
  sums.floor += f;
  sums.mark += m;
  console.log(
    `${p.padEnd(14)} ext ${e.toFixed(1).padStart(6)}  floor ${f.toFixed(1).padStart(5)}  mark.js ${m.toFixed(1).padStart(6)}  ext/floor ${(e / f).toFixed(2)}×  ext/mark ${(e / m).toFixed(2)}×`,
  );
}
console.log(
  `all pages      ext ${sums.ext.toFixed(1)} vs floor ${sums.floor.toFixed(1)}: ${(sums.ext / sums.floor).toFixed(2)}×; mark.js ${sums.mark.toFixed(1)}`,
);
for (const b of Object.values(browsers)) await b.close();
await server.close();
