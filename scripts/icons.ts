/**
 * Renders assets/icon/icon.svg to the PNG sizes the manifest lists
 * (public/icon/{16,32,48,128}.png), and assets/icon/icon-off.svg to the
 * toolbar icon of a site switched off (public/icon/off-{16,32}.png), with the
 * machine's Chromium, so the icons are made by the project from their
 * sources. Run after changing an SVG: `npm run icons`.
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const ROOT = join(import.meta.dirname, '..');
const icons = [
  { svg: readFileSync(join(ROOT, 'assets/icon/icon.svg'), 'utf8'), prefix: '', sizes: [16, 32, 48, 128] },
  { svg: readFileSync(join(ROOT, 'assets/icon/icon-off.svg'), 'utf8'), prefix: 'off-', sizes: [16, 32] },
];
const out = join(ROOT, 'public/icon');
mkdirSync(out, { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const { svg, prefix, sizes } of icons) {
    for (const size of sizes) {
      const page = await browser.newPage({ viewport: { width: size, height: size }, deviceScaleFactor: 1 });
      await page.setContent(
        `<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${svg}`,
      );
      writeFileSync(join(out, `${prefix}${size}.png`), await page.screenshot({ omitBackground: true }));
      await page.close();
    }
  }
} finally {
  await browser.close();
}
console.log(`Icons written to ${out}`);
