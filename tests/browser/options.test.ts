/**
 * The options page in real Chromium with the extension loaded: accessibility,
 * saving as you go, refusing bad input without changing anything, the
 * sync-quota fallback, and reset behind an in-page confirmation.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { ENTITY_NAMES } from '../../src/dataset/names';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../src/settings/schema';
import { launchChromium, type Launched } from './harness';

/** The extension API inside page.evaluate callbacks (they run in the extension page, not here). */
declare const chrome: any;

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

let browser: Launched;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
});
afterAll(async () => browser?.close());

const optionsUrl = () => `chrome-extension://${browser.extensionId}/options.html`;

/** Everything in extension storage, read from the options page itself. */
function storageDump(p: Page = page) {
  return p.evaluate(async () => ({
    sync: await chrome.storage.sync.get(null),
    local: await chrome.storage.local.get(null),
  }));
}

async function storedSettings(): Promise<Settings> {
  const { sync, local } = await storageDump();
  return (sync.settingsLocation ? local.settings : sync.settings) ?? DEFAULT_SETTINGS;
}

async function openOptions() {
  await page.goto(optionsUrl());
  await page.getByRole('heading', { name: 'What is highlighted' }).waitFor();
}

async function importFile(name: string, text: string) {
  await page
    .getByLabel('Import settings…')
    .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
}

/** Import asks first, listing what the file changes: confirm it. */
async function confirmImport(name: string) {
  await page
    .getByRole('dialog', { name: `Import the settings in ${name}?` })
    .getByRole('button', { name: 'Import' })
    .click();
}

beforeEach(async () => {
  await page.goto(optionsUrl());
  await page.evaluate(async () => {
    await chrome.storage.sync.clear();
    await chrome.storage.local.clear();
  });
  await openOptions();
});

async function axeViolations() {
  // The page's CSP refuses inline scripts; DevTools evaluation is not subject to it.
  await page.evaluate(AXE);
  return page.evaluate(async () => {
    const result = await (window as any).axe.run(document, { resultTypes: ['violations'] });
    return result.violations.map((v: any) => `${v.id}: ${v.nodes.map((n: any) => n.target.join(' ')).join(', ')}`);
  });
}

describe('options page', () => {
  it('opens in a tab and has no axe violations, in light and dark mode', async () => {
    const manifest = await page.evaluate(() => chrome.runtime.getManifest());
    expect(manifest.options_ui).toMatchObject({ open_in_tab: true, page: 'options.html' });
    expect(await axeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    await openOptions();
    expect(await axeViolations()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'light' });
  });

  it('reads well from a narrow window (no sideways scrolling) to a wide one', async () => {
    for (const width of [360, 800, 1600]) {
      await page.setViewportSize({ width, height: 900 });
      await openOptions();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
      expect(overflow, `${width}px`).toBeLessThanOrEqual(0);
    }
    await page.setViewportSize({ width: 1200, height: 900 });
  });

  it('works from the keyboard alone: Tab reaches the switches, Space flips them, Escape closes the dialog', async () => {
    await page.getByRole('switch', { name: 'Companies' }).focus();
    await page.keyboard.press('Tab'); // → Products
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('kind-product');
    await page.keyboard.press('Space');
    await expect.poll(async () => (await storedSettings()).disabledKinds).toEqual(['product']);
    await page.getByRole('button', { name: 'Reset to defaults…' }).focus();
    await page.keyboard.press('Enter');
    // The dialog opens with focus on its safe choice.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
    await page.keyboard.press('Escape');
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Reset to defaults…');
  });

  it('names every entity switch by the entity, and saves a switch as soon as it flips', async () => {
    const cortana = page.getByRole('switch', { name: 'Cortana', exact: true });
    await expect.poll(() => cortana.isChecked()).toBe(true);
    await cortana.click();
    await expect.poll(async () => (await storedSettings()).disabledEntities).toEqual(['cortana']);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('Cortana switched off. Saved.');
    // From the keyboard as well.
    await cortana.focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => (await storedSettings()).disabledEntities).toEqual([]);
  });

  it('counts what is really marked: entities of a kind switched off are not', async () => {
    const count = page.locator('#entity-search-count');
    await expect
      .poll(() => count.textContent())
      .toBe(`${ENTITY_NAMES.length} of ${ENTITY_NAMES.length} entities marked.`);
    await page.getByRole('switch', { name: 'Products' }).click();
    const products = ENTITY_NAMES.filter((e) => e.kind === 'product').length;
    await expect
      .poll(() => count.textContent())
      .toBe(`${ENTITY_NAMES.length - products} of ${ENTITY_NAMES.length} entities marked.`);
  });

  it('says what "Only on click" does to a mention inside a link, and what plain matching really marks', async () => {
    expect(await page.locator('#cards').textContent()).toContain(
      'On a mention inside a link, the first click opens the card and a second click follows the link.',
    );
    expect(await page.locator('#detection').textContent()).toContain('“windows” and “surface” are not');
  });

  it('searches entities by alias and switches the shown ones off together', async () => {
    await page.getByLabel('Search entities').fill('echo');
    await expect.poll(() => page.locator('.entity-list [role=switch]').count()).toBe(1);
    await page.getByRole('button', { name: 'All 1 shown off' }).click();
    await expect.poll(async () => (await storedSettings()).disabledEntities).toEqual(['amazon-echo']);
    await page.getByRole('switch', { name: 'Products' }).click();
    await expect.poll(async () => (await storedSettings()).disabledKinds).toEqual(['product']);
  });

  it('refuses a low-contrast colour, shows its ratio, and keeps the stored one', async () => {
    const field = page.getByRole('textbox', { name: 'Companies', exact: true });
    await field.fill('#ffd43b');
    await field.press('Enter');
    await field.blur();
    const error = page.locator('#colour-company-error');
    await expect
      .poll(() => error.textContent())
      .toMatch(
        new RegExp(
          `#ffd43b has too little contrast: 1\\.\\d\\d:1 on light pages \\(#ffffff\\).*Companies keep ${DEFAULT_SETTINGS.style.colours.company}`,
        ),
      );
    expect((await storedSettings()).style.colours.company).toBe(DEFAULT_SETTINGS.style.colours.company);
    await field.fill('#c2255c');
    await field.blur();
    await expect.poll(async () => (await storedSettings()).style.colours.company).toBe('#c2255c');
  });

  it('validates sites and aliases before saving them', async () => {
    const site = page.getByRole('textbox', { name: 'Site' }).last();
    await site.fill('https://News.Example.com/story?id=1');
    await site.press('Enter');
    await expect.poll(async () => (await storedSettings()).sites.block).toEqual(['news.example.com']);
    await site.fill('not a host!');
    await site.press('Enter');
    await expect.poll(() => page.locator('#site-block-input-error').textContent()).toMatch(/is not a site pattern/);

    await page.getByLabel('Entity', { exact: true }).selectOption({ label: 'Xiaomi' });
    const alias = page.getByRole('textbox', { name: 'Alias' });
    await alias.fill('cortana');
    await alias.press('Enter');
    await expect
      .poll(() => page.locator('#alias-error').textContent())
      .toBe('“cortana” is a built-in name of Cortana.');
    await alias.fill('Mi Corp');
    await alias.press('Enter');
    await expect.poll(async () => (await storedSettings()).detection.extraAliases).toEqual({ xiaomi: ['Mi Corp'] });
  });

  it('refuses a broken import, says where it is wrong, and changes nothing', async () => {
    await page.getByRole('switch', { name: 'Bing', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).disabledEntities).toEqual(['bing']);
    // The background copies the settings for pages (local:pageSettings) a moment after they change: wait for that
    // copy too, or it would land after the snapshot below and look like a change the import made.
    await expect.poll(async () => (await storageDump()).local.pageSettings?.disabledEntities).toEqual(['bing']);
    const before = await storageDump();

    const broken = {
      format: 'partnership-lens-settings',
      version: 1,
      settings: {
        ...DEFAULT_SETTINGS,
        style: { ...DEFAULT_SETTINGS.style, colours: { ...DEFAULT_SETTINGS.style.colours, product: 'blue' } },
      },
    };
    await importFile('broken.json', JSON.stringify(broken));
    const box = page.locator('#import-errors');
    await expect.poll(() => box.textContent()).toContain('style.colours.product: must be a colour like #1a73e8');
    await importFile('newer.json', JSON.stringify({ ...broken, version: 9, settings: DEFAULT_SETTINGS }));
    await expect.poll(() => box.textContent()).toContain('version: 9 was written by a newer Partnership Lens');
    await importFile('notjson.json', '{ nope');
    await expect.poll(() => box.textContent()).toContain('the file is not valid JSON');
    await expect
      .poll(() => page.locator('#save-error').textContent())
      .toBe('notjson.json was not imported; nothing changed.');

    expect(await storageDump()).toEqual(before);
    await expect.poll(() => page.getByRole('switch', { name: 'Bing', exact: true }).isChecked()).toBe(false);
  });

  it('exports a file that imports back', async () => {
    await page.getByRole('radio', { name: /Outline/ }).check();
    await expect.poll(async () => (await storedSettings()).style.mark).toBe('outline');
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export settings…' }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^partnership-lens-settings-\d{4}-\d{2}-\d{2}\.json$/);
    const text = readFileSync(await download.path(), 'utf8');
    expect(JSON.parse(text)).toMatchObject({
      format: 'partnership-lens-settings',
      version: SETTINGS_VERSION,
      settings: { style: { mark: 'outline' } },
    });

    await page.getByRole('radio', { name: /Underline/ }).check();
    await expect.poll(async () => (await storedSettings()).style.mark).toBe('underline');
    await importFile('mine.json', text);
    await confirmImport('mine.json');
    await expect.poll(async () => (await storedSettings()).style.mark).toBe('outline');
    await expect.poll(() => page.getByRole('radio', { name: /Outline/ }).isChecked()).toBe(true);
  });

  it('keeps settings too large for sync on this device, says so, and returns to sync when they shrink', async () => {
    const aliases = Array.from({ length: 500 }, (_, i) => `Research codename ${i}`);
    const big = { ...DEFAULT_SETTINGS, detection: { mode: 'context', extraAliases: { xiaomi: aliases } } };
    await importFile('big.json', JSON.stringify({ format: 'partnership-lens-settings', version: 1, settings: big }));
    await confirmImport('big.json');
    await expect
      .poll(() =>
        page.getByText('Your settings are too large to sync; they are saved on this device only.').isVisible(),
      )
      .toBe(true);
    const dump = await storageDump();
    expect(dump.sync.settingsLocation).toMatchObject({ location: 'local' });
    expect(dump.local.settings.detection.extraAliases.xiaomi).toHaveLength(500);
    // Chrome itself would refuse this item in sync: prove our count matches its quota.
    const refused = await page.evaluate(async (value) => {
      try {
        await chrome.storage.sync.set({ probe: value });
        await chrome.storage.sync.remove('probe');
        return null;
      } catch (err) {
        return String(err);
      }
    }, dump.local.settings);
    expect(refused).toMatch(/QuotaBytesPerItem quota exceeded/);

    // A reload still shows the local settings (the page reads through the marker).
    await openOptions();
    await expect.poll(() => page.locator('.alias-list li').count()).toBe(500);

    await importFile(
      'small.json',
      JSON.stringify({ format: 'partnership-lens-settings', version: 1, settings: DEFAULT_SETTINGS }),
    );
    await confirmImport('small.json');
    await expect.poll(async () => (await storageDump()).sync.settingsLocation).toBeUndefined();
    expect((await storageDump()).local.settings).toBeUndefined();
    await expect.poll(() => page.getByText('Your settings are too large to sync').count()).toBe(0);
  });

  it('asks in the page before resetting, and Cancel keeps everything', async () => {
    await page.getByRole('radio', { name: 'Plain name matching' }).check();
    await expect.poll(async () => (await storedSettings()).detection.mode).toBe('plain');
    await page.getByRole('button', { name: 'Reset to defaults…' }).click();
    const dialog = page.getByRole('dialog', { name: 'Reset every setting?' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect((await storedSettings()).detection.mode).toBe('plain');
    await page.getByRole('button', { name: 'Reset to defaults…' }).click();
    await dialog.getByRole('button', { name: 'Reset to defaults' }).click();
    await expect.poll(async () => (await storedSettings()).detection.mode).toBe('context');
    await expect.poll(() => page.getByRole('radio', { name: /Context-aware/ }).isChecked()).toBe(true);
  });
});
