/**
 * Hostile settings files in real Chromium (issue 11): importing one on the
 * options page keeps every setting and shows a short, clear message; an
 * import asks first and can be undone; a reader's alias that cannot be
 * compiled never stops a page detecting the built-in names. The files are
 * tests/fixtures/hostile/settings, and generated here where they are huge.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PageMention } from '../../src/messages';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../src/settings/schema';
import { launchChromium, ROOT, sendToTab, startServer, type Launched, type StaticServer } from './harness';

/** The extension API inside page.evaluate callbacks (they run in the extension page, not here). */
declare const chrome: any;

const HOSTILE = join(ROOT, 'tests/fixtures/hostile/settings');

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile aliases</title></head><body>
<p>Xiaomi met Microsoft. Some call the Beijing company Redstar Labs.</p>
</body></html>`;

const fileOf = (settings: unknown) =>
  JSON.stringify({ format: 'partnership-lens-settings', version: SETTINGS_VERSION, settings });

let browser: Launched;
let server: StaticServer;
let page: Page;

beforeAll(async () => {
  [browser, server] = await Promise.all([launchChromium(), startServer()]);
  server.add('/hostile-aliases.html', ARTICLE, 'text/html; charset=utf-8');
  page = await browser.context.newPage();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

const optionsUrl = () => `chrome-extension://${browser.extensionId}/options.html`;

function storageDump() {
  return page.evaluate(async () => ({
    sync: await chrome.storage.sync.get(null),
    local: await chrome.storage.local.get(null),
  }));
}

async function storedSettings(): Promise<Settings> {
  const { sync, local } = await storageDump();
  return (sync.settingsLocation ? local.settings : sync.settings) ?? DEFAULT_SETTINGS;
}

async function importFile(name: string, buffer: Buffer) {
  await page.getByLabel('Import settings…').setInputFiles({ name, mimeType: 'application/json', buffer });
}

describe('options page: hostile settings files', () => {
  beforeEach(async () => {
    await page.goto(optionsUrl());
    await page.evaluate(async () => {
      await chrome.storage.sync.clear();
      await chrome.storage.local.clear();
    });
    await page.goto(optionsUrl());
    await page.getByRole('heading', { name: 'What is highlighted' }).waitFor();
  });

  const HOSTILE_FILES: { name: string; bytes: () => Buffer; says: string }[] = [
    {
      name: 'proto-alias.json',
      bytes: () => readFileSync(join(HOSTILE, 'proto-alias.json')),
      says: 'detection.extraAliases.__proto__: “__proto__” cannot be a key in a settings file',
    },
    {
      name: 'constructor-prototype.json',
      bytes: () => readFileSync(join(HOSTILE, 'constructor-prototype.json')),
      says: 'sites.constructor: “constructor” cannot be a key in a settings file',
    },
    {
      name: 'latin1.json',
      bytes: () => readFileSync(join(HOSTILE, 'latin1.json')),
      says: 'the file is not UTF-8 text (byte 569 is not valid UTF-8)',
    },
    {
      name: 'nested-format.json',
      bytes: () =>
        Buffer.from(`{"format": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "version": 2, "settings": {}}`),
      says: 'format: must be "partnership-lens-settings", not a list of 1',
    },
    {
      name: 'long-alias.json',
      bytes: () =>
        Buffer.from(
          fileOf({
            ...DEFAULT_SETTINGS,
            detection: { mode: 'context', extraAliases: { xiaomi: ['x'.repeat(100_000)] } },
          }),
        ),
      says: 'detection.extraAliases.xiaomi.0: an alias is at most 80 characters; this one has 100,000',
    },
    {
      name: 'many-aliases.json',
      bytes: () =>
        Buffer.from(
          fileOf({
            ...DEFAULT_SETTINGS,
            detection: {
              mode: 'context',
              extraAliases: { xiaomi: Array.from({ length: 10_000 }, (_, i) => `Codename ${i}`) },
            },
          }),
        ),
      says: 'detection.extraAliases: at most 500 aliases in all; these settings have 10,000',
    },
  ];

  it('refuses each with a short message naming where it is wrong, and keeps every setting', async () => {
    await page.getByRole('switch', { name: 'Bing', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).disabledEntities).toEqual(['bing']);
    // The background copies the settings for pages (local:pageSettings) a moment after they change: wait for that
    // copy too, or it would land after the snapshot below and look like a change the import made.
    await expect.poll(async () => (await storageDump()).local.pageSettings?.disabledEntities).toEqual(['bing']);
    const before = await storageDump();
    const box = page.locator('#import-errors');
    for (const file of HOSTILE_FILES) {
      await importFile(file.name, file.bytes());
      await expect.poll(() => box.textContent(), { timeout: 15_000 }).toContain(`${file.name} was not imported`);
      const text = (await box.textContent()) ?? '';
      expect(text, file.name).toContain(file.says);
      expect(text.length, file.name).toBeLessThan(400);
      await expect
        .poll(() => page.locator('#save-error').textContent())
        .toBe(`${file.name} was not imported; nothing changed.`);
    }
    expect(await storageDump()).toEqual(before);
    expect(await page.getByRole('switch', { name: 'Bing', exact: true }).isChecked()).toBe(false);
  });

  it('asks before importing, listing what changes; Cancel keeps everything; Undo brings the previous settings back', async () => {
    await page.getByRole('switch', { name: 'Bing', exact: true }).click();
    await expect.poll(async () => (await storedSettings()).disabledEntities).toEqual(['bing']);
    const before = await storedSettings();
    const imported: Settings = {
      ...DEFAULT_SETTINGS,
      style: { ...DEFAULT_SETTINGS.style, mark: 'background' },
      detection: { mode: 'context', extraAliases: { xiaomi: ['a------------b', 'Redstar Labs'] } },
    };
    const dialog = page.getByRole('dialog', { name: 'Import the settings in team.json?' });

    await importFile('team.json', Buffer.from(fileOf(imported)));
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('li').allTextContents()).toEqual([
      'Switched on: Bing',
      'Mark mentions with: Underline → Tinted background',
      'Your aliases for Xiaomi: adds “a------------b”, “Redstar Labs”',
    ]);
    // Focus starts on the safe choice, as for Reset.
    expect(await page.evaluate(() => document.activeElement?.textContent?.trim())).toBe('Cancel');
    await page.keyboard.press('Escape');
    await expect.poll(() => dialog.isVisible()).toBe(false);
    expect(await storedSettings()).toEqual(before);

    await importFile('team.json', Buffer.from(fileOf(imported)));
    await dialog.getByRole('button', { name: 'Import' }).click();
    await expect.poll(() => storedSettings()).toEqual(imported);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('Imported team.json. Saved.');
    const undo = page.getByRole('button', { name: 'Undo import' });
    await expect.poll(() => undo.isVisible()).toBe(true);
    expect(await page.locator('#undo-bar').textContent()).toContain('Imported team.json.');

    await undo.click();
    await expect.poll(() => storedSettings()).toEqual(before);
    await expect.poll(() => page.locator('#save-status').textContent()).toBe('Your previous settings are back. Saved.');
    await expect.poll(() => undo.count()).toBe(0);
    await expect.poll(() => page.getByRole('switch', { name: 'Bing', exact: true }).isChecked()).toBe(false);
  });

  it('a file holding the settings already in place changes nothing and says so', async () => {
    await importFile('same.json', Buffer.from(fileOf(DEFAULT_SETTINGS)));
    await expect
      .poll(() => page.locator('#save-status').textContent())
      .toBe('same.json holds the settings you already have: nothing to change.');
    expect(await page.getByRole('dialog').count()).toBe(0);
  });

  async function resetAll() {
    await page.getByRole('button', { name: 'Reset to defaults…' }).click();
    await page
      .getByRole('dialog', { name: 'Reset every setting?' })
      .getByRole('button', { name: 'Reset to defaults' })
      .click();
  }

  it('Reset can be undone too, until another change', async () => {
    await page.getByRole('radio', { name: 'Plain name matching' }).check();
    await expect.poll(async () => (await storedSettings()).detection.mode).toBe('plain');
    await resetAll();
    await expect.poll(async () => (await storedSettings()).detection.mode).toBe('context');
    await page.getByRole('button', { name: 'Undo reset' }).click();
    await expect.poll(async () => (await storedSettings()).detection.mode).toBe('plain');

    // Once something else changes, the offer goes: Undo would also take that change back.
    await resetAll();
    await expect.poll(() => page.getByRole('button', { name: 'Undo reset' }).count()).toBe(1);
    await page.getByRole('switch', { name: 'Cortana', exact: true }).click();
    await expect.poll(() => page.getByRole('button', { name: 'Undo reset' }).count()).toBe(0);
  });
});

describe('a page with a broken alias keeps detecting the built-in names', () => {
  const articleUrl = () => server.url('/hostile-aliases.html');
  const entities = async () =>
    (await sendToTab<{ mentions: PageMention[] }>(browser, articleUrl(), { type: 'getMentions' })).mentions.map(
      (m) => `${m.entity}:${m.text}`,
    );
  let article: Page;

  beforeAll(async () => {
    article = await browser.context.newPage();
  });
  afterAll(() => article.close());

  /** Settings with a 100,000-character alias beside a usable one. */
  const withLongAlias = (usable: string): Settings => ({
    ...DEFAULT_SETTINGS,
    detection: { mode: 'context', extraAliases: { xiaomi: ['x'.repeat(100_000), usable] } },
  });

  /** Opens the article and waits for its mentions, the built-in names and the usable alias. */
  async function expectMentionsWith(usable: string) {
    await article.goto(articleUrl());
    await expect
      .poll(entities, { timeout: 15_000 })
      .toEqual(['xiaomi:Xiaomi', 'microsoft:Microsoft', `xiaomi:${usable}`]);
  }

  it('stored settings with a 100,000-character alias: the alias is left out, the others and the built-in names work', async () => {
    // Too large for sync storage: where the store keeps such settings, this device's local storage.
    await browser.serviceWorker.evaluate(async (settings) => {
      await chrome.storage.local.set({ settings });
      await chrome.storage.sync.set({ settingsLocation: { location: 'local', bytes: 100_000 } });
    }, withLongAlias('Redstar Labs'));
    await expectMentionsWith('Redstar Labs');
    // The options page says which stored setting could not be read.
    const options = await browser.context.newPage();
    await options.goto(optionsUrl());
    await expect
      .poll(() => options.locator('.notice').allTextContents())
      .toContainEqual(expect.stringContaining('detection.extraAliases.xiaomi.0'));
    await options.close();
  });

  it('a page given such an alias directly (the page layer’s own copy of the settings) detects with the stored settings, built-in names included', async () => {
    // The page layer reads its copy for styles and switches only: names are found by the background (the sieve
    // and findMentions are built from the background's own, checked settings), so the page keeps the stored
    // settings' aliases (the test above's) and never takes one from its copy.
    // After the background's own first copy, which would replace this one.
    await expect
      .poll(() =>
        browser.serviceWorker.evaluate(async () => !!(await chrome.storage.local.get('pageSettings')).pageSettings),
      )
      .toBe(true);
    await browser.serviceWorker.evaluate(async (settings) => {
      await chrome.storage.local.set({ pageSettings: settings });
    }, withLongAlias('Beijing company'));
    await expectMentionsWith('Redstar Labs');
  });
});

describe('in Chinese', () => {
  let zh: Launched;
  beforeAll(async () => {
    zh = await launchChromium({ lang: 'zh-CN' });
  });
  afterAll(() => zh?.close());

  it('the import confirmation, its list and Undo are in the interface language', async () => {
    const p = await zh.context.newPage();
    await p.goto(`chrome-extension://${zh.extensionId}/options.html`);
    await p.locator('#import-file').waitFor({ state: 'attached' });
    await p.locator('#import-file').setInputFiles({
      name: 'team.json',
      mimeType: 'application/json',
      buffer: Buffer.from(fileOf({ ...DEFAULT_SETTINGS, disabledKinds: ['product'] })),
    });
    const dialog = p.getByRole('dialog', { name: '导入 team.json 中的设置？' });
    await expect.poll(() => dialog.isVisible()).toBe(true);
    expect(await dialog.locator('li').allTextContents()).toEqual(['关闭：产品']);
    await dialog.getByRole('button', { name: '导入', exact: true }).click();
    const undo = p.getByRole('button', { name: '撤销导入' });
    await expect.poll(() => undo.isVisible()).toBe(true);
    await undo.click();
    await expect.poll(() => p.locator('#save-status').textContent()).toContain('已恢复之前的设置。');
  });
});
