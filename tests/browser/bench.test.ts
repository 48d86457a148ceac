/**
 * `npm run bench` runs end to end: --quick on one small page of our own (so it
 * runs without the shared corpus), against a benchmark build the harness makes, and
 * writes its JSON with every figure the report promises (untraced thread-time figures, traced attribution,
 * the extension's own counters, compromise time, sizes, budgets). The figures
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
    // Untraced loads (what the budgets use): thread-time TaskDuration and ScriptDuration per variant, and what
    // each variant adds over the page without an extension in the same run.
    for (const v of ['off', 'ext', 'floor', 'mark']) {
      const u = page.untraced[v];
      expect(u, v).toBeDefined();
      expect(u.errors, v).toEqual([]);
      expect(u.taskMs, v).toBeGreaterThan(0);
      expect(Number.isFinite(u.scriptMs), v).toBe(true);
    }
    expect(page.untraced.off.addedTaskMs).toBeNull();
    for (const v of ['ext', 'floor', 'mark'])
      expect(page.untraced[v].addedTaskMs, v).toBeCloseTo(page.untraced[v].taskMs - page.untraced.off.taskMs, 6);
    // The paired difference ext − floor, with its interval once there are enough runs (not with one).
    expect(page.extMinusFloor.taskMs.n).toBe(1);
    expect(page.extMinusFloor.taskMs.median).toBeCloseTo(
      page.untraced.ext.addedTaskMs - page.untraced.floor.addedTaskMs,
      6,
    );
    // Traced loads (attribution): each extension's own work is found in the trace, split by our scripts.
    for (const v of ['ext', 'floor', 'mark', 'compromise']) {
      expect(page.traced[v].errors, v).toEqual([]);
      expect(page.traced[v].extensionMs, v).toBeGreaterThan(0);
    }
    expect(Object.keys(page.traced.ext.byScript)).toEqual(
      expect.arrayContaining(['content-scripts/content.js', 'first-stage.js', 'page-layer.js']),
    );
    expect(page.traced.ext.longestTaskMs).toBeGreaterThan(0);
    // The comparison extensions found the names the page holds.
    expect(page.traced.floor.mentions).toBeGreaterThanOrEqual(10);
    expect(page.traced.mark.mentions).toBeGreaterThanOrEqual(10);

    // The extension's own counters: the sieve let some of the page's blocks through, the second stage loaded,
    // and one findMentions round trip decided them.
    const s = page.stats;
    expect(s.textChars).toBeGreaterThan(200);
    expect(s.sieved).toBeGreaterThan(0);
    // Only the blocks the sweep picked are read as segments; the sieve lets some of them through.
    expect(s.sieved).toBeLessThanOrEqual(s.segments);
    expect(s.mentions).toBeGreaterThan(5);
    expect(s.findRoundTrips).toBeGreaterThan(0);
    expect(s.findPending).toBe(0);
    for (const k of ['read', 'find', 'paint', 'total']) expect(s.stages[k], k).toBeGreaterThan(0);
    expect(page.extStats.secondStage).toBe(true);
    expect(page.extStats.backgroundMs).toBeGreaterThan(0);

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
    expect(c.whole.atLeastMs).toBeNull();
    expect(c.whole.parseMs).toBeGreaterThan(0);
    expect(c.whole.nlpMs).toBeGreaterThanOrEqual(c.whole.parseMs);
    expect(c.ratio).toBeCloseTo(c.ext.nlpMs / c.whole.nlpMs, 6);
    const ext = page.samples.find((x: { variant: string; traced: boolean }) => x.variant === 'ext' && !x.traced).self;
    // Every round trip the page made was counted, and the warm-up page (not this one) paid compromise's set-up.
    expect(ext.findRequests).toBeGreaterThanOrEqual(ext.roundTrips);
    expect(ext.requests).toBeGreaterThan(0);
    expect(ext.tabFirstUseMs).toBe(0);
    // compromise's one-off set-up, reported apart on both sides.
    for (const k of ['extWorkerReadyMs', 'extFirstUseMs', 'wholeLoadMs', 'wholeFirstUseMs'])
      expect(json.setup[k], k).toBeGreaterThan(0);
    expect(res.stdout).toMatch(/One-off set-up of compromise/);
    expect(json.warnings.filter((w: string) => /counted|first used by this page|in flight/.test(w))).toEqual([]);

    // Sizes of what each kind of frame loads, the gate first.
    expect(json.sizes.map((x: { file: string }) => x.file)).toEqual([
      'content-scripts/world.js',
      'content-scripts/content.js',
      'first-stage.js',
      'page-layer.js',
      'card.js',
      'background.js',
    ]);
    for (const f of json.sizes) {
      expect(f.gzip, f.file).toBeGreaterThan(0);
      expect(f.gzip, f.file).toBeLessThan(f.bytes);
    }

    expect(json.budgets).toHaveLength(7);
    for (const b of json.budgets) expect(['PASS', 'MISS', 'N/A']).toContain(b.status);
    // The page has mentions, so the hover card is measured (or the reason it was not is given); the
    // frame that shows it ends after it begins.
    const card = json.card;
    expect(
      typeof card.latencyMs === 'number' ? card.latencyMs >= card.frameStartMs : typeof card.reason === 'string',
    ).toBe(true);
  });
});
