/**
 * The labelled-sentences export in Firefox ESR, with the Firefox build
 * installed: the same page and corrections as the Chromium round trip
 * (labelled-export.test.ts), exported from the popup (popup.html?tab=ID), and
 * the file scored by the command line gives back exactly the corrections.
 * The file is taken where the popup hands it to the browser (its `<a
 * download>` click): Firefox's own download prompt is not under test.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  buildFirefoxExtension,
  firefoxMissingReason,
  launchFirefox,
  tabIdOf,
  type FirefoxBuild,
  type FirefoxSession,
} from './firefox-harness';
import { ARTICLE, CORRECTIONS, expectLabelled, expectScoredAsCorrections } from './labelled-fixture';

const missing = firefoxMissingReason();
if (missing) console.warn(`[firefox-labelled.test] skipped: ${missing}`);

interface ExtensionGlobal {
  browser: { storage: { local: { set(v: object): Promise<void> } } };
}

describe.skipIf(missing)('Firefox ESR: labelled sentences from the popup', { timeout: 240_000 }, () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;

  beforeAll(async () => {
    build = await buildFirefoxExtension();
    ff = await launchFirefox({ extensionDir: build.dir, pages: { '/labelled-article.html': ARTICLE } });
    await ff.extensionCall(async (c: unknown) => {
      await (globalThis as unknown as ExtensionGlobal).browser.storage.local.set({ corrections: c });
    }, CORRECTIONS);
    await ff.openPage('/labelled-article.html');
  }, 240_000);

  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  it('exports the corrected sentences, and the command line scores exactly the corrections as the differences', async () => {
    const url = ff.url('/labelled-article.html');
    // The page layer has read the page and has every answer.
    await vi.waitFor(
      async () => {
        const r = (await ff.sendToTab(url, { type: 'getMentions' })) as { settled?: boolean };
        if (r?.settled !== true) throw new Error('the page layer has not settled');
      },
      { timeout: 30_000, interval: 200 },
    );
    const mark = ff.log.mark();
    const popup = await ff.openExtensionPage(`popup.html?tab=${await tabIdOf(ff, '/labelled-article.html')}&view=page`);
    await popup.waitForSelector('.mention-row', { timeout: 10_000 });
    // Keep what the popup hands to the browser as a download.
    await popup.evaluate(() => {
      const saved: { name: string; href: string }[] = [];
      (globalThis as unknown as { saved: typeof saved }).saved = saved;
      HTMLAnchorElement.prototype.click = function (this: HTMLAnchorElement) {
        saved.push({ name: this.download, href: this.href });
      };
    });
    await popup.click('#export-labelled');
    const file = await vi.waitFor(
      async () => {
        const got = await popup.evaluate(async () => {
          const [first] = (globalThis as unknown as { saved: { name: string; href: string }[] }).saved;
          return first ? { name: first.name, text: await (await fetch(first.href)).text() } : null;
        });
        if (!got) throw new Error('no download yet');
        return got;
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(file.name).toMatch(/^partnership-lens-labelled-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.jsonl$/);
    expectLabelled(file.text, url);
    expectScoredAsCorrections(file.text);
    await popup.close();
    expect(ff.extensionErrors(mark)).toEqual([]);
  });
});
