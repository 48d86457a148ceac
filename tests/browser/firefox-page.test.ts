/**
 * The page layer in Firefox ESR: the highlight rules the background inserts
 * into a frame apply there (the default style, then a reader's own style,
 * live), nothing of ours or of the reader's settings is in the page's DOM,
 * and a page that clobbers globals (DOM named access) does not stop it.
 * Firefox once let the manifest's stylesheet win over the <style> a reader's
 * own style was written to: the page now has one source of rules, inserted
 * and replaced by the background. Read as the browser computes them, and in
 * the pixels of a screenshot.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';
import {
  buildFirefoxExtension,
  firefoxMissingReason,
  launchFirefox,
  type FirefoxBuild,
  type FirefoxSession,
} from './firefox-harness';

const missing = firefoxMissingReason();
if (missing) console.warn(`[firefox-page.test] skipped: ${missing}`);

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title>
<style>body{font:32px/1.6 sans-serif;margin:40px;background:#fff;color:#000}</style></head><body>
<p id="lede"><span id="company">Xiaomi</span> works with Microsoft on Cortana.</p>
</body></html>`;

/** The hostile page: DOM named access aimed at every global a content script might read. */
const HOSTILE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title></head><body>
<form id="browser"><input name="runtime" id="runtime-id"></form>
<form id="chrome"><input name="runtime"></form>
<img name="scheduler"><a id="__partnershipLensCard" href="#">card</a><a id="__partnershipLensBridge" href="#">bridge</a>
<form id="f"><input name="localName"><input name="nodeType"><input name="parentNode"><input name="contains">
<p>Xiaomi inside a form whose fields shadow its properties.</p></form>
<p>Microsoft outside it.</p>
</body></html>`;

interface Ext {
  browser: {
    storage: { sync: { set(v: object): Promise<void> }; local: { get(k: string): Promise<Record<string, unknown>> } };
  };
}

describe.skipIf(missing)('Firefox ESR: the page layer', () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;
  let article: Page;

  const writeSettings = (s: Settings) =>
    ff.extensionCall(async (v: Settings) => {
      await (globalThis as unknown as Ext).browser.storage.sync.set({ settings: v });
    }, s);

  /** The company highlight's computed style (its name is the frame's own: found by the range it holds). */
  const companyStyle = () =>
    article.evaluate(() => {
      const el = document.getElementById('company')!;
      for (const [name, h] of CSS.highlights) {
        for (const r of h as unknown as Set<Range>) {
          if (r.toString() !== 'Xiaomi' || h.priority !== 0) continue;
          const cs = getComputedStyle(el, `::highlight(${name})`);
          return { line: cs.textDecorationLine, colour: cs.textDecorationColor, bg: cs.backgroundColor };
        }
      }
      return null;
    });

  /** Pixels of the word "Xiaomi" in a screenshot: how many are of the given colour (±24 per channel). */
  const pixelsOf = async (rgb: [number, number, number]) => {
    const box = await article.evaluate(() => {
      const r = document.getElementById('company')!.getBoundingClientRect();
      return { x: r.left, y: r.top, width: r.width, height: r.height + 8 };
    });
    const png = await article.screenshot({ clip: box, encoding: 'base64' });
    return article.evaluate(
      async (data: string, c: number[]) => {
        const img = new Image();
        img.src = `data:image/png;base64,${data}`;
        await img.decode();
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const g = canvas.getContext('2d')!;
        g.drawImage(img, 0, 0);
        const px = g.getImageData(0, 0, img.width, img.height).data;
        let n = 0;
        for (let i = 0; i < px.length; i += 4)
          if (Math.abs(px[i]! - c[0]!) < 24 && Math.abs(px[i + 1]! - c[1]!) < 24 && Math.abs(px[i + 2]! - c[2]!) < 24)
            n++;
        return n;
      },
      png,
      rgb,
    );
  };

  beforeAll(async () => {
    build = await buildFirefoxExtension(`firefox-page-${process.pid}`);
    ff = await launchFirefox({
      extensionDir: build.dir,
      pages: { '/article.html': ARTICLE, '/hostile.html': HOSTILE },
    });
    await writeSettings(DEFAULT_SETTINGS);
    article = await ff.openPage('/article.html');
  });

  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  it('applies the default style: a dotted underline in the company colour', async () => {
    await expect.poll(companyStyle, { timeout: 15_000 }).not.toBeNull();
    await expect
      .poll(companyStyle, { timeout: 10_000 })
      .toMatchObject({ line: 'underline', colour: 'rgb(184, 48, 36)' });
    expect(await pixelsOf([184, 48, 36])).toBeGreaterThan(10);
  });

  it('applies a reader’s own style at once, without a reload: a tinted background in their colour', async () => {
    await writeSettings({
      ...DEFAULT_SETTINGS,
      style: {
        ...DEFAULT_SETTINGS.style,
        mark: 'background',
        colours: { ...DEFAULT_SETTINGS.style.colours, company: '#2255cc' },
      },
    });
    await expect
      .poll(async () => (await companyStyle())?.bg ?? '', { timeout: 10_000 })
      .toMatch(/^rgba\(34, 85, 204, 0\.2/);
    expect((await companyStyle())?.line).toBe('none');
    // In the pixels: the tint of #2255cc at 22 % over white.
    await expect.poll(() => pixelsOf([206, 216, 243]), { timeout: 5000 }).toBeGreaterThan(50);
    expect(await pixelsOf([184, 48, 36])).toBe(0);
    await writeSettings(DEFAULT_SETTINGS);
    await expect
      .poll(companyStyle, { timeout: 10_000 })
      .toMatchObject({ line: 'underline', colour: 'rgb(184, 48, 36)' });
  });

  it('puts no stylesheet and no reader setting in the page’s DOM', async () => {
    const dom = await article.evaluate(() => ({
      styles: document.querySelectorAll('style').length,
      sheets: [...document.styleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('')).join(''),
      adopted: document.adoptedStyleSheets.length,
      attrs: document.querySelectorAll('[data-partnership-lens]').length,
    }));
    expect(dom.styles).toBe(1); // the page's own
    expect(dom.sheets).not.toMatch(/highlight/);
    expect(dom.adopted).toBe(0);
    expect(dom.attrs).toBe(0);
    const names = await article.evaluate(() => [...CSS.highlights.keys()]);
    for (const n of names) expect(n).not.toMatch(/lens|partner|company|product|person|technology|agreement/);
  });

  it('paints a page whose markup clobbers globals and form properties', async () => {
    const page = await ff.openPage('/hostile.html');
    await expect
      .poll(
        () =>
          page.evaluate(() =>
            [...CSS.highlights.values()]
              .flatMap((h) => [...(h as unknown as Set<Range>)])
              .map((r) => r.toString())
              .sort(),
          ),
        { timeout: 15_000 },
      )
      .toEqual(['Microsoft', 'Xiaomi']);
    const answer = (await ff.sendToTab('/hostile.html', { type: 'getMentions' })) as { mentions: unknown[] };
    expect(answer.mentions).toHaveLength(2);
    await page.close();
  });
});
