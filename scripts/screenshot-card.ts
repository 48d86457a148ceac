/**
 * `npm run screenshot:card`: a PNG of a hover card on the demo page
 * (assets/demo.html, or the card tests' article page when there is none),
 * taken in headless Chromium with the built extension.
 *
 *   LENS_OUT_DIR  build folder (default .output/screenshot); LENS_SKIP_BUILD=1 reuses it
 *   --dark        dark colour scheme (writes hover-card-dark.png)
 *   --zh          a Chinese browser (--lang=zh-CN: the Chinese card; writes hover-card-zh.png); CJK text
 *                 needs a CJK font installed (Debian: fonts-noto-cjk)
 *   --out FILE    output path (default assets/screenshots/hover-card.png)
 */
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import {
  articlePage,
  buildExtension,
  isolatedWorld,
  launchChromium,
  Q,
  ROOT,
  startServer,
  waitFor,
  type CardSnapshot,
} from '../tests/browser/harness';

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const dark = process.argv.includes('--dark');
  const zh = process.argv.includes('--zh');
  const out = resolve(
    ROOT,
    arg('--out') ?? `assets/screenshots/hover-card${zh ? '-zh' : ''}${dark ? '-dark' : ''}.png`,
  );
  const outDir = process.env.LENS_OUT_DIR ?? '.output/screenshot';
  const extDir =
    process.env.LENS_SKIP_BUILD === '1' && existsSync(join(ROOT, outDir, 'chrome-mv3/manifest.json'))
      ? join(ROOT, outDir, 'chrome-mv3')
      : buildExtension(outDir);

  const demoFile = join(ROOT, 'assets/demo.html');
  const demo = existsSync(demoFile) ? readFileSync(demoFile, 'utf8') : articlePage();
  const server = await startServer({ '/demo.html': demo });
  const browser = await launchChromium({
    extensionDir: extDir,
    colorScheme: dark ? 'dark' : 'light',
    viewport: { width: 1100, height: 760 },
    reducedMotion: 'reduce',
    deviceScaleFactor: 2,
    ...(zh ? { lang: 'zh-CN' } : {}),
  });
  try {
    const page = await browser.context.newPage();
    await page.goto(`${server.origin}/demo.html`);
    const iso = await isolatedWorld(page, browser.extensionId);
    await waitFor(() => iso.eval<boolean>(Q.bridgeReady), 'painted mentions on the demo page', 20_000);
    // The first Xiaomi mention in the page's text (not the headline) makes the most telling card.
    const inText = `(m) => m.entity === 'xiaomi' && !m.range.startContainer.parentElement.closest('h1, h2, title')`;
    const m =
      (await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(inText))) ??
      (await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(Q.ofEntity('xiaomi'))));
    if (!m) throw new Error('no painted Xiaomi mention on the demo page');
    await page.evaluate((y) => window.scrollBy(0, Math.max(0, y - 160)), m.y);
    const at = (await iso.eval<{ x: number; y: number } | null>(Q.mentionRect(inText))) ?? m;
    await page.mouse.move(at.x, at.y);
    await waitFor(() => iso.eval<boolean>(Q.cardLoaded), 'card.js injected');
    await page.mouse.move(at.x + 1, at.y);
    const card = await waitFor(() => iso.eval<CardSnapshot | null>(Q.card), 'the hover card');
    await page.waitForTimeout(250); // past the (reduced-motion: none) entrance, fonts settled
    mkdirSync(dirname(out), { recursive: true });
    // Frame the mention's paragraph and the card: the text column around them, a margin on every side.
    const column = await iso.eval<{ left: number; right: number; top: number }>(`(() => {
      const m = globalThis[Symbol.for('partnership-lens.bridge')].mentionAt(${at.x}, ${at.y});
      const block = m.range.startContainer.parentElement.closest('p, li, blockquote, div, section, article') ?? document.body;
      const r = block.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top };
    })()`);
    const pad = 32;
    const x = Math.max(0, Math.min(column.left, card.rect.left) - pad);
    const y = Math.max(0, Math.min(column.top, card.rect.top) - pad);
    const right = Math.min(1100, Math.max(column.right, card.rect.right) + pad);
    const bottom = Math.min(760, card.rect.bottom + pad);
    await page.screenshot({ path: out, clip: { x, y, width: right - x, height: bottom - y } });
    console.log(
      `wrote ${out} (card for ${card.entity}: ${Math.round(card.rect.width)}×${Math.round(card.rect.height)} px)`,
    );
    if (iso.exceptions.length) console.warn('uncaught exceptions in the page:', iso.exceptions);
  } finally {
    await browser.close();
    await server.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
