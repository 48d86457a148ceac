/**
 * Pages that are hard to read right (issue 10, "what it must get right"), each a
 * page that shows it: a block of 50,000 text nodes, an XHTML document,
 * exclusions that appear later, regions CSS makes editable, words CSS lays out
 * apart though the markup glues them, names with invisible characters inside,
 * a document replaced by document.open(), a highlight registry the page
 * clears, an answer that arrives after its text changed, blocks a layout
 * reorders, and a 2,000-deep subtree inserted at once.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WATCH_BLOCKS } from '../../src/page/band';
import { isolatedWorld, Q } from './harness';
import {
  launchChromium,
  pageHighlights,
  settledMentions,
  startServer,
  waitForPainted,
  type Launched,
  type StaticServer,
} from './harness';

let browser: Launched;
let server: StaticServer;

const html = (body: string, head = '') =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hard page</title>${head}</head><body>${body}</body></html>`;

beforeAll(async () => {
  server = await startServer();
  browser = await launchChromium();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, body: string, type = 'text/html'): Promise<{ page: Page; errors: string[] }> {
  server.add(path, body, type);
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await page.goto(server.url(path), { waitUntil: 'load' });
  return { page, errors };
}

const texts = (p: { text: string }[]) => p.map((x) => x.text).sort();

describe('a block made of many text nodes', () => {
  it('shows every mention of a chat log of 50,000 tiny nodes, the later ones too', async () => {
    const parts: string[] = [];
    for (let i = 0; i < 50_000; i++) parts.push(i % 1000 === 500 ? '<span>Xiaomi</span> ' : `<span>w${i}</span> `);
    const { page } = await open('/hard/chat.html', html(`<div id="log">${parts.join('')}</div>`));
    const mentions = await settledMentions(browser, page.url(), 60_000);
    expect(mentions.filter((m) => m.entity === 'xiaomi')).toHaveLength(50);
    // All of them registered (50 is far below the windowing threshold), the last one included.
    const p = await waitForPainted(page, (x) => x.length === 50);
    expect(p.every((x) => x.text === 'Xiaomi')).toBe(true);
    await page.close();
  });
});

describe('an XHTML document (lower-case tag names)', () => {
  it('reads its paragraphs and never its code, pre, kbd or textarea', async () => {
    const xhtml = `<?xml version="1.0" encoding="UTF-8"?>
<html xmlns="http://www.w3.org/1999/xhtml" lang="en"><head><title>XHTML</title></head><body>
<p id="p">Xiaomi and Microsoft in a paragraph.</p>
<pre>Cortana in a pre block</pre>
<p>Call <code>Skype.init()</code> then <kbd>Bing</kbd>.</p>
<textarea>SwiftKey in a textarea</textarea>
</body></html>`;
    const { page } = await open('/hard/doc.xhtml', xhtml, 'application/xhtml+xml');
    const mentions = await settledMentions(browser, page.url());
    expect(mentions.map((m) => m.text).sort()).toEqual(['Microsoft', 'Xiaomi']);
    await page.close();
  });
});

describe('exclusions that appear later', () => {
  for (const [what, apply] of [
    ['hidden', 'el.hidden = true'],
    ['aria-hidden', "el.setAttribute('aria-hidden', 'true')"],
    ['contenteditable', "el.setAttribute('contenteditable', 'true')"],
  ] as const)
    it(`${what} set on a block that has mentions takes them away`, async () => {
      const { page } = await open(
        `/hard/later-${what}.html`,
        html('<p id="keep">Xiaomi stays.</p><div id="el"><p>Cortana and Skype go.</p></div>'),
      );
      await waitForPainted(page, (p) => texts(p).join() === 'Cortana,Skype,Xiaomi');
      await page.evaluate(`(() => { const el = document.getElementById('el'); ${apply}; })()`);
      await waitForPainted(page, (p) => texts(p).join() === 'Xiaomi');
      await page.close();
    });

  it('designMode switched on takes every mention away once the reader edits', async () => {
    const { page } = await open('/hard/design.html', html('<p id="a">Xiaomi and Cortana.</p>'));
    await waitForPainted(page, (p) => p.length === 2);
    await page.evaluate(() => {
      document.designMode = 'on';
    });
    await page.click('#a');
    await page.keyboard.type('x');
    await waitForPainted(page, (p) => p.length === 0);
    await page.close();
  });
});

describe('regions CSS makes editable', () => {
  it('never reads text in -webkit-user-modify: read-write, nor an editor that draws its lines in plain divs', async () => {
    const { page } = await open(
      '/hard/css-editable.html',
      html(
        `<p>Xiaomi outside.</p>
         <div style="-webkit-user-modify: read-write">Microsoft in a CSS-editable region.</div>
         <div class="editor" style="-webkit-user-modify: read-write-plaintext-only"><div class="line">Cortana on line 1</div><div class="line">Skype on line 2</div></div>`,
      ),
    );
    const mentions = await settledMentions(browser, page.url());
    expect(mentions.map((m) => m.text)).toEqual(['Xiaomi']);
    await page.close();
  });
});

describe('words CSS lays out apart', () => {
  it('finds a name written without a space after an element made a block (a link card)', async () => {
    const { page } = await open(
      '/hard/glued.html',
      html(
        `<a href="#" class="card"><span>learn how</span><span style="display:block">Microsoft Store apps work</span></a>
         <div style="display:flex"><span>Price</span><span>Xiaomi phones</span></div>
         <p>Micro<b>soft</b> split by inline markup stays one word.</p>`,
      ),
    );
    const mentions = await settledMentions(browser, page.url());
    expect(mentions.map((m) => m.text)).toEqual(['Microsoft', 'Xiaomi', 'Microsoft']);
    await page.close();
  });
});

describe('names with invisible characters inside', () => {
  it('finds the word the reader sees, and marks it whole', async () => {
    const { page } = await open(
      '/hard/invisible.html',
      html('<p>Micro\u00ADsoft, Xiao\u200Bmi, Cor\u200Dtana, Sky\u2060pe and Win\u200Cdows 10 all read as names.</p>'),
    );
    const mentions = await settledMentions(browser, page.url());
    expect(mentions.map((m) => m.entity)).toEqual(['microsoft', 'xiaomi', 'cortana', 'skype', 'windows-10']);
    // The painted range covers the whole word as written, invisible character included.
    const p = await waitForPainted(page, (x) => x.length === 5);
    expect(texts(p)).toContain('Micro\u00ADsoft');
    await page.close();
  });
});

describe('a page that takes its highlights back', () => {
  it('after document.open()/write(), highlights and cards work again', async () => {
    const { page, errors } = await open('/hard/rewrite.html', html('<p>Old text about Cortana.</p>'));
    await waitForPainted(page, (p) => texts(p).join() === 'Cortana');
    await page.evaluate(() => {
      document.open();
      document.write(
        '<!doctype html><html><head><title>New</title></head><body><p id="n">Xiaomi and Microsoft, written anew.</p></body></html>',
      );
      document.close();
    });
    await waitForPainted(page, (p) => texts(p).join() === 'Microsoft,Xiaomi');
    const iso = await isolatedWorld(page, browser.extensionId);
    const m = await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(Q.ofEntity('xiaomi')));
    expect(m).not.toBeNull();
    await page.mouse.move(m!.x, m!.y);
    await expect
      .poll(() => iso.eval<{ entity: string } | null>(Q.card), { timeout: 10_000 })
      .toMatchObject({
        entity: 'xiaomi',
      });
    expect(errors).toEqual([]);
    await page.close();
  });

  it('after CSS.highlights.clear() or a delete of our entries, the next pointer move or scroll puts them back', async () => {
    const { page } = await open('/hard/clear.html', html('<p style="margin:40px">Xiaomi and Cortana.</p>'));
    await waitForPainted(page, (p) => p.length === 2);
    await page.evaluate(() => CSS.highlights.clear());
    expect(await pageHighlights(page)).toEqual([]);
    await page.mouse.move(10, 10);
    await page.mouse.move(20, 20);
    await waitForPainted(page, (p) => p.length === 2);
    await page.evaluate(() => {
      for (const name of Array.from(CSS.highlights.keys())) CSS.highlights.delete(name);
    });
    await page.mouse.wheel(0, 10);
    await page.mouse.move(30, 30);
    await waitForPainted(page, (p) => p.length === 2);
    await page.close();
  });
});

describe('a classifier answer that arrives after its text changed', () => {
  it('is dropped quietly: no error, and the text as it is now decides', async () => {
    // "Surface" needs the classifier; the page rewrites the paragraph as soon as it can, many times.
    const { page, errors } = await open(
      '/hard/stale.html',
      html(
        `<p id="s">Microsoft showed the new Surface laptops to reporters in New York on Tuesday.</p>
         <script>
           let n = 0;
           const t = setInterval(() => {
             const p = document.getElementById('s');
             p.firstChild.data = n % 2 ? 'Microsoft showed the new Surface laptops to reporters in New York on Tuesday.' : 'Short.';
             if (++n === 40) { clearInterval(t); p.firstChild.data = 'Xiaomi, finally.'; }
           }, 15);
         </script>`,
      ),
    );
    await waitForPainted(page, (p) => texts(p).join() === 'Xiaomi');
    const iso = await isolatedWorld(page, browser.extensionId);
    expect(iso.exceptions).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});

describe('blocks a layout reorders on screen', () => {
  it('on a long page, the highlights registered are those on screen, wherever the markup puts them', async () => {
    // Blocks shown in reverse: the last blocks of the markup are on screen first. More blocks than the band
    // watches at once (and 5 mentions each, so the page is windowed): the watched run must be found from
    // what is on screen, not from the top of the markup.
    const count = WATCH_BLOCKS * 2 + 100;
    const rows = Array.from(
      { length: count },
      (_, i) =>
        `<p data-i="${i}">Row ${i}: Xiaomi, Xiaomi, Xiaomi, Xiaomi and ${i === count - 1 ? 'Cortana' : i === 0 ? 'Microsoft' : 'Xiaomi'}.</p>`,
    ).join('');
    const { page } = await open(
      '/hard/reordered.html',
      html(`<main style="display:flex;flex-direction:column-reverse">${rows}</main>`),
    );
    await settledMentions(browser, page.url(), 60_000);
    // At the top of the page sits the markup's last row (with Cortana).
    await waitForPainted(page, (p) => p.some((x) => x.text === 'Cortana'), 10_000);
    // A jump to the bottom, where the markup's first row is shown: the band is found there.
    await page.evaluate(() => window.scrollTo(0, document.documentElement.scrollHeight));
    await waitForPainted(
      page,
      (p) => p.some((x) => x.text === 'Microsoft') && !p.some((x) => x.text === 'Cortana'),
      10_000,
    );
    await page.close();
  });
});

describe('a 2,000-deep subtree inserted at once', () => {
  it('is read down to its bottom', async () => {
    const { page } = await open(
      '/hard/deep.html',
      html(
        `<div id="thread"></div><script>
          setTimeout(() => {
            const root = document.createElement('div');
            let at = root;
            for (let i = 0; i < 2000; i++) {
              const d = document.createElement('div');
              d.textContent = i === 1999 ? 'At the bottom, Cortana.' : i === 1000 ? 'Halfway, Xiaomi.' : 'Reply ' + i;
              at.appendChild(d);
              at = d;
            }
            document.getElementById('thread').appendChild(root);
          }, 300);
        </script>`,
      ),
    );
    await expect
      .poll(async () => (await settledMentions(browser, page.url())).map((m) => m.text).join(), { timeout: 30_000 })
      .toBe('Xiaomi,Cortana');
    await page.close();
  });
});
