/**
 * A page with thousands of mentions: only the band around the viewport is
 * registered with the browser (src/page/render.ts), the band follows the
 * scroll, and the page's mention list still covers everything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { WINDOW_ABOVE, WINDOW_MARGIN_SCREENS, WINDOW_MAX_MENTIONS } from '../../src/page/band';
import {
  launchChromium,
  settledMentions,
  startServer,
  waitForPainted,
  type Launched,
  type StaticServer,
} from './harness';

let browser: Launched;
let server: StaticServer;

const PARAGRAPHS = 500;
const PER_PARAGRAPH = 5;

beforeAll(async () => {
  server = await startServer();
  const body: string[] = ['<p id="top">Microsoft opened the story.</p>'];
  for (let i = 0; i < PARAGRAPHS; i++) {
    body.push(`<p>${Array.from({ length: PER_PARAGRAPH }, () => 'Xiaomi sells phones.').join(' ')}</p>`);
  }
  body.push('<p id="end">Cortana closes it.</p>');
  server.add(
    '/many.html',
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Many</title></head><body style="font:16px/1.5 sans-serif">${body.join('\n')}</body></html>`,
  );
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('a page with thousands of mentions', () => {
  let page: Page;
  const total = PARAGRAPHS * PER_PARAGRAPH + 2;

  beforeAll(async () => {
    expect(total, 'the page is long enough to be windowed').toBeGreaterThan(WINDOW_ABOVE);
    page = await browser.context.newPage();
    await page.goto(server.url('/many.html'));
  });
  afterAll(() => page.close());

  it('lists every mention but registers only those near the viewport', async () => {
    expect((await settledMentions(browser, page.url())).length).toBe(total);
    const p = await waitForPainted(page, (x) => x.some((m) => m.text === 'Microsoft'));
    expect(p.length).toBeGreaterThan(0);
    expect(p.length).toBeLessThanOrEqual(WINDOW_MAX_MENTIONS);
    expect(p.map((m) => m.text)).not.toContain('Cortana');
    // Nothing far from the viewport was ever painted: no paragraph down there carries an attribute of ours.
    const marked = await page.evaluate(() =>
      Array.from(document.querySelectorAll('p'))
        .filter((el) => el.attributes.length > (el.id ? 1 : 0))
        .map((el) => el.getBoundingClientRect().top / innerHeight),
    );
    expect(marked.length).toBeGreaterThan(0);
    expect(Math.max(...marked), 'screens below the top of the viewport').toBeLessThan(WINDOW_MARGIN_SCREENS + 2);
  });

  it('paints a block near the viewport again when its text changes, and keeps painting it', async () => {
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForPainted(page, (x) => x.some((m) => m.text === 'Microsoft'));
    // The first paragraph after the top one: its five Xiaomi become Cortana (a block answered again while windowed).
    await page.evaluate(() => {
      const p = document.querySelectorAll('p')[1]!;
      p.textContent = Array.from({ length: 5 }, () => 'Cortana answers questions.').join(' ');
    });
    const p = await waitForPainted(page, (x) => x.filter((m) => m.text === 'Cortana').length === 5);
    expect(p.some((m) => m.text === 'Microsoft')).toBe(true);
    // Still registered a few frames later: the band did not lose the block when it was painted again.
    await page.evaluate(() => new Promise((r) => setTimeout(r, 500)));
    const later = await waitForPainted(page, (x) => x.length > 0);
    expect(later.filter((m) => m.text === 'Cortana')).toHaveLength(5);
    // As it was, for the next test (which looks for Cortana at the end of the page only).
    await page.evaluate(() => {
      document.querySelectorAll('p')[1]!.textContent = Array.from({ length: 5 }, () => 'Xiaomi sells phones.').join(
        ' ',
      );
    });
    await waitForPainted(page, (x) => !x.some((m) => m.text === 'Cortana'));
  });

  it('moves the band with the scroll: the end gets painted, the top comes off', async () => {
    await page.evaluate(() => document.getElementById('end')!.scrollIntoView());
    const p = await waitForPainted(
      page,
      (x) => x.some((m) => m.text === 'Cortana') && !x.some((m) => m.text === 'Microsoft'),
      5000,
    );
    expect(p.length).toBeLessThanOrEqual(WINDOW_MAX_MENTIONS);
    await page.evaluate(() => window.scrollTo(0, 0));
    await waitForPainted(
      page,
      (x) => x.some((m) => m.text === 'Microsoft') && !x.some((m) => m.text === 'Cortana'),
      5000,
    );
  });
});
