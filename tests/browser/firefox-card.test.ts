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
  /** Text nodes in the shadow root: none, every word is generated content. */
  textNodes: number;
}

function cardState(page: Page): Promise<CardState | null> {
  return inShadowRoot(page, 'partnership-lens-card', (root) => {
    // Visible: the view's inline marker (set in the frame that paints the reveal) and the computed
    // style agree. The visible card's layer is always the first; the other may hold a prepared card.
    const shown = (l: HTMLElement) => l.style.visibility === 'visible' && getComputedStyle(l).visibility === 'visible';
    // The card's words are generated content (data-t attributes, src/card/Card.tsx), never text nodes.
    const txt = (el: Element | null) =>
      el ? [el, ...el.querySelectorAll('[data-t]')].map((e) => e.getAttribute('data-t') ?? '').join('') : '';
    const layers = [...root.querySelectorAll<HTMLElement>('.layer')];
    const layer = layers[0];
    const card = layer?.querySelector<HTMLElement>('.card');
    if (!layer || !card || !shown(layer)) return null;
    const r = card.getBoundingClientRect();
    return {
      entity: card.dataset.entity ?? '',
      // The name without the other language's name beside it.
      name: layer.querySelector('#pl-card-title span')?.getAttribute('data-t') ?? '',
      summary: txt(layer.querySelector('.summary')),
      role: layer.querySelector('.role p') ? txt(layer.querySelector('.role p')) : null,
      facts: [...layer.querySelectorAll('.facts .fact')].map((f) => txt(f)),
      textNodes: (() => {
        const w = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
        let n = 0;
        while (w.nextNode()) if (w.currentNode.parentElement?.tagName !== 'STYLE') n++;
        return n;
      })(),
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
    ff = await launchFirefox({
      extensionDir: build.dir,
      pages: {
        '/article.html': articlePage(),
        '/small-frame.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Small frame</title></head>
          <body style="margin:20px"><iframe id="small" src="/frame-child.html" width="460" height="90"></iframe>
          <div style="height:900px"></div></body></html>`,
        '/frame-child.html': `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Child</title></head>
          <body><p id="inner" style="font:18px/1.6 sans-serif">Inside the frame: Microsoft Azure and Cortana.</p></body></html>`,
        '/links.html': articlePage(
          `<p id="linked">Read <a id="lnk" href="/article.html">the Xiaomi story</a> on our site.</p>`,
        ),
      },
    });
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

  /** Hovers a word until its card shows (the first hover of a page injects card.js). */
  async function hoverUntilCard(page: Page, id: string, word: string, entity: string): Promise<CardState> {
    const box = await wordBox(page, id, word);
    let nudge = 0;
    return waitFor(
      async () => {
        await page.mouse.move(box.x + (++nudge % 2), box.y);
        const c = await cardState(page);
        return c?.entity === entity ? c : null;
      },
      `the ${entity} card`,
      10_000,
    );
  }

  /** Every entity rendered into the card's layers since the call (shown or only prepared). */
  async function recordRendered(page: Page): Promise<void> {
    await inShadowRoot(page, 'partnership-lens-card', (root) => {
      const seen: string[] = [];
      (root as unknown as { __seen: string[] }).__seen = seen;
      new MutationObserver(() => {
        for (const c of root.querySelectorAll<HTMLElement>('.card[data-entity]')) seen.push(c.dataset.entity ?? '');
      }).observe(root, { subtree: true, childList: true });
      return true;
    });
  }

  it('page-made events (isTrusted false) never open a card, and never close one', async () => {
    const page = await openArticle('/links.html?synthetic');
    await hoverUntilCard(page, 'p1', 'Xiaomi', 'xiaomi');
    await page.mouse.move(790, 590, { steps: 3 });
    await waitFor(async () => (await cardState(page)) === null, 'the card to close');
    await recordRendered(page);
    const cortana = await wordBox(page, 'p3', 'Cortana');
    await page.evaluate(({ x, y }) => {
      const el = document.elementFromPoint(x, y)!;
      const init = { bubbles: true, composed: true, clientX: x, clientY: y, pointerType: 'mouse', detail: 1 };
      for (const type of ['pointerover', 'pointermove', 'pointerdown', 'pointerup'])
        el.dispatchEvent(new PointerEvent(type, init));
      el.dispatchEvent(new MouseEvent('click', init));
      document.getElementById('lnk')!.dispatchEvent(new FocusEvent('focusin', { bubbles: true, composed: true }));
    }, cortana);
    // A real hover elsewhere: by the time its card shows, anything the fake events armed would have too.
    await hoverUntilCard(page, 'p2', 'Microsoft', 'microsoft');
    const rendered = await inShadowRoot(page, 'partnership-lens-card', (root) => [
      ...new Set((root as unknown as { __seen: string[] }).__seen),
    ]);
    expect(rendered).toEqual(['microsoft']);
    // Open: a fake Escape, press elsewhere and pointer leaving change nothing.
    await page.evaluate(() => {
      const init = { bubbles: true, composed: true, cancelable: true };
      document.body.dispatchEvent(new KeyboardEvent('keydown', { ...init, key: 'Escape' }));
      document.body.dispatchEvent(new PointerEvent('pointerdown', { ...init, clientX: 5, clientY: 5 }));
      document.documentElement.dispatchEvent(new PointerEvent('pointerout', { ...init, relatedTarget: null }));
    });
    expect((await cardState(page))?.entity).toBe('microsoft');
    await page.close();
  });

  it('window.find() and Selection.modify() from the page cannot reach the card’s text', async () => {
    const page = await openArticle('/article.html?find');
    const c = await hoverUntilCard(page, 'p3', 'Cortana', 'cortana');
    expect(c.textNodes).toBe(0);
    const pageText = await page.evaluate(() => document.body.innerText);
    const phrases = [c.summary, c.role ?? '', ...c.facts]
      .map((x) => x.split(' ').slice(0, 3).join(' '))
      .filter((p) => p && !pageText.includes(p))
      .concat('Key facts');
    expect(phrases.length).toBeGreaterThanOrEqual(3);
    const probe = await page.evaluate((phrases) => {
      const found = phrases.map((p) => {
        getSelection()!.removeAllRanges();
        const hit = (window as unknown as { find(s: string, ...f: boolean[]): boolean }).find(p, false, false, true);
        const sel = getSelection()!;
        return { p, hit, text: sel.toString(), anchorInCard: !!sel.anchorNode && !document.contains(sel.anchorNode) };
      });
      const sel = getSelection()!;
      sel.removeAllRanges();
      const r = document.createRange();
      r.setStart(document.getElementById('p3')!.firstChild!, 0);
      sel.addRange(r);
      for (let i = 0; i < 40; i++) sel.modify('extend', 'forward', 'line');
      sel.modify('extend', 'forward', 'documentboundary');
      return { found, modified: sel.toString() };
    }, phrases);
    for (const f of probe.found) expect(f, f.p).toMatchObject({ hit: false, text: '', anchorInCard: false });
    for (const p of phrases) expect(probe.modified).not.toContain(p);
    expect((await cardState(page))?.entity).toBe('cortana');
    await page.close();
  });

  it('a card the page hides counts as closed, and the next hover shows it again', async () => {
    const page = await openArticle('/article.html?hidden');
    await hoverUntilCard(page, 'p1', 'Xiaomi', 'xiaomi');
    await recordRendered(page);
    await page.evaluate(() =>
      document.querySelector<HTMLElement>('partnership-lens-card')!.style.setProperty('opacity', '0', 'important'),
    );
    // Counted as closed: its layer is emptied (the view unrenders a closed card).
    await waitFor(
      async () =>
        (await inShadowRoot(page, 'partnership-lens-card', (root) => !root.querySelector('.layer .card'))) === true,
      'the hidden card to be closed',
    );
    const c = await hoverUntilCard(page, 'p1', 'Xiaomi', 'xiaomi');
    expect(c.visibleCards).toBe(1);
    expect(await page.evaluate(() => getComputedStyle(document.querySelector('partnership-lens-card')!).opacity)).toBe(
      '1',
    );
    await page.close();
  });

  it('a link holding a mention opens its card when Tab brings focus to it', async () => {
    const page = await openArticle('/links.html?focus');
    // card.js loads on the first hover (or at idle): hover once so the focus below finds it loaded.
    await hoverUntilCard(page, 'p1', 'Xiaomi', 'xiaomi');
    await page.mouse.move(790, 590, { steps: 3 });
    await waitFor(async () => (await cardState(page)) === null, 'the card to close');
    await page.focus('#before');
    for (let i = 0; i < 5 && (await page.evaluate(() => document.activeElement?.id)) !== 'lnk'; i++)
      await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('lnk');
    const c = await waitFor(() => cardState(page), 'the focused link’s card', 3000);
    expect(c.entity).toBe('xiaomi');
    expect(c.focused).toBeNull();
    await page.keyboard.down('Shift');
    await page.keyboard.press('Tab');
    await page.keyboard.up('Shift');
    await waitFor(async () => (await cardState(page)) === null, 'focus leaving the link to close the card');
    await page.close();
  });

  it('assigns both mention commands their suggested keys, and the options page shows them', async () => {
    const commands = await ff.extensionCall(async () => {
      const ext = (
        globalThis as unknown as {
          browser: { commands: { getAll(): Promise<{ name?: string; shortcut?: string }[]> } };
        }
      ).browser;
      return (await ext.commands.getAll()).map((c) => ({ name: c.name ?? '', shortcut: c.shortcut ?? '' }));
    });
    const key = (name: string) => commands.find((c) => c.name === name)?.shortcut;
    expect(key('next-mention')).toMatch(/^Alt\+Shift\+(\.|Period)$/);
    expect(key('previous-mention')).toMatch(/^Alt\+Shift\+(,|Comma)$/);
    const options = await ff.openExtensionPage('options.html');
    await options.waitForSelector('table.shortcuts tbody tr');
    const rows = await options.$$eval('table.shortcuts tbody tr', (trs) => trs.map((tr) => tr.textContent ?? ''));
    expect(rows.join('\n')).toMatch(/next marked mention.*Alt\+Shift\+(\.|Period)/);
    for (const row of rows.filter((r) => r.includes('marked mention'))) expect(row).not.toContain('Not set');
    expect(await options.$eval('#shortcut-change', (e) => e.textContent)).toContain('about:addons');
    await options.close();
  });

  it('draws the card of a mention in a same-origin iframe in the top page, never clipped by the iframe', async () => {
    const mark = ff.log.mark();
    const page = await ff.openPage('/small-frame.html');
    await page.bringToFront();
    const frame = await waitFor(
      async () => page.frames().find((f) => f.url().endsWith('/frame-child.html')) ?? null,
      'the iframe',
    );
    await frame.waitForFunction(() => [...CSS.highlights.values()].some((h) => h.size > 0), { timeout: 15_000 });
    const inFrame = await frame.evaluate(() => {
      const t = document.getElementById('inner')!.firstChild as Text;
      const r = document.createRange();
      r.setStart(t, t.data.indexOf('Cortana'));
      r.setEnd(t, t.data.indexOf('Cortana') + 7);
      const b = r.getBoundingClientRect();
      return { x: b.left + b.width / 2, y: b.top + b.height / 2 };
    });
    const box = await page.evaluate(() => {
      const f = document.getElementById('small')!;
      const r = f.getBoundingClientRect();
      return { left: r.left + f.clientLeft, top: r.top + f.clientTop, bottom: r.bottom };
    });
    const at = { x: box.left + inFrame.x, y: box.top + inFrame.y };
    let nudge = 0;
    // The card's host is in the top page's document, so cardState (which reads the top page) sees it.
    const c = await waitFor(
      async () => {
        await page.mouse.move(at.x + (++nudge % 2), at.y);
        const s = await cardState(page);
        return s?.entity === 'cortana' ? s : null;
      },
      'the iframe’s card in the top page',
      10_000,
    );
    expect(c.rect.bottom).toBeGreaterThan(box.bottom + 100);
    const hit = await page.evaluate((p) => document.elementFromPoint(p.x, p.y)?.tagName.toLowerCase(), {
      x: (c.rect.left + c.rect.right) / 2,
      y: box.bottom + 60,
    });
    expect(hit).toBe('partnership-lens-card');
    // Into the card and away: it closes, and nothing of the extension reported an error meanwhile.
    await page.mouse.move((c.rect.left + c.rect.right) / 2, box.bottom + 60, { steps: 6 });
    await page.mouse.move(790, 590, { steps: 4 });
    await waitFor(async () => (await cardState(page)) === null, 'the card to close once the pointer left it');
    expect(ff.extensionErrors(mark)).toEqual([]);
    await page.close();
  });

  it('has a first-run page that says how to pin the icon in Firefox, what the marks mean and which keys are set', async () => {
    const page = await ff.openExtensionPage('welcome.html');
    await page.waitForSelector('h1');
    expect(await page.$eval('h1', (e) => e.textContent)).toBe('Welcome to Partnership Lens');
    expect(await page.$eval('#pin', (e) => e.textContent)).toContain('choose Pin to Toolbar');
    expect(await page.$$eval('#marks .kinds li', (els) => els.length)).toBe(5);
    await waitFor(
      async () => /Alt\+Shift\+(\.|Period)/.test((await page.$eval('#keys', (e) => e.textContent)) ?? ''),
      'the assigned keys on the first-run page',
    );
    await page.close();
  });
});
