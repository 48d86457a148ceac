/**
 * Settings changed on the options page reach pages that are already open,
 * without a reload: checked on the page itself, through the content
 * script's getMentions answer and the CSS highlight registry (per document,
 * so visible to page scripts in the main world).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PageMention } from '../../src/messages';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import {
  highlightNameOf,
  launchChromium,
  openOptions,
  paintedByKind,
  sendToTab,
  startServer,
  type Launched,
  type StaticServer,
} from './harness';

/** The extension API inside page.evaluate callbacks (they run in the extension page, not here). */
declare const chrome: any;

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Partnership</title></head><body><article>
<h1>Xiaomi and Microsoft expand their partnership</h1>
<p>Xiaomi and Microsoft signed a strategic agreement on cloud computing and artificial intelligence.</p>
<p>Under the deal Xiaomi will use Microsoft Azure to store data and Cortana will come to Xiaomi laptops.</p>
<p>Microsoft said Cortana would answer questions in Chinese, and Xiaomi said Azure was chosen for its reach.</p>
<p>Some analysts simply call the Beijing company Redstar Labs.</p>
</article></body></html>`;

let browser: Launched;
let server: StaticServer;
let options: Page;
let tabs: Page[];

const articleUrl = () => server.url('/options-live.html');

/** The painted mentions of the (first) tab at `url`, from its content script's getMentions answer. */
async function mentionsOf(url: string): Promise<PageMention[]> {
  return (await sendToTab<{ mentions: PageMention[] }>(browser, url, { type: 'getMentions' })).mentions;
}

/** Painted ranges of each kind (the registry's names are opaque: kinds come from the page layer). */
const highlightSizes = (page: Page) => paintedByKind(page);

const total = (sizes: Record<string, number>) => Object.values(sizes).reduce((n, v) => n + v, 0);

/**
 * Waits until `check` holds on the page. Live means without a reload, not within so many ms: how fast a
 * change reaches a page is not a functional test's to assert (the timeout only bounds a failure).
 */
const until = (check: () => Promise<boolean>) => expect.poll(check, { timeout: 10_000 }).toBe(true);

describe('options applied live to open tabs', () => {
  beforeAll(async () => {
    server = await startServer();
    server.add('/options-live.html', ARTICLE, 'text/html; charset=utf-8');
    browser = await launchChromium();
    options = await openOptions(browser);
    tabs = [await browser.context.newPage(), await browser.context.newPage()];
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  beforeEach(async () => {
    await options.evaluate(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.local.clear();
    });
    for (const tab of tabs) await tab.goto(articleUrl());
    await options.reload();
    await options.getByRole('heading', { name: 'What is highlighted' }).waitFor();
    // As a researcher works: the options tab in front, the articles behind it.
    await options.bringToFront();
    for (const tab of tabs) await until(async () => total(await highlightSizes(tab)) > 0);
  });

  it('switching an entity off removes its highlights from every open tab, without a reload', async () => {
    const before = await mentionsOf(articleUrl());
    expect(before.filter((m) => m.entity === 'cortana')).toHaveLength(2);
    const productsBefore = (await highlightSizes(tabs[0]!)).product;
    expect(productsBefore).toBe(2);
    await tabs[0]!.evaluate(() => ((window as any).__notReloaded = true));

    await options.getByRole('switch', { name: 'Cortana', exact: true }).click();
    for (const tab of tabs) await until(async () => ((await highlightSizes(tab)).product ?? 0) === 0);
    const after = await mentionsOf(articleUrl());
    expect(after.some((m) => m.entity === 'cortana')).toBe(false);
    expect(after.length).toBe(before.length - 2);
    expect(await tabs[0]!.evaluate(() => (window as any).__notReloaded)).toBe(true);

    await options.getByRole('switch', { name: 'Cortana', exact: true }).click();
    await until(async () => (await highlightSizes(tabs[0]!)).product === 2);
  });

  it('a blocked site gets no highlights, and gets them back when unblocked', async () => {
    const block = options.getByRole('textbox', { name: 'Site' }).last();
    await block.fill('127.0.0.1');
    await block.press('Enter');
    for (const tab of tabs) await until(async () => total(await highlightSizes(tab)) === 0);
    expect(await mentionsOf(articleUrl())).toEqual([]);

    await options.getByRole('button', { name: 'Remove 127.0.0.1 from “never highlight on”' }).click();
    await until(async () => total(await highlightSizes(tabs[0]!)) > 0);
  });

  it('the first-mention rule leaves one highlight per entity', async () => {
    const every = await mentionsOf(articleUrl());
    const entities = new Set(every.map((m) => m.entity));
    expect(every.length).toBeGreaterThan(entities.size);

    await options.getByRole('radio', { name: 'Only the first mention of each entity on a page' }).check();
    await until(async () => total(await highlightSizes(tabs[0]!)) === entities.size);
    const first = await mentionsOf(articleUrl());
    expect(first.map((m) => m.entity)).toEqual([...entities]);
  });

  it('the chosen mark style and colour reach the page’s highlight rules', async () => {
    // The style the browser computes for a company mention's highlight (rules the background inserted
    // into the frame; the highlight's name is the frame's own, asked of the page layer).
    const style = async () => {
      const name = (await highlightNameOf(tabs[0]!)).company;
      if (!name) return null;
      return tabs[0]!.evaluate((n) => {
        const [first] = (CSS as unknown as { highlights: Map<string, Set<Range>> }).highlights.get(n) ?? [];
        const el = first?.startContainer.parentElement;
        if (!el) return null;
        const cs = getComputedStyle(el, `::highlight(${n})`);
        return {
          line: cs.textDecorationLine,
          dec: `${cs.textDecorationStyle} ${cs.textDecorationColor}`,
          bg: cs.backgroundColor,
        };
      }, name);
    };
    // The default company colour, #b83024.
    expect(await style()).toMatchObject({ line: 'underline', dec: 'dotted rgb(184, 48, 36)' });

    await options.getByRole('radio', { name: /Tinted background/ }).check();
    await until(
      async () => ((await style())?.bg ?? '').startsWith('rgba(184, 48, 36, 0.2') && (await style())?.line === 'none',
    );

    const field = options.getByRole('textbox', { name: 'Companies', exact: true });
    await field.fill('#c2255c');
    await field.blur();
    await until(async () => ((await style())?.bg ?? '').startsWith('rgba(194, 37, 92, 0.2'));
  });

  it('the researcher’s own alias is marked once added', async () => {
    const xiaomi = async () => (await mentionsOf(articleUrl())).filter((m) => m.entity === 'xiaomi').map((m) => m.text);
    expect(await xiaomi()).not.toContain('Redstar Labs');
    await options.getByLabel('Entity', { exact: true }).selectOption({ label: 'Xiaomi' });
    const alias = options.getByRole('textbox', { name: 'Alias' });
    await alias.fill('Redstar Labs');
    await alias.press('Enter');
    await until(async () => (await xiaomi()).includes('Redstar Labs'));
  });

  it('a page with no known name listens to nothing, and is marked once an alias it holds is added', async () => {
    server.add(
      '/no-names.html',
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Speakers</title></head><body>' +
        '<p>Redstar Labs shipped a new speaker today, and reviewers liked it.</p></body></html>',
      'text/html; charset=utf-8',
    );
    const url = server.url('/no-names.html');
    const tab = await browser.context.newPage();
    try {
      await tab.goto(url);
      // The gate swept the page and found no candidate: it is settled with no mention, reached through its
      // world (the harness's fallback), and no message reaches it, since it registered no listener.
      await until(
        async () => (await sendToTab<{ settled?: boolean }>(browser, url, { type: 'getMentions' })).settled === true,
      );
      const bySendMessage = await browser.serviceWorker.evaluate(async (u: string) => {
        const t = (await chrome.tabs.query({})).find((x: { url?: string }) => x.url === u);
        return chrome.tabs.sendMessage(t.id, { type: 'getMentions' }).then(
          () => 'answered',
          () => 'no listener',
        );
      }, url);
      expect(bySendMessage).toBe('no listener');
      expect(await mentionsOf(url)).toEqual([]);

      // The background hands the new sieve to the gate: the page is read again and marked, no reload.
      await options.getByLabel('Entity', { exact: true }).selectOption({ label: 'Xiaomi' });
      const alias = options.getByRole('textbox', { name: 'Alias' });
      await alias.fill('Redstar Labs');
      await alias.press('Enter');
      await until(async () => (await mentionsOf(url)).some((m) => m.text === 'Redstar Labs'));
    } finally {
      await tab.close();
    }
  });

  it('settings too large to sync (kept on this device) still reach the page', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `Research codename ${i}`);
    const big = {
      format: 'partnership-lens-settings',
      version: 1,
      settings: {
        ...DEFAULT_SETTINGS,
        disabledKinds: ['company'],
        detection: { mode: 'context', extraAliases: { xiaomi: aliases } },
      },
    };
    await options
      .getByLabel('Import settings…')
      .setInputFiles({ name: 'big.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(big)) });
    // Import asks first, listing what will change.
    await options
      .getByRole('dialog', { name: 'Import the settings in big.json?' })
      .getByRole('button', { name: 'Import' })
      .click();
    await expect
      .poll(() =>
        options.getByText('Your settings are too large to sync; they are saved on this device only.').isVisible(),
      )
      .toBe(true);
    // New aliases mean the page is read again: its marks come back once that pass is painted.
    await until(async () => {
      const sizes = await highlightSizes(tabs[0]!);
      return (sizes.company ?? 0) === 0 && (sizes.technology ?? 0) > 0;
    });
  });

  it('a broken import changes nothing on the page', async () => {
    const before = await highlightSizes(tabs[0]!);
    const file = JSON.stringify({
      format: 'partnership-lens-settings',
      version: 1,
      settings: { disabledKinds: ['company'] },
    });
    await options
      .getByLabel('Import settings…')
      .setInputFiles({ name: 'partial.json', mimeType: 'application/json', buffer: Buffer.from(file) });
    await expect
      .poll(() => options.locator('#import-errors').textContent())
      .toContain('was not imported, and nothing changed');
    // A change made after the refused import reaches the page with nothing of the import in it: settings
    // travel to pages in order, so had the import been applied, the page would show it by then.
    await options.getByRole('switch', { name: 'Cortana', exact: true }).click();
    await until(async () => ((await highlightSizes(tabs[0]!)).product ?? 0) === 0);
    const { product: _gone, ...others } = before;
    expect(await highlightSizes(tabs[0]!)).toEqual(others);
  });
});
