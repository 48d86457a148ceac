/**
 * The settings in extension storage. Every reader and writer goes through
 * here so that versioning, migrations and the sync-quota fallback apply
 * everywhere: callers see one Settings value and never care where it lives.
 *
 * Layout: `sync:settings` holds the settings while they fit sync storage's
 * per-item quota (8 KB). Larger settings (hundreds of extra aliases) go to
 * `local:settings` on this device, and `sync:settingsLocation` records that
 * they did (see store-core.ts).
 */
// The module '#imports' re-exports; imported directly so that Node tests can load the real store (on a fake browser).
import { storage } from 'wxt/utils/storage';
import { SETTINGS_MIGRATIONS } from './migrations';
import { DEFAULT_SETTINGS, SETTINGS_VERSION, type Settings } from './schema';
import { SettingsStore, type LocalMarker, type SettingsLocation, type SettingsState } from './store-core';

export type { SettingsLocation, SettingsState } from './store-core';

/** The synced copy. Prefer getSettings(): it also knows about the local copy. */
export const settingsItem = storage.defineItem<Settings>('sync:settings', {
  fallback: DEFAULT_SETTINGS,
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

/** This device's copy, used only while `settingsLocationItem` says so. */
export const localSettingsItem = storage.defineItem<Settings>('local:settings', {
  version: SETTINGS_VERSION,
  migrations: SETTINGS_MIGRATIONS,
});

export const settingsLocationItem = storage.defineItem<LocalMarker>('sync:settingsLocation');

const store = new SettingsStore({ sync: settingsItem, local: localSettingsItem, marker: settingsLocationItem });

export function getSettings(): Promise<Settings> {
  return store.get();
}

/** Saves the settings; resolves to where they went ('local' when too large to sync). Rejects invalid settings. */
export function setSettings(next: Settings): Promise<SettingsLocation> {
  return store.set(next);
}

/** Calls `cb` with the new settings whenever any context changes them. */
export function watchSettings(cb: (s: Settings) => void): () => void {
  return store.watch(cb);
}

/** The settings with where they live and how large they are: for the options page. */
export function getSettingsState(): Promise<SettingsState> {
  return store.getState();
}

export function watchSettingsState(cb: (state: SettingsState) => void): () => void {
  return store.watchState(cb);
}
