/**
 * The popup and the options page in Firefox ESR, with the Firefox build installed
 * and the real content script answering: the popup (opened in a tab as
 * popup.html?tab=ID, as a card's "full timeline" does) lists the dataset's timeline
 * and the page's mentions and switches the site off and on; the options page
 * switches an entity off in an open tab without a reload, and refuses a broken
 * import without touching the settings. One Firefox for the file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { TIMELINE } from '../../src/dataset/timeline';
import type { PageMention } from '../../src/messages';
import { DEFAULT_SETTINGS, type Settings } from '../../src/settings/schema';
import { formatEventDate } from '../../src/timeline/format';
import { sortEvents } from '../../src/timeline/order';
import {
  buildFirefoxExtension,
  firefoxMissingReason,
  launchFirefox,
  tabIdOf,
  type FirefoxBuild,
  type FirefoxSession,
} from './firefox-harness';

const missing = firefoxMissingReason();
if (missing) console.warn(`[firefox-ui.test] skipped: ${missing}`);

/** Xiaomi ×3, Microsoft ×2, Cortana ×1 (a product), in that document order. */
const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body>
<h1>Notes on a partnership</h1>
<p>Xiaomi signed a new deal with Microsoft in February 2018.</p>
<p>Analysts said Xiaomi would gain a great deal from it.</p>
<p>Years later, Cortana still answers on a Xiaomi speaker, and Microsoft still says so.</p>
</body></html>`;
const EXPECTED_ROWS = [
  ['xiaomi', 3],
  ['microsoft', 2],
  ['cortana', 1],
];

/** The extension's `browser` inside page.evaluate callbacks on its own pages. */
interface Ext {
  browser: {
    storage: Record<
      'sync' | 'local',
      { get(k: string | null): Promise<Record<string, unknown>>; clear(): Promise<void> }
    >;
    i18n: { getUILanguage(): string };
  };
}

/**
 * Ranges in each of the extension's kind highlights, read in the page. Their names are opaque (made up
 * per frame): they are the highlights of priority 0 (the open card's and the flash are above them).
 */
function highlightSizes(page: Page): Promise<Record<string, number>> {
  return page.evaluate(() => {
    const sizes: Record<string, number> = {};
    CSS.highlights.forEach((h, name) => {
      if (h.priority === 0) sizes[name] = h.size;
    });
    return sizes;
  });
}

/** How many painted ranges read `text`. */
function paintedCount(page: Page, text: string): Promise<number> {
  return page.evaluate(
    (t) =>
      [...CSS.highlights.values()]
        .filter((h) => h.priority === 0)
        .flatMap((h) => [...h])
        .filter((r) => (r as Range).toString() === t).length,
    text,
  );
}

const total = (sizes: Record<string, number>) => Object.values(sizes).reduce((n, v) => n + v, 0);

/**
 * Polls `get` until `ok` holds (or fails after `limit` ms, saying what it saw last). The limit only bounds
 * a failure: how fast a change lands is not asserted here.
 */
function within<T>(limit: number, what: string, get: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  return vi.waitFor(
    async () => {
      const v = await get();
      if (!ok(v)) throw new Error(`${what}: not yet (last: ${JSON.stringify(v)})`);
      return v;
    },
    { timeout: limit, interval: 50 },
  );
}

describe.skipIf(missing)('Firefox ESR: popup and options', () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;
  let article: Page;
  let mark = 0;

  /** The tab's mentions from its content script, or null when it does not answer with them. */
  const mentions = async (): Promise<PageMention[] | null> => {
    try {
      return ((await ff.sendToTab('/article.html', { type: 'getMentions' })) as { mentions: PageMention[] }).mentions;
    } catch {
      return null;
    }
  };

  beforeAll(async () => {
    build = await buildFirefoxExtension();
    ff = await launchFirefox({ extensionDir: build.dir, pages: { '/article.html': ARTICLE } });
    article = await ff.openPage('/article.html');
    await within(15_000, 'the article’s six mentions', mentions, (m) => m?.length === 6);
  });

  beforeEach(() => {
    mark = ff.log.mark();
  });

  afterEach(() => {
    // Nothing the extension ran during the test (popup, options, background, content script) reported an error.
    expect(ff.extensionErrors(mark)).toEqual([]);
  });

  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  describe('popup', () => {
    let popup: Page;
    beforeAll(async () => {
      popup = await ff.openExtensionPage(`popup.html?tab=${await tabIdOf(ff, '/article.html')}`);
      await popup.waitForSelector('.event time', { timeout: 10_000 });
    });
    afterAll(async () => popup?.close());

    it('lists every dataset event oldest first with its date', async () => {
      const locale = await popup.evaluate(() => (globalThis as unknown as Ext).browser.i18n.getUILanguage());
      const expected = sortEvents(TIMELINE);
      const times = await popup.$$eval('.event time', (els) =>
        els.map((e) => [e.getAttribute('datetime'), e.textContent]),
      );
      expect(times.map((t) => t[0])).toEqual(expected.map((e) => e.date));
      expect(times.map((t) => t[1])).toEqual(expected.map((e) => formatEventDate(e.date, e.precision, locale)));
    });

    it('lists the page’s entities, most mentioned first, with their counts', async () => {
      await popup.click('#tab-page');
      await popup.waitForSelector('.mention-row', { timeout: 5000 });
      const rows = await popup.$$eval('.mention-row', (els) =>
        els.map((e) => [e.getAttribute('data-entity'), Number(e.querySelector('.count')?.firstChild?.textContent)]),
      );
      expect(rows).toEqual(EXPECTED_ROWS);
      expect(await popup.$eval('#tab-page', (e) => e.textContent)).toContain('6');
    });

    it('lists the mentions of every frame, and a row jumps to its mention and opens its card', async () => {
      ff.setPage(
        '/framed.html',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Framed</title></head><body>
        <p>The parent page mentions Xiaomi.</p><div style="height:1500px"></div>
        <iframe id="child" src="/framed-child.html" width="500" height="200"></iframe></body></html>`,
      );
      ff.setPage(
        '/framed-child.html',
        `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Child</title></head>
        <body><p>Inside the frame: Cortana and Microsoft, and Microsoft again.</p></body></html>`,
      );
      const framed = await ff.openPage('/framed.html');
      const p = await ff.openExtensionPage(`popup.html?tab=${await tabIdOf(ff, '/framed.html')}&view=page`);
      await within(
        15_000,
        'two frame groups',
        () => p.$$eval('.frame-group', (g) => g.length),
        (n) => n === 2,
      );
      const groups = await p.$$eval('.frame-group', (els) =>
        els.map((g) =>
          [...g.querySelectorAll('.mention-row')].map((r) => [
            r.getAttribute('data-entity'),
            Number(r.querySelector('.count')?.firstChild?.textContent),
          ]),
        ),
      );
      expect(groups).toEqual([
        [['xiaomi', 1]],
        [
          ['microsoft', 2],
          ['cortana', 1],
        ],
      ]);
      expect(await p.$eval('#tab-page', (e) => e.textContent)).toContain('4');
      // The row for Cortana in the frame: the frame scrolls into view and the card opens, focus in it
      // (the card of a same-origin iframe is drawn in the top page).
      // The framed tab in front before the click, as it is under a real popup: clicked while the popup's tab
      // was in front, the smooth scroll started in a background tab, and under the full suite's load it
      // once had not happened 5 s after the tab came forward.
      await framed.bringToFront();
      await p.click('.frame-group:not([data-frame="0"]) .mention-row[data-entity="cortana"] .mention-go');
      await within(
        5000,
        'the card to open with focus in it',
        () => framed.evaluate(() => document.activeElement?.tagName.toLowerCase()),
        (t) => t === 'partnership-lens-card',
      );
      await within(
        5000,
        'the iframe scrolled into view',
        () =>
          framed.evaluate(() => {
            const r = document.getElementById('child')!.getBoundingClientRect();
            return r.top >= 0 && r.bottom <= innerHeight;
          }),
        (v) => v,
      );
      await p.close();
      // The framed tab stays open: closing a tab while the card bundle is still being injected into one of its
      // frames makes Firefox log "Script terminated by timeout" for it, which says nothing about the extension.
      await article.bringToFront();
    });

    it('switches highlighting off and on for the site, in the open tab at once', async () => {
      await popup.click('#tab-page');
      const checked = () => popup.$eval('#site-switch', (e) => e.getAttribute('aria-checked'));
      expect(await checked()).toBe('true');
      expect(total(await highlightSizes(article))).toBe(6);

      await popup.click('#site-switch');
      await within(2000, 'the switch to say off', checked, (v) => v === 'false');
      const stored = await popup.evaluate(() => (globalThis as unknown as Ext).browser.storage.sync.get('settings'));
      expect((stored.settings as { sites: { block: string[] } }).sites.block).toContain('127.0.0.1');
      expect(await popup.$eval('#panel-page', (e) => e.textContent)).toContain('Highlighting is off on this site');
      await within(
        5000,
        'the tab’s highlights to go',
        () => highlightSizes(article),
        (s) => total(s) === 0,
      );
      await within(5000, 'the tab to stop reporting mentions', mentions, (m) => (m?.length ?? 0) === 0);

      await popup.click('#site-switch');
      await within(2000, 'the switch to say on', checked, (v) => v === 'true');
      await within(
        10_000,
        'the tab’s highlights to come back',
        () => highlightSizes(article),
        (s) => total(s) === 6,
      );
      await within(5000, 'the tab to report its mentions again', mentions, (m) => m?.length === 6);
      await popup.waitForSelector('.mention-row', { timeout: 10_000 });
    });
  });

  describe('options', () => {
    let options: Page;
    const dir = mkdtempSync(join(tmpdir(), 'lens-ff-import-'));
    beforeAll(async () => {
      // Default settings and a freshly read article, whatever the popup's tests left behind.
      await ff.extensionCall(async () => {
        const { storage } = (globalThis as unknown as Ext).browser;
        await Promise.all([storage.sync.clear(), storage.local.clear()]);
      });
      options = await ff.openExtensionPage('options.html');
      await options.waitForSelector('#entity-cortana', { timeout: 10_000 });
      await article.reload();
      await within(15_000, 'the article’s six mentions', mentions, (m) => m?.length === 6);
    });
    afterAll(async () => {
      await options?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    const storageDump = () =>
      options.evaluate(async () => {
        const { storage } = (globalThis as unknown as Ext).browser;
        return { sync: await storage.sync.get(null), local: await storage.local.get(null) };
      });

    /** The settings as the store keeps them: in sync, or in local when too large to sync. */
    const storedSettings = async () => {
      const { sync, local } = await storageDump();
      return ((sync.settingsLocation ? local.settings : sync.settings) ?? null) as Settings | null;
    };

    it('switching an entity off removes its highlights from the open tab without a reload, and on brings them back', async () => {
      const cortana = () => paintedCount(article, 'Cortana');
      expect(await cortana()).toBe(1);
      await article.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));

      await options.click('#entity-cortana');
      await within(5000, 'Cortana’s highlight to go', cortana, (n) => n === 0);
      expect((await mentions())?.map((m) => m.entity)).toEqual([
        'xiaomi',
        'microsoft',
        'xiaomi',
        'xiaomi',
        'microsoft',
      ]);
      expect(await article.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

      await options.click('#entity-cortana');
      await within(5000, 'Cortana’s highlight to come back', cortana, (n) => n === 1);
    });

    it('refuses a broken import, says why, and changes neither the settings nor the page', async () => {
      await options.click('#entity-bing');
      await within(
        2000,
        'Bing switched off in storage',
        storedSettings,
        (st) => !!st?.disabledEntities.includes('bing'),
      );
      // The background copies the settings for pages a moment after they change: wait for that copy too.
      await within(
        2000,
        'the pages’ copy of the settings',
        storageDump,
        (d) => JSON.stringify((d.local.pageSettings as Settings | undefined)?.disabledEntities) === '["bing"]',
      );
      const before = await storageDump();
      const painted = await highlightSizes(article);

      const broken = {
        format: 'partnership-lens-settings',
        version: 1,
        settings: {
          ...DEFAULT_SETTINGS,
          disabledKinds: ['company'],
          style: { ...DEFAULT_SETTINGS.style, colours: { ...DEFAULT_SETTINGS.style.colours, product: 'blue' } },
        },
      };
      const file = join(dir, 'broken.json');
      writeFileSync(file, JSON.stringify(broken));
      const input = (await options.$('#import-file')) as ElementHandle<HTMLInputElement>;
      await input.uploadFile(file);
      await within(
        5000,
        'the import errors',
        () => options.$eval('body', (b) => b.textContent ?? ''),
        (t) => t.includes('broken.json was not imported, and nothing changed'),
      );
      expect(await options.$eval('#import-errors', (e) => e.textContent)).toContain(
        'style.colours.product: must be a colour like #1a73e8',
      );

      // Had it been applied, companies would be switched off. A change made after it reaches the tab with
      // nothing of the import in it (settings travel in order): Cortana off, then on again.
      const cortana = () => paintedCount(article, 'Cortana');
      await options.click('#entity-cortana');
      await within(5000, 'Cortana’s highlight to go', cortana, (n) => n === 0);
      await options.click('#entity-cortana');
      await within(5000, 'Cortana’s highlight to come back', cortana, (n) => n === 1);
      expect(await storageDump()).toEqual(before);
      expect(await highlightSizes(article)).toEqual(painted);
      expect(await options.$eval('#entity-bing', (e) => (e as HTMLInputElement).checked)).toBe(false);
    });
  });
});
