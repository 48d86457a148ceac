/**
 * Screenshot of the options page for the README: builds the extension (or
 * uses LENS_EXT_DIR), opens options.html in headless Chromium with a few
 * settings and corrections a researcher might have, and writes
 * assets/screenshots/options.png (plus options-dark.png), and the
 * corrections section alone as options-corrections.png (and -dark).
 *
 *   npm run screenshot:options
 *   npm run screenshot:options -- --zh   # a Chinese browser: only the corrections section, as
 *                                        # options-corrections-zh.png (CJK text needs fonts-noto-cjk)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { chromium } from 'playwright-core';
import { makeCorrection, type Correction, type Corrections } from '../src/corrections/model';
import { DEFAULT_SETTINGS, type Settings } from '../src/settings/schema';

/** The extension API inside page.evaluate callbacks (they run in the extension page, not here). */
declare const chrome: any;

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'assets/screenshots');
const zh = process.argv.includes('--zh');

function extensionDir(): string {
  if (process.env.LENS_EXT_DIR) return resolve(process.env.LENS_EXT_DIR);
  const outDir = '.output/screenshot';
  execFileSync(join(ROOT, 'node_modules/.bin/wxt'), ['build'], {
    cwd: ROOT,
    env: { ...process.env, LENS_OUT_DIR: outDir },
    stdio: 'inherit',
  });
  return join(ROOT, outDir, 'chrome-mv3');
}

/** A lived-in configuration, so the page shows its lists and chips rather than empty states. */
const SAMPLE: Settings = {
  ...DEFAULT_SETTINGS,
  disabledEntities: ['google-home', 'homepod'],
  sites: { defaultOn: true, allow: ['*.reuters.com', 'news.microsoft.com'], block: ['mail.google.com'] },
  detection: { mode: 'context', extraAliases: { xiaomi: ['Mi Corp'], 'harry-shum': ['H. Shum'] } },
};

function made(n: Parameters<typeof makeCorrection>[0], daysAgo: number): Correction {
  const r = makeCorrection(n, Date.UTC(2026, 10, 30) - daysAgo * 86_400_000);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.correction;
}
const span = (sentence: string, written: string) => {
  const start = sentence.indexOf(written);
  return { sentence, start, end: start + written.length };
};

/** What a day of reading leaves: a mark taken away, a name marked, a name off on a site. */
const SAMPLE_CORRECTIONS: Corrections = {
  version: 1,
  items: [
    made(
      {
        kind: 'not-this',
        site: 'www.theverge.com',
        entity: 'surface',
        ...span('Surface tension between the two teams was obvious at the launch.', 'Surface'),
      },
      2,
    ),
    made(
      {
        kind: 'mark',
        site: 'www.theverge.com',
        entity: 'microsoft',
        ...span('The Redmond giant will bring its assistant to Xiaomi speakers next year.', 'Redmond giant'),
      },
      1,
    ),
    made({ kind: 'not-here', site: 'www.reuters.com', entity: 'amazon' }, 0),
  ],
};

async function main() {
  const dir = extensionDir();
  const userDir = mkdtempSync(join(tmpdir(), 'lens-shot-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: '/usr/bin/chromium',
    headless: true,
    viewport: { width: 1280, height: 900 },
    deviceScaleFactor: 1,
    args: [
      `--disable-extensions-except=${dir}`,
      `--load-extension=${dir}`,
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--no-sandbox',
      ...(zh ? ['--lang=zh-CN'] : []),
    ],
    ...(zh ? { locale: 'zh-CN', env: { ...process.env, LANGUAGE: 'zh_CN' } } : {}),
  });
  try {
    await context.route(/^https?:\/\//, (route) => route.abort());
    const worker = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    const page = await context.newPage();
    await page.goto(`chrome-extension://${new URL(worker.url()).host}/options.html`);
    await page.evaluate(
      async ({ settings, corrections }) => {
        await chrome.storage.sync.clear();
        await chrome.storage.sync.set({ settings, settings$: { v: 1 } });
        await chrome.storage.local.set({ corrections });
      },
      { settings: SAMPLE, corrections: SAMPLE_CORRECTIONS },
    );
    mkdirSync(OUT, { recursive: true });
    for (const scheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme: scheme });
      await page.reload();
      const section = page.locator('#corrections');
      await section.locator('.corr').first().waitFor();
      const suffix = `${zh ? '-zh' : ''}${scheme === 'dark' ? '-dark' : ''}`;
      if (!zh) {
        const file = join(OUT, `options${suffix}.png`);
        await page.screenshot({ path: file, fullPage: true });
        console.log(`wrote ${file}`);
      }
      const part = join(OUT, `options-corrections${suffix}.png`);
      await section.screenshot({ path: part });
      console.log(`wrote ${part}`);
    }
  } finally {
    await context.close();
    rmSync(userDir, { recursive: true, force: true });
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
