/**
 * The labelled-sentences export in Firefox ESR, with the Firefox build
 * installed: the same page and corrections as the Chromium round trip
 * (labelled-export.test.ts), exported from the popup (popup.html?tab=ID), and
 * the file scored by the command line gives back exactly the corrections.
 * The file is taken where the popup hands it to the browser (its `<a
 * download>` click): Firefox's own download prompt is not under test. And
 * the options page lists those corrections and removes one.
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
  browser: { storage: { local: { set(v: object): Promise<void>; get(k: string): Promise<Record<string, unknown>> } } };
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

  it('lists the corrections on the options page by site and entity, and removes one', async () => {
    const mark = ff.log.mark();
    const options = await ff.openExtensionPage('options.html#corrections');
    await options.waitForSelector('#corrections .corr', { timeout: 10_000 });
    const listed = () =>
      options.$$eval('#corrections .corr-site', (sites) =>
        sites.map((site) => [
          site.getAttribute('data-site'),
          [...site.querySelectorAll('.corr-entity')].map((e) => [
            e.getAttribute('data-entity'),
            [...e.querySelectorAll('.corr')].map((c) => [
              c.querySelector('.corr-kind')?.textContent,
              c.querySelector('q mark')?.textContent ?? null,
            ]),
          ]),
        ]),
      );
    expect(await listed()).toEqual([
      [
        '127.0.0.1',
        [
          ['cortana', [['Not here', null]]],
          ['microsoft', [['Marked as mention', 'Redmond company']]],
          ['xiaomi', [['Not this one', 'Xiaomi']]],
        ],
      ],
      ['news.example.com', [['microsoft', [['Not here', null]]]]],
    ]);
    await options.click('#corrections [data-entity="xiaomi"] .corr-remove');
    const stored = () =>
      options.evaluate(async () => {
        const { corrections } = await (globalThis as unknown as ExtensionGlobal).browser.storage.local.get(
          'corrections',
        );
        return (corrections as { items: { kind: string; entity: string }[] }).items.map((c) => `${c.kind} ${c.entity}`);
      });
    await vi.waitFor(
      async () => {
        const items = await stored();
        if (items.length !== 3) throw new Error(`still ${items.length} corrections`);
      },
      { timeout: 10_000, interval: 100 },
    );
    expect(await stored()).toEqual(['not-here cortana', 'mark microsoft', 'not-here microsoft']);
    expect(
      await options.$$eval('#corrections [data-site="127.0.0.1"] .corr-entity', (els) =>
        els.map((e) => e.getAttribute('data-entity')),
      ),
    ).toEqual(['cortana', 'microsoft']);
    await options.close();
    expect(ff.extensionErrors(mark)).toEqual([]);
  });
});
