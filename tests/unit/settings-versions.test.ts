/**
 * Settings of every released version load (issue 14): each fixture in
 * tests/fixtures/settings/ (a settings file as that version exported it) is
 * read through import, and through the real store on a fake browser: stored
 * in sync storage (and in this device's local storage, where settings too
 * large to sync live) with the version @wxt-dev/storage records beside it, as
 * that version left them. Today's build must read exactly the expected
 * settings, report no problem, and record the current version.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { SETTINGS_MIGRATIONS } from '../../src/settings/migrations';
import { SETTINGS_VERSION } from '../../src/settings/schema';
import { importSettings } from '../../src/settings/transfer';

vi.mock('@wxt-dev/browser', async () => ({ browser: (await import('wxt/testing/fake-browser')).fakeBrowser }));

const DIR = join(import.meta.dirname, '../fixtures/settings');
const fixtures = readdirSync(DIR)
  .filter((f) => /^v\d+-.*(?<!\.expected)\.json$/.test(f))
  .map((name) => {
    const file = JSON.parse(readFileSync(join(DIR, name), 'utf8')) as { version: number; settings: unknown };
    const expected: unknown = JSON.parse(readFileSync(join(DIR, name.replace(/\.json$/, '.expected.json')), 'utf8'));
    return { name, text: readFileSync(join(DIR, name), 'utf8'), file, expected };
  });

/** A fresh copy of the real store module: @wxt-dev/storage migrates when the item is defined. */
async function freshStore() {
  vi.resetModules();
  return import('../../src/settings/store');
}

beforeEach(() => fakeBrowser.reset());

describe('settings of every released version load', () => {
  it('has fixtures of every version from 1 to the current one', () => {
    const versions = new Set(fixtures.map((f) => f.file.version));
    for (let version = 1; version <= SETTINGS_VERSION; version++)
      expect(versions.has(version), `v${version}`).toBe(true);
    // …and a migration for every change of version.
    for (let version = 2; version <= SETTINGS_VERSION; version++)
      expect(SETTINGS_MIGRATIONS[version]).toBeTypeOf('function');
  });

  for (const { name, text, file, expected } of fixtures) {
    it(`${name}: imported`, () => {
      expect(importSettings(text)).toEqual({ ok: true, settings: expected, fromVersion: file.version });
    });

    it(`${name}: stored in sync storage by version ${file.version}`, async () => {
      await fakeBrowser.storage.sync.set({ settings: file.settings, settings$: { v: file.version } });
      const store = await freshStore();
      const state = await store.getSettingsState();
      expect(state).toMatchObject({ settings: expected, storedProblem: null, location: 'sync' });
      // The migrated value is written back once, with the version it now has.
      expect(await fakeBrowser.storage.sync.get(['settings', 'settings$'])).toEqual({
        settings: expected,
        settings$: { v: SETTINGS_VERSION },
      });
    });

    it(`${name}: stored on this device (too large to sync) by version ${file.version}`, async () => {
      await fakeBrowser.storage.sync.set({ settingsLocation: { location: 'local', bytes: 9000 } });
      await fakeBrowser.storage.local.set({ settings: file.settings, settings$: { v: file.version } });
      const store = await freshStore();
      expect(await store.getSettingsState()).toMatchObject({
        settings: expected,
        storedProblem: null,
        location: 'local',
      });
    });
  }

  it('a version-1 value stored without the version record (as @wxt-dev/storage reads it: version 1) loads too', async () => {
    const v1 = fixtures.find((f) => f.name === 'v1-customised.json')!;
    await fakeBrowser.storage.sync.set({ settings: v1.file.settings });
    const store = await freshStore();
    expect((await store.getSettingsState()).settings).toEqual(v1.expected);
  });
});
