/**
 * Pages that never stop changing: a Preact app re-rendering mentions every few
 * ms keeps working under the extension, and a page rewriting its text every
 * few ms keeps its mentions painted. What the churning page costs (the
 * back-off, rescan.ts) is measured by `npm run bench`, not asserted here.
 */
import { build } from 'esbuild';
import { join } from 'node:path';

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
    // The app keeps rendering under the extension: a few hundred renders (setInterval(5)).
    await expect
      .poll(() => page.evaluate(() => (window as any).renders as number), { timeout: 10_000 })
      .toBeGreaterThan(before + 300);
    expect(await page.textContent('#counter')).not.toBe(counterBefore);
    // The rows' text nodes are still Preact's own: numbers inside <b> keep changing in place.
    const rows = await page.$$eval('li', (lis) => lis.map((li) => li.textContent));
    expect(rows[0]).toMatch(/^Row 0: Xiaomi \d+ Microsoft$/);
    // Still painted after all that churn: the rows' names and the rotating one.
    const p = await painted(page);
    expect(p.filter((x) => x.text === 'Microsoft').length).toBeGreaterThanOrEqual(5);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('a page whose text changes every few ms', () => {
  it('keeps its mentions painted, and the page keeps ticking (what it costs is the benchmark’s to judge)', async () => {
    const page = await browser.context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    await page.goto(server.url('/churn.html'));
    await waitForPainted(page, (p) => p.some((x) => x.text === 'Xiaomi'));
    const t0 = await page.evaluate(() => (window as any).ticks as number);
    // The ticker keeps rewriting its rows; the steady paragraph's mentions stay painted throughout.
    await expect
      .poll(() => page.evaluate(() => (window as any).ticks as number), { timeout: 5000 })
      .toBeGreaterThan(t0 + 100);
    const p = await painted(page);
    expect(p.filter((x) => x.text === 'Microsoft').length).toBeGreaterThanOrEqual(1);
    expect(errors).toEqual([]);
    await page.close();
  });
});
