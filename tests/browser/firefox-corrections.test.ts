/**
 * A reader's corrections from the card in Firefox ESR with the Firefox build
 * installed, the same core path as in Chromium (tests/browser/corrections.test.ts):
 * the card's "Why marked" opens from the keyboard with the engine's words,
 * "Not this one" takes the mark away at once, Undo brings it back, and the
 * correction holds on reload. The card's root is closed: the harness reaches
 * it over WebDriver BiDi (inShadowRoot), and real key presses act on it.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { articlePage } from './harness';
import {
  buildFirefoxExtension,
  firefoxMissingReason,
  inShadowRoot,
  launchFirefox,
  type FirefoxBuild,
  type FirefoxSession,
} from './firefox-harness';

const missing = firefoxMissingReason();
if (missing) console.warn(`[firefox-corrections.test] skipped: ${missing}`);

type Mention = { entity: string; text: string; sentence: string };

function waitFor<T>(fn: () => Promise<T>, what: string, timeout = 10_000): Promise<NonNullable<T>> {
  return vi.waitFor(
    async () => {
      const v = await fn();
      if (!v) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
      return v;
    },
    { timeout, interval: 100 },
  );
}

/** The generated text (data-t) of the first element matching `selector` in the visible card ('' when none). */
function cardText(page: Page, selector: string): Promise<string | null> {
  return inShadowRoot(
    page,
    'partnership-lens-card',
    (root, selector) => {
      const layer = [...root.querySelectorAll<HTMLElement>('.layer')].find((l) => l.style.visibility === 'visible');
      const el = layer?.querySelector(selector);
      return el ? [el, ...el.querySelectorAll('[data-t]')].map((e) => e.getAttribute('data-t') ?? '').join('') : '';
    },
    selector,
  );
}

/** Focuses an element of the visible card (as Tab would) and presses a real key on it. */
async function press(page: Page, selector: string, key: 'Enter' = 'Enter'): Promise<void> {
  const focused = await inShadowRoot(
    page,
    'partnership-lens-card',
    (root, selector) => {
      const layer = [...root.querySelectorAll<HTMLElement>('.layer')].find((l) => l.style.visibility === 'visible');
      const el = layer?.querySelector<HTMLElement>(selector);
      el?.focus();
      return !!el && root.activeElement === el;
    },
    selector,
  );
  expect(focused, `${selector} takes focus`).toBe(true);
  await page.keyboard.press(key);
}

describe.skipIf(missing)('Firefox ESR: corrections from the card', () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;

  beforeAll(async () => {
    build = await buildFirefoxExtension();
    ff = await launchFirefox({
      extensionDir: build.dir,
      pages: {
        '/article.html': articlePage(
          '<p id="p4">The company from Redmond will bring its assistant to the speakers next year.</p>',
        ),
      },
    });
    // The extension page sendToTab uses opens as a selected tab the first time: open it now (see firefox-card.test.ts).
    await ff.extensionCall(() => true);
  });

  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  /** The page layer's mentions once it has settled (read everything, every answer in). */
  async function settled(path: string): Promise<Mention[]> {
    return waitFor(async () => {
      const r = (await ff.sendToTab(path, { type: 'getMentions' }).catch(() => null)) as {
        mentions: Mention[];
        settled?: boolean;
      } | null;
      return r?.settled ? r.mentions : null;
    }, 'the page layer to settle');
  }

  it('Why marked, Not this one (the mark goes at once), Undo (it comes back), and the correction holds on reload', async () => {
    const mark = ff.log.mark();
    await ff.extensionCall(async () => {
      const { browser: ext } = globalThis as unknown as {
        browser: { storage: { local: { remove(k: string): Promise<void> } } };
      };
      await ext.storage.local.remove('corrections');
    });
    const path = '/article.html?corrections';
    const page = await ff.openPage(path);
    await page.bringToFront();
    const before = await settled(path);
    const xiaomi = before.filter((m) => m.entity === 'xiaomi').length;
    expect(xiaomi).toBeGreaterThanOrEqual(3);
    const heading = before.find((m) => m.entity === 'xiaomi')!;

    // The keyboard command opens the first mention's card (the heading's "Xiaomi"), focus in the card.
    await ff.sendToTab(path, { type: 'navigateMention', direction: 'next' });
    await waitFor(
      () =>
        inShadowRoot(page, 'partnership-lens-card', (root) =>
          [...root.querySelectorAll<HTMLElement>('.layer')].some(
            (l) =>
              l.style.visibility === 'visible' && l.querySelector('.card')?.getAttribute('data-entity') === 'xiaomi',
          ),
        ),
      'the Xiaomi card from the keyboard command',
    );
    expect(
      await inShadowRoot(
        page,
        'partnership-lens-card',
        (root) => root.querySelector<HTMLDetailsElement>('details.why')?.open,
      ),
    ).toBe(false);
    await press(page, 'details.why > summary');
    await vi.waitFor(
      async () =>
        expect(await cardText(page, '.why-found')).toBe('Matched “Xiaomi”, a built-in name (context-aware matching).'),
      { timeout: 10_000, interval: 100 },
    );

    await press(page, '.correct-btn.not-this');
    await waitFor(
      async () => (await settled(path)).filter((m) => m.entity === 'xiaomi').length === xiaomi - 1,
      'the mark to go',
    );
    expect((await settled(path)).some((m) => m.entity === 'xiaomi' && m.sentence === heading.sentence)).toBe(false);
    expect(await cardText(page, '.corrected')).toContain('No longer marked here.');

    // Undo has focus: Enter brings the mark back.
    await page.keyboard.press('Enter');
    await waitFor(
      async () => (await settled(path)).filter((m) => m.entity === 'xiaomi').length === xiaomi,
      'the mark to come back',
    );
    await vi.waitFor(async () => expect(await cardText(page, '.correct-note')).toBe('Marked again.'), {
      timeout: 5000,
      interval: 100,
    });

    await press(page, '.correct-btn.not-this');
    await waitFor(
      async () => (await settled(path)).filter((m) => m.entity === 'xiaomi').length === xiaomi - 1,
      'the mark to go again',
    );
    await page.reload();
    await waitFor(async () => {
      const after = await settled(path);
      return after.length === before.length - 1 ? after : null;
    }, 'the reloaded page');
    const reloaded = await settled(path);
    expect(reloaded.filter((m) => m.entity === 'xiaomi').length).toBe(xiaomi - 1);
    expect(reloaded.some((m) => m.entity === 'xiaomi' && m.sentence === heading.sentence)).toBe(false);
    await ff.settleLog(page);
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });

  it('Mark as mention of (the context menu’s handler): the selection is painted and counted as a mention, and stays on reload', async () => {
    const mark = ff.log.mark();
    const path = '/article.html?mark';
    const page = await ff.openPage(path);
    await page.bringToFront();
    const before = await settled(path);
    expect(before.some((m) => m.text === 'The company from Redmond')).toBe(false);
    await page.evaluate(() => {
      const text = document.querySelector('#p4')!.firstChild!;
      const range = document.createRange();
      range.setStart(text, 0);
      range.setEnd(text, 'The company from Redmond'.length);
      getSelection()!.removeAllRanges();
      getSelection()!.addRange(range);
    });
    // A native context menu cannot be opened and clicked from the test: its onClicked handler is called in the
    // background page (Firefox's event page, reached from an extension page), with what the browser passes it.
    const reply = await ff.extensionCall(async (url: string) => {
      type Tab = { id?: number; url?: string };
      const { browser: ext } = globalThis as unknown as {
        browser: {
          tabs: { query(q: object): Promise<Tab[]> };
          runtime: { getBackgroundPage(): Promise<Record<symbol, (info: object, tab: Tab) => Promise<unknown>>> };
        };
      };
      const tab = (await ext.tabs.query({})).find((t) => t.url === url)!;
      const bg = await ext.runtime.getBackgroundPage();
      return bg[Symbol.for('partnership-lens.menu-clicked')]!(
        { menuItemId: 'mark:microsoft', frameId: 0, pageUrl: url, editable: false },
        tab,
      );
    }, ff.url(path));
    expect(reply, JSON.stringify(reply)).toMatchObject({ ok: true });
    const marked = await waitFor(async () => {
      const now = await settled(path);
      return now.some((m) => m.text === 'The company from Redmond') ? now : null;
    }, 'the marked mention');
    expect(marked.filter((m) => m.text === 'The company from Redmond').map((m) => m.entity)).toEqual(['microsoft']);
    expect(marked.length).toBe(before.length + 1);
    // The reader is told by the selection (the page sees the host element; its words are generated content).
    expect(await page.evaluate(() => !!document.querySelector('partnership-lens-notice'))).toBe(true);

    await page.reload();
    const reloaded = await waitFor(async () => {
      const now = await settled(path);
      return now.some((m) => m.text === 'The company from Redmond') ? now : null;
    }, 'the mark after reload');
    expect(reloaded.length).toBe(before.length + 1);
    await ff.settleLog(page);
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });
});
