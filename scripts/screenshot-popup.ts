/**
 * Makes assets/screenshots/popup.png (the timeline) and popup-page.png (this
 * page's mentions): the real popup page at the toolbar popup's size (400×600),
 * in real Chromium with the extension built from the working tree.
 *
 *   npm run screenshot:popup            # light
 *   npm run screenshot:popup -- --dark  # dark, written as popup-dark.png / popup-page-dark.png
 *   npm run screenshot:popup -- --zh    # a Chinese browser (--lang=zh-CN), written as popup-zh.png…;
 *                                       # CJK text needs a CJK font (Debian: fonts-noto-cjk)
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..');
// Its own build folder, so a screenshot never clobbers a developer's or a test run's build.
process.env.LENS_OUT_DIR ??= '.output/screenshot-popup';
const { launchChromium, startServer } = await import('../tests/browser/harness');
const dark = process.argv.includes('--dark');
const zh = process.argv.includes('--zh');
const OUT = join(ROOT, 'assets/screenshots');

const seedPath = '/work/shared/seeds/xiaomi-microsoft-partnership.txt';
let body: string;
try {
  // The seed article makes a realistic page; without it, a short stand-in.
  body = readFileSync(seedPath, 'utf8')
    .split(/\n\s*\n/)
    .map((p) => `<p>${p.replace(/[&<>]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;' })[c]!)}</p>`)
    .join('\n');
} catch {
  console.log(`(${seedPath} not found: using a short stand-in page)`);
  body =
    '<p>Microsoft and Xiaomi signed a memorandum of understanding. Xiaomi will use Microsoft Azure, and Cortana comes to Xiaomi speakers.</p>';
}

const server = await startServer();
server.add(
  '/article.html',
  `<!doctype html><html lang="en"><meta charset="utf-8"><title>Article</title><body>${body}</body></html>`,
);
const browser = await launchChromium(zh ? { lang: 'zh-CN' } : {});
try {
  const page = await browser.context.newPage();
  await page.goto(`${server.origin}/article.html`);
  await page.waitForTimeout(1500);
  await page.bringToFront();
  const tabId = await browser.serviceWorker.evaluate(
    async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id,
    server.url('/article.html'),
  );
  const popup = await browser.context.newPage();
  await popup.setViewportSize({ width: 400, height: 600 });
  await popup.emulateMedia({ colorScheme: dark ? 'dark' : 'light' });
  await popup.goto(`chrome-extension://${browser.extensionId}/popup.html?tab=${tabId}`);
  await popup.locator('.event').first().waitFor();
  // Scroll to where the partnership itself starts, the part worth showing.
  await popup
    .locator('.event.partnership')
    .first()
    .evaluate((el) => el.closest('section')!.scrollIntoView());
  mkdirSync(OUT, { recursive: true });
  const suffix = `${zh ? '-zh' : ''}${dark ? '-dark' : ''}`;
  await popup.screenshot({ path: join(OUT, `popup${suffix}.png`) });
  await popup.locator('#tab-page').click();
  await popup.locator('.mention-row, .message').first().waitFor();
  await popup.screenshot({ path: join(OUT, `popup-page${suffix}.png`) });
  console.log(`wrote ${join(OUT, `popup${suffix}.png`)} and popup-page${suffix}.png`);
} finally {
  await browser.close();
  await server.close();
}

declare const chrome: { tabs: { query(q: object): Promise<{ id?: number; url?: string }[]> } };
