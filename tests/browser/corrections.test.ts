/**
 * A reader's corrections on the page, in real Chromium with the built
 * extension: the card's "Why marked" (closed, opened from the keyboard, the
 * engine's own words), "Not this one" and "Not here" from the card (the mark
 * goes at once, the card stays with Undo, undo brings it back, the correction
 * holds on reload), and "Mark as mention" (the context menu's handler: painted
 * and counted like any other mention, on reload too).
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  articlePage,
  badgeText,
  CARD_VIEW,
  isolatedWorld,
  launchChromium,
  openOptions,
  Q,
  sendToTab,
  settledMentions,
  startServer,
  waitFor,
  type Isolated,
  type Launched,
  type StaticServer,
} from './harness';

// The service worker's global, in code that runs there (serviceWorker.evaluate).
// oxlint-disable-next-line typescript/no-explicit-any
declare const chrome: any;

const PAGES: Record<string, string> = {
  '/article.html': articlePage(
    '<p id="p4">The company from Redmond will bring its assistant to the speakers next year.</p>',
  ),
};

let server: StaticServer;
let l: Launched;

beforeAll(async () => {
  server = await startServer(PAGES);
  l = await launchChromium(CARD_VIEW);
});

afterAll(async () => {
  await l?.close();
  await server?.close();
});

type Mention = { entity: string; text: string; sentence: string };

/** The painted mentions of the open page (bridge order: document order), as entity and sentence. */
const painted = (iso: Isolated) =>
  iso.eval<{ entity: string; text: string; sentence: string; reader: boolean }[]>(
    `globalThis[Symbol.for('partnership-lens.bridge')].mentions().map((m) => ({ entity: m.entity, text: m.text, sentence: m.sentence, reader: m.reader }))`,
  );

/** Something of the open card's shadow root (closed: reached through the card's handle in the isolated world). */
const inCard = <T>(iso: Isolated, body: string) =>
  iso.eval<T>(
    `(() => { const root = globalThis[Symbol.for('partnership-lens.card')]?.view.root; if (!root) return null; ${body} })()`,
  );

/** The generated text (data-t) of the first element matching `selector` in the visible card, or null. */
const cardText = (iso: Isolated, selector: string) =>
  inCard<string | null>(
    iso,
    `const el = root.querySelector('.layer[style*="visible"] ${selector}');
     return el ? [el, ...el.querySelectorAll('[data-t]')].map((e) => e.getAttribute('data-t') ?? '').join('') : null;`,
  );

/** Is the element focused in the card the first that matches `selector` in the visible card? */
const focusedInCard = (iso: Isolated, selector: string) =>
  inCard<boolean>(
    iso,
    `return !!root.activeElement && root.activeElement === root.querySelector('.layer[style*="visible"] ${selector}');`,
  );

/** Focuses an element of the visible card (as Tab would reach it) and presses a real key on it. */
async function press(page: Page, iso: Isolated, selector: string, key = 'Enter'): Promise<void> {
  // Focus it as a Tab would, until it holds: a card that has just opened may still move focus to its own
  // first control once (view.tsx), after which the element keeps focus.
  await expect
    .poll(
      async () => {
        await inCard(iso, `root.querySelector('.layer[style*="visible"] ${selector}').focus(); return null;`);
        return focusedInCard(iso, selector);
      },
      { timeout: 5000, message: `${selector} takes focus` },
    )
    .toBe(true);
  await page.keyboard.press(key);
}

async function open(path: string): Promise<{ page: Page; iso: Isolated; url: string }> {
  const page = await l.context.newPage();
  const url = server.origin + path;
  await page.goto(url);
  const iso = await isolatedWorld(page, l.extensionId);
  await waitFor(() => iso.eval<boolean>(Q.bridgeReady), 'painted mentions');
  await settledMentions(l, url);
  return { page, iso, url };
}

/** Opens the card of the `nth` painted mention of `entity` the way the popup's list does (focus in the card). */
async function openCard(iso: Isolated, url: string, entity: string, nth = 0): Promise<void> {
  // The first request loads card.js (the page layer keeps it for the card); then the card opens that mention.
  await sendToTab(l, url, { type: 'scrollToMention', entity });
  await waitFor(
    async () => {
      const loaded = await iso.eval<boolean>(Q.cardLoaded);
      if (!loaded) await sendToTab(l, url, { type: 'navigateMention', direction: 'next' });
      return loaded;
    },
    'card.js',
    10_000,
  );
  await iso.eval(
    `globalThis[Symbol.for('partnership-lens.card')].navigate({ entity: ${JSON.stringify(entity)}, index: ${nth} })`,
  );
  await waitFor(async () => (await iso.eval<{ entity: string } | null>(Q.card))?.entity === entity, `${entity} card`);
}

const storedCorrections = () =>
  l.serviceWorker.evaluate(async () => {
    const { corrections } = await chrome.storage.local.get('corrections');
    return (corrections as { items: { kind: string; site: string; entity: string; text?: string }[] } | undefined)
      ?.items;
  });

const clearCorrections = () => l.serviceWorker.evaluate(() => chrome.storage.local.remove('corrections'));

describe('corrections from the card', () => {
  it('Why marked opens from the keyboard with the engine’s words; Not this one takes the mark away at once, Undo brings it back, the correction holds on reload', async () => {
    await clearCorrections();
    const { page, iso, url } = await open('/article.html?why');
    const before = await painted(iso);
    const xiaomi = before.filter((m) => m.entity === 'xiaomi');
    expect(xiaomi.length).toBeGreaterThanOrEqual(3);
    const target = xiaomi[1]!; // "Xiaomi is one of the largest players…"
    expect(target.sentence).toMatch(/^Xiaomi is one of the largest players/);

    await page.bringToFront();
    await openCard(iso, url, 'xiaomi', 1);
    // Closed by default, a real <details>: opened from the keyboard, then the background's answer shows.
    expect(await inCard<boolean>(iso, `return root.querySelector('.layer[style*="visible"] details.why').open;`)).toBe(
      false,
    );
    await press(page, iso, 'details.why > summary');
    await expect
      .poll(() => cardText(iso, '.why-found'), { timeout: 10_000 })
      .toBe('Matched “Xiaomi”, a built-in name (context-aware matching).');
    expect(await cardText(iso, '.why-decision')).toBeTruthy();

    // Not this one: the mark goes (this sentence only), the card stays with Undo focused.
    await press(page, iso, '.correct-btn.not-this');
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.entity === 'xiaomi').length, { timeout: 10_000 })
      .toBe(xiaomi.length - 1);
    const after = await painted(iso);
    expect(after.some((m) => m.sentence === target.sentence && m.entity === 'xiaomi')).toBe(false);
    expect(await cardText(iso, '.corrected')).toContain('No longer marked here.');
    await expect.poll(() => focusedInCard(iso, '.corrected .undo')).toBe(true);
    expect((await storedCorrections())?.map((c) => [c.kind, c.site, c.entity, c.text])).toEqual([
      ['not-this', '127.0.0.1', 'xiaomi', 'Xiaomi'],
    ]);
    // Counted as shown: the badge follows.
    await expect.poll(() => badgeText(l, url), { timeout: 5000 }).toBe(String(before.length - 1));

    // Undo (keyboard): the mark is back, the card now belongs to it, the button has focus again.
    await page.keyboard.press('Enter');
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.entity === 'xiaomi').length, { timeout: 10_000 })
      .toBe(xiaomi.length);
    await expect.poll(() => cardText(iso, '.correct-note')).toBe('Marked again.');
    expect(await storedCorrections()).toEqual([]);
    const active = await iso.eval<boolean>(`(() => {
      const h = globalThis[Symbol.for('partnership-lens.card')];
      const open = h.controller.openMention;
      return !!open && globalThis[Symbol.for('partnership-lens.bridge')].isPainted(open.id);
    })()`);
    expect(active, 'the open card is the returned mark’s').toBe(true);

    // Once more, then reload: the correction applies to the page as it loads.
    await press(page, iso, '.correct-btn.not-this');
    await expect.poll(async () => (await storedCorrections())?.length ?? 0).toBe(1);
    await page.reload();
    const reloaded = await settledMentions<Mention>(l, url);
    expect(reloaded.filter((m) => m.entity === 'xiaomi').length).toBe(xiaomi.length - 1);
    expect(reloaded.some((m) => m.entity === 'xiaomi' && m.sentence === target.sentence)).toBe(false);
    await page.close();
  });

  it('Not here takes every mark of the name on the site away, in the open tab and on reload; Undo restores them', async () => {
    await clearCorrections();
    const { page, iso, url } = await open('/article.html?here');
    const before = await painted(iso);
    const microsoft = before.filter((m) => m.entity === 'microsoft').length;
    expect(microsoft).toBeGreaterThanOrEqual(2);
    await page.bringToFront();
    await openCard(iso, url, 'microsoft');
    await press(page, iso, '.correct-btn.not-here');
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.entity === 'microsoft').length, { timeout: 10_000 })
      .toBe(0);
    expect(await cardText(iso, '.corrected')).toContain('Microsoft is no longer marked on 127.0.0.1.');
    // Other names stay.
    expect((await painted(iso)).length).toBe(before.length - microsoft);

    // A second tab of the same site reads it the same way.
    const other = await l.context.newPage();
    const otherUrl = `${url}-again`;
    await other.goto(otherUrl);
    const there = await settledMentions<Mention>(l, otherUrl);
    expect(there.length).toBe(before.length - microsoft);
    expect(there.filter((m) => m.entity === 'microsoft')).toEqual([]);
    await other.close();

    await page.bringToFront();
    await press(page, iso, '.corrected .undo');
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.entity === 'microsoft').length, { timeout: 10_000 })
      .toBe(microsoft);
    expect(await storedCorrections()).toEqual([]);
    await page.close();
  });
});

describe('corrections changed elsewhere', () => {
  it('a correction stored by another context (the options page, an import) applies to an open tab at once, and its removal brings the mark back', async () => {
    await clearCorrections();
    const { page, iso } = await open('/article.html?elsewhere');
    const cortana = (await painted(iso)).filter((m) => m.entity === 'cortana').length;
    expect(cortana).toBeGreaterThan(0);
    // Written from an extension page, as the options page writes them.
    const other = await openOptions(l);
    const write = (items: object[]) =>
      other.evaluate(async (items) => {
        await chrome.storage.local.set({ corrections: { version: 1, items } });
      }, items);
    await write([{ kind: 'not-here', site: '127.0.0.1', entity: 'cortana', at: 1 }]);
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.entity === 'cortana').length, { timeout: 10_000 })
      .toBe(0);
    await write([]);
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.entity === 'cortana').length, { timeout: 10_000 })
      .toBe(cortana);
    await other.close();
    await page.close();
  });
});

describe('at the limit', () => {
  it('a correction over the limit is refused with a clear message in the card, and the mark stays', async () => {
    // 1,000 corrections of other sites: the most a device keeps.
    await l.serviceWorker.evaluate(async () => {
      const items = Array.from({ length: 1000 }, (_, i) => ({
        kind: 'not-here',
        site: `site${i}.example`,
        entity: 'xiaomi',
        at: i + 1,
      }));
      await chrome.storage.local.set({ corrections: { version: 1, items } });
    });
    try {
      const { page, iso, url } = await open('/article.html?limit');
      const before = (await painted(iso)).filter((m) => m.entity === 'cortana').length;
      expect(before).toBeGreaterThan(0);
      await page.bringToFront();
      await openCard(iso, url, 'cortana');
      await press(page, iso, '.correct-btn.not-here');
      await expect
        .poll(() => cardText(iso, '.correct-note.problem'), { timeout: 10_000 })
        .toBe('At most 1000 corrections are kept on this device: remove some in the options first.');
      expect((await painted(iso)).filter((m) => m.entity === 'cortana').length).toBe(before);
      expect((await storedCorrections())?.length).toBe(1000);
      await page.close();
    } finally {
      await clearCorrections();
    }
  });
});

describe('in Chinese', () => {
  it('the card’s Why marked, its answer and the correction buttons are in the interface’s language', async () => {
    const zh = await launchChromium({ ...CARD_VIEW, lang: 'zh-CN' });
    const main = l;
    l = zh;
    try {
      await clearCorrections();
      const { page, iso, url } = await open('/article.html?zh');
      await page.bringToFront();
      await openCard(iso, url, 'xiaomi', 1);
      expect(await cardText(iso, 'details.why > summary')).toBe('为何标记');
      expect(await cardText(iso, '.correct-btn.not-this')).toBe('不是这个');
      expect(await cardText(iso, '.correct-btn.not-here')).toBe('此网站不标');
      await press(page, iso, 'details.why > summary');
      await expect
        .poll(() => cardText(iso, '.why-found'), { timeout: 10_000 })
        .toBe('匹配到“Xiaomi”，内置名称（结合上下文识别）。');
      await press(page, iso, '.correct-btn.not-this');
      await expect.poll(() => cardText(iso, '.corrected'), { timeout: 10_000 }).toBe('此处不再标记。撤销');
      await page.close();
    } finally {
      l = main;
      await zh.close();
    }
  });
});

describe('mark as mention', () => {
  it('the context menu’s handler marks the selection as a mention: painted, counted, with its card, and again on reload', async () => {
    await clearCorrections();
    const { page, iso, url } = await open('/article.html?mark');
    const before = await painted(iso);
    expect(before.some((m) => m.text === 'The company from Redmond')).toBe(false);
    // The reader selects the words (a real selection in the page).
    await page.evaluate(() => {
      const text = document.querySelector('#p4')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 'The company from Redmond'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    // A native context menu cannot be opened and clicked in a headless browser: the test calls the
    // background's onClicked handler itself, with what the browser passes it (the menu item, the frame, the tab).
    const reply = await l.serviceWorker.evaluate(async (pageUrl) => {
      const [tab] = (await chrome.tabs.query({})).filter((t: { url?: string }) => t.url === pageUrl);
      const click = (globalThis as unknown as Record<symbol, (info: object, tab: object) => Promise<unknown>>)[
        Symbol.for('partnership-lens.menu-clicked')
      ]!;
      return click({ menuItemId: 'mark:microsoft', frameId: 0, pageUrl, editable: false, selectionText: '' }, tab);
    }, url);
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    // The reader is told, by the selection, for a few seconds (a host element the page can see; its words are not nodes).
    await expect
      .poll(() =>
        page.evaluate(() => document.querySelector('partnership-lens-notice')?.getAttribute('data-partnership-lens')),
      )
      .toBe('notice');
    await expect
      .poll(async () => (await painted(iso)).filter((m) => m.text === 'The company from Redmond'), { timeout: 10_000 })
      .toEqual([
        {
          entity: 'microsoft',
          text: 'The company from Redmond',
          sentence: 'The company from Redmond will bring its assistant to the speakers next year.',
          reader: true,
        },
      ]);
    await expect.poll(() => badgeText(l, url), { timeout: 5000 }).toBe(String(before.length + 1));
    // Its card says the reader marked it.
    await page.bringToFront();
    const index = (await painted(iso)).filter((m) => m.entity === 'microsoft').length - 1;
    await openCard(iso, url, 'microsoft', index);
    await press(page, iso, 'details.why > summary');
    await expect.poll(() => cardText(iso, '.why-found')).toBe('You marked this as a mention (Mark as mention).');

    await expect
      .poll(() => page.evaluate(() => !!document.querySelector('partnership-lens-notice')), { timeout: 10_000 })
      .toBe(false);

    // Nothing selected: nothing is marked, and the reader is told why.
    await page.evaluate(() => getSelection()!.removeAllRanges());
    const nothing = await l.serviceWorker.evaluate(async (pageUrl) => {
      const [tab] = (await chrome.tabs.query({})).filter((t: { url?: string }) => t.url === pageUrl);
      const click = (globalThis as unknown as Record<symbol, (info: object, tab: object) => Promise<unknown>>)[
        Symbol.for('partnership-lens.menu-clicked')
      ]!;
      return click({ menuItemId: 'mark:xiaomi', frameId: 0, pageUrl, editable: false }, tab);
    }, url);
    expect(nothing).toEqual({ ok: false, problem: 'Nothing is selected: select the name, then choose its entity.' });
    expect((await storedCorrections())?.map((c) => c.kind)).toEqual(['mark']);

    await page.reload();
    const reloaded = await settledMentions<Mention>(l, url);
    expect(reloaded.filter((m) => m.text === 'The company from Redmond').map((m) => m.entity)).toEqual(['microsoft']);
    expect(reloaded.length).toBe(before.length + 1);
    await page.close();
  });

  it('the menu is there: “Mark as mention of”, a submenu per kind, an entry per entity', async () => {
    // Chromium has no API that lists an extension's menu items; updating one that does not exist fails.
    const exists = (ids: string[]) =>
      l.serviceWorker.evaluate(
        (ids) =>
          Promise.all(
            ids.map(
              (id) =>
                new Promise<boolean>((resolve) =>
                  chrome.contextMenus.update(id, {}, () => resolve(!chrome.runtime.lastError)),
                ),
            ),
          ),
        ids,
      );
    expect(
      await exists([
        'mark-as-mention',
        'mark-as-mention:company',
        'mark-as-mention:person',
        'mark:microsoft',
        'mark:wang-xiang',
      ]),
    ).toEqual([true, true, true, true, true]);
    expect(await exists(['mark:not-an-entity'])).toEqual([false]);
    const manifest = await l.serviceWorker.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.permissions).toContain('contextMenus');
  });
});
