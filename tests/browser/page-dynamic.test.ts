/**
 * Pages that never stop changing: a Preact app re-rendering mentions every few
 * ms keeps working under the extension, and a page rewriting its text every
 * few ms does not make the extension burn CPU (bounded relative to the same
 * page without the extension).
 */
import { build } from 'esbuild';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FIXTURES_DIR,
  launchChromium,
  painted,
  ROOT,
  startServer,
  waitForPainted,
  type Launched,
  type StaticServer,
} from './harness';

let browser: Launched;
let server: StaticServer;

beforeAll(async () => {
  server = await startServer();
  // The Preact app is bundled from the project's own preact at test time.
  const out = await build({
    entryPoints: [join(FIXTURES_DIR, 'preact-app.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    jsx: 'automatic',
    jsxImportSource: 'preact',
    absWorkingDir: ROOT,
    logLevel: 'silent',
  });
  server.add('/gen/preact-app.js', Buffer.from(out.outputFiles[0]!.contents), 'text/javascript');
  server.add(
    '/gen/preact.html',
    '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>App</title></head><body><div id="root"></div><script src="/gen/preact-app.js"></script></body></html>',
    'text/html',
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a Preact app re-rendering every few ms', () => {
  it('keeps rendering (its text nodes update), throws nothing, and its mentions stay painted', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e.stack ?? e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(server.url('/gen/preact.html'));
    await waitForPainted(page, (p) => p.filter((x) => x.text === 'Xiaomi').length >= 5);
    const before = await page.evaluate(() => (window as any).renders as number);
    const counterBefore = await page.textContent('#counter');
    await page.waitForTimeout(1500);
    const after = await page.evaluate(() => (window as any).renders as number);
    // setInterval(5) renders ~200/s; even a throttled headless tab does well over 50 in 1.5 s.
    expect(after - before).toBeGreaterThan(50);
    expect(await page.textContent('#counter')).not.toBe(counterBefore);
    // The rows' text nodes are still Preact's own: numbers inside <b> keep changing in place.
    const rows = await page.$$eval('li', (lis) => lis.map((li) => li.textContent));
    expect(rows[0]).toMatch(/^Row 0: Xiaomi \d+ Microsoft$/);
    // Still painted after 1.5 s of churn: the rows' names and the rotating one.
    const p = await painted(page);
    expect(p.filter((x) => x.text === 'Microsoft').length).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
    await page.close();
  });
});

async function scriptSeconds(cdp: CDPSession): Promise<number> {
  const { metrics } = await cdp.send('Performance.getMetrics');
  return metrics.find((m) => m.name === 'ScriptDuration')?.value ?? 0;
}

/** Main-thread script time (s) spent on `url` over `ms`, after it settled. */
async function measure(b: Launched, url: string, ms: number): Promise<{ script: number; ticks: number }> {
  const page: Page = await b.context.newPage();
  await page.goto(url);
  await page.waitForTimeout(1000);
  const cdp = await b.context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const s0 = await scriptSeconds(cdp);
  const t0 = await page.evaluate(() => (window as any).ticks as number);
  await page.waitForTimeout(ms);
  const s1 = await scriptSeconds(cdp);
  const t1 = await page.evaluate(() => (window as any).ticks as number);
  await page.close();
  return { script: s1 - s0, ticks: t1 - t0 };
}

describe('a page whose text changes every few ms', () => {
  it('costs a bounded share of script time with the extension (ratio against the same page without it)', async () => {
    const url = server.url('/churn.html');
    const withExt = await measure(browser, url, 3000);
    const plain = await launchChromium({ extension: false });
    let without: { script: number; ticks: number };
    try {
      without = await measure(plain, url, 3000);
    } finally {
      await plain.close();
    }
    // Per tick of the page's own work, so a slower run of the page itself does not skew it.
    const ratio = withExt.script / Math.max(withExt.ticks, 1) / (without.script / Math.max(without.ticks, 1));
    console.info(
      `churn page: script ${(withExt.script * 1000).toFixed(0)} ms with / ${(without.script * 1000).toFixed(0)} ms without the extension over 3 s; per-tick ratio ${ratio.toFixed(2)}`,
    );
    expect(withExt.ticks).toBeGreaterThan(without.ticks * 0.5);
    // Measured here: 1.7–3.9 (noisy on a shared 2-core machine: the page's own baseline is tiny);
    // before observers paused on a churning page it was 5.2, and a rescan per mutation is far above.
    expect(ratio).toBeLessThan(5);
  });
});
