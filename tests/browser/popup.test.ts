/**
 * The toolbar popup in real Chromium: popup.html opened in a tab, pointed at a
 * page tab with `?tab=ID`, with the real content script answering it.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TIMELINE } from '../../src/dataset/timeline';
import { formatEventDate } from '../../src/timeline/format';
import { sortEvents } from '../../src/timeline/order';
import { launchChromium, startServer, waitForPainted, type Launched, type StaticServer } from './harness';

const byText = (a: string | null, b: string | null) => (a ?? '').localeCompare(b ?? '');

const filler = Array.from(
  { length: 60 },
  (_, i) => `<p>Paragraph ${i + 1} of background reading about weather, rivers and the history of bridges.</p>`,
).join('\n');

/** Xiaomi ×3, Microsoft ×2, Cortana ×1 (far down the page), in that document order. */
const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Article</title></head><body>
<h1>Notes on a partnership</h1>
<p>Xiaomi signed a new deal with Microsoft in February 2018.</p>
<p>Analysts said Xiaomi would gain a great deal from it.</p>
${filler}
<p id="far">Years later, Cortana still answers on a Xiaomi speaker, and Microsoft still says so.</p>
</body></html>`;

const EMPTY = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Empty</title></head><body>
<p>A page about gardening, with nothing of interest to the extension.</p></body></html>`;

const EXPECTED_COUNTS = [
  ['xiaomi', 3],
  ['microsoft', 2],
  ['cortana', 1],
] as const;
const EXPECTED_ORDER = ['xiaomi', 'microsoft', 'xiaomi', 'cortana', 'xiaomi', 'microsoft'];

let server: StaticServer;
let browser: Launched;
let article: Page;
let articleUrl: string;
let locale: string;

interface ChromeLike {
  tabs: {
    query(q: object): Promise<{ id?: number; url?: string }[]>;
    sendMessage(id: number, m: object): Promise<unknown>;
  };
  storage: Record<
    'local' | 'sync' | 'session',
    { get(k: string | null): Promise<Record<string, unknown>>; set(v: object): Promise<void> }
  >;
  i18n: { getUILanguage(): string };
}
declare const chrome: ChromeLike;

function popupUrl(params: Record<string, string | number>): string {
  const q = new URLSearchParams(Object.entries(params).map(([k, v]) => [k, String(v)]));
  return `chrome-extension://${browser.extensionId}/popup.html?${q}`;
}

/** The id of the tab showing `url`: polled, since the browser tells the extension a tab's new URL a moment after the page commits. */
function tabIdOf(url: string): Promise<number> {
  return vi.waitFor(
    async () => {
      const id = await findTab(url);
      if (id === undefined) throw new Error(`no tab shows ${url}`);
      return id;
    },
    { timeout: 5000, interval: 100 },
  );
}

async function findTab(url: string): Promise<number | undefined> {
  return browser.serviceWorker.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    const exact = tabs.find((t) => t.url === u);
    if (exact || !u.startsWith('chrome:')) return exact?.id;
    // A browser page's URL is hidden from the extension (no `tabs` permission): take the newest tab that hides it.
    const hidden = tabs.filter((t) => t.url === undefined).map((t) => t.id!);
    return hidden.length ? Math.max(...hidden) : undefined;
  }, url);
}

async function openPopup(params: Record<string, string | number>): Promise<Page> {
  const p = await browser.context.newPage();
  await p.setViewportSize({ width: 400, height: 600 });
  await p.goto(popupUrl(params));
  await p.getByRole('tab', { name: /Timeline/ }).waitFor();
  return p;
}

const shownEventIds = (p: Page) =>
  p.locator('[data-event]').evaluateAll((els) => els.map((e) => e.getAttribute('data-event')));

beforeAll(async () => {
  server = await startServer();
  server.add('/popup-article.html', ARTICLE);
  server.add('/popup-empty.html', EMPTY);
  browser = await launchChromium();
  article = await browser.context.newPage();
  articleUrl = server.url('/popup-article.html');
  await article.goto(articleUrl);
  locale = await browser.serviceWorker.evaluate(() => chrome.i18n.getUILanguage());
  // The content script paints once detection is done; wait until it answers with all six mentions.
  const mentionCount = () =>
    browser.serviceWorker.evaluate(async (u) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
      try {
        const r = (await chrome.tabs.sendMessage(tab!.id!, { type: 'getMentions' })) as { mentions: unknown[] };
        return r.mentions.length;
      } catch {
        return -1;
      }
    }, articleUrl);
  await vi.waitFor(
    async () => {
      const n = await mentionCount();
      if (n !== 6) throw new Error(`the test page's content script reports ${n} mentions, not the 6 it has`);
    },
    { timeout: 15_000, interval: 200 },
  );
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

describe('timeline', () => {
  it('lists every dataset event oldest first, grouped by year, with dates at their precision', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    const expected = sortEvents(TIMELINE);
    const times = await p
      .locator('.event time')
      .evaluateAll((els) => els.map((e) => [e.getAttribute('datetime'), e.textContent]));
    expect(times.map((t) => t[0])).toEqual(expected.map((e) => e.date));
    expect(times.map((t) => t[1])).toEqual(expected.map((e) => formatEventDate(e.date, e.precision, locale)));
    const years = await p.locator('h2.year-heading').allTextContents();
    expect(years).toEqual([...new Set(expected.map((e) => e.date.slice(0, 4)))]);
    // Sources open in a new tab.
    const links = p.locator('.sources a');
    expect(await links.count()).toBeGreaterThan(0);
    expect(await links.first().getAttribute('target')).toBe('_blank');
    expect(await links.first().getAttribute('rel')).toContain('noopener');
    await p.close();
  });

  it('filters by entity chip, kind and text; the filters survive reopening; an empty result offers to clear', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    const all = await shownEventIds(p);
    expect(all).toHaveLength(TIMELINE.length);

    // An entity chip on an event filters the whole timeline to that entity.
    const target = TIMELINE.find((e) => e.entities.includes('cortana'))!;
    await p.locator(`[data-event="${target.id}"] .chips button`, { hasText: /^Cortana$/ }).click();
    const withCortana = TIMELINE.filter((e) => e.entities.includes('cortana')).map((e) => e.id);
    await expect.poll(async () => (await shownEventIds(p)).sort(byText)).toEqual([...withCortana].sort(byText));
    expect(withCortana.length).toBeLessThan(TIMELINE.length);

    // Reopen: still filtered.
    await p.reload();
    await p.getByRole('tab', { name: /Timeline/ }).waitFor();
    await expect.poll(async () => (await shownEventIds(p)).sort(byText)).toEqual([...withCortana].sort(byText));
    await expect(p.getByRole('button', { name: /Cortana.*remove filter/ }).count()).resolves.toBe(1);

    // Kind: people only (on top of Cortana: every shown event involves a person and Cortana).
    await p.getByRole('button', { name: /^Filters/ }).click();
    await p.getByRole('checkbox', { name: 'People' }).check();
    const people = new Set(['harry-shum', 'wang-xiang']);
    const expectedPeople = TIMELINE.filter(
      (e) => e.entities.includes('cortana') && e.entities.some((id) => people.has(id)),
    );
    await expect
      .poll(async () => (await shownEventIds(p)).sort(byText))
      .toEqual(expectedPeople.map((e) => e.id).sort(byText));

    // Text that matches nothing: told so, and one click clears everything.
    await p.getByRole('searchbox', { name: 'Search the timeline' }).fill('zzqx nothing like this');
    await expect(p.getByText('No events match these filters.').isVisible()).resolves.toBe(true);
    await p.locator('.empty').getByRole('button', { name: 'Clear filters' }).click();
    await expect.poll(async () => (await shownEventIds(p)).length).toBe(TIMELINE.length);
    expect(await p.getByRole('searchbox').inputValue()).toBe('');

    // Free text alone, persisted across reopening.
    await p.getByRole('searchbox').fill('Azure');
    const azure = await shownEventIds(p);
    expect(azure.length).toBeGreaterThan(0);
    expect(azure.length).toBeLessThan(TIMELINE.length);
    await p.reload();
    await p.getByRole('tab', { name: /Timeline/ }).waitFor();
    expect(await p.getByRole('searchbox').inputValue()).toBe('Azure');
    await expect.poll(() => shownEventIds(p)).toEqual(azure);
    const stored = await p.evaluate(() => chrome.storage.local.get('popupFilters'));
    expect(stored.popupFilters).toMatchObject({ text: 'Azure' });
    await p.locator('.result-count').getByRole('button', { name: 'Clear filters' }).click();
    await p.close();
  });

  it('opens on one entity when a card asks (session:timelineFocus, read once) or via ?entity=, for that opening only', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    // The reader's own filters, stored: a card's request must not replace them.
    await p.getByRole('searchbox').fill('Cortana');
    await expect
      .poll(() => p.evaluate(() => chrome.storage.local.get('popupFilters')))
      .toMatchObject({
        popupFilters: { text: 'Cortana' },
      });
    // What the background stores when a card's "full timeline" is chosen (src/background/open-timeline.ts).
    await p.evaluate(() => chrome.storage.session.set({ timelineFocus: { entity: 'azure', requestedAt: Date.now() } }));
    await p.reload();
    await p.getByRole('tab', { name: /Timeline/ }).waitFor();
    const azureIds = TIMELINE.filter((e) => e.entities.includes('azure')).map((e) => e.id);
    await expect.poll(async () => (await shownEventIds(p)).sort(byText)).toEqual([...azureIds].sort(byText));
    expect(await p.evaluate(() => chrome.storage.session.get('timelineFocus'))).toEqual({});
    // Said so, and never stored: changing them now stores nothing either.
    expect(await p.locator('.temporary-note').count()).toBe(1);
    await p.getByRole('searchbox').fill('Xiaomi');
    expect((await p.evaluate(() => chrome.storage.local.get('popupFilters'))).popupFilters).toMatchObject({
      text: 'Cortana',
      entities: [],
    });
    // The next ordinary opening has the reader's own filters back.
    await p.reload();
    await p.getByRole('tab', { name: /Timeline/ }).waitFor();
    expect(await p.getByRole('searchbox').inputValue()).toBe('Cortana');
    expect(await p.locator('.temporary-note').count()).toBe(0);
    await p.locator('.result-count').getByRole('button', { name: 'Clear filters' }).click();

    await p.goto(popupUrl({ tab: await tabIdOf(articleUrl), entity: 'cortana', view: 'page' }));
    await p.getByRole('tab', { name: /Timeline/ }).waitFor();
    expect(await p.getByRole('tab', { name: /Timeline/ }).getAttribute('aria-selected')).toBe('true');
    const cortanaIds = TIMELINE.filter((e) => e.entities.includes('cortana')).map((e) => e.id);
    await expect.poll(async () => (await shownEventIds(p)).sort(byText)).toEqual([...cortanaIds].sort(byText));
    await p.locator('.result-count').getByRole('button', { name: 'Clear filters' }).click();
    await p.close();
  });

  it('opened in a tab by a card (?entity= only), describes the tab the reader came from', async () => {
    await article.bringToFront();
    const p = await browser.context.newPage();
    await p.goto(popupUrl({ entity: 'cortana' }));
    await p.getByRole('tab', { name: /This page/ }).click();
    await p.locator('.mention-row').first().waitFor({ timeout: 5000 });
    expect(await p.locator('.mention-row').evaluateAll((els) => els.map((e) => e.getAttribute('data-entity')))).toEqual(
      EXPECTED_COUNTS.map(([e]) => e),
    );
    await p.getByRole('tab', { name: /Timeline/ }).click();
    await p.locator('.result-count').getByRole('button', { name: 'Clear filters' }).click();
    await p.close();
  });
});

describe('this page', () => {
  it('lists the entities the page mentions, most mentioned first, with counts', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    await p.getByRole('tab', { name: /This page/ }).click();
    const rows = p.locator('.mention-row');
    await rows.first().waitFor();
    const got = await rows.evaluateAll((els) =>
      els.map((e) => [e.getAttribute('data-entity'), Number(e.querySelector('.count')!.firstChild!.textContent)]),
    );
    expect(got).toEqual(EXPECTED_COUNTS.map(([e, n]) => [e, n]));
    expect(await p.getByRole('tab', { name: /This page/ }).textContent()).toContain('6');
    await p.close();
  });

  it('typing a search shows the first match at the top of the list and marks the matched words', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    await p.locator('.timeline-list').evaluate((el) => (el.scrollTop = el.scrollHeight));
    expect(await p.locator('.timeline-list').evaluate((el) => el.scrollTop)).toBeGreaterThan(0);
    await p.getByRole('searchbox').fill('speaker');
    await expect.poll(() => p.locator('.timeline-list').evaluate((el) => el.scrollTop)).toBe(0);
    const marks = await p.locator('.timeline-list mark').allTextContents();
    expect(marks.length).toBeGreaterThan(0);
    for (const m of marks) expect(m.toLowerCase()).toBe('speaker');
    await p.locator('.result-count').getByRole('button', { name: 'Clear filters' }).click();
    await p.close();
  });

  it('scrolls the page to a mention when one is chosen, and opens its card', async () => {
    await article.evaluate(() => window.scrollTo(0, 0));
    const farInView = () =>
      article.evaluate(() => {
        const r = document.getElementById('far')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
    expect(await farInView()).toBe(false);
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    await p.getByRole('tab', { name: /This page/ }).click();
    await p.getByRole('button', { name: /^Cortana.* 1 mention: show the next on the page and open its card/ }).click();
    await article.bringToFront();
    await expect.poll(farInView, { timeout: 5000 }).toBe(true);
    // Its card opens as from the keyboard: focus in the card, in the page.
    await expect
      .poll(() => article.evaluate(() => document.activeElement?.tagName.toLowerCase()), { timeout: 5000 })
      .toBe('partnership-lens-card');
    await article.keyboard.press('Escape');
    await p.close();
  });

  it('exports the mentions as CSV and JSON with their contents', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    await p.getByRole('tab', { name: /This page/ }).click();
    await p.locator('.mention-row').first().waitFor();

    const [csvDl] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'CSV' }).click()]);
    expect(csvDl.suggestedFilename()).toMatch(/^partnership-lens-mentions-127\.0\.0\.1-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync(await csvDl.path(), 'utf8');
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('entity,name,text,sentence,url,frame');
    expect(lines).toHaveLength(7);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(EXPECTED_ORDER);
    // The first sentence has no comma or quote: unquoted; the last has commas: quoted.
    expect(lines[1]).toBe(
      `xiaomi,Xiaomi,Xiaomi,Xiaomi signed a new deal with Microsoft in February 2018.,${articleUrl},${articleUrl}`,
    );
    expect(lines[4]).toBe(
      `cortana,Cortana,Cortana,"Years later, Cortana still answers on a Xiaomi speaker, and Microsoft still says so.",${articleUrl},${articleUrl}`,
    );

    const [jsonDl] = await Promise.all([
      p.waitForEvent('download'),
      p.getByRole('button', { name: 'JSON', exact: true }).click(),
    ]);
    expect(jsonDl.suggestedFilename()).toMatch(/\.json$/);
    const doc = JSON.parse(readFileSync(await jsonDl.path(), 'utf8'));
    expect(doc.url).toBe(articleUrl);
    expect(doc.count).toBe(6);
    expect(doc.mentions.map((m: { entity: string }) => m.entity)).toEqual(EXPECTED_ORDER);
    expect(doc.mentions[1]).toEqual({
      entity: 'microsoft',
      name: 'Microsoft',
      text: 'Microsoft',
      sentence: 'Xiaomi signed a new deal with Microsoft in February 2018.',
      url: articleUrl,
      frame: articleUrl,
    });
    await p.close();
  });

  it('lists, counts, jumps to and exports the mentions of every frame, each with its frame', async () => {
    server.add(
      '/popup-frames.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frames</title></head>
      <body><p>The parent page mentions Xiaomi.</p><div style="height:1500px"></div>
      <iframe id="child" src="/popup-frame-child.html" width="500" height="200"></iframe></body></html>`,
    );
    server.add(
      '/popup-frame-child.html',
      `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Child</title></head>
      <body><p id="inner">Inside the frame: Cortana and Microsoft, and Microsoft again.</p></body></html>`,
    );
    const framed = await browser.context.newPage();
    const url = server.url('/popup-frames.html');
    await framed.goto(url);
    const p = await openPopup({ tab: await tabIdOf(url) });
    await p.getByRole('tab', { name: /This page/ }).click();
    await expect.poll(() => p.locator('.frame-group').count(), { timeout: 10_000 }).toBe(2);
    const groups = await p.locator('.frame-group').evaluateAll((els) =>
      els.map((g) => ({
        heading: g.querySelector('.frame-heading')?.textContent ?? '',
        rows: [...g.querySelectorAll('.mention-row')].map((r) => [
          r.getAttribute('data-entity'),
          Number(r.querySelector('.count')!.firstChild!.textContent),
        ]),
      })),
    );
    expect(groups[0]).toEqual({ heading: 'In the page', rows: [['xiaomi', 1]] });
    expect(groups[1]!.heading).toContain('/popup-frame-child.html');
    expect(groups[1]!.rows).toEqual([
      ['microsoft', 2],
      ['cortana', 1],
    ]);
    // The tab's count is every frame's, as on the badge.
    expect(await p.getByRole('tab', { name: /This page/ }).textContent()).toContain('4');
    // Export: each mention with the document it is in.
    const [dl] = await Promise.all([p.waitForEvent('download'), p.getByRole('button', { name: 'CSV' }).click()]);
    const rows = readFileSync(await dl.path(), 'utf8')
      .slice(1)
      .trimEnd()
      .split('\r\n')
      .slice(1);
    expect(rows.map((r) => [r.split(',')[0], r.split(',').at(-1)])).toEqual([
      ['xiaomi', url],
      ['cortana', server.url('/popup-frame-child.html')],
      ['microsoft', server.url('/popup-frame-child.html')],
      ['microsoft', server.url('/popup-frame-child.html')],
    ]);
    // A jump into the frame scrolls the frame into view.
    const frameInView = () =>
      framed.evaluate(() => {
        const r = document.getElementById('child')!.getBoundingClientRect();
        return r.top >= 0 && r.bottom <= innerHeight;
      });
    expect(await frameInView()).toBe(false);
    await p
      .locator('.frame-group')
      .nth(1)
      .getByRole('button', { name: /^Cortana/ })
      .click();
    await framed.bringToFront();
    await expect.poll(frameInView, { timeout: 5000 }).toBe(true);
    await p.close();
    await framed.close();
  });

  it('switches highlighting off and on for the site, applied to the open tab at once', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    await p.getByRole('tab', { name: /This page/ }).click();
    const sw = p.getByRole('switch', { name: /Highlight on 127\.0\.0\.1/ });
    expect(await sw.getAttribute('aria-checked')).toBe('true');

    const tabId = await tabIdOf(articleUrl);
    const icon = () =>
      browser.serviceWorker.evaluate(
        (id) =>
          (globalThis as unknown as Record<string, (id: number) => string | null>).__partnershipLensIconState!(id),
        tabId,
      );
    await expect.poll(icon).toBe('on');
    await sw.click();
    await expect.poll(() => sw.getAttribute('aria-checked')).toBe('false');
    // The toolbar icon shows the off state (grey, struck through), not only the badge gone.
    await expect.poll(icon).toBe('off');
    const settings = await p.evaluate(() => chrome.storage.sync.get('settings'));
    expect((settings.settings as { sites: { block: string[] } }).sites.block).toContain('127.0.0.1');
    await expect(p.getByText('Highlighting is off on this site').isVisible()).resolves.toBe(true);
    // The open tab stops answering with mentions (its content script watches the settings).
    const mentionsNow = () =>
      p.evaluate(async (u) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === u);
        try {
          return ((await chrome.tabs.sendMessage(tab!.id!, { type: 'getMentions' })) as { mentions: unknown[] })
            .mentions.length;
        } catch {
          return -1;
        }
      }, articleUrl);
    await expect.poll(mentionsNow, { timeout: 5000 }).toBeLessThanOrEqual(0);
    await waitForPainted(article, (ranges) => ranges.length === 0, 5000);

    await sw.click();
    await expect.poll(() => sw.getAttribute('aria-checked')).toBe('true');
    await expect.poll(mentionsNow, { timeout: 10_000 }).toBe(6);
    await waitForPainted(article, (ranges) => ranges.length === 6, 5000);
    await p.locator('.mention-row').first().waitFor({ timeout: 10_000 });
    const after = await p.evaluate(() => chrome.storage.sync.get('settings'));
    expect((after.settings as { sites: { block: string[] } }).sites.block).not.toContain('127.0.0.1');
    await p.close();
  });

  it('says plainly when a page has no mentions', async () => {
    const empty = await browser.context.newPage();
    await empty.goto(server.url('/popup-empty.html'));
    const p = await openPopup({ tab: await tabIdOf(server.url('/popup-empty.html')), view: 'page' });
    await expect(p.getByText('No mentions on this page').waitFor({ timeout: 5000 })).resolves.toBeUndefined();
    await p.close();
    await empty.close();
  });

  it('says a tab is still loading (no spinner), then fills in the list by itself when it has loaded', async () => {
    let release = () => {};
    const slow = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.write('<!doctype html><html lang="en"><body><p>Microsoft and Xiaomi, still loading.</p>' + ' '.repeat(2048));
      release = () => res.end('<p>Done: Xiaomi.</p></body></html>');
    });
    await new Promise<void>((r) => slow.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(slow.address() as AddressInfo).port}/slow.html`;
    const loading = await browser.context.newPage();
    await loading.goto(url, { waitUntil: 'commit' });
    const p = await openPopup({ tab: await tabIdOf(url), view: 'page' });
    await p.getByText('The page is still loading').waitFor({ timeout: 5000 });
    expect(await p.getByText('Reading the page…').count()).toBe(0);
    release();
    await p.locator('.mention-row[data-entity="xiaomi"] .count').waitFor({ timeout: 10_000 });
    expect(
      await p.locator('.mention-row[data-entity="xiaomi"] .count').evaluate((e) => e.firstChild!.textContent),
    ).toBe('2');
    await p.close();
    await loading.close();
    slow.closeAllConnections(); // Chromium keeps the connection alive, which would hold close() forever.
    await new Promise<void>((r) => slow.close(() => r()));
  });

  it('says plainly when content scripts cannot run on the page, without a spinner', async () => {
    const special = await browser.context.newPage();
    await special.goto('chrome://version');
    const p = await openPopup({ tab: await tabIdOf('chrome://version/'), view: 'page' });
    await p.getByText('Not available on this page').waitFor({ timeout: 3000 });
    expect(await p.getByText(/can’t run on this page.*their own pages/).isVisible()).toBe(true);
    expect(await p.getByText('Reading the page…').count()).toBe(0);
    await p.close();
    await special.close();
  });
});

describe('quality', () => {
  const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

  async function axe(p: Page): Promise<string[]> {
    await p.evaluate(axeSource);
    return p.evaluate(async () => {
      const r = await (
        globalThis as unknown as {
          axe: { run(c: Document, o: object): Promise<{ violations: { id: string; nodes: { target: unknown }[] }[] }> };
        }
      ).axe.run(document, { resultTypes: ['violations'] });
      return r.violations.map((v) => `${v.id}: ${v.nodes.map((n) => JSON.stringify(n.target)).join(' ')}`);
    });
  }

  for (const scheme of ['light', 'dark'] as const) {
    it(`has no axe violations on either tab, filters open (${scheme})`, async () => {
      const p = await openPopup({ tab: await tabIdOf(articleUrl) });
      await p.emulateMedia({ colorScheme: scheme });
      await p.getByRole('button', { name: /^Filters/ }).click();
      await p.locator('.event').first().waitFor();
      expect(await axe(p)).toEqual([]);
      await p.getByRole('tab', { name: /This page/ }).click();
      await p.locator('.mention-row').first().waitFor();
      expect(await axe(p)).toEqual([]);
      await p.close();
    });
  }

  it('works by keyboard alone with a visible focus, and fits 400 px without horizontal scrolling', async () => {
    const p = await openPopup({ tab: await tabIdOf(articleUrl) });
    await p.locator('.event').first().waitFor();
    const seen: string[] = [];
    for (let i = 0; i < 12; i++) {
      await p.keyboard.press('Tab');
      const f = await p.evaluate(() => {
        const el = document.activeElement as HTMLElement;
        const s = getComputedStyle(el);
        return {
          name: `${el.tagName}:${el.getAttribute('role') ?? ''}:${(el.textContent ?? '').trim().slice(0, 20)}`,
          outline: s.outlineStyle,
          width: s.outlineWidth,
        };
      });
      seen.push(f.name);
      expect(f.outline, `focus ring on ${f.name}`).not.toBe('none');
      expect(f.width).not.toBe('0px');
    }
    // Tabs: arrows move between them.
    await p.getByRole('tab', { name: /Timeline/ }).focus();
    await p.keyboard.press('ArrowRight');
    expect(await p.getByRole('tab', { name: /This page/ }).getAttribute('aria-selected')).toBe('true');
    expect(await p.evaluate(() => document.activeElement?.id)).toBe('tab-page');
    await p.locator('.mention-row').first().waitFor();
    // Enter on a mention row scrolls (no mouse needed).
    await p.locator('.mention-go').first().focus();
    await p.keyboard.press('Enter');
    await p
      .getByText(/^Showing mention \d of 3 of Xiaomi on the page\.$/)
      .waitFor({ state: 'attached', timeout: 5000 });
    await p.getByRole('tab', { name: /Timeline/ }).click();
    for (const scroller of ['html', '.timeline-list', '#panel-page']) {
      const o = await p.locator(scroller).evaluate((el) => [el.scrollWidth, el.clientWidth]);
      expect(o[0], `${scroller} scrolls sideways`).toBeLessThanOrEqual(o[1]!);
    }
    await p.close();
  });
});
