/**
 * The hover card in Firefox ESR with the Firefox build installed: hovering a
 * mention opens the dataset's card next to it after the hover delay, and the
 * keyboard command (navigateMention) opens cards in reading order with focus in
 * the card, Escape closing it. The card lives in a CLOSED shadow root; the
 * harness reads it over WebDriver BiDi (inShadowRoot), as no page script could.
 */
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { buildCard } from '../../src/card/build';
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
if (missing) console.warn(`[firefox-card.test] skipped: ${missing}`);

const HOVER_DELAY_MS = 300; // DEFAULT_SETTINGS.cards.hoverDelayMs

/** What the open card shows, read inside its closed shadow root; null when no card is visible. */
interface CardState {
  entity: string;
  name: string;
  summary: string;
  role: string | null;
  facts: string[];
  linkCount: number;
  events: string[];
  focused: string | null;
  rect: { left: number; top: number; right: number; bottom: number; width: number; height: number };
  background: string;
  /** Cards visible at once (the view keeps a second layer for the next card). */
  visibleCards: number;
}

function cardState(page: Page): Promise<CardState | null> {
  return inShadowRoot(page, 'partnership-lens-card', (root) => {
    // Visible: the view's inline marker (set in the frame that paints the reveal) and the computed
    // style agree. The visible card's layer is always the first; the other may hold a prepared card.
    const shown = (l: HTMLElement) => l.style.visibility === 'visible' && getComputedStyle(l).visibility === 'visible';
    const layers = [...root.querySelectorAll<HTMLElement>('.layer')];
    const layer = layers[0];
    const card = layer?.querySelector<HTMLElement>('.card');
    if (!layer || !card || !shown(layer)) return null;
    const r = card.getBoundingClientRect();
    return {
      entity: card.dataset.entity ?? '',
      // The name without the other language's name beside it.
      name: layer.querySelector('#pl-card-title')?.firstChild?.textContent?.trim() ?? '',
      summary: layer.querySelector('.summary')?.textContent ?? '',
      role: layer.querySelector('.role p')?.textContent ?? null,
      facts: [...layer.querySelectorAll('.facts .fact')].map((f) => f.textContent ?? ''),
      linkCount: layer.querySelectorAll('.facts a[href^="http"]').length,
      events: [...layer.querySelectorAll('.events time')].map((t) => t.getAttribute('datetime') ?? ''),
      focused: root.activeElement ? root.activeElement.className || root.activeElement.tagName : null,
      rect: { left: r.left, top: r.top, right: r.right, bottom: r.bottom, width: r.width, height: r.height },
      background: getComputedStyle(card).backgroundColor,
      visibleCards: layers.filter((l) => l.querySelector('.card') && shown(l)).length,
    };
  });
}

type Box = { x: number; y: number; left: number; top: number; right: number; bottom: number };

/** The viewport box of the `nth` occurrence of `word` in element `#id`, from a Range over the page's text. */
function wordBox(page: Page, id: string, word: string): Promise<Box> {
  return page.evaluate(
    (id, word) => {
      const el = document.getElementById(id);
      const text = [...(el?.childNodes ?? [])].find((n): n is Text => n instanceof Text && n.data.includes(word));
      if (!text) throw new Error(`no "${word}" in #${id}`);
      const range = document.createRange();
      const at = text.data.indexOf(word);
      range.setStart(text, at);
      range.setEnd(text, at + word.length);
      const r = range.getClientRects()[0]!;
      return {
        x: r.left + r.width / 2,
        y: r.top + r.height / 2,
        left: r.left,
        top: r.top,
        right: r.right,
        bottom: r.bottom,
      };
    },
    id,
    word,
  );
}

/** Polls `fn` until it returns something truthy, and returns that. */
function waitFor<T>(fn: () => Promise<T>, what: string, timeout = 5000): Promise<NonNullable<T>> {
  return vi.waitFor(
    async () => {
      const v = await fn();
      if (!v) throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(v)})`);
      return v;
    },
    { timeout, interval: 50 },
  );
}

describe.skipIf(missing)('Firefox ESR: hover card', () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;

  beforeAll(async () => {
    build = await buildFirefoxExtension();
    ff = await launchFirefox({ extensionDir: build.dir, pages: { '/article.html': articlePage() } });
    // sendToTab's extension page opens as a new, selected tab the first time: open it now, so that
    // the article tabs opened later stay in front (a background tab gets few animation frames, and
    // the card reveals itself by a CSS animation).
    await ff.extensionCall(() => true);
  });

  afterAll(async () => {
    await ff?.close();
    build?.remove();
  });

  /** The article in a new tab; `path` differs per test so a tab left open by a failed test is never the one addressed. */
  async function openArticle(path: string): Promise<Page> {
    const page = await ff.openPage(path);
    await page.bringToFront();
    await page.waitForFunction(() => [...CSS.highlights.values()].some((h) => h.size > 0), { timeout: 15_000 });
    return page;
  }

  it('opens after the hover delay next to the mention, with the dataset’s card, and closes when the pointer leaves', async () => {
    const mark = ff.log.mark();
    const page = await openArticle('/article.html?hover');

    // The first hover of a page injects the card bundle (card.js), so the first
    // pointermove only loads it: nudge until a card shows, then move away.
    const xiaomi = await wordBox(page, 'p1', 'Xiaomi');
    await page.mouse.move(xiaomi.x, xiaomi.y);
    let nudge = 0;
    await waitFor(
      async () => {
        await page.mouse.move(xiaomi.x + (++nudge % 2), xiaomi.y);
        return (await cardState(page))?.entity === 'xiaomi';
      },
      'the Xiaomi card (card.js injected on first hover)',
      10_000,
    );
    await page.mouse.move(790, 590, { steps: 3 });
    await waitFor(async () => (await cardState(page)) === null, 'the Xiaomi card to close once the pointer left it');

    // Card bundle loaded: a hover now waits the delay, then shows Microsoft's card.
    const ms = await wordBox(page, 'p2', 'Microsoft');
    // Taken before the move is sent: the card's delay runs from the pointer event, which the
    // browser may have received well before puppeteer's round trip returns.
    const movedAt = Date.now();
    await page.mouse.move(ms.x, ms.y);
    const card = await waitFor(() => cardState(page), 'the Microsoft card', 3000);
    // Not before the hover delay: first seen no sooner than the delay after the move was sent.
    expect(Date.now() - movedAt).toBeGreaterThanOrEqual(HOVER_DELAY_MS);

    const expected = buildCard('microsoft', 'en')!;
    expect(card.entity).toBe('microsoft');
    expect(card.name).toBe(expected.name);
    expect(card.summary).toBe(expected.summary);
    expect(card.role).toBe(expected.role);
    expect(card.facts).toEqual(expected.facts.map((f) => f.text));
    expect(card.linkCount).toBeGreaterThan(0);
    expect(card.events).toEqual(expected.events.map((e) => e.date));
    // Laid out and painted with its own styles (the shadow root's adopted sheet applied in Firefox).
    expect(card.rect.width).toBeGreaterThan(200);
    expect(card.rect.height).toBeGreaterThan(100);
    expect(card.background).toBe('rgb(255, 255, 255)');
    // Next to the mention: just below its line (or flipped above it), aligned with it.
    expect(
      card.rect.top >= ms.bottom - 1 || card.rect.bottom <= ms.top + 1,
      'card below (or above) the mention’s line',
    ).toBe(true);
    expect(Math.abs(card.rect.left - ms.left), 'card’s left edge from the mention’s').toBeLessThan(40);
    // Hovering does not take focus from the page.
    expect(card.focused).toBeNull();
    expect(card.visibleCards).toBe(1);

    await page.mouse.move(790, 590, { steps: 3 });
    await waitFor(async () => (await cardState(page)) === null, 'the card to close after the pointer left');
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });

  it('opens by the keyboard command in reading order with focus in the card; Escape closes it and focus returns', async () => {
    const mark = ff.log.mark();
    const path = '/article.html?keyboard';
    const page = await openArticle(path);
    await page.focus('#before');
    // What the background sends the tab when the manifest command is pressed.
    await ff.sendToTab(path, { type: 'navigateMention', direction: 'next' });
    // First mention of the page: the heading's "Xiaomi" (card.js is injected on demand, hence the wait).
    const first = await waitFor(() => cardState(page), 'a card from the keyboard command', 10_000);
    expect(first.entity).toBe('xiaomi');
    const heading = await page.evaluate(
      () => document.querySelector('h1')!.getBoundingClientRect().toJSON() as DOMRect,
    );
    expect(first.rect.top).toBeGreaterThanOrEqual(heading.top);
    await waitFor(async () => (await cardState(page))?.focused === 'card', 'focus in the card');

    await ff.sendToTab(path, { type: 'navigateMention', direction: 'next' });
    const second = await waitFor(async () => {
      const c = await cardState(page);
      return c?.entity === 'microsoft' ? c : null;
    }, 'the next mention’s card (Microsoft)');
    expect(second.focused).toBe('card');
    expect(second.visibleCards, 'one card at a time').toBe(1);

    await page.keyboard.press('Escape');
    await waitFor(async () => (await cardState(page)) === null, 'Escape to close the card');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('before');
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });
});
