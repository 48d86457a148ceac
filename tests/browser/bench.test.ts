/**
 * `npm run bench` runs end to end: --quick on one small page of our own (so it
 * runs without the shared corpus), against a benchmark build the harness makes, and
 * writes its JSON with every figure the report promises. The figures
 * themselves are not judged here: times are noisy, the bench is not a test.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildExtension, ROOT } from './harness';

const PAGE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench page</title>
<link rel="stylesheet" href="https://example.com/site.css"></head><body>
<h1>Xiaomi and Microsoft sign a partnership</h1>
<p>Xiaomi will store user data on Microsoft Azure, and Cortana comes to Xiaomi laptops with Office 365.</p>
<p>The post office was closed and the surface of the lake was calm. Harry Shum spoke about computer vision.</p>
<p>Analysts compared the Invoke speaker with the Amazon Echo and the Google Home; Apple answered with the HomePod.</p>
</body></html>`;

describe('npm run bench --quick', () => {
  let dir = '';
  let extDir = '';
  beforeAll(() => {
    // A benchmark build (LENS_BENCH=1, src/build-flags.d.ts): the store build carries no instrumentation.
    extDir = buildExtension('.output/test-bench', { LENS_BENCH: '1' });
    dir = mkdtempSync(join(tmpdir(), 'lens-bench-test-'));
    writeFileSync(join(dir, 'small.html'), PAGE);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('measures every variant on the page and writes the JSON report', { timeout: 240_000 }, () => {
    const out = join(dir, 'results.json');
    const res = spawnSync(
      join(ROOT, 'node_modules/.bin/tsx'),
      ['scripts/bench/run.ts', '--quick', '--pages-dir', dir, '--big-mb', '0', '--ext', extDir, '--out', out],
      { cwd: ROOT, encoding: 'utf8', timeout: 230_000 },
    );
    expect(res.status, `bench failed:\n${res.stdout}\n${res.stderr}`).toBe(0);
    expect(res.stdout).toContain('Budgets:');

    const json = JSON.parse(readFileSync(out, 'utf8'));
    expect(json.runs).toBe(1);
    expect(json.pages).toHaveLength(1);
    const page = json.pages[0];
    expect(page.page).toBe('small');
    for (const v of ['off', 'ext', 'floor', 'mark', 'compromise']) {
      expect(page.variants[v], v).toBeDefined();
      expect(page.variants[v].errors, v).toEqual([]);
      expect(Number.isFinite(page.variants[v].scriptMs), v).toBe(true);
      expect(Number.isFinite(page.variants[v].taskMs), v).toBe(true);
    }
    // Each extension's own work is found in the trace; "off" has none.
    expect(page.variants.off.extensionMs).toBe(0);
    for (const v of ['ext', 'floor', 'mark', 'compromise']) expect(page.variants[v].extensionMs, v).toBeGreaterThan(0);
    // The comparison extensions found the names the page holds.
    expect(page.variants.floor.mentions).toBeGreaterThanOrEqual(10);
    expect(page.variants.mark.mentions).toBeGreaterThanOrEqual(10);

    // The extension's own stats, stage by stage.
    const s = page.stats;
    expect(s.textChars).toBeGreaterThan(200);
    expect(s.candidates).toBeGreaterThan(0);
    expect(s.mentions).toBeGreaterThan(5);
    // "post office", "surface of the lake", "Invoke", "Echo", "Apple" need context.
    expect(s.ambiguous).toBeGreaterThan(0);
    expect(s.classifyRoundTrips).toBeGreaterThan(0);
    expect(s.classifyPending).toBe(0);
    for (const k of ['scan', 'classify', 'paint', 'total']) expect(s.stages[k], k).toBeGreaterThan(0);
    expect(s.longestTaskMs).toBeGreaterThan(0);
    for (const k of ['extToFloor', 'extToMark', 'compromiseToWholePage', 'classifyWallToWholePage'])
      expect(page.ratios[k], k).toBeGreaterThan(0);

    // Compromise time from the worker's own counters for this tab, not the content script's wall time.
    const c = page.compromise;
    expect(c.ext.complete).toBe(true);
    expect(c.ext.sentences).toBeGreaterThan(0);
    expect(c.ext.chars).toBeGreaterThan(20);
    expect(c.ext.chars).toBeLessThan(s.textChars);
    // The worker was restarted before the load: nothing of this page was in its caches.
    expect(c.ext.cacheHits).toBe(0);
    expect(c.ext.nlpCalls).toBeGreaterThan(0);
    expect(c.ext.nlpMs).toBeGreaterThan(0);
    expect(c.ext.classifierMs).toBeGreaterThanOrEqual(c.ext.nlpMs);
    // The wall time covers the worker's time and the messaging around it.
    expect(c.ext.wallMs).toBeGreaterThanOrEqual(c.ext.classifierMs);
    expect(c.whole.nlpMs).toBeGreaterThan(0);
    expect(c.whole.atLeastMs).toBeNull();
    expect(c.whole.parseMs).toBeGreaterThan(0);
    expect(c.whole.nlpMs).toBeGreaterThanOrEqual(c.whole.parseMs);
    expect(c.ratio).toBeCloseTo(c.ext.nlpMs / c.whole.nlpMs, 6);
    expect(page.wholePageNlpMs).toBe(c.whole.nlpMs);
    const ext = page.samples.find((x: { variant: string }) => x.variant === 'ext').self;
    // Every round trip the page made was counted, and the warm-up page (not this one) paid compromise's set-up.
    expect(ext.requests).toBeGreaterThanOrEqual(ext.roundTrips);
    expect(ext.tabFirstUseMs).toBe(0);
    // compromise's one-off set-up, reported apart on both sides.
    for (const k of ['extWorkerReadyMs', 'extFirstUseMs', 'wholeLoadMs', 'wholeFirstUseMs'])
      expect(json.setup[k], k).toBeGreaterThan(0);
    expect(res.stdout).toMatch(/One-off set-up of compromise/);
    expect(json.warnings.filter((w: string) => /counted|first used by this page|in flight/.test(w))).toEqual([]);

    const content = json.sizes.find((x: { file: string }) => x.file === 'content-scripts/content.js');
    expect(content.bytes).toBeGreaterThan(1000);
    expect(content.gzip).toBeGreaterThan(0);
    expect(content.gzip).toBeLessThan(content.bytes);
    expect(json.sizes.map((x: { file: string }) => x.file)).toEqual([
      'content-scripts/content.js',
      'content-scripts/content.css',
      'card.js',
      'background.js',
    ]);

    expect(json.budgets).toHaveLength(6);
    for (const b of json.budgets) expect(['PASS', 'MISS', 'N/A']).toContain(b.status);
    // The page has mentions, so the hover card is measured (or the reason it was not is given); the
    // frame that shows it ends after it begins.
    const card = json.card;
    expect(
      typeof card.latencyMs === 'number' ? card.latencyMs >= card.frameStartMs : typeof card.reason === 'string',
    ).toBe(true);
  });
});
