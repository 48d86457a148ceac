/**
 * The reader's corrections on the options page in real Chromium: listed by
 * site and entity with their sentences, removed one at a time or a whole site
 * (with Undo), carried by the settings file (export, import with the
 * confirmation saying what it adds, Undo import taking them away again), and a
 * file whose corrections are bad refused whole, nothing changed.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeCorrection, type Correction, type Corrections } from '../../src/corrections/model';
import { DEFAULT_SETTINGS, SETTINGS_VERSION } from '../../src/settings/schema';
import { launchChromium, type Launched } from './harness';

/** The extension API inside page.evaluate callbacks (they run in the extension page, not here). */
declare const chrome: any;

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

function made(n: Parameters<typeof makeCorrection>[0], at: number): Correction {
  const r = makeCorrection(n, at);
  if (!r.ok) throw new Error(JSON.stringify(r.problem));
  return r.correction;
}

const DAY = 86_400_000;
const T0 = Date.UTC(2026, 10, 20);
const SURFACE = made(
  {
    kind: 'not-this',
    site: 'news.example.com',
    entity: 'surface',
    sentence: 'Later, the Surface of the lake froze.',
    start: 11,
    end: 18,
  },
  T0,
);
const MARK = made(
  {
    kind: 'mark',
    site: 'news.example.com',
    entity: 'microsoft',
    sentence: 'The Redmond firm said so on Monday.',
    start: 4,
    end: 16,
  },
  T0 + DAY,
);
const NOT_HERE = made({ kind: 'not-here', site: 'blog.example.org', entity: 'apple' }, T0 + 2 * DAY);
const SEEDED: Corrections = { version: 1, items: [SURFACE, MARK, NOT_HERE] };

let browser: Launched;
let page: Page;

beforeAll(async () => {
  browser = await launchChromium();
  page = await browser.context.newPage();
  await page.setViewportSize({ width: 1200, height: 900 });
});
afterAll(async () => browser?.close());

const optionsUrl = () => `chrome-extension://${browser.extensionId}/options.html`;

async function storedCorrections(): Promise<Corrections | undefined> {
  return page.evaluate(async () => (await chrome.storage.local.get('corrections')).corrections);
}

async function openWith(corrections: Corrections | null) {
  await page.goto(optionsUrl());
  await page.evaluate(async (c) => {
    await chrome.storage.sync.clear();
    await chrome.storage.local.clear();
    if (c) await chrome.storage.local.set({ corrections: c });
  }, corrections);
  await page.reload();
  await page.getByRole('heading', { name: 'Your corrections' }).waitFor();
}

const section = () => page.locator('#corrections');
const siteGroup = (site: string) => page.getByRole('region', { name: `Corrections on ${site}` });

beforeEach(async () => openWith(SEEDED));

describe('the corrections list', () => {
  it('lists corrections by site and entity, each with its sentence and the span marked', async () => {
    await expect.poll(() => section().locator('.corr-site').count()).toBe(2);
    // Sites sorted; entities sorted within a site (Microsoft before Surface by id).
    expect(
      await section()
        .locator('.corr-site')
        .evaluateAll((els) => els.map((e) => e.getAttribute('data-site'))),
    ).toEqual(['blog.example.org', 'news.example.com']);
    const news = siteGroup('news.example.com');
    expect(
      await news.locator('.corr-entity').evaluateAll((els) => els.map((e) => e.getAttribute('data-entity'))),
    ).toEqual(['microsoft', 'surface']);
    const surface = news.locator('[data-entity="surface"] li');
    await expect.poll(() => surface.locator('.corr-kind').textContent()).toBe('Not this one');
    expect(await surface.locator('q').textContent()).toBe('Later, the Surface of the lake froze.');
    expect(await surface.locator('q mark').textContent()).toBe('Surface');
    expect(await news.locator('[data-entity="microsoft"] li .corr-kind').textContent()).toBe('Marked as mention');
    expect(await news.locator('[data-entity="microsoft"] li q mark').textContent()).toBe('Redmond firm');
    expect(await siteGroup('blog.example.org').locator('li .corr-kind').textContent()).toBe('Not here');
    expect(await page.locator('#corrections-count').textContent()).toMatch(/^3 of at most 1,000 corrections, /);
    // The section is in the table of contents, and the page stays accessible with it.
    await expect.poll(() => page.getByRole('link', { name: 'Corrections' }).count()).toBe(1);
    await page.evaluate(AXE);
    const violations = await page.evaluate(async () => {
      const r = await (window as any).axe.run('#corrections', { resultTypes: ['violations'] });
      return r.violations.map((v: any) => v.id);
    });
    expect(violations).toEqual([]);
  });

  it('removes one correction, and Undo brings it back', async () => {
    await page
      .getByRole('button', { name: 'Remove the correction “Surface” of Microsoft Surface on news.example.com' })
      .click();
    await expect.poll(async () => (await storedCorrections())?.items).toEqual([MARK, NOT_HERE]);
    await expect.poll(() => siteGroup('news.example.com').locator('li').count()).toBe(1);
    expect(await page.locator('#save-status').textContent()).toBe('Removed the correction.');
    await page.locator('#corrections-undo').getByRole('button', { name: 'Undo' }).click();
    await expect.poll(async () => (await storedCorrections())?.items.length).toBe(3);
    expect((await storedCorrections())?.items).toEqual(expect.arrayContaining([SURFACE, MARK, NOT_HERE]));
    await expect.poll(() => siteGroup('news.example.com').locator('li').count()).toBe(2);
  });

  it('removes every correction of a site at once, the others kept', async () => {
    await page.getByRole('button', { name: 'Remove all on news.example.com' }).click();
    await expect.poll(async () => (await storedCorrections())?.items).toEqual([NOT_HERE]);
    await expect.poll(() => siteGroup('news.example.com').count()).toBe(0);
    expect(await page.locator('#save-status').textContent()).toBe('Removed 2 corrections.');
  });

  it('follows corrections made elsewhere (a page) while it is open, and says when there are none', async () => {
    await openWith(null);
    await expect.poll(() => section().locator('.empty').count()).toBe(1);
    await page.evaluate(async (c) => chrome.storage.local.set({ corrections: c }), SEEDED);
    await expect.poll(() => section().locator('.corr-site').count()).toBe(2);
    expect(await section().locator('.empty').count()).toBe(0);
  });
});

describe('corrections in the settings file', () => {
  it('exports them with the settings, imports them into another device with the confirmation saying so, and Undo import takes them away', async () => {
    const [dl] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('button', { name: 'Export settings…' }).click(),
    ]);
    const text = readFileSync(await dl.path(), 'utf8');
    const file = JSON.parse(text);
    expect(file.corrections).toEqual(SEEDED);
    expect(await page.locator('#save-status').textContent()).toMatch(/^Exported your settings and 3 corrections as /);

    // Another device: one of the three already there, and a custom setting, so that the import changes both.
    await openWith({ version: 1, items: [NOT_HERE] });
    const name = 'from-laptop.json';
    await page
      .getByLabel('Import settings…')
      .setInputFiles({ name, mimeType: 'application/json', buffer: Buffer.from(text) });
    const dialog = page.getByRole('dialog', { name: `Import the settings in ${name}?` });
    await dialog.waitFor();
    expect(await dialog.locator('#import-changes li').allTextContents()).toEqual([
      'Corrections: adds 2 (the file holds 3; one already on this device is kept once)',
    ]);
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(async () => (await storedCorrections())?.items).toEqual([NOT_HERE, SURFACE, MARK]);
    await expect.poll(() => section().locator('li.corr').count()).toBe(3);

    await page.locator('#undo-bar').getByRole('button', { name: 'Undo import' }).click();
    await expect.poll(async () => (await storedCorrections())?.items).toEqual([NOT_HERE]);
    await expect.poll(() => section().locator('li.corr').count()).toBe(1);
  });

  it('refuses a file with a bad correction whole, naming it by its path; nothing changes', async () => {
    const bad = JSON.stringify({
      format: 'partnership-lens-settings',
      version: SETTINGS_VERSION,
      settings: { ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, firstOnly: true } },
      corrections: { version: 1, items: [MARK, { ...SURFACE, end: 40 }] },
    });
    await page
      .getByLabel('Import settings…')
      .setInputFiles({ name: 'bad.json', mimeType: 'application/json', buffer: Buffer.from(bad) });
    const errors = page.locator('#import-errors');
    await errors.waitFor();
    expect(await errors.locator('li').allTextContents()).toEqual([
      'corrections.items.1: start and end must be the span of text in sentence',
    ]);
    expect(await page.getByRole('dialog').count()).toBe(0);
    expect((await storedCorrections())?.items).toEqual(SEEDED.items);
    expect(await page.evaluate(async () => (await chrome.storage.sync.get('settings')).settings)).toBeUndefined();
  });
});
