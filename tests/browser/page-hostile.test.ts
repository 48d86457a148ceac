/**
 * Hostile pages against the page layer (issue 11), in Chromium: markup that
 * clobbers the globals and form properties a content script might read, page
 * script that forges input, and a page reading what it can of the extension.
 * What a page can still see is listed in the README's security section; each
 * claim there is checked here.
 */
import type { CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../../src/settings/schema';
import { isolatedWorld, Q, type Isolated } from './harness';
import {
  highlightNameOf,
  launchChromium,
  pageHighlights,
  painted,
  sendToTab,
  settledMentions,
  startServer,
  waitForPainted,
  writeSettings,
  type Launched,
  type StaticServer,
} from './harness';

let browser: Launched;
let server: StaticServer;

const html = (body: string) =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile</title><style>body{font:20px/1.5 sans-serif;margin:30px}</style></head><body>${body}</body></html>`;

/** Every name a content script might read from the global scope, taken by the page's own markup. */
const CLOBBER = `
<form id="browser"><input name="runtime" id="runtime-id"><input name="sendMessage"></form>
<form id="chrome"><input name="runtime"></form>
<form id="scheduler"><input name="yield"></form>
<img name="requestIdleCallback"><img name="Highlight"><a id="CSS" href="#">css</a>
<a id="__partnershipLensCard" href="#">card</a><a id="__partnershipLensBridge" href="#">bridge</a>
<form name="caretPositionFromPoint"></form>
<form id="f"><input name="localName"><input name="tagName"><input name="nodeType"><input name="parentNode">
<input name="parentElement"><input name="isConnected"><input name="ownerDocument"><input name="contains">
<input name="getBoundingClientRect"><input name="matches"><input name="compareDocumentPosition"><input name="getRootNode">
<p>Xiaomi inside a form whose fields shadow its properties.</p></form>
<p id="out">Microsoft outside it, and Cortana.</p>`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, body: string): Promise<{ page: Page; iso: Isolated; errors: string[] }> {
  server.add(path, html(body), 'text/html');
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url(path), { waitUntil: 'load' });
  const iso = await isolatedWorld(page, browser.extensionId);
  return { page, iso, errors };
}

describe('DOM clobbering', () => {
  it('paints, answers the popup and opens cards on a page whose markup takes every global and form property', async () => {
    const { page, iso, errors } = await open('/hostile/clobber.html', CLOBBER);
    const p = await waitForPainted(page, (x) => x.length === 3);
    expect(p.map((x) => x.text).sort()).toEqual(['Cortana', 'Microsoft', 'Xiaomi']);
    const res = await sendToTab<{ mentions: { entity: string }[] }>(browser, page.url(), { type: 'getMentions' });
    expect(res.mentions.map((m) => m.entity)).toEqual(['xiaomi', 'microsoft', 'cortana']);
    // The card starts despite <a id="__partnershipLensCard">. (Hovered outside the form: inside it, the card's
    // positioning (Floating UI walking up through the form's shadowed parentNode) is the card's to harden.)
    const m = await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(Q.ofEntity('cortana')));
    await page.mouse.move(m!.x, m!.y);
    await expect
      .poll(() => iso.eval<{ entity: string } | null>(Q.card), { timeout: 10_000 })
      .toMatchObject({ entity: 'cortana' });
    // The page layer hit-tests the mention inside the form too.
    const inForm = (await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(Q.ofEntity('xiaomi'))))!;
    expect(
      await iso.eval<string | null>(
        `globalThis[Symbol.for('partnership-lens.bridge')].mentionAt(${inForm.x}, ${inForm.y})?.text ?? null`,
      ),
    ).toBe('Xiaomi');
    expect(iso.exceptions).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('page-made input', () => {
  it('a synthetic pointermove over a mention loads nothing; the reader’s own does', async () => {
    const { page, iso } = await open('/hostile/synthetic.html', '<p style="margin:60px">Xiaomi and Microsoft.</p>');
    await waitForPainted(page, (x) => x.length === 2);
    const m = (await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(Q.ofEntity('xiaomi'))))!;
    await page.evaluate(({ x, y }) => {
      for (const type of ['pointermove', 'pointerover', 'mousemove', 'pointerdown', 'click', 'focusin'])
        document
          .elementFromPoint(x, y)!
          .dispatchEvent(
            new PointerEvent(type, { clientX: x, clientY: y, bubbles: true, composed: true, pointerType: 'mouse' }),
          );
    }, m);
    // A trusted move elsewhere: its frame comes after the forged events were handled.
    await page.mouse.move(2, 2);
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
    expect(await iso.eval<boolean>(Q.cardLoaded)).toBe(false);
    await page.mouse.move(m.x, m.y);
    await expect.poll(() => iso.eval<boolean>(Q.cardLoaded), { timeout: 10_000 }).toBe(true);
    await page.close();
  });
});

describe('what a page can read', () => {
  it('highlight names that say nothing (not the kind, not the extension) and change with every load', async () => {
    const { page } = await open('/hostile/names.html', '<p>Xiaomi, Cortana, Harry Shum and Microsoft Azure.</p>');
    await waitForPainted(page, (x) => x.length === 4);
    const first = (await pageHighlights(page)).map((h) => h.name);
    expect(first.length).toBeGreaterThan(0);
    for (const n of first)
      expect(n).not.toMatch(/lens|partner|company|product|person|technology|agreement|active|flash/i);
    await page.reload();
    await waitForPainted(page, (x) => x.length === 4);
    const second = (await pageHighlights(page)).map((h) => h.name);
    expect(second.some((n) => first.includes(n))).toBe(false);
    await page.close();
  });

  it('puts one attribute (a random name, no value) on the elements whose text holds a mention, and takes it off when switched off', async () => {
    const { page } = await open(
      '/hostile/scope.html',
      '<p id="a">Xiaomi and <b id="b">Microsoft Azure</b> agreed.</p><p id="c">Nothing to mark here.</p>',
    );
    await waitForPainted(page, (x) => x.length === 2);
    const attrs = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('*')]
          .filter((el) => el.attributes.length > (el.id ? 1 : 0))
          .map((el) => ({
            el: el.id || el.localName,
            added: [...el.attributes].filter((a) => a.name !== 'id' && a.name !== 'lang' && a.name !== 'charset'),
          }))
          .filter((x) => x.added.length > 0)
          .map((x) => ({ el: x.el, names: x.added.map((a) => a.name), values: x.added.map((a) => a.value) })),
      );
    const marked = await attrs();
    // The paragraph (Xiaomi's text) and the <b> (Microsoft Azure's), nothing else: one name, no value, opaque.
    expect(marked.map((m) => m.el).sort()).toEqual(['a', 'b']);
    const name = marked[0]!.names[0]!;
    expect(marked.every((m) => m.names.length === 1 && m.names[0] === name && m.values[0] === '')).toBe(true);
    expect(name).toMatch(/^h[a-z0-9]{11}$/);
    // Switched off on the site: every attribute is taken away with the highlights.
    await writeSettings(browser, { ...DEFAULT_SETTINGS, sites: { ...DEFAULT_SETTINGS.sites, block: ['127.0.0.1'] } });
    try {
      await expect.poll(async () => (await attrs()).length, { timeout: 10_000 }).toBe(0);
    } finally {
      await writeSettings(browser, DEFAULT_SETTINGS);
      await page.close();
    }
  });

  it('no stylesheet and no reader setting in the DOM, though the reader’s colours apply', async () => {
    const colours = { ...DEFAULT_SETTINGS.style.colours, company: '#2255cc' };
    await writeSettings(browser, {
      ...DEFAULT_SETTINGS,
      style: { ...DEFAULT_SETTINGS.style, mark: 'background', colours },
    });
    try {
      const { page } = await open('/hostile/style.html', '<p id="p"><span id="x">Xiaomi</span> said so.</p>');
      await waitForPainted(page, (x) => x.length === 1);
      const name = (await highlightNameOf(page)).company!;
      await expect
        .poll(
          () =>
            page.evaluate(
              (n) => getComputedStyle(document.getElementById('x')!, `::highlight(${n})`).backgroundColor,
              name,
            ),
          {
            timeout: 10_000,
          },
        )
        .toMatch(/^rgba\(34, 85, 204, 0\.2/);
      const dom = await page.evaluate(() => ({
        styles: document.querySelectorAll('style, link[rel=stylesheet]').length,
        rules: [...document.styleSheets].map((s) => [...s.cssRules].map((r) => r.cssText).join('')).join(''),
        adopted: document.adoptedStyleSheets.length,
        ours: document.querySelectorAll('[data-partnership-lens]').length,
        text: document.documentElement.outerHTML.includes('2255cc'),
      }));
      expect(dom).toEqual({
        styles: 1,
        rules: expect.not.stringMatching(/highlight/),
        adopted: 0,
        ours: 0,
        text: false,
      });
      await page.close();
    } finally {
      await writeSettings(browser, DEFAULT_SETTINGS);
    }
  });

  it('inserts the highlight rules only into frames that have a mention', async () => {
    server.add('/hostile/child-with.html', html('<p>Xiaomi in the frame.</p>'), 'text/html');
    server.add('/hostile/child-without.html', html('<p>Nothing to see in this frame.</p>'), 'text/html');
    server.add(
      '/hostile/frames.html',
      html(
        '<p>Nothing here either.</p><iframe src="/hostile/child-with.html"></iframe><iframe src="/hostile/child-without.html"></iframe>',
      ),
      'text/html',
    );
    const page = await browser.context.newPage();
    // Sheets the extension injects are reported by the CSS domain with origin "injected", per frame.
    const cdp: CDPSession = await browser.context.newCDPSession(page);
    const injected: string[] = [];
    cdp.on('CSS.styleSheetAdded', (e) => {
      if (e.header.origin === 'injected') injected.push(e.header.frameId);
    });
    await cdp.send('DOM.enable');
    await cdp.send('CSS.enable');
    await page.goto(server.url('/hostile/frames.html'), { waitUntil: 'load' });
    const withFrame = page.frame({ url: /child-with/ })!;
    await waitForPainted(withFrame, (x) => x.length === 1);
    await settledMentions(browser, page.url());
    const { frameTree } = await cdp.send('Page.getFrameTree');
    type Tree = { frame: { id: string; url: string }; childFrames?: Tree[] };
    const ids = new Map<string, string>();
    const walk = (t: Tree) => {
      ids.set(t.frame.id, t.frame.url);
      for (const c of t.childFrames ?? []) walk(c);
    };
    walk(frameTree);
    await expect.poll(() => injected.map((id) => ids.get(id)), { timeout: 5000 }).toEqual([withFrame.url()]);
    expect(await painted(page)).toEqual([]);
    await page.close();
  });

  it('adopts the rules only into the open shadow roots that hold a mention', async () => {
    const { page } = await open(
      '/hostile/shadow.html',
      `<div id="a"></div><div id="b"></div><script>
        document.getElementById('a').attachShadow({ mode: 'open' }).innerHTML = '<p>Xiaomi in a shadow root.</p>';
        document.getElementById('b').attachShadow({ mode: 'open' }).innerHTML = '<p>Nothing in this one.</p>';
      </script>`,
    );
    await expect
      .poll(() => page.evaluate(() => document.getElementById('a')!.shadowRoot!.adoptedStyleSheets.length), {
        timeout: 10_000,
      })
      .toBe(1);
    expect(await page.evaluate(() => document.getElementById('b')!.shadowRoot!.adoptedStyleSheets.length)).toBe(0);
    await page.close();
  });
});
