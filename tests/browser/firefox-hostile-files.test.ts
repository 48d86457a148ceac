/**
 * Hostile settings files in Firefox ESR (issue 11), where file reading,
 * strict UTF-8 decoding and <dialog> are Firefox's own: a hostile file is
 * refused on the options page with a short message and every setting kept;
 * an import asks first and can be undone; stored settings with an alias that
 * cannot be compiled leave the page detecting the built-in names. One
 * Firefox for the file.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PageMention } from '../../src/messages';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from '../../src/settings/schema';
import {
  buildFirefoxExtension,
  firefoxMissingReason,
  launchFirefox,
  type FirefoxBuild,
  type FirefoxSession,
} from './firefox-harness';
import { ROOT } from './harness';

const missing = firefoxMissingReason();
if (missing) console.warn(`[firefox-hostile-files.test] skipped: ${missing}`);

const HOSTILE = join(ROOT, 'tests/fixtures/hostile/settings');

const ARTICLE = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Hostile aliases</title></head><body>
<p>Xiaomi met Microsoft. Some call the Beijing company Redstar Labs.</p>
</body></html>`;

/** The extension's `browser` inside page.evaluate callbacks on its own pages. */
interface Ext {
  browser: {
    storage: Record<
      'sync' | 'local',
      {
        get(k: string | null): Promise<Record<string, unknown>>;
        set(v: Record<string, unknown>): Promise<void>;
        clear(): Promise<void>;
      }
    >;
  };
}

const fileOf = (settings: unknown) =>
  JSON.stringify({ format: 'partnership-lens-settings', version: SETTINGS_VERSION, settings });

/** Polls `get` until `ok` holds, or fails after `limit` ms saying what it saw last. */
async function until<T>(limit: number, what: string, get: () => Promise<T>, ok: (v: T) => boolean): Promise<T> {
  const start = Date.now();
  let last: T | undefined;
  while (Date.now() - start < limit) {
    last = await get();
    if (ok(last)) return last;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${what}: not within ${limit} ms (last: ${JSON.stringify(last)?.slice(0, 300)})`);
}

describe.skipIf(missing)('Firefox ESR: hostile settings files', () => {
  let build: FirefoxBuild;
  let ff: FirefoxSession;
  let options: Page;
  let mark = 0;
  const dir = mkdtempSync(join(tmpdir(), 'lens-ff-hostile-'));

  beforeAll(async () => {
    build = await buildFirefoxExtension();
    ff = await launchFirefox({ extensionDir: build.dir, pages: { '/hostile-aliases.html': ARTICLE } });
  });
  afterAll(async () => {
    await ff?.close();
    build?.remove();
    rmSync(dir, { recursive: true, force: true });
  });

  beforeEach(async () => {
    mark = ff.log.mark();
    await ff.extensionCall(async () => {
      const { storage } = (globalThis as unknown as Ext).browser;
      await Promise.all([storage.sync.clear(), storage.local.clear()]);
    });
    options = await ff.openExtensionPage('options.html');
    await options.waitForSelector('#entity-bing', { timeout: 10_000 });
  });
  /** Warnings a test expects the extension to log (the stored-settings repair says what it reset). */
  let expectedWarning: RegExp | null = null;
  afterEach(async () => {
    await options?.close();
    // Nothing the extension ran during the test reported an error, or warned unexpectedly.
    expect(ff.extensionErrors(mark).filter((line) => !expectedWarning?.test(line))).toEqual([]);
    expectedWarning = null;
  });

  const storageDump = () =>
    options.evaluate(async () => {
      const { storage } = (globalThis as unknown as Ext).browser;
      return { sync: await storage.sync.get(null), local: await storage.local.get(null) };
    });
  const storedSettings = async () => {
    const { sync, local } = await storageDump();
    return ((sync.settingsLocation ? local.settings : sync.settings) ?? DEFAULT_SETTINGS) as Settings;
  };

  async function importFile(name: string, bytes: Buffer) {
    const file = join(dir, name);
    writeFileSync(file, bytes);
    const input = (await options.$('#import-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(file);
  }

  /** Clicks the button with this text inside the open dialog. */
  const clickInDialog = (text: string) =>
    options.evaluate((t) => {
      const button = [...document.querySelectorAll('dialog[open] button')].find((b) => b.textContent?.trim() === t);
      if (!button) throw new Error(`no "${t}" button in an open dialog`);
      (button as HTMLButtonElement).click();
    }, text);

  it('refuses hostile files with a short message naming where each is wrong, and keeps every setting', async () => {
    await options.click('#entity-bing');
    await until(5000, 'Bing off in storage', storedSettings, (s) => s.disabledEntities.includes('bing'));
    // The background copies the settings for pages (local:pageSettings) a moment after they change: wait for that
    // copy too, or it would land after the snapshot below and look like a change the import made.
    await until(
      5000,
      'the pages’ copy of the settings',
      () => storageDump(),
      (d) => JSON.stringify((d.local.pageSettings as Settings | undefined)?.disabledEntities) === '["bing"]',
    );
    const before = await storageDump();
    const files: [string, Buffer, string][] = [
      [
        'latin1.json',
        readFileSync(join(HOSTILE, 'latin1.json')),
        'the file is not UTF-8 text (byte 569 is not valid UTF-8)',
      ],
      [
        'proto-alias.json',
        readFileSync(join(HOSTILE, 'proto-alias.json')),
        'detection.extraAliases.__proto__: “__proto__” cannot be a key in a settings file',
      ],
      [
        'nested-format.json',
        Buffer.from(`{"format": ${'['.repeat(100_000)}${']'.repeat(100_000)}, "version": 2, "settings": {}}`),
        'format: must be "partnership-lens-settings", not a list of 1',
      ],
    ];
    for (const [name, bytes, says] of files) {
      await importFile(name, bytes);
      const text = await until(
        10_000,
        `the errors for ${name}`,
        () => options.evaluate(() => document.querySelector('#import-errors')?.textContent ?? ''),
        (t) => t.includes(`${name} was not imported`),
      );
      expect(text).toContain(says);
      expect(text.length).toBeLessThan(400);
    }
    expect(await storageDump()).toEqual(before);
  });

  it('asks before importing, and Undo brings the previous settings back', async () => {
    await options.click('#entity-bing');
    await until(5000, 'Bing off in storage', storedSettings, (s) => s.disabledEntities.includes('bing'));
    const before = await storedSettings();
    const imported: Settings = { ...DEFAULT_SETTINGS, style: { ...DEFAULT_SETTINGS.style, mark: 'outline' } };
    await importFile('team.json', Buffer.from(fileOf(imported)));
    const lines = await until(
      10_000,
      'the confirmation',
      () => options.evaluate(() => [...document.querySelectorAll('dialog[open] li')].map((li) => li.textContent)),
      (l) => l.length > 0,
    );
    expect(lines).toEqual(['Switched on: Bing', 'Mark mentions with: Underline → Outline']);
    // Nothing changes until the reader says so.
    expect(await storedSettings()).toEqual(before);
    await clickInDialog('Import');
    await until(5000, 'the imported settings', storedSettings, (s) => JSON.stringify(s) === JSON.stringify(imported));
    await until(
      5000,
      'the Undo button',
      () => options.evaluate(() => document.querySelector('#undo-bar button')?.textContent ?? ''),
      (t) => t === 'Undo import',
    );
    await options.click('#undo-bar button');
    await until(5000, 'the previous settings', storedSettings, (s) => JSON.stringify(s) === JSON.stringify(before));
  });

  it('stored settings with a 100,000-character alias leave the page detecting the built-in names and the other aliases', async () => {
    await ff.extensionCall(
      async (settings: unknown) => {
        const { storage } = (globalThis as unknown as Ext).browser;
        // Too large for sync: where the store keeps such settings.
        await storage.local.set({ settings });
        await storage.sync.set({ settingsLocation: { location: 'local', bytes: 100_000 } });
      },
      {
        ...DEFAULT_SETTINGS,
        detection: { mode: 'context', extraAliases: { xiaomi: ['x'.repeat(100_000), 'Redstar Labs'] } },
      },
    );
    expectedWarning =
      /^console\.warn: "\[Partnership Lens\] stored settings repaired: detection\.extraAliases\.xiaomi\.0 reset/;
    const article = await ff.openPage('/hostile-aliases.html');
    const found = await until(
      15_000,
      'the mentions',
      async () => {
        try {
          const r = (await ff.sendToTab('/hostile-aliases.html', { type: 'getMentions' })) as {
            mentions: PageMention[];
          };
          return r.mentions.map((m) => `${m.entity}:${m.text}`);
        } catch {
          return [];
        }
      },
      (m) => m.length === 3,
    );
    expect(found).toEqual(['xiaomi:Xiaomi', 'microsoft:Microsoft', 'xiaomi:Redstar Labs']);
    await article.close();
  });
});
